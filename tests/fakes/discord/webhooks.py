"""Interaction callbacks and the interaction webhook (followups, @original).

These routes carry the interaction token instead of the bot token, as on Discord.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from . import validate
from .interactions import AUTOCOMPLETE, EPHEMERAL, LOADING, FakeInteraction
from .messages import Messages
from .state import FakeAttachment, FakeMessage, FakeState
from .uploads import Uploads
from .wire import API, ApiError, json_response, snowflake, unknown, wait_or_204

Json = dict[str, Any]

#: Message flags a sender may set: SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS.
SETTABLE_FLAGS = 4 | EPHEMERAL | 4096
_CALLBACK_TYPES = frozenset({1, 4, 5, 6, 7, 8, 9, 10, 12})
_CHAT_INPUT_REPLY = 20
#: the routes as Discord's OpenAPI spec spells them, for checking bodies against it
_SPEC_CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"
_SPEC_EXECUTE = "/webhooks/{webhook_id}/{webhook_token}"


class InteractionRoutes:
    def __init__(self, state: FakeState, messages: Messages, uploads: Uploads) -> None:
        self.state = state
        self.messages = messages
        self.uploads = uploads
        self.interactions: dict[int, FakeInteraction] = {}
        self._by_token: dict[str, FakeInteraction] = {}

    def register(self, interaction: FakeInteraction) -> None:
        self.interactions[interaction.id] = interaction
        self._by_token[interaction.token] = interaction

    def routes(self) -> list[web.RouteDef]:
        hook = API + "/webhooks/{application_id}/{token}"
        return [
            web.post(API + "/interactions/{interaction_id}/{token}/callback", self.post_callback),
            web.post(hook, self.post_followup),
            web.get(hook + "/messages/{message_id}", self.get_webhook_message),
            web.patch(hook + "/messages/{message_id}", self.patch_webhook_message),
            web.delete(hook + "/messages/{message_id}", self.delete_webhook_message),
        ]

    async def post_callback(self, request: web.Request) -> web.Response:
        interaction = self.interactions.get(snowflake(request.match_info["interaction_id"]))
        if interaction is None:
            raise unknown("interaction", 10062)
        if interaction.token != request.match_info["token"]:
            raise ApiError(401, 50027, "Invalid Webhook Token")
        if interaction.callbacks:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body, parts = await self.uploads.read(request, _SPEC_CALLBACK)
        kind = body.get("type") if isinstance(body, dict) else None
        autocomplete = interaction.type == AUTOCOMPLETE
        if kind not in _CALLBACK_TYPES or (kind == 8) != autocomplete:
            errors = validate.Errors()
            errors.add(("type",), "BASE_TYPE_CHOICES", "Value must be one of the valid types.")
            errors.raise_if_any()
        data = body.get("data") or {}
        if kind == 4:
            files = self.uploads.attach(data, parts, ("data",))
            validate.message_body(data, require_content=not files)
            self._respond(interaction, data, flags=int(data.get("flags") or 0) & SETTABLE_FLAGS,
                          files=files)
        elif kind == 5:
            loading = LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            self._respond(interaction, {"content": ""}, flags=loading)
        elif kind == 8:
            _check_choices(data)
        interaction.callbacks.append(body)
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        original = interaction.original
        summary: Json = {"id": str(interaction.id), "type": interaction.type}
        resource: Json = {"type": kind}
        if original is not None:
            summary |= {
                "response_message_id": str(original.id),
                "response_message_loading": bool(original.flags & LOADING),
                "response_message_ephemeral": original.ephemeral,
            }
            resource["message"] = original.to_json()
        return json_response({"interaction": summary, "resource": resource})

    def _respond(
        self, interaction: FakeInteraction, data: Json, *, flags: int,
        files: list[FakeAttachment] | None = None,
    ) -> None:
        guild = interaction.guild
        channel_id = (
            interaction.channel.id
            if interaction.channel
            else int(interaction.payload["channel_id"])
        )
        message = self.messages.create(
            guild,
            channel_id,
            self.state.bot_user,
            data,
            can_mention_everyone=True,
            flags=flags,
            type=_CHAT_INPUT_REPLY,
            webhook_id=self.state.application_id,
            files=files,
        )
        interaction.original = message
        if interaction.channel is not None and not message.ephemeral:
            self.messages.publish(interaction.channel, message)

    def _hooked(self, request: web.Request) -> FakeInteraction:
        interaction = self._by_token.get(request.match_info["token"])
        app_id = snowflake(request.match_info["application_id"])
        if interaction is None or app_id != self.state.application_id:
            raise unknown("Webhook", 10015)
        return interaction

    async def post_followup(self, request: web.Request) -> web.Response:
        interaction = self._hooked(request)
        if not interaction.callbacks:
            # The interaction's webhook only exists once the interaction is acknowledged.
            raise unknown("Webhook", 10015)
        body, parts = await self.uploads.read(request, _SPEC_EXECUTE)
        files = self.uploads.attach(body, parts)
        validate.message_body(body, require_content=not files)
        original = interaction.original
        if original is not None and original.flags & LOADING:
            # Discord's documented compatibility rule: the first followup after a deferred
            # response edits the "thinking…" message instead of creating one.
            self._settle(interaction, original, body, files)
            return wait_or_204(request, original)
        message = self.messages.create(
            interaction.guild,
            int(interaction.payload["channel_id"]),
            self.state.bot_user,
            body,
            can_mention_everyone=True,
            flags=int(body.get("flags") or 0) & SETTABLE_FLAGS,
            webhook_id=self.state.application_id,
            files=files,
        )
        interaction.followups.append(message)
        if interaction.channel is not None and not message.ephemeral:
            self.messages.publish(interaction.channel, message)
        return wait_or_204(request, message)

    def _hook_message(self, request: web.Request) -> tuple[FakeInteraction, FakeMessage]:
        interaction = self._hooked(request)
        wanted = request.match_info["message_id"]
        if wanted == "@original":
            if interaction.original is not None:
                return interaction, interaction.original
        else:
            for message in interaction.followups:
                if str(message.id) == wanted:
                    return interaction, message
        raise unknown("Message", 10008)

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        return json_response(self._hook_message(request)[1].to_json())

    async def patch_webhook_message(self, request: web.Request) -> web.Response:
        interaction, message = self._hook_message(request)
        body, parts = await self.uploads.read(request, _SPEC_EXECUTE + "/messages/{message_id}")
        self._settle(interaction, message, body, self.uploads.attach(body, parts))
        return json_response(message.to_json())

    def _settle(
        self, interaction: FakeInteraction, message: FakeMessage, body: Any,
        files: list[FakeAttachment] | None = None,
    ) -> None:
        """Edit an interaction message; a deferred placeholder stops 'thinking'."""
        self.messages.edit(message, body)
        if files:
            message.attachments = list(files)
        message.flags &= ~LOADING
        if interaction.channel is not None and not message.ephemeral:
            self.messages.updated(interaction.channel, message)

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        interaction, message = self._hook_message(request)
        if message is interaction.original:
            interaction.original = None
        else:
            interaction.followups.remove(message)
        if interaction.channel is not None and message in interaction.channel.messages:
            self.messages.remove(interaction.channel, message)
        return web.Response(status=204)


def _check_choices(data: Json) -> None:
    choices = data.get("choices") or []
    errors = validate.Errors()
    if len(choices) > validate.CHOICES_MAX:
        errors.too_long(("data", "choices"), validate.CHOICES_MAX)
    for index, choice in enumerate(choices):
        name = choice.get("name") if isinstance(choice, dict) else None
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            errors.add(
                ("data", "choices", index, "name"),
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            )
        if not isinstance(choice, dict) or "value" not in choice:
            errors.add(
                ("data", "choices", index, "value"), "BASE_TYPE_REQUIRED", "This field is required"
            )
    errors.raise_if_any()
