"""Reading a TOML file while collecting every problem in it, each with its key path.

A loader reads each value through a *check*: a function ``(checker, key, value)`` that returns
the value (perhaps cleaned up) or reports a problem and returns None. The loader then gets its
default back and goes on, so one pass reports every mistake in the file and the operator fixes
them all at once. Checks compose: a stricter one calls a looser one first.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from bot.problems import ConfigProblem

T = TypeVar("T")
D = TypeVar("D")
Table = dict[str, Any]
Check: TypeAlias = Callable[["Checker", str, Any], T | None]


class Checker:
    """Collects the :class:`ConfigProblem` of one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[ConfigProblem] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(ConfigProblem(self.file, key, message))

    def load(self, path: Path, *, required: bool = True) -> Table | None:
        """The parsed file, or None with one problem (none for an absent optional file)."""
        try:
            with path.open("rb") as f:
                return tomllib.load(f)
        except FileNotFoundError:
            if required:
                self.problem("", "file not found")
        except OSError as e:
            self.problem("", f"cannot be read: {e.strerror or e}")
        except tomllib.TOMLDecodeError as e:
            # tomllib puts "(at line L, column C)" in the message: the operator needs exactly that.
            self.problem("", f"is not valid TOML: {e}")
        except UnicodeDecodeError:
            self.problem("", "is not valid TOML: not UTF-8 text")
        return None

    def keys(self, table: Table, where: str, known: Collection[str]) -> None:
        """Report each key of ``table`` that is not in ``known``, listing those in their order."""
        for name in table:
            if name not in known:
                self.problem(join(where, name), f"unknown key; known keys here: {', '.join(known)}")

    def get(self, table: Table, where: str, name: str, check: Check[T], default: D) -> T | D:
        """``table[name]`` passed through ``check``; ``default`` when absent or wrong."""
        if name not in table:
            return default
        value = check(self, join(where, name), table[name])
        return default if value is None else value

    def require(self, table: Table, where: str, name: str, check: Check[T]) -> T | None:
        if name not in table:
            self.problem(join(where, name), "missing; this key is required")
            return None
        return check(self, join(where, name), table[name])

    def tables(self, parent: Table, where: str, name: str) -> list[tuple[str, Table]]:
        """An array of tables (``[[name]]``) as (key path, table) pairs; bad items are left out."""
        path = join(where, name)
        value = parent.get(name, [])
        if not isinstance(value, list):
            self.problem(path, f"must be an array of tables, written [[{path}]], not {kind(value)}")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{path}[{i}]", item))
            else:
                self.problem(f"{path}[{i}]", f"must be a table, not {kind(item)}")
        return out


# -- checks ------------------------------------------------------------------------------------


def string(checker: Checker, key: str, value: Any) -> str | None:
    if isinstance(value, str):
        return value
    checker.problem(key, f"must be a string, not {kind(value)}")
    return None


def section(checker: Checker, key: str, value: Any) -> Table | None:
    """A table of its own, written ``[key]``."""
    if isinstance(value, dict):
        return value
    checker.problem(key, f"must be a table, written [{key}], not {kind(value)}")
    return None


def boolean(checker: Checker, key: str, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    checker.problem(key, f"must be true or false, not {kind(value)}")
    return None


def integer(low: int, high: int | None = None) -> Check[int]:
    """A whole number from ``low`` to ``high`` (no upper bound when None)."""
    span = f"at least {low}" if high is None else f"{low} to {high}"
    wanted = f"of at least {low}" if high is None else f"from {low} to {high}"

    def check(checker: Checker, key: str, value: Any) -> int | None:
        # TOML booleans are Python ints; `true` is not a port number.
        if isinstance(value, bool) or not isinstance(value, int):
            checker.problem(key, f"must be a whole number, not {kind(value)}; "
                                 f"use an integer {wanted}")
            return None
        if value < low or (high is not None and value > high):
            checker.problem(key, f"{value} is out of range; use {span}")
            return None
        return value

    return check


def strings(checker: Checker, key: str, value: Any) -> tuple[str, ...] | None:
    """A list of non-empty strings, stripped. A bad item is reported and left out, so what
    follows can still check the good ones."""
    if not isinstance(value, list):
        checker.problem(key, f"must be a list of strings, not {kind(value)}")
        return None
    return _items(checker, key, value)


def string_or_strings(checker: Checker, key: str, value: Any) -> tuple[str, ...] | None:
    """Like `strings`, but a single string stands for a list of one."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        checker.problem(key, f"must be a string or a list of strings, not {kind(value)}")
        return None
    return _items(checker, key, value)


def _items(checker: Checker, key: str, value: list[Any]) -> tuple[str, ...]:
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        else:
            checker.problem(f"{key}[{i}]", f"must be a non-empty string, not {item!r}")
    return tuple(out)


def join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def kind(value: object) -> str:
    """The TOML word for a value's type, for messages an operator understands."""
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string",
             list: "an array", dict: "a table"}  # fmt: skip
    return names.get(type(value), type(value).__name__)
