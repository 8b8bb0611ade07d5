"""Checks a JSON value against a schema of Discord's own OpenAPI description of REST v10.

The spec is read in place from ``../shared/discord-api-spec/openapi.json`` (Discord's
discord/discord-api-spec, MIT). Its schemas use a small part of JSON Schema 2020-12, and this
checks that part: ``$ref``, ``type`` (one or a list), ``enum``, ``const``, ``properties``,
``required``, ``items``, ``minItems``/``maxItems``, ``minLength``/``maxLength``,
``minimum``/``maximum``, ``pattern``, ``anyOf``/``oneOf``/``allOf``. ``format`` and the
``x-discord-*`` notes are annotations and are not checked; a keyword this does not know
fails loudly, so a newer spec cannot be half-checked in silence. Where the spec and
Discord's docs disagree the docs win (SOURCE.md): ``SnowflakeType`` is a digit string in the
spec, but Discord takes an integer too, and an upload's ``attachments[].id`` is the index
``n`` of its ``files[n]`` part, which discord.py sends as an integer.

Without the shared folder (a newcomer's clone) ``available()`` is False and callers skip the
check; the tests that rely on it say so.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

SPEC = Path(__file__).resolve().parents[4] / "shared" / "discord-api-spec" / "openapi.json"

Json = dict[str, Any]
Problem = tuple[tuple[str | int, ...], str]

_ANNOTATIONS = frozenset({"format", "description", "title", "default", "examples",
                          "deprecated", "readOnly", "writeOnly"})
_CHECKED = frozenset({"$ref", "type", "enum", "const", "properties", "required", "items",
                      "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum",
                      "anyOf", "oneOf", "allOf", "additionalProperties", "uniqueItems",
                      "pattern"})
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def available() -> bool:
    return SPEC.is_file()


@functools.cache
def _spec() -> Json:
    document: Json = json.loads(SPEC.read_text(encoding="utf-8"))
    return document


def problems(schema_name: str, value: Any) -> list[Problem]:
    """Where ``value`` breaks ``components.schemas[schema_name]``: (path, reason) pairs."""
    found: list[Problem] = []
    _check({"$ref": f"#/components/schemas/{schema_name}"}, value, (), found)
    return found


def request_problems(route: str, method: str, value: Any) -> list[Problem]:
    """Where ``value`` breaks the JSON request body of ``method route`` (a path as the spec
    writes it, e.g. ``/webhooks/{webhook_id}/{webhook_token}``); the same schema serves a
    multipart upload's ``payload_json``."""
    body = _spec()["paths"][route][method.lower()]["requestBody"]
    found: list[Problem] = []
    _check(dict(body["content"]["application/json"]["schema"]), value, (), found)
    return found


def _resolve(ref: str) -> Json:
    node: Any = _spec()
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def _check(schema: Json, value: Any, at: tuple[str | int, ...], found: list[Problem]) -> None:
    unknown = {k for k in schema if not k.startswith("x-")} - _CHECKED - _ANNOTATIONS
    if unknown:
        raise NotImplementedError(f"schema keywords this checker does not know: {unknown}")
    if "$ref" in schema:
        if schema["$ref"].endswith("/SnowflakeType") and _TYPES["integer"](value) and value >= 0:
            return
        _check(_resolve(schema["$ref"]), value, at, found)
    kinds = schema.get("type")
    if kinds is not None:
        names = kinds if isinstance(kinds, list) else [kinds]
        if not any(_TYPES[name](value) for name in names):
            found.append((at, f"must be {' or '.join(names)}, not {type(value).__name__}"))
            return
    if "enum" in schema and value not in schema["enum"]:
        found.append((at, f"must be one of {schema['enum']}"))
    if "const" in schema and value != schema["const"]:
        found.append((at, f"must be {schema['const']!r}"))
    for part in schema.get("allOf", []):
        _check(part, value, at, found)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            trials = [_trial(part, value, at) for part in schema[key]]
            if all(trials):
                # Say what is wrong with the alternative that came closest, not only "none":
                # the fewest problems, and of those the one that got deepest into the value
                # (the message alternative that dislikes data.tts, not "data must be null").
                found.extend(min(trials, key=lambda t: (len(t), -max(len(p) for p, _ in t))))
    if isinstance(value, dict):
        _object(schema, value, at, found)
    elif isinstance(value, list):
        _array(schema, value, at, found)
    elif isinstance(value, str):
        if len(value) > schema.get("maxLength", len(value)):
            found.append((at, f"must be {schema['maxLength']} or fewer in length"))
        if len(value) < schema.get("minLength", 0):
            found.append((at, f"must be at least {schema['minLength']} in length"))
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            found.append((at, f"must match {schema['pattern']}"))
    elif _TYPES["number"](value):
        if "minimum" in schema and value < schema["minimum"]:
            found.append((at, f"must be at least {schema['minimum']}"))
        if "maximum" in schema and value > schema["maximum"]:
            found.append((at, f"must be at most {schema['maximum']}"))


def _trial(schema: Json, value: Any, at: tuple[str | int, ...]) -> list[Problem]:
    trial: list[Problem] = []
    _check(schema, value, at, trial)
    return trial


def _object(schema: Json, value: Json, at: tuple[str | int, ...], found: list[Problem]) -> None:
    properties = schema.get("properties", {})
    for name in schema.get("required", []):
        if name not in value:
            found.append(((*at, name), "is required"))
    for name, item in value.items():
        if name in properties:
            _check(properties[name], item, (*at, name), found)
        elif schema.get("additionalProperties") is False:
            found.append(((*at, name), "is not a known field"))


def _array(schema: Json, value: list[Any], at: tuple[str | int, ...],
           found: list[Problem]) -> None:
    if len(value) > schema.get("maxItems", len(value)):
        found.append((at, f"must have {schema['maxItems']} or fewer items"))
    if len(value) < schema.get("minItems", 0):
        found.append((at, f"must have at least {schema['minItems']} items"))
    if "items" in schema:
        for index, item in enumerate(value):
            _check(schema["items"], item, (*at, index), found)
