"""The PostgreSQL engine: psycopg 3's blocking connection, run on the store's own thread.

Why the blocking API rather than psycopg's async one: the store's code is synchronous functions
of a raw connection run on one thread (``_thread``), one trip per transaction, which is what
made SQLite fast; with the same shape, every query and every transaction is shared between the
engines, and only this module and the schema differ. The thread costs one hop per transaction,
as it does for SQLite.

PostgreSQL's text cannot hold NUL, which feeds do put in guids and titles (and SQLite keeps):
this connection writes every string with NUL escaped to private-use characters and reads every
text value back unescaped (``_NulFreeDumper``, ``_NulFreeLoader``), so a key comes back exactly
as it went in, and equal keys still compare equal in SQL.

The store writes ``?`` placeholders (``?1``, ``?2`` where one value is used twice); ``PgRaw``
rewrites each statement once into psycopg's ``%s`` and caches it. Rows answer by position and
by column name, as ``sqlite3.Row`` does.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import TransactionStatus
from psycopg.types.string import StrDumperUnknown, TextLoader

from bot.store._dialect import Cursor, Dialect, Raw
from bot.store._file import DatabaseHeld

#: seconds to wait for the server to answer a new connection
CONNECT_TIMEOUT_S = 10


class Row(tuple[Any, ...]):
    """A result row: ``row[0]`` or ``row["name"]``."""

    _index: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)


@functools.lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # a repeated name answers with its first column, as sqlite3's
    return type("Row", (Row,), {"_index": index})


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    names = tuple(c.name for c in cursor.description or ())
    cls = _row_class(names)
    return lambda values: cls(values)


#: NUL and the escape character itself, as written (U+E000 and U+E001 are private use: no
#: feed means anything by them, and escaping U+E000 too keeps the mapping reversible)
_ESCAPE, _NUL_AS, _ESCAPE_AS = "\ue000", "\ue000\ue001", "\ue000\ue000"


def escape_nul(text: str) -> str:
    if "\x00" not in text and _ESCAPE not in text:
        return text
    return text.replace(_ESCAPE, _ESCAPE_AS).replace("\x00", _NUL_AS)


def unescape_nul(text: str) -> str:
    if _ESCAPE not in text:
        return text
    out: list[str] = []
    i = 0
    while (j := text.find(_ESCAPE, i)) != -1 and j + 1 < len(text):
        out.append(text[i:j])
        out.append("\x00" if text[j + 1] == "\ue001" else _ESCAPE)
        i = j + 2
    out.append(text[i:])
    return "".join(out)


class _NulFreeDumper(StrDumperUnknown):
    def dump(self, obj: str) -> Any:
        return super().dump(escape_nul(obj))


class _NulFreeLoader(TextLoader):
    def load(self, data: Any) -> Any:
        value = super().load(data)
        return unescape_nul(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, tuple[int, ...] | None]:
    """``?`` placeholders → psycopg's ``%s`` (and ``%`` → ``%%``), outside quotes.

    Returns the statement and, for numbered placeholders (``?1``), the index of the parameter
    each ``%s`` takes; None when they are plain ``?`` in order.
    """
    out: list[str] = []
    order: list[int] = []
    numbered = False
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            end = sql.index(c, i + 1)
            while end + 1 < n and sql[end + 1] == c:  # '' inside a string is one quote
                end = sql.index(c, end + 2)
            out.append(sql[i:end + 1].replace("%", "%%"))
            i = end + 1
            continue
        if c == "?":
            j = i + 1
            while j < n and sql[j].isdigit():
                j += 1
            if j > i + 1:
                numbered = True
                order.append(int(sql[i + 1:j]) - 1)
            else:
                order.append(len(order))
            out.append("%s")
            i = j
            continue
        out.append("%%" if c == "%" else c)
        i += 1
    return "".join(out), tuple(order) if numbered else None


class PgRaw:
    """A psycopg connection that speaks the store's SQL (see the module docstring)."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    @property
    def dialect(self) -> Dialect:
        return POSTGRES

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        if not parameters:
            # Without parameters psycopg reads the text as it is (several statements allowed:
            # the migrations' scripts), so nothing is rewritten.
            return self._conn.execute(sql)
        text, order = translate(sql)
        values = list(parameters) if order is None else [parameters[k] for k in order]
        return self._conn.execute(text, values)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor:
        text, order = translate(sql)
        rows = (list(p) if order is None else [p[k] for k in order] for p in parameters)
        cursor = self._conn.cursor()
        cursor.executemany(text, rows)
        return cursor

    def close(self) -> None:
        # The server drops a session's locks (the bot lock) once it notices the session has
        # ended, a moment after the socket closes; let go first, so that a bot restarted at
        # once does not find its own lock still held.
        with contextlib.suppress(psycopg.Error):
            self._conn.execute("SELECT pg_advisory_unlock_all()")
        self._conn.close()


def connect(url: str, *, lock_timeout_ms: int, read_only: bool) -> PgRaw:
    """Connect to ``url``; on the store's thread. The store says BEGIN and COMMIT itself
    (autocommit, as sqlite3's isolation_level None)."""
    given = conninfo_to_dict(url)
    # The URL's own choices win (?connect_timeout=30, ?application_name=…).
    defaults: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S,
                                "application_name": "alertbot"}
    conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                           **{k: v for k, v in defaults.items() if k not in given})
    try:
        conn.adapters.register_dumper(str, _NulFreeDumper)
        conn.adapters.register_loader("text", _NulFreeLoader)
        # lock_timeout plays busy_timeout: a statement waiting longer for another session's
        # lock fails (and says "locked") instead of hanging the poll loop.
        conn.execute(f"SET lock_timeout = {int(lock_timeout_ms):d}")
        if read_only:
            conn.execute("SET default_transaction_read_only = on")
        else:
            # As SQLite's synchronous = NORMAL in WAL mode (bot.store.store): a commit is
            # durable across a crash of the bot's process once the server has it, without
            # waiting for the disk; a crash of the server or its host can lose the last
            # fraction of a second of commits (never corrupt them). Waiting for the disk at
            # every commit made the poll cycle 2-3 times SQLite's (docs/POSTGRESQL.md).
            conn.execute("SET synchronous_commit = off")
    except BaseException:
        conn.close()
        raise
    return PgRaw(conn)


def hold_bot_lock(raw: Raw, where: str) -> None:
    """One bot per database, as the SQLite file's flock (bot.store._file) makes it: a lock of
    this session, per schema, which PostgreSQL drops when the session ends however it ends
    (a killed bot's connection is closed by its kernel). Raises DatabaseHeld naming the
    holder's session; never waits."""
    [taken] = raw.execute(f"SELECT pg_try_advisory_lock({_BOT_LOCK})").fetchone()
    if taken:
        return
    holder = raw.execute(
        "SELECT a.pid, coalesce(host(a.client_addr), 'a local socket'),"
        " to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"
        " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        f" WHERE l.locktype = 'advisory' AND l.granted AND (l.classid, l.objid) ="
        f" (SELECT ({_BOT_LOCK_CLASS})::oid, ({_BOT_LOCK_OBJECT})::oid)"
    ).fetchone()
    who = "holder unknown" if holder is None else (
        f"PostgreSQL session {holder[0]} from {holder[1]}, since {holder[2]}")
    raise DatabaseHeld(f"the database {where} is in use by another alertbot ({who}); stop it "
                       "first, or set [database] processes = \"several\" in bot.toml "
                       "(docs/POSTGRESQL.md: Several processes)")


#: the bot lock's two keys: alertbot's, and the schema's (a deployment per schema)
_BOT_LOCK_CLASS = "hashtext('alertbot')"
_BOT_LOCK_OBJECT = "hashtext(current_schema())"
_BOT_LOCK = f"{_BOT_LOCK_CLASS}, {_BOT_LOCK_OBJECT}"


#: psycopg's error classes → what an operator should read
_PLAIN: tuple[tuple[type[Exception], str], ...] = (
    (pg_errors.ReadOnlySqlTransaction, "the database is read-only"),
    (pg_errors.LockNotAvailable, "the database is locked by another session for longer than "
                                 "the lock timeout"),
    (pg_errors.DiskFull, "the disk holding the database is full"),
    (pg_errors.InsufficientPrivilege, "the database user lacks a privilege"),
)


def plain_message(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    for cls, plain in _PLAIN:
        if isinstance(error, cls):
            return f"{plain} ({text})"
    if isinstance(error, psycopg.OperationalError) and error.sqlstate is None:
        # No SQLSTATE: the server never answered (refused, unknown host, lost connection).
        return f"cannot reach the PostgreSQL server: {text}"
    return f"database error: {text}"


def _run_script(raw: Raw, script: str) -> None:
    raw.execute(script)  # no parameters: psycopg sends the whole script as it is


#: the table that records the schema version (one row)
VERSION_TABLE = "alertbot_schema"


def schema_version(raw: Raw) -> int:
    """The schema version, 0 before the first migration. Inside a transaction this also takes
    a lock (per schema) that a second process migrating at once waits for."""
    raw.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
    [found] = raw.execute("SELECT to_regclass(?)", (VERSION_TABLE,)).fetchone()
    if found is None:
        return 0
    row = raw.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone()
    return 0 if row is None else int(row[0])


def _set_version(raw: Raw, version: int) -> None:
    raw.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version integer NOT NULL)")
    raw.execute(f"DELETE FROM {VERSION_TABLE}")
    raw.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES (?)", (version,))


def _columns(raw: Raw, table: str) -> list[str]:
    return [str(r[0]) for r in raw.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema ="
        " current_schema() AND table_name = ? AND is_generated = 'NEVER'"
        " ORDER BY ordinal_position", (table,))]


def _after_copy(raw: Raw, table: str) -> None:
    # The planner's statistics: autovacuum would gather them some time after the copy, and
    # until then it plans the fan-out's joins as if every table were empty (20 s instead of
    # 0.5 s for a poll cycle of bench.store_bench).
    raw.execute(f"ANALYZE {table}")
    # An identity column hands out its sequence's next value whatever ids were written.
    if "id" not in _columns(raw, table):
        return
    [sequence] = raw.execute("SELECT pg_get_serial_sequence(?, 'id')", (table,)).fetchone()
    if sequence is not None:
        raw.execute(f"SELECT setval(?, (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)",
                    (sequence,))


def _int_list(param: str) -> str:
    # The JSON list as an array literal ([1,2] -> {1,2}): the planner reads the length of an
    # array it is given and estimates unnest at it, where it guesses 100 rows for any
    # json_array_elements_text. With that guess, the fan-out of one update hash-joined the
    # whole updates table instead of reading its row (docs/POSTGRESQL.md: Measured).
    return f"SELECT unnest(CAST(translate({param}, '[]', '{{}}') AS bigint[]))"


def _text_list(param: str) -> str:
    return f"SELECT value FROM json_array_elements_text(CAST({param} AS json))"


POSTGRES = Dialect(
    name="postgresql",
    begin="BEGIN",
    begin_snapshot="BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    errors=(psycopg.Error,),
    plain=plain_message,
    int_list=_int_list,
    text_list=_text_list,
    # updates.search (migration 1): the words of title and text, case and diacritics folded
    # as SQLite's FTS5 folds them; websearch_to_tsquery reads fts_query's quoted phrases.
    search="u.search @@ websearch_to_tsquery('simple', fold_text(?))",
    claims=True,
    columns=_columns,
    after_copy=_after_copy,
    migrations="postgresql",
    version=schema_version,
    set_version=_set_version,
    run_script=_run_script,
)
