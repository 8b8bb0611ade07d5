"""Where the configuration folder and the database are, when the command line does not say.

A bot run as a service starts in whatever folder its service manager picks, so neither may
depend on the working directory alone:

* configuration: ``--config``, else ``$ALERTBOT_CONFIG``, else ``./config`` if it exists, else
  the user's config folder (``~/.config/alertbot`` on Linux) if it exists. Commands that only
  read text (explain, eval) then fall back to the built-in defaults; the others refuse, naming
  every place looked.
* database: ``--db``, else ``ALERTBOT_DB`` (environment or ``.env``, see bot.settings), else
  ``alertbot.db`` in the user's data folder (``~/.local/share/alertbot`` on Linux).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import platformdirs

CONFIG_ENV: Final = "ALERTBOT_CONFIG"
_APP: Final = "alertbot"


class NoConfigFound(Exception):
    """No configuration folder in any of the places a command looks."""

    def __init__(self, looked: list[str]) -> None:
        super().__init__(
            f"no configuration folder found; looked in {', '.join(looked)}; "
            f"give --config DIR or set {CONFIG_ENV}"
        )
        self.looked = looked


def builtin_config() -> Path:
    """The configuration shipped with alertbot: the repository's ``config/`` folder, reached
    through the ``bot/_defaults`` link (in a wheel, the files themselves)."""
    return Path(__file__).resolve().parent / "_defaults"


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(_APP, appauthor=False))


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(_APP, appauthor=False)) / "alertbot.db"


def find_config(
    explicit: Path | None,
    *,
    builtin: bool,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """The configuration folder to use (see the module docstring for the order).

    An explicit choice (``--config``, ``$ALERTBOT_CONFIG``) is used as given, even when it does
    not exist: loading it then names the missing file, which says more than a search would.
    ``builtin``: fall back to the shipped defaults rather than raise NoConfigFound.
    """
    if explicit is not None:
        return explicit
    environ = os.environ if env is None else env
    if environ.get(CONFIG_ENV, "").strip():
        return Path(environ[CONFIG_ENV].strip())
    # Relative when it is the working folder's: messages then name "config/sources.toml".
    here = Path() if cwd is None else cwd
    candidates = [here / "config", user_config_dir()]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    if builtin:
        return builtin_config()
    raise NoConfigFound(["--config (not given)", f"${CONFIG_ENV} (not set)",
                         *(str(c.absolute()) for c in candidates)])
