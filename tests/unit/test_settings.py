"""Settings: every mistake in every file reported at once, with the file and the key path."""

from __future__ import annotations

from datetime import timedelta
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.database import Database, PostgresUrl, SqliteFile, parse_database
from bot.paths import default_db_path
from bot.problems import ConfigError, ConfigProblem
from bot.settings import (
    MAX_DURATION_S,
    BotConfig,
    Secret,
    check_config,
    format_duration,
    load_bot_config,
    load_settings,
    load_sources,
    parse_duration,
    read_environment,
)

SHIPPED = Path(__file__).resolve().parents[2] / "config"

# Small but valid rule files, so these tests exercise settings and not the matching rules.
REGIONS_TOML = ""
SEVERITY_TOML = '[levels.critical]\nwords = ["gunfire"]\n'

TWO_SOURCES = """
[[sources]]
id = "daily-planet"
url = "https://planet.example.org/world/feed.xml"
name = "Daily Planet"
interval = "5m"

[[sources]]
id = "harbour-gazette"
url = "http://gazette.example.net/rss"
name = "Harbour Gazette"
interval = "1h30m"
language = "FR"
enabled = false
"""


def write_config(root: Path, sources: str = TWO_SOURCES, bot: str | None = None) -> Path:
    config = root / "config"
    config.mkdir(exist_ok=True)
    (config / "sources.toml").write_text(sources, encoding="utf-8")
    (config / "regions.toml").write_text(REGIONS_TOML, encoding="utf-8")
    (config / "severity.toml").write_text(SEVERITY_TOML, encoding="utf-8")
    if bot is not None:
        (config / "bot.toml").write_text(bot, encoding="utf-8")
    return config


def messages(problems: list[ConfigProblem]) -> list[str]:
    return [str(p) for p in problems]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so files are named as an operator would see them ("config/…")."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- durations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("5m", 300), ("2h", 7200), ("3d", 259200), ("1h30m", 5400),
     ("1d2h3m4s", 93784), (" 5M ", 300)],
)
def test_parse_duration_reads(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "says"),
    [("5 minutes", "is not a duration"), ("", "is not a duration"), ("m", "is not a duration"),
     ("30m1h", "is not a duration"), ("1.5h", "is not a duration"), ("-5m", "is not a duration"),
     ("5", "is not a duration"), ("0s", "is zero"), ("0h0m", "is zero"),
     ("3651d", "is too long"), ("99999999999999999999d", "is too long")],
)
def test_parse_duration_refuses_in_plain_words(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says) as raised:
        parse_duration(text)
    assert f'"{text}"' in str(raised.value)


@given(st.integers(min_value=1, max_value=MAX_DURATION_S))
def test_format_duration_round_trips(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


# -- the secret --------------------------------------------------------------------------------


def test_the_token_never_shows(tmp_path: Path) -> None:
    token = "MTIz.secret-token-value.xyz"
    settings = load_settings(write_config(tmp_path), env={"DISCORD_TOKEN": token})
    assert settings.token is not None and settings.token.reveal() == token
    for shown in (repr(settings), str(settings), repr(settings.token), str(settings.token),
                  f"{settings.token}"):
        assert token not in shown
        assert "secret-token" not in shown


def test_secrets_compare_by_value() -> None:
    assert Secret("a") == Secret("a") and Secret("a") != Secret("b")


# -- the shipped examples ----------------------------------------------------------------------


def test_shipped_sources_are_valid() -> None:
    sources, problems = load_sources(SHIPPED / "sources.toml")
    assert problems == []
    assert sources is not None and len(sources) >= 6
    assert all(s.url.startswith("https://") for s in sources)


def test_shipped_bot_toml_states_the_defaults() -> None:
    # The file documents the defaults; if code and file drift apart, this fails.
    assert load_bot_config(SHIPPED / "bot.toml") == (BotConfig(), [])


def test_shipped_config_is_valid() -> None:
    assert messages(check_config(SHIPPED, env={})) == []


# -- sources.toml ------------------------------------------------------------------------------


def test_sources_load_in_file_order_with_defaults(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path), env={})
    first, second = settings.sources
    assert (first.id, first.url, first.name, first.interval) == (
        "daily-planet", "https://planet.example.org/world/feed.xml", "Daily Planet", 300)
    assert (first.language, first.enabled) == ("en", True)
    assert (second.interval, second.language, second.enabled) == (5400, "fr", False)


def test_the_briefs_example_message(in_tmp: Path) -> None:
    bad = TWO_SOURCES + """
[[sources]]
id = "third"
url = "https://third.example.com/feed"
name = "Third"
interval = "5 minutes"
"""
    write_config(in_tmp, bad)
    assert messages(check_config(Path("config"), env={})) == [
        'config/sources.toml: sources[2].interval: "5 minutes" is not a duration; '
        'write e.g. "90s", "5m" or "1h"'
    ]


def test_every_source_mistake_is_reported_at_once(in_tmp: Path) -> None:
    bad = """
[[sources]]
id = "Bad Id"
url = "ftp://files.example.org/feed"
name = ""
interval = 90
colour = "blue"

[[sources]]
id = "ok-one"
url = "https://one.example.org/feed"
name = "One"
interval = "10s"
language = "english"
enabled = "yes"

[[sources]]
id = "ok-one"
url = "HTTPS://ONE.example.org/feed/"
name = "One again"
interval = "2d"

[[sources]]
url = "https://user:hunter2@private.example.org/feed"
"""
    write_config(in_tmp, bad)
    assert messages(check_config(Path("config"), env={})) == [
        "config/sources.toml: sources[0].colour: unknown key; known keys here: "
        "id, url, name, interval, language, enabled",
        'config/sources.toml: sources[0].id: "Bad Id" is not a slug; use lowercase letters, '
        'digits and dashes (at most 64), e.g. "bbc-world"',
        'config/sources.toml: sources[0].url: "ftp://files.example.org/feed" is not an http(s) '
        "URL with a host",
        "config/sources.toml: sources[0].name: must not be empty",
        'config/sources.toml: sources[0].interval: must be a duration string like "90s", "5m" '
        "or \"1h\", not an integer",
        'config/sources.toml: sources[1].interval: "10s" is out of range; use 30s to 1d',
        'config/sources.toml: sources[1].language: "english" is not an ISO 639-1 language code '
        'like "en"',
        "config/sources.toml: sources[1].enabled: must be true or false, not a string",
        'config/sources.toml: sources[2].interval: "2d" is out of range; use 30s to 1d',
        'config/sources.toml: sources[2].id: "ok-one" is already the id of sources[1]',
        "config/sources.toml: sources[2].url: is already the url of sources[1]",
        "config/sources.toml: sources[3].id: missing; this key is required",
        "config/sources.toml: sources[3].url: must not carry a user name or password",
        "config/sources.toml: sources[3].name: missing; this key is required",
        "config/sources.toml: sources[3].interval: missing; this key is required",
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "sources: no sources; add at least one [[sources]] table"),
        ("sources = 3", "sources: must be an array of tables, written [[sources]]"),
        ("sources = [1]", "sources[0]: must be a table, not an integer"),
        ("[[sources]\n", "is not valid TOML"),
        ('feeds = "x"\n' + TWO_SOURCES, "feeds: unknown key; known keys here: sources"),
    ],
)
def test_sources_file_shape(in_tmp: Path, text: str, says: str) -> None:
    write_config(in_tmp, text)
    found = messages(check_config(Path("config"), env={}))
    assert len(found) == 1 and found[0].startswith("config/sources.toml") and says in found[0]


@pytest.mark.parametrize(
    "url",
    ["https://", "https:///feed", "example.org/feed", "https://exa mple.org/", "javascript:x",
     "https://example.org:port/feed", "https://[broken/feed", "https://example.org:99999/"],
)
def test_urls_without_a_host_are_refused(tmp_path: Path, url: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(f'[[sources]]\nid="a"\nurl="{url}"\nname="A"\ninterval="5m"\n', "utf-8")
    sources, problems = load_sources(path)
    assert sources is None
    assert [p.key for p in problems] == ["sources[0].url"]


def test_a_missing_sources_file_is_a_problem(tmp_path: Path) -> None:
    sources, problems = load_sources(tmp_path / "sources.toml")
    assert sources is None
    assert messages(problems) == [f"{tmp_path / 'sources.toml'}: file not found"]


# -- bot.toml ----------------------------------------------------------------------------------


def test_bot_toml_is_optional(tmp_path: Path) -> None:
    assert load_bot_config(tmp_path / "bot.toml") == (BotConfig(), [])


def test_bot_toml_values_are_typed(tmp_path: Path) -> None:
    config = write_config(tmp_path, bot="""
[fetch]
timeout_connect = 2.5
timeout_total = 20
max_body_bytes = 2048
backoff_max = "1h"
[store]
retention = "7d"
entry_retention = "60d"
[discord]
dev_guild = 123456789012345678
sync = "guild"
[metrics]
port = 9200
[log]
format = "json"
level = "debug"
""")
    settings = load_settings(config, env={})
    assert (settings.fetch.timeout_connect, settings.fetch.timeout_total) == (2.5, 20.0)
    assert (settings.fetch.max_body_bytes, settings.fetch.backoff_max) == (2048, 3600)
    assert settings.fetch.max_redirects == 5  # untouched keys keep their defaults
    assert settings.store.retention == timedelta(days=7)
    assert settings.store.entry_retention == timedelta(days=60)
    assert (settings.discord.dev_guild, settings.discord.sync) == (123456789012345678, "guild")
    assert settings.metrics_port == 9200
    assert (settings.log.format, settings.log.level) == ("json", "DEBUG")


def test_every_bot_toml_mistake_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bot.toml"
    path.write_text("""
cache = 1
[fetch]
timeout_total = "30"
max_redirects = true
concurrency = 0
retries = 3
[store]
retention = "90d"
entry_retention = "30d"
[discord]
sync = "everywhere"
[metrics]
port = 70000
[log]
format = "xml"
""", "utf-8")
    _, problems = load_bot_config(path)
    assert [(p.file, p.key) for p in problems] == [
        (str(path), "cache"),
        (str(path), "fetch.retries"),
        (str(path), "fetch.timeout_total"),
        (str(path), "fetch.max_redirects"),
        (str(path), "fetch.concurrency"),
        (str(path), "store.entry_retention"),
        (str(path), "discord.sync"),
        (str(path), "metrics.port"),
        (str(path), "log.format"),
    ]
    assert "must be a whole number, not a boolean" in problems[3].message
    assert problems[7].message == "70000 is out of range; use 1 to 65535"


def test_guild_source_limits_are_read_with_their_defaults(tmp_path: Path) -> None:
    config = write_config(tmp_path, bot="""
[guild_sources]
allowed = false
per_guild = 5
min_interval = "15m"
leave_grace = "2d"
""")
    limits = load_settings(config, env={}).source_limits
    assert (limits.allowed, limits.per_guild, limits.min_interval) == (False, 5, 900)
    assert limits.leave_grace == timedelta(days=2)
    # untouched keys keep their defaults
    assert (limits.opml_max_bytes, limits.opml_max_outlines) == (512 * 1024, 500)


def test_guild_source_limit_mistakes_name_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "bot.toml"
    path.write_text("""
[guild_sources]
allowed = "yes"
per_guild = -1
min_interval = "10s"
opml_max_bytes = 10
opml_max_outlines = 0
leave_grace = 7
servers = 3
""", "utf-8")
    _, problems = load_bot_config(path)
    assert [(p.file, p.key) for p in problems] == [
        (str(path), "guild_sources.servers"),
        (str(path), "guild_sources.allowed"),
        (str(path), "guild_sources.per_guild"),
        (str(path), "guild_sources.min_interval"),
        (str(path), "guild_sources.opml_max_bytes"),
        (str(path), "guild_sources.opml_max_outlines"),
        (str(path), "guild_sources.leave_grace"),
    ]
    assert problems[3].message == '"10s" is out of range; use 30s to 1d'


def test_a_section_that_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "bot.toml"
    path.write_text('log = "debug"\n', "utf-8")
    assert messages(load_bot_config(path)[1]) == [
        f"{path}: log: must be a table, written [log], not a string"
    ]


def test_allow_private_lists_addresses_and_networks(tmp_path: Path) -> None:
    config = write_config(tmp_path, bot="""
[fetch]
allow_private = ["10.20.0.0/16", " fd12:3456::/48 ", "127.0.0.1"]
""")
    assert load_settings(config, env={}).fetch.allow_private == (
        IPv4Network("10.20.0.0/16"), IPv6Network("fd12:3456::/48"), IPv4Network("127.0.0.1/32"))
    assert load_settings(write_config(tmp_path, bot=""), env={}).fetch.allow_private == ()


def test_allow_private_mistakes_name_each_item(tmp_path: Path) -> None:
    path = tmp_path / "bot.toml"
    path.write_text(
        '[fetch]\nallow_private = ["10.0.0.300", 7, "10.1.2.3/16", "", "192.168.0.0/16"]\n',
        "utf-8")
    assert messages(load_bot_config(path)[1]) == [
        f'{path}: fetch.allow_private[0]: "10.0.0.300" is not an IP address or network; write '
        'e.g. "10.20.0.0/16", "fd12::/48" or "127.0.0.1"',
        f"{path}: fetch.allow_private[1]: must be a string, not an integer",
        f'{path}: fetch.allow_private[2]: "10.1.2.3/16" has bits set past its /16; write '
        '"10.1.0.0/16" for the network or "10.1.2.3" for the one address',
        f'{path}: fetch.allow_private[3]: "" is not an IP address or network; write e.g. '
        '"10.20.0.0/16", "fd12::/48" or "127.0.0.1"',
    ]
    path.write_text('[fetch]\nallow_private = "10.0.0.0/8"\n', "utf-8")
    assert messages(load_bot_config(path)[1]) == [
        f'{path}: fetch.allow_private: must be a list of addresses or networks like '
        '["10.20.0.0/16"], not a string'
    ]


def test_guild_sync_needs_a_guild(tmp_path: Path) -> None:
    config = write_config(tmp_path, bot='[discord]\nsync = "guild"\n')
    assert [p.key for p in check_config(config, env={})] == ["discord.sync"]
    settings = load_settings(config, env={"ALERTBOT_DEV_GUILD": "42"})
    assert (settings.discord.dev_guild, settings.discord.sync) == (42, "guild")


# -- environment and .env ----------------------------------------------------------------------


def test_environment_defaults() -> None:
    deployment, problems = read_environment({}, None)
    assert problems == []
    assert deployment.token is None and deployment.dev_guild is None
    assert deployment.database is None and deployment.metrics_port is None


def test_environment_wins_over_env_file_and_bad_values_name_their_origin(tmp_path: Path) -> None:
    env_file = tmp_path / "dot.env"
    env_file.write_text(
        "DISCORD_TOKEN=from-file\nALERTBOT_DB=file.db\nALERTBOT_METRICS_PORT=ninety\n"
        "ALERTBOT_DEV_GUILD=77\n", "utf-8")
    deployment, problems = read_environment(
        {"DISCORD_TOKEN": "from-env", "ALERTBOT_DEV_GUILD": "-5"}, env_file)
    assert deployment.token == Secret("from-env")
    assert deployment.database == SqliteFile(Path("file.db"))
    assert messages(problems) == [
        'environment: ALERTBOT_DEV_GUILD: "-5" is not a positive whole number',
        f'{env_file}: ALERTBOT_METRICS_PORT: "ninety" is not a positive whole number',
    ]


def test_out_of_range_port_from_the_environment() -> None:
    _, problems = read_environment({"ALERTBOT_METRICS_PORT": "0"}, None)
    assert messages(problems) == ["environment: ALERTBOT_METRICS_PORT: 0 is out of range; "
                                  "use 1 to 65535"]


def test_a_mangled_token_is_reported_without_showing_it() -> None:
    _, problems = read_environment({"DISCORD_TOKEN": "abc def-secret"}, None)
    assert [p.key for p in problems] == ["DISCORD_TOKEN"]
    assert "def-secret" not in messages(problems)[0]


def test_empty_variables_count_as_unset() -> None:
    deployment, problems = read_environment({"DISCORD_TOKEN": " ", "ALERTBOT_DB": ""}, None)
    assert problems == [] and deployment.token is None
    assert deployment.database is None


def test_process_environment_and_dot_env_in_the_working_directory(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISCORD_TOKEN", "ALERTBOT_DB", "ALERTBOT_DEV_GUILD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ALERTBOT_METRICS_PORT", "9300")
    (in_tmp / ".env").write_text(
        "DISCORD_TOKEN=dot-env-token\nALERTBOT_METRICS_PORT=1\nALERTBOT_DEV_GUILD=x\n", "utf-8")
    write_config(in_tmp)
    with pytest.raises(ConfigError) as raised:
        load_settings(Path("config"))
    assert messages(raised.value.problems) == [
        '.env: ALERTBOT_DEV_GUILD: "x" is not a positive whole number'
    ]
    (in_tmp / ".env").write_text("DISCORD_TOKEN=dot-env-token\nALERTBOT_METRICS_PORT=1\n", "utf-8")
    settings = load_settings(Path("config"))
    assert settings.token == Secret("dot-env-token")
    assert settings.metrics_port == 9300


def test_environment_overrides_bot_toml(tmp_path: Path) -> None:
    config = write_config(tmp_path, bot="[discord]\ndev_guild = 1\n[metrics]\nport = 9000\n"
                                        '[database]\nurl = "postgresql://bot@db.internal/alerts"\n')
    settings = load_settings(config, env={"ALERTBOT_DEV_GUILD": "2",
                                          "ALERTBOT_METRICS_PORT": "9001",
                                          "ALERTBOT_DB": "/var/lib/alertbot/db.sqlite"})
    assert (settings.discord.dev_guild, settings.metrics_port) == (2, 9001)
    assert settings.database == SqliteFile(Path("/var/lib/alertbot/db.sqlite"))


# -- the database: one setting chooses the engine -----------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("alertbot.db", SqliteFile(Path("alertbot.db"))),
    ("/var/lib/alertbot/alertbot.db", SqliteFile(Path("/var/lib/alertbot/alertbot.db"))),
    ("sqlite:///var/lib/alertbot/alertbot.db", SqliteFile(Path("/var/lib/alertbot/alertbot.db"))),
    ("sqlite://alertbot.db", SqliteFile(Path("alertbot.db"))),
    ("postgresql://bot@db.internal:5432/alerts",
     PostgresUrl("postgresql://bot@db.internal:5432/alerts")),
    ("postgres://bot@db.internal/alerts", PostgresUrl("postgres://bot@db.internal/alerts")),
])
def test_a_path_or_a_url_chooses_the_engine(text: str, expected: Database) -> None:
    assert parse_database(text) == expected


def test_bot_toml_names_the_database_when_the_environment_does_not(tmp_path: Path) -> None:
    config = write_config(tmp_path, bot='[database]\nurl = "postgresql://bot@db.internal/a"\n')
    assert load_settings(config, env={}).database == PostgresUrl("postgresql://bot@db.internal/a")
    (tmp_path / "plain").mkdir()
    assert load_settings(write_config(tmp_path / "plain"), env={}).database == SqliteFile(
        default_db_path())


@pytest.mark.parametrize(("text", "says"), [
    ("mysql://bot@db/alerts", "mysql:// is not a database this bot can use"),
    ("postgresql:///alerts", "names no host"),
    ("sqlite://", "names no file"),
    ("   ", "is empty"),
])
def test_a_bad_database_is_named_by_its_key(tmp_path: Path, text: str, says: str) -> None:
    config = write_config(tmp_path, bot=f"[database]\nurl = {text!r}\n".replace("'", '"'))
    problems = check_config(config, env={})
    assert [p.key for p in problems] == ["database.url"] and says in messages(problems)[0]
    _, problems = read_environment({"ALERTBOT_DB": text}, None)
    if text.strip():  # an empty variable is unset
        assert [p.key for p in problems] == ["ALERTBOT_DB"] and says in messages(problems)[0]


def test_one_process_and_a_30_second_lease_by_default(tmp_path: Path) -> None:
    processes = load_settings(write_config(tmp_path), env={}).processes
    assert (processes.several, processes.lease) == (False, timedelta(seconds=30))


def test_several_processes_and_their_lease_are_read_from_bot_toml(tmp_path: Path) -> None:
    config = write_config(tmp_path, bot='[database]\nprocesses = "several"\nlease = "1m"\n')
    processes = load_settings(config, env={}).processes
    assert (processes.several, processes.lease) == (True, timedelta(minutes=1))


@pytest.mark.parametrize(("key", "value"), [
    ("processes", '"many"'), ("lease", '"1s"'), ("lease", '"1h"'), ("lease", "30"),
])
def test_a_bad_processes_or_lease_names_file_and_key(
    tmp_path: Path, key: str, value: str
) -> None:
    path = tmp_path / "bot.toml"
    path.write_text(f"[database]\n{key} = {value}\n", "utf-8")
    _, problems = load_bot_config(path)
    assert [(p.file, p.key) for p in problems] == [(str(path), f"database.{key}")]


def test_a_password_in_the_url_is_never_shown() -> None:
    db = parse_database("postgresql://bot:s3cret@db.internal:5433/alerts")
    assert db.shown == "postgresql://bot:***@db.internal:5433/alerts"


# -- all files at once -------------------------------------------------------------------------


def test_problems_from_every_file_come_together(in_tmp: Path) -> None:
    config = write_config(in_tmp, TWO_SOURCES.replace('"5m"', '"5 min"'),
                          bot='[log]\nlevel = 3\n[discord]\nsync = "guild"\n')
    (config / "severity.toml").unlink()
    with pytest.raises(ConfigError) as raised:
        load_settings(Path("config"), env={"ALERTBOT_METRICS_PORT": "http"})
    files = [p.file for p in raised.value.problems]
    assert files == ["config/sources.toml", "config/severity.toml", "config/bot.toml",
                     "environment", "config/bot.toml"]
    assert str(raised.value).count("\n") == 4  # one line per problem, all in the message


def test_check_config_is_empty_for_a_valid_directory(tmp_path: Path) -> None:
    assert check_config(write_config(tmp_path), env={"DISCORD_TOKEN": "t"}) == []


def test_an_unreadable_env_file_is_a_problem(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_bytes(b"DISCORD_TOKEN=\xff\xfe\n")
    _, problems = read_environment({}, env_file)
    assert [(p.file, p.key) for p in problems] == [(str(env_file), "")]


def test_the_event_window_defaults_to_six_hours(tmp_path: Path) -> None:
    assert load_settings(write_config(tmp_path), env={}).events.window == timedelta(hours=6)


def test_the_event_window_is_read_from_bot_toml(tmp_path: Path) -> None:
    config = write_config(tmp_path, bot='[events]\nwindow = "90m"\n')
    assert load_settings(config, env={}).events.window == timedelta(minutes=90)


@pytest.mark.parametrize("value", ['"2d"', "6", '"soon"'])
def test_a_bad_event_window_names_file_and_key(tmp_path: Path, value: str) -> None:
    path = tmp_path / "bot.toml"
    path.write_text(f"[events]\nwindow = {value}\n", "utf-8")
    _, problems = load_bot_config(path)
    assert [(p.file, p.key) for p in problems] == [(str(path), "events.window")]
