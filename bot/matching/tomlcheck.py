"""Reading a TOML file while collecting every problem in it, with its key path.

A loader asks for values by key and gets ``None`` (plus a recorded problem) when a value is
missing or of the wrong type, so it can go on checking the rest of the file and report all the
mistakes in one pass.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.problems import ConfigProblem

Table = dict[str, Any]


class Checker:
    """Collects :class:`ConfigProblem` for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[ConfigProblem] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(ConfigProblem(self.file, key, message))

    def load(self, path: Path) -> Table | None:
        """The parsed file, or None with one problem (unreadable, or a syntax error)."""
        try:
            with path.open("rb") as f:
                return tomllib.load(f)
        except FileNotFoundError:
            self.problem("", "file not found")
        except OSError as e:
            self.problem("", f"cannot read: {e.strerror or e}")
        except tomllib.TOMLDecodeError as e:
            # tomllib puts "(at line L, column C)" in the message: the operator needs exactly that.
            self.problem("", f"invalid TOML: {e}")
        except UnicodeDecodeError:
            self.problem("", "invalid TOML: not UTF-8 text")
        return None

    def keys(
        self, table: Table, key: str, allowed: Iterable[str], required: Iterable[str] = ()
    ) -> None:
        allowed = set(allowed)
        for name in table:
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem(join(key, name), f"unknown key; known keys here: {known}")
        for name in required:
            if name not in table:
                self.problem(join(key, name), "missing (required)")

    def table(self, parent: Table, name: str, key: str) -> Table:
        value = parent.get(name, {})
        if not isinstance(value, dict):
            self.problem(join(key, name), f"must be a table, not {kind(value)}")
            return {}
        return value

    def tables(self, parent: Table, name: str, key: str) -> list[tuple[str, Table]]:
        """An array of tables (``[[name]]``) as (key path, table) pairs."""
        value = parent.get(name, [])
        if not isinstance(value, list):
            self.problem(
                join(key, name), f"must be an array of tables ([[{name}]]), not {kind(value)}"
            )
            return []
        out = []
        for i, item in enumerate(value):
            where = f"{join(key, name)}[{i}]"
            if isinstance(item, dict):
                out.append((where, item))
            else:
                self.problem(where, f"must be a table, not {kind(item)}")
        return out

    def string(self, table: Table, name: str, key: str, default: str | None = None) -> str | None:
        value = table.get(name, default)
        if value is None or isinstance(value, str):
            return value
        self.problem(join(key, name), f"must be a string, not {kind(value)}")
        return default

    def strings(
        self, table: Table, name: str, key: str, *, one_allowed: bool = False
    ) -> tuple[str, ...]:
        """A list of strings; with ``one_allowed`` a single string stands for a list of one."""
        value = table.get(name, [])
        if one_allowed and isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            want = "a string or a list of strings" if one_allowed else "a list of strings"
            self.problem(join(key, name), f"must be {want}, not {kind(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.problem(f"{join(key, name)}[{i}]", f"must be a non-empty string, not {item!r}")
        return tuple(out)

    def integer(self, table: Table, name: str, key: str, default: int, minimum: int = 0) -> int:
        value = table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(join(key, name), f"must be an integer, not {kind(value)}")
            return default
        if value < minimum:
            self.problem(join(key, name), f"must be at least {minimum}, not {value}")
            return default
        return value

    def regex(self, pattern: str, key: str) -> re.Pattern[str] | None:
        try:
            return re.compile(pattern)
        except re.error as e:
            self.problem(key, f"invalid regular expression: {e}")
            return None


def join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def kind(value: object) -> str:
    """The TOML word for a value's type, for messages an operator understands."""
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string",
             list: "an array", dict: "a table"}  # fmt: skip
    return names.get(type(value), type(value).__name__)
