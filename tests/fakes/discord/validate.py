"""Request body checks that answer like Discord: 400 with code 50035 and an ``errors`` tree.

The tree mirrors the JSON path of the bad value (``embeds.0.title._errors``) so discord.py's
``HTTPException.text`` and ``CommandSyncFailure`` show the same messages a real bot would see.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]
Path = tuple[str | int, ...]

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
EMBED_FIELDS_MAX = 25
_EMBED_LIMITS: dict[Path, int] = {
    ("title",): 256,
    ("description",): 4096,
    ("footer", "text"): 2048,
    ("author", "name"): 256,
}
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
NONCE_MAX = 25
MENTION_LIST_MAX = 100
_MENTION_KINDS = frozenset({"users", "roles", "everyone"})

OPTION_TYPES = frozenset(range(1, 12))
SUBCOMMAND, SUBCOMMAND_GROUP = 1, 2
CHOICE_TYPES = frozenset({3, 4, 10})
OPTIONS_MAX = 25
CHOICES_MAX = 25


class InvalidBody(Exception):
    """Raised with a Discord-shaped error body; REST turns it into a 400 response."""

    def __init__(self, body: Json) -> None:
        super().__init__(body.get("message", "Invalid Form Body"))
        self.body = body


class Errors:
    """Collects field errors into Discord's nested ``{"a": {"0": {"_errors": [...]}}}`` tree."""

    def __init__(self) -> None:
        self.tree: Json = {}

    def add(self, path: Path, code: str, message: str) -> None:
        node = self.tree
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def too_long(self, path: Path, limit: int) -> None:
        self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def raise_if_any(self) -> None:
        if self.tree:
            raise InvalidBody({"message": "Invalid Form Body", "code": 50035, "errors": self.tree})


def message_body(body: Any, *, require_content: bool = True) -> None:
    """Check a create/edit message body; ``require_content`` is false for edits."""
    if not isinstance(body, dict):
        raise InvalidBody({"message": "400: Bad Request", "code": 50109})
    errors = Errors()
    content = body.get("content")
    if content is not None:
        if not isinstance(content, str):
            errors.add(("content",), "BASE_TYPE_STRING", "Must be a string.")
        elif len(content) > CONTENT_MAX:
            errors.too_long(("content",), CONTENT_MAX)
    embeds = body.get("embeds")
    if embeds is not None:
        _embeds(embeds, errors)
    nonce = body.get("nonce")
    if isinstance(nonce, str) and len(nonce) > NONCE_MAX:
        errors.too_long(("nonce",), NONCE_MAX)
    if body.get("allowed_mentions") is not None:
        _allowed_mentions(body["allowed_mentions"], errors)
    errors.raise_if_any()
    if require_content and not content and not embeds:
        raise InvalidBody({"message": "Cannot send an empty message", "code": 50006})


def _embeds(embeds: Any, errors: Errors) -> None:
    if not isinstance(embeds, list):
        errors.add(("embeds",), "BASE_TYPE_ARRAY", "Must be an array.")
        return
    if len(embeds) > EMBEDS_MAX:
        errors.add(("embeds",), "BASE_TYPE_MAX_LENGTH", f"Must be {EMBEDS_MAX} or fewer in length.")
    total = 0
    for index, embed in enumerate(embeds):
        if not isinstance(embed, dict):
            errors.add(("embeds", index), "DICT_TYPE_CONVERT", "Only dictionaries may be used.")
            continue
        total += _embed(embed, ("embeds", index), errors)
    if total > EMBED_TOTAL_MAX:
        errors.add(
            ("embeds",),
            "MAX_EMBED_SIZE_EXCEEDED",
            f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}",
        )


def _embed(embed: Json, at: Path, errors: Errors) -> int:
    """Check one embed and return its size as Discord counts it toward the 6000 total."""
    size = 0
    for path, limit in _EMBED_LIMITS.items():
        value: Any = embed
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            continue
        text = str(value)
        size += len(text)
        if len(text) > limit:
            errors.too_long(at + path, limit)
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        errors.add(
            (*at, "fields"),
            "BASE_TYPE_MAX_LENGTH",
            f"Must be {EMBED_FIELDS_MAX} or fewer in length.",
        )
    for index, fld in enumerate(fields):
        where = (*at, "fields", index)
        for key, limit in (("name", FIELD_NAME_MAX), ("value", FIELD_VALUE_MAX)):
            raw = fld.get(key) if isinstance(fld, dict) else None
            if not raw:
                errors.add((*where, key), "BASE_TYPE_REQUIRED", "This field is required")
                continue
            size += len(str(raw))
            if len(str(raw)) > limit:
                errors.too_long((*where, key), limit)
    return size


def _allowed_mentions(value: Any, errors: Errors) -> None:
    at: Path = ("allowed_mentions",)
    if not isinstance(value, dict):
        errors.add(at, "DICT_TYPE_CONVERT", "Only dictionaries may be used.")
        return
    parse = value.get("parse", [])
    if not isinstance(parse, list):
        errors.add((*at, "parse"), "BASE_TYPE_ARRAY", "Must be an array.")
        parse = []
    for index, kind in enumerate(parse):
        if kind not in _MENTION_KINDS:
            errors.add(
                (*at, "parse", index),
                "BASE_TYPE_CHOICES",
                f"Value must be one of {sorted(_MENTION_KINDS)}.",
            )
    for key in ("users", "roles"):
        ids = value.get(key)
        if ids is None:
            continue
        if not isinstance(ids, list) or not all(str(i).isdigit() for i in ids):
            errors.add((*at, key), "BASE_TYPE_ARRAY", "Must be an array of snowflakes.")
        elif len(ids) > MENTION_LIST_MAX:
            errors.too_long((*at, key), MENTION_LIST_MAX)
        if key in parse and ids:
            errors.add(
                at,
                "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                f'parse:["{key}"] and {key}: [ids...] are mutually exclusive.',
            )
    if "replied_user" in value and not isinstance(value["replied_user"], bool):
        errors.add((*at, "replied_user"), "BASE_TYPE_BOOLEAN", "Must be either true or false.")


# -- application commands -------------------------------------------------------------------


def commands_body(body: Any) -> list[Json]:
    """Check a bulk-overwrite body (a list of commands) and return it."""
    if not isinstance(body, list):
        raise InvalidBody({"message": "400: Bad Request", "code": 50109})
    errors = Errors()
    seen: set[tuple[str, int]] = set()
    for index, command in enumerate(body):
        if not isinstance(command, dict):
            errors.add((index,), "DICT_TYPE_CONVERT", "Only dictionaries may be used.")
            continue
        kind = int(command.get("type", 1))
        chat = kind == 1
        _name(command.get("name"), (index, "name"), errors, lowercase=chat)
        if chat:
            _description(command.get("description"), (index, "description"), errors)
            _options(command.get("options") or [], (index, "options"), errors, parent=None)
        elif command.get("description"):
            errors.add(
                (index, "description"),
                "APPLICATION_COMMAND_INVALID_DESCRIPTION",
                "Only chat input commands have a description.",
            )
        key = (str(command.get("name")), kind)
        if key in seen:
            errors.add(
                (index, "name"),
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                "Application command names must be unique",
            )
        seen.add(key)
    errors.raise_if_any()
    return body


def _name(name: Any, at: Path, errors: Errors, *, lowercase: bool) -> None:
    if not isinstance(name, str) or not 1 <= len(name) <= 32:
        errors.add(at, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.")
        return
    legal = all(c.isalnum() or c in "-_'" for c in name)
    if not legal or (lowercase and name != name.lower()):
        errors.add(at, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")


def _description(text: Any, at: Path, errors: Errors) -> None:
    if not isinstance(text, str) or not 1 <= len(text) <= 100:
        errors.add(at, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")


def _options(options: Any, at: Path, errors: Errors, *, parent: int | None) -> None:
    if not isinstance(options, list):
        errors.add(at, "BASE_TYPE_ARRAY", "Must be an array.")
        return
    if len(options) > OPTIONS_MAX:
        errors.too_long(at, OPTIONS_MAX)
    optional_seen = False
    for index, option in enumerate(options):
        where = (*at, index)
        if not isinstance(option, dict):
            errors.add(where, "DICT_TYPE_CONVERT", "Only dictionaries may be used.")
            continue
        kind = option.get("type")
        if kind not in OPTION_TYPES:
            errors.add((*where, "type"), "BASE_TYPE_CHOICES", "Value must be an option type.")
            continue
        _name(option.get("name"), (*where, "name"), errors, lowercase=True)
        _description(option.get("description"), (*where, "description"), errors)
        if kind in (SUBCOMMAND, SUBCOMMAND_GROUP):
            # Groups sit at the top and hold subcommands; subcommands hold only values.
            allowed = parent is None or (kind == SUBCOMMAND and parent == SUBCOMMAND_GROUP)
            if not allowed:
                errors.add(
                    (*where, "type"),
                    "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    "Sub-command and sub-command group option types are mutually exclusive "
                    "to all other types",
                )
            _options(option.get("options") or [], (*where, "options"), errors, parent=kind)
            continue
        if option.get("required"):
            if optional_seen:
                errors.add(
                    (*where, "required"),
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            optional_seen = True
        choices = option.get("choices") or []
        if choices and kind not in CHOICE_TYPES:
            errors.add((*where, "choices"), "BASE_TYPE_CHOICES", "Choices need a value type.")
        if len(choices) > CHOICES_MAX:
            errors.too_long((*where, "choices"), CHOICES_MAX)
        if choices and option.get("autocomplete"):
            errors.add(
                (*where, "autocomplete"),
                "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE",
                "Autocomplete cannot be set for options with choices",
            )
