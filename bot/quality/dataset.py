"""The labelled texts of ``alertbot eval``: what each must be tagged with, and how serious it is.

A row is one update as the bot would match it: a title and a text. Rows come in two kinds:

- written rows carry their ``title`` and ``text`` (the project's own words);
- corpus rows carry only a ``ref`` ("real/guardian-uk-rss2.xml#<entry key>") into the shared
  corpus of real feeds, which is never copied into the project. The text is what a new entry of
  that feed becomes as an update (its title and lead), read with the bot's own parser, so the
  figures measure what a channel would really be sent.

Files are JSON Lines; tests/data/quality/README.md says how the labels were decided.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bot.model import Severity
from bot.pipeline.parse import ParseError, read_feed
from bot.pipeline.updates import decide

#: where the shared corpus sits beside a checkout (CI and maintainers have it)
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
#: the project's own labelled set (a checkout's tests/data/quality)
DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "quality"
#: one row in this many (by a hash of its id, so never by choice) belongs to the test split
TEST_SHARE = 4
#: every key a row may have (tests/data/quality/README.md); any other is a typo
KEYS = frozenset(
    {"id", "ref", "title", "text", "lang", "countries", "not", "may", "severity", "note"}
)


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    title: str
    text: str
    #: the text's language, ISO 639-1 ("en", "sr"…), as a source would declare it
    language: str
    #: the countries (ISO 3166-1 alpha-2) the text concerns: each must be tagged
    countries: frozenset[str]
    #: countries a name in the text could be mistaken for: none may be tagged
    not_countries: frozenset[str]
    severity: Severity
    #: countries that may be tagged or not without counting against the matcher
    may: frozenset[str] = field(default_factory=frozenset)
    note: str = ""

    @property
    def split(self) -> str:
        digest = hashlib.blake2s(self.id.encode(), digest_size=4).digest()
        return "test" if int.from_bytes(digest) % TEST_SHARE == 0 else "dev"


class DatasetError(Exception):
    """A row that cannot be read; the message names the file, line and key."""


def corpus_dir() -> Path:
    """``ALERTBOT_CORPUS`` if set, else ``../shared/corpus`` beside the checkout."""
    return Path(os.environ.get("ALERTBOT_CORPUS", DEFAULT_CORPUS))


def load(paths: Sequence[Path], corpus: Path | None = None) -> tuple[list[Row], list[str]]:
    """Every row of ``paths``, and one line per row skipped because the corpus is absent."""
    corpus = corpus_dir() if corpus is None else corpus
    rows: list[Row] = []
    skipped: list[str] = []
    #: id → where it was first used
    seen: dict[str, str] = {}
    for path in paths:
        for number, raw in _lines(path):
            where = f"{path}:{number}"
            # before the row is read, so that a corpus row skipped for want of the corpus
            # still claims its id
            row_id = _str(raw, "id", where)
            if row_id in seen:
                raise DatasetError(
                    f"{where}: id {row_id!r} is used twice (first at {seen[row_id]})"
                )
            seen[row_id] = where
            row = _row(raw, where, corpus, skipped)
            if row is not None:
                rows.append(row)
    return rows, skipped


def dataset_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def _lines(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DatasetError(f"{path}: {e.strerror}") from e
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            raise DatasetError(f"{path}:{number}: not JSON: {e.msg}") from e
        if not isinstance(value, dict):
            raise DatasetError(f"{path}:{number}: a row is a JSON object")
        yield number, value


def _row(raw: dict[str, object], where: str, corpus: Path, skipped: list[str]) -> Row | None:
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        known = ", ".join(sorted(KEYS))
        raise DatasetError(f"{where}: unknown key {unknown[0]!r} (a row has {known})")
    row_id = _str(raw, "id", where)
    if "ref" in raw:
        if "title" in raw or "text" in raw:
            raise DatasetError(f"{where}: a row has a ref or a title and text, not both")
        ref = _str(raw, "ref", where)
        found = corpus_update(corpus, ref)
        if found is None:
            if not corpus.is_dir():
                skipped.append(f"{where}: {row_id}: the corpus is not at {corpus}")
                return None
            raise DatasetError(f"{where}: ref {ref!r} names no entry of the corpus")
        title, text = found
    else:
        title, text = _str(raw, "title", where, ""), _str(raw, "text", where, "")
        if not (title or text):
            raise DatasetError(f"{where}: a row needs a ref, or a title or text")
    level = _str(raw, "severity", where)
    try:
        severity = Severity.parse(level)
    except ValueError:
        raise DatasetError(f"{where}: severity {level!r} is not critical/high/medium/low") from None
    return Row(
        id=row_id,
        title=title,
        text=text,
        language=_str(raw, "lang", where),
        countries=_codes(raw, "countries", where),
        not_countries=_codes(raw, "not", where),
        may=_codes(raw, "may", where),
        severity=severity,
        note=_str(raw, "note", where, ""),
    )


def _str(raw: dict[str, object], key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise DatasetError(f"{where}: {key!r} must be a string")
    return value


def _codes(raw: dict[str, object], key: str, where: str) -> frozenset[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(c, str) and len(c) == 2 and c.isupper() for c in value
    ):
        raise DatasetError(f"{where}: {key!r} must be a list of ISO 3166-1 alpha-2 codes")
    return frozenset(value)


def corpus_update(corpus: Path, ref: str) -> tuple[str, str] | None:
    """The title and text of the new-entry update that ``ref`` names, or None."""
    name, _, key = ref.partition("#")
    return _corpus_feed(corpus / name).get(key)


@cache
def _corpus_feed(path: Path) -> dict[str, tuple[str, str]]:
    """Entry key → (title, text) of the update each new entry of the file becomes."""
    try:
        feed = read_feed(path.read_bytes()).parsed()
    except (OSError, ParseError):
        return {}
    out: dict[str, tuple[str, str]] = {}
    for entry in feed.entries:
        for update in decide(None, entry).updates[:1]:
            out[entry.key] = (update.title, update.text)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bot.quality.dataset FILE…``: each entry's ref, title and text, as JSON lines,
    for whoever labels the corpus."""
    import sys

    corpus = corpus_dir().resolve()
    for name in argv if argv is not None else sys.argv[1:]:
        path = corpus / name
        for key, (title, text) in _corpus_feed(path).items():
            ref = f"{path.relative_to(corpus)}#{key}"
            print(json.dumps({"ref": ref, "title": title, "text": text}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
