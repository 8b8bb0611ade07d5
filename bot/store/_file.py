"""The database file as the operating system sees it: who holds it, and whether it is still there.

SQLite lets any number of processes write one file, each waiting its turn. Two bots on one
database would each build batches from the same outbox rows and both post them, so the first
`alertbot run` (or `poll --once`) takes an exclusive ``flock`` on a sidecar file, ``<db>.lock``,
for as long as it has the database open. The flock, not the file, is the lock: the kernel drops
it when the process ends however it ends (SIGKILL included), so a file left behind by a crash
never blocks a restart. The file's text (pid, host, since when) is only there to name the holder
when a second process is refused.

A database that is deleted, moved away or swapped for another file (``mv other.db alertbot.db``)
while the bot runs leaves the bot writing to a file nobody will open again. ``FileIdentity``
records which file (device and inode) was opened so that the bot can notice and stop.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.store._base import StoreError


class DatabaseHeld(StoreError):
    """Another process holds the database's lock."""


class DatabaseMissing(StoreError):
    """There is no database file at the path, and the caller did not ask to create one."""


class DatabaseReplaced(StoreError):
    """The file at the database's path is no longer the one this process opened."""


def require_database(db: Path) -> None:
    """Raise DatabaseMissing when there is no file at ``db``."""
    if not db.exists():
        raise DatabaseMissing(f"there is no database at {db}")


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """Which file a path named when it was opened: a rename or a new file changes the inode."""

    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity:
        found = os.stat(path)
        return cls(found.st_dev, found.st_ino)

    @classmethod
    def of_fd(cls, fd: int) -> FileIdentity:
        found = os.fstat(fd)
        return cls(found.st_dev, found.st_ino)


def check_identity(path: Path, opened: FileIdentity, what: str = "the database") -> None:
    """Raise DatabaseReplaced if ``path`` is gone or names another file than ``opened``."""
    try:
        now = FileIdentity.of(path)
    except FileNotFoundError:
        raise DatabaseReplaced(f"{what} {path} was deleted or moved away while in use") from None
    except OSError as e:
        raise DatabaseReplaced(f"{what} {path} cannot be checked: {e.strerror}") from e
    if now != opened:
        raise DatabaseReplaced(f"{what} {path} was replaced by another file while in use")


class DatabaseLock:
    """An exclusive flock on ``<db>.lock``, held until ``release`` (or the process ends)."""

    def __init__(self, db: Path, fd: int) -> None:
        self.db = db
        self.path = lock_path(db)
        self._fd: int | None = fd
        self.identity = FileIdentity.of_fd(fd)

    @classmethod
    def acquire(cls, db: Path, *, now: datetime) -> DatabaseLock:
        """Take the lock, or raise DatabaseHeld naming the holder; never waits."""
        path = lock_path(db)
        # Retried because the file may be deleted between our open and our flock: the flock
        # would then hold an inode nobody else can find, and a second process would lock anew.
        for _ in range(3):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as e:
                raise StoreError(f"cannot create the lock file {path}: {e.strerror}") from e
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise DatabaseHeld(
                    f"the database {db} is in use by another alertbot ({holder}); "
                    "stop it first, one bot per database"
                ) from None
            except OSError as e:
                os.close(fd)
                raise StoreError(f"cannot lock {path}: {e.strerror}") from e
            try:
                same = FileIdentity.of(path) == FileIdentity.of_fd(fd)
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            _write_holder(fd, now)
            return cls(db, fd)
        raise StoreError(f"cannot lock {path}: it keeps disappearing")

    def check(self) -> None:
        """Raise DatabaseReplaced if the lock file was deleted or replaced: a second bot
        would then find no lock and start."""
        check_identity(self.path, self.identity, "the lock file")

    def release(self) -> None:
        """Let go; releasing twice is harmless. The file stays (see the module docstring)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # nobody holds it now; a stale text would mislead
            os.close(fd)  # closing drops the flock


def _write_holder(fd: int, now: datetime) -> None:
    text = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "since": now.isoformat(timespec="seconds")})
    with contextlib.suppress(OSError):  # the text is for people; the flock is what counts
        os.ftruncate(fd, 0)
        os.pwrite(fd, text.encode() + b"\n", 0)
        os.fsync(fd)


def _read_holder(fd: int) -> str:
    try:
        holder = json.loads(os.pread(fd, 4096, 0).decode())
        return f"pid {int(holder['pid'])} on {holder['host']}, since {holder['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        # The holder took the lock a moment ago and has not written its name yet.
        return "holder unknown"


@dataclass(frozen=True, slots=True)
class LockHolder:
    """The process holding a SQLite database's lock, as its lock file names it."""

    pid: int
    host: str
    since: datetime


def lock_holder(db: Path) -> LockHolder | None:
    """Who holds ``db``'s lock now (`alertbot status`), or None when no process does.

    Whether it is held is asked of the kernel with a shared lock tried without waiting and
    dropped at once, since a crashed bot leaves its text in the file: a bot starting in that
    very moment is refused as if another ran, and says so. None too when the holder has not
    written its name yet, or the file is unreadable.
    """
    try:
        fd = os.open(lock_path(db), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = json.loads(os.pread(fd, 4096, 0).decode())
            return LockHolder(int(holder["pid"]), str(holder["host"]),
                              datetime.fromisoformat(holder["since"]))
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    finally:
        os.close(fd)
