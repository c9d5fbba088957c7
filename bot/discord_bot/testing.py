"""A fake Discord for driving the real bot without a network: slash commands, autocomplete,
buttons and modals. Used by the test suite (tests/discord_helpers.py adds its pytest-only parts)
and by the load benchmarks (bench/discord_load.py, bench/quiz_load.py).

Interactions are real ``discord.Interaction`` objects built from gateway-style payloads and run
through the bot's own command tree or view store; replies are read from a mocked webhook
adapter, exactly as discord.py would have sent them to Discord.

It lives in the package, as ``django.test`` or ``aiohttp.test_utils`` do, so that the bench
imports it like any module instead of reaching into ``tests/`` through ``sys.path``. It imports
neither pytest nor dpytest, and nothing in the bot imports it (an import contract checks that).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, MagicMock

import discord
from discord import app_commands
from discord.webhook import async_ as webhook_async

from bot.config import QuizSettings, Settings
from bot.discord_bot import create_bot

BOT_ID = 900
APP_ID = 901
GUILD_ID = 1000
CHANNEL_ID = 1001
TA_ROLE_ID = 1002
HELP_CHANNEL_ID = 1003
STUDENT_ID = 2001
TA_ID = 2002
ADMIN_ID = 2003
EPHEMERAL = 64
RESPONSE_MESSAGE = 4
RESPONSE_DEFERRED = 5
RESPONSE_UPDATE = 7
RESPONSE_AUTOCOMPLETE = 8
RESPONSE_MODAL = 9
# What a bot invited with the usual permissions may do in a channel.
BOT_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    add_reactions=True,
)

_ids = itertools.count(10_000)
STARTED: list[FakeDiscord] = []  # every bot a test started, to check their error traps
CHANNEL = {
    "id": str(CHANNEL_ID),
    "type": 0,
    "guild_id": str(GUILD_ID),
    "name": "aide",
    "position": 0,
    "permission_overwrites": [],
    "nsfw": False,
    "parent_id": None,
}
HELP_CHANNEL = {**CHANNEL, "id": str(HELP_CHANNEL_ID), "name": "questions", "position": 1}


def settings_for(
    content: Path | str, quiz: QuizSettings | None = None, **discord_keys: Any
) -> Settings:
    """Defaults on ``content`` (no config file, no environment, a database in memory);
    ``quiz`` replaces the quiz settings, ``discord_keys`` set ``discord.*``."""
    settings = Settings(content_dir=str(content), database=":memory:")
    if quiz is not None:
        settings = replace(settings, quiz=quiz)
    if discord_keys:
        settings = replace(settings, discord=replace(settings.discord, **discord_keys))
    return settings


def http_error(status: int, message: str = "", code: int = 0, retry_after: float | None = None):
    """The exception discord.py raises for an HTTP ``status`` (built as its own tests do, on a
    fake response): Forbidden for 403, DiscordServerError for 5xx, HTTPException otherwise."""
    response = MagicMock(status=status, reason=message or "error")
    response.headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    body = {"code": code, "message": message}
    if retry_after is not None:
        body["retry_after"] = retry_after
    if status == 403:
        return discord.Forbidden(response, body)
    if status >= 500:
        return discord.DiscordServerError(response, body)
    return discord.HTTPException(response, body)


def user_payload(user_id: int, name: str, bot: bool = False) -> dict:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "avatar": None,
        "global_name": None,
        "bot": bot,
    }


def member_payload(user_id: int, name: str, roles: tuple[int, ...] = (), perms: int = 0) -> dict:
    return {
        "user": user_payload(user_id, name),
        "roles": [str(r) for r in roles],
        "permissions": str(perms),
        "flags": 0,
        "joined_at": "2024-09-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
    }


def _role(role_id: int, name: str, permissions: int = 0, position: int = 0) -> dict:
    return {
        "id": str(role_id),
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


@dataclass(frozen=True)
class Person:
    """Someone who clicks and types: a member payload plus their client's locale."""

    member: dict
    locale: str = "fr"

    @property
    def id(self) -> int:
        return int(self.member["user"]["id"])


STUDENT = Person(member_payload(STUDENT_ID, "etudiante"))
ENGLISH_STUDENT = Person(member_payload(2004, "student"), locale="en-US")
TA = Person(member_payload(TA_ID, "ta", roles=(TA_ROLE_ID,)))
ADMIN = Person(
    member_payload(ADMIN_ID, "admin", perms=discord.Permissions(manage_guild=True).value)
)


def student(n: int) -> Person:
    """Another student, for tests with many users."""
    return Person(member_payload(3000 + n, f"student{n}"))


@dataclass
class Sent:
    """One reply the bot sent through the interaction webhook."""

    kind: str  # "response" | "followup" | "edit" (of the original response) | "channel"
    payload: dict
    token: str = ""  # the interaction's token: which interaction this replies to
    files: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def type(self) -> int | None:
        return self.payload.get("type")

    @property
    def data(self) -> dict:
        # Responses wrap the message in "data"; followups are the message itself.
        return self.payload.get("data", {}) if self.kind == "response" else self.payload

    @property
    def content(self) -> str:
        return self.data.get("content") or ""

    @property
    def embeds(self) -> list[dict]:
        return self.data.get("embeds") or []

    @property
    def embed(self) -> dict:
        assert self.embeds, f"no embed in {self.payload}"
        return self.embeds[0]

    @property
    def ephemeral(self) -> bool:
        return bool(self.data.get("flags", 0) & EPHEMERAL)

    @property
    def buttons(self) -> list[dict]:
        return [c for row in self.data.get("components") or [] for c in row["components"]]

    @property
    def rows(self) -> list[list[dict]]:
        return [row["components"] for row in self.data.get("components") or []]

    @property
    def labels(self) -> list[str]:
        return [b.get("label") or "" for b in self.buttons]

    def button(self, starts: str) -> dict:
        """The first button whose custom_id starts with ``starts`` (or, for ``":action"``,
        ends with it)."""
        found = [
            b
            for b in self.buttons
            if b.get("custom_id", "").startswith(starts)
            or (starts.startswith(":") and b.get("custom_id", "").endswith(starts))
        ]
        assert found, f"no button {starts!r} in {[b.get('custom_id') for b in self.buttons]}"
        return found[0]

    @property
    def choices(self) -> list[dict]:
        return self.data.get("choices", [])


@dataclass
class ErrorTrap:
    """Makes unexpected errors fail the test instead of being logged and answered politely.

    Expected refusals (checks, cooldowns) still go to the bot's polite handler.
    """

    bot: Any
    unexpected: list[BaseException] = field(default_factory=list)

    def install(self) -> None:
        polite = self.bot.on_interaction_error

        async def on_interaction_error(interaction, error):
            if isinstance(error, app_commands.CheckFailure):
                await polite(interaction, error)
                return
            self.unexpected.append(error)
            raise error

        async def on_error(event, *args, **kwargs):
            self.unexpected.append(sys.exc_info()[1])
            raise

        self.bot.on_interaction_error = on_interaction_error
        self.bot.on_error = on_error

    def check(self) -> None:
        assert not self.unexpected, f"unexpected errors: {self.unexpected!r}"


class FakeDiscord:
    """One guild, one channel, and a webhook adapter that records what the bot sends."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.sent: list[Sent] = []
        self.by_token: dict[str, list[Sent]] = {}
        self.adapter = AsyncMock()
        self.adapter.create_interaction_response.side_effect = self._on_response
        self.adapter.execute_webhook.side_effect = self._on_followup
        self.adapter.edit_original_interaction_response.side_effect = self._on_edit
        self.trap = ErrorTrap(bot)
        self.network_delay = 0.0  # seconds each call to Discord takes (benchmarks set it)
        self.app_permissions = BOT_PERMISSIONS  # the bot's, in the channel
        self.filesize_limit = 8_000_000  # the largest attachment the bot may send
        # Exceptions the next calls to Discord raise instead of succeeding, first one first:
        # replies and follow-ups, edits of an original reply, posts in channels.
        self.response_errors: list[Exception] = []
        self.edit_errors: list[Exception] = []
        self.channel_errors: list[Exception] = []
        self.channel_calls = 0
        self._waiters: dict[str, asyncio.Event] = {}

    async def start(self, setup: bool = True, channels: bool = True) -> FakeDiscord:
        """Set up the bot (cogs, translator, buttons) with no network.

        ``setup=False`` when the caller already ran the setup hooks (the dpytest order);
        ``channels=False`` leaves channel posts to dpytest instead of recording them here.
        """
        state = self.bot._connection
        if setup:
            await self.bot._async_setup_hook()
            await self.bot.setup_hook()
        if state.user is None:
            state.user = discord.ClientUser(
                state=state, data=user_payload(BOT_ID, "coursebot", True)
            )
        self.trap.install()
        state._add_guild_from_data(
            {
                "id": str(GUILD_ID),
                "name": "Cours Docker",
                "owner_id": "1",
                "roles": [_role(GUILD_ID, "@everyone"), _role(TA_ROLE_ID, "TA", position=1)],
                "channels": [CHANNEL, HELP_CHANNEL],
                "member_count": 3,
            }
        )
        webhook_async.async_context.set(self.adapter)
        if channels:
            self.bot.http.send_message = self._on_channel_send
        STARTED.append(self)
        return self

    def _record(self, sent: Sent) -> None:
        self.sent.append(sent)
        self.by_token.setdefault(sent.token, []).append(sent)
        waiter = self._waiters.pop(sent.token, None)
        if waiter is not None:
            waiter.set()

    async def _on_response(self, interaction_id: int, token: str, **kwargs: Any) -> dict:
        if self.network_delay:
            await asyncio.sleep(self.network_delay)
        if self.response_errors:
            raise self.response_errors.pop(0)
        params = kwargs["params"]
        payload, files = _with_files(params.payload, params.multipart, params.files)
        self._record(Sent("response", payload, token, files))
        return {"interaction": {"id": str(interaction_id), "type": 2}}

    async def _on_followup(self, webhook_id: int, token: str, **kwargs: Any) -> dict:
        if self.response_errors:
            raise self.response_errors.pop(0)
        payload, files = _with_files(
            kwargs.get("payload"), kwargs.get("multipart"), kwargs.get("files")
        )
        sent = Sent("followup", payload, token, files)
        self._record(sent)
        return self._message_payload(sent)

    async def _on_edit(self, application_id: int, token: str, **kwargs: Any) -> dict:
        if self.edit_errors:
            raise self.edit_errors.pop(0)
        sent = Sent("edit", kwargs["payload"], token)
        self._record(sent)
        return self._message_payload(sent)

    async def _on_channel_send(self, channel_id: int, *, params: Any) -> dict:
        """``channel.send`` (group quiz posts): recorded under the token ``channel:<id>``."""
        self.channel_calls += 1
        if self.network_delay:
            await asyncio.sleep(self.network_delay)
        if self.channel_errors:
            raise self.channel_errors.pop(0)
        payload, files = _with_files(params.payload, params.multipart, params.files)
        sent = Sent("channel", payload, f"channel:{channel_id}", files)
        self._record(sent)
        return self._message_payload(sent)

    def replies_to(self, token: str) -> list[Sent]:
        """Everything the bot sent in answer to one interaction."""
        return list(self.by_token.get(token, ()))

    def posts(self, channel_id: int = CHANNEL_ID) -> list[Sent]:
        """The messages the bot posted in a channel (not as interaction replies)."""
        return self.replies_to(f"channel:{channel_id}")

    def forget(self) -> None:
        """Drop what was recorded, the mock's own call list included (long benchmarks)."""
        self.sent.clear()
        self.by_token.clear()
        self.adapter.reset_mock()

    @property
    def last(self) -> Sent:
        assert self.sent, "the bot sent nothing"
        return self.sent[-1]

    # ------------------------------------------------------------------ payloads

    def _base(self, kind: int, who: Person, data: dict, **extra: Any) -> dict:
        interaction_id = next(_ids)
        return {
            "id": str(interaction_id),
            "application_id": str(APP_ID),
            "type": kind,
            "token": f"token-{interaction_id}",
            "version": 1,
            "attachment_size_limit": self.filesize_limit,
            "locale": who.locale,
            "guild_locale": "fr",
            "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID),
            "channel": {
                "id": str(CHANNEL_ID),
                "type": 0,
                "guild_id": str(GUILD_ID),
                "name": "aide",
            },
            "member": who.member,
            "app_permissions": str(self.app_permissions.value),
            "data": data,
            **extra,
        }

    def _command_data(self, name: str, options: dict[str, Any], focused: str | None) -> dict:
        command = self.bot.tree.get_command(name.split()[0])
        for part in name.split()[1:]:
            command = command.get_command(part) if command else None
        assert command is not None, f"no /{name}"
        *group, leaf = name.split()
        opts, resolved = [], {}
        for key, value in options.items():
            param = next(p for p in command.parameters if p.display_name == key)
            if param.type == discord.AppCommandOptionType.channel:
                channel = next(c for c in (CHANNEL, HELP_CHANNEL) if int(c["id"]) == value)
                resolved.setdefault("channels", {})[str(value)] = {**channel, "permissions": "0"}
                value = str(value)
            opt = {"type": param.type.value, "name": key, "value": value}
            if key == focused:
                opt["focused"] = True
            opts.append(opt)
        if group:  # "/privacy export": the sub-command is the group's only option
            opts = [{"type": 1, "name": leaf, "options": opts}]
        data = {"id": str(next(_ids)), "name": group[0] if group else name, "type": 1}
        return data | {"options": opts, "resolved": resolved}

    # ------------------------------------------------------------------ actions

    def command(self, name: str, who: Person = STUDENT, **options: Any) -> discord.Interaction:
        """A ``/name option=value ...`` interaction, not yet run."""
        data = self._base(2, who, self._command_data(name, options, None))
        return discord.Interaction(data=data, state=self.bot._connection)

    async def slash(self, name: str, who: Person = STUDENT, **options: Any) -> Sent:
        """Run ``/name option=value ...`` through the command tree; its last reply."""
        interaction = self.command(name, who, **options)
        await self.bot.tree._call(interaction)
        self.trap.check()
        replies = self.replies_to(interaction.token)
        assert replies, f"/{name} sent nothing"
        return replies[-1]

    async def slash_together(self, calls: list[tuple[str, Person, dict]]) -> list[Sent]:
        """Run many commands at once (as a burst arrives); the last reply to each, in order."""
        interactions = [self.command(name, who, **options) for name, who, options in calls]
        await asyncio.gather(*(self.bot.tree._call(i) for i in interactions))
        self.trap.check()
        return [self.replies_to(i.token)[-1] for i in interactions]

    async def autocomplete(
        self, name: str, focused: str, current: str, who: Person = STUDENT, **others: Any
    ) -> list[dict]:
        """The choices offered while typing ``current`` in option ``focused``."""
        data = self._base(4, who, self._command_data(name, {**others, focused: current}, focused))
        await self.bot.tree._call(discord.Interaction(data=data, state=self.bot._connection))
        replies = self.replies_to(data["token"])
        assert len(replies) == 1, "autocomplete sent no choices (it failed: see the log)"
        assert replies[0].type == RESPONSE_AUTOCOMPLETE
        return replies[0].choices

    async def click(self, message: Sent, custom_id_start: str, who: Person = STUDENT) -> Sent:
        """Click a button of ``message`` (the first whose custom_id starts so); the reply."""
        button = message.button(custom_id_start)
        assert not button.get("disabled"), f"{button['custom_id']} is disabled"
        data = self._base(
            3,
            who,
            {"component_type": 2, "custom_id": button["custom_id"]},
            message=self._message_payload(message),
        )
        self.bot._connection.parse_interaction_create(data)
        await settle()
        self.trap.check()
        replies = self.replies_to(data["token"])
        assert replies, f"clicking {button['custom_id']} sent nothing"
        return replies[-1]

    async def submit_modal(self, modal: Sent, value: str, on: Sent, who: Person = STUDENT) -> Sent:
        """Type ``value`` in the modal the bot opened (``modal``, a type 9 reply) and submit it;
        ``on`` is the message whose button opened it. The reply."""
        assert modal.type == RESPONSE_MODAL, f"not a modal: {modal.payload}"
        data = self._base(
            5,
            who,
            {
                "custom_id": modal.data["custom_id"],
                "components": [_filled(c, value) for c in modal.data["components"]],
            },
            message=self._message_payload(on),
        )
        self.bot._connection.parse_interaction_create(data)
        await settle()
        self.trap.check()
        replies = self.replies_to(data["token"])
        assert replies, "submitting the modal sent nothing"
        return replies[-1]

    async def press(
        self,
        message: Sent,
        custom_id: str,
        who: Person,
        value: str | None = None,
        on: Sent | None = None,
    ) -> Sent:
        """Click ``custom_id`` on ``message`` (or, with ``value``, submit the modal ``message``
        opened from ``on``) without waiting for other users' tasks: returns when this
        interaction's first reply arrives (for benchmarks)."""
        if value is None:
            data = self._base(
                3,
                who,
                {"component_type": 2, "custom_id": custom_id},
                message=self._message_payload(message),
            )
        else:
            components = [_filled(c, value) for c in message.data["components"]]
            extra = {"message": self._message_payload(on)} if on is not None else {}
            data = self._base(5, who, {"custom_id": custom_id, "components": components}, **extra)
        waiter = self.expect(data["token"])
        self.bot._connection.parse_interaction_create(data)
        await asyncio.wait_for(waiter.wait(), timeout=30)
        return self.replies_to(data["token"])[0]

    def expect(self, token: str) -> asyncio.Event:
        """An event set when the next reply to the interaction ``token`` arrives."""
        waiter = self._waiters[token] = asyncio.Event()
        return waiter

    async def say(self, content: str, who: Person = STUDENT, channel_id: int = CHANNEL_ID) -> None:
        """A member posts ``content`` in a channel (read only with the message-content intent)."""
        data = message_payload(channel_id, who.member["user"], content)
        data["member"] = {k: v for k, v in who.member.items() if k != "user"}
        self.bot._connection.parse_message_create(data)
        for _ in range(5):
            await asyncio.sleep(0)
        await settle_all(self.bot)
        self.trap.check()

    def _message_payload(self, sent: Sent) -> dict:
        data = sent.data
        return message_payload(
            CHANNEL_ID,
            user_payload(BOT_ID, "coursebot", True),
            data.get("content") or "",
            embeds=data.get("embeds") or [],
            components=data.get("components") or [],
            flags=data.get("flags", 0),
        )


def _with_files(payload: dict | None, multipart: list | None, files: Any) -> tuple[dict, list]:
    """A message as sent, and its attachments as ``(name, bytes)``: with files, the message
    travels as a multipart "payload_json"."""
    attached = [(f.filename, f.fp.read()) for f in files or ()]
    if payload is None:
        parts = {part["name"]: part["value"] for part in multipart or ()}
        payload = json.loads(parts["payload_json"])
    return payload, attached


def message_payload(
    channel_id: int, author: dict, content: str, *, embeds=(), components=(), flags: int = 0
) -> dict:
    """A gateway MESSAGE_CREATE payload in the test guild."""
    return {
        "id": str(next(_ids)),
        "channel_id": str(channel_id),
        "guild_id": str(GUILD_ID),
        "author": author,
        "content": content,
        "embeds": list(embeds),
        "components": list(components),
        "flags": flags,
        "timestamp": "2024-09-01T00:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "pinned": False,
        "type": 0,
    }


def _filled(component: dict, value: str) -> dict:
    """A modal component as submitted: its text input holding ``value``."""
    if component.get("type") == 4:
        return {"type": 4, "custom_id": component["custom_id"], "value": value}
    if "component" in component:  # a label around its input
        return {"type": component["type"], "component": _filled(component["component"], value)}
    if "components" in component:
        return {**component, "components": [_filled(c, value) for c in component["components"]]}
    return {"type": component["type"]}


async def settle_all(bot: Any) -> None:
    """Wait for the event handlers discord.py scheduled (``on_message`` listeners)."""
    for _ in range(3):
        await asyncio.sleep(0)
        pending = [
            task
            for task in asyncio.all_tasks()
            if task is not asyncio.current_task() and task.get_name().startswith("discord.py:")
        ]
        if pending:
            await asyncio.wait_for(asyncio.gather(*pending), timeout=5)


async def settle() -> None:
    """Wait for the tasks discord.py started to dispatch buttons."""
    for _ in range(3):
        await asyncio.sleep(0)
        pending = [
            task
            for task in asyncio.all_tasks()
            if task is not asyncio.current_task() and task.get_name().startswith("discord-ui")
        ]
        if pending:
            await asyncio.wait_for(asyncio.gather(*pending), timeout=5)


async def fake_discord(settings: Settings, **kwargs: Any) -> FakeDiscord:
    """The real bot from ``create_bot`` with ``settings``, set up and ready to drive."""
    bot = create_bot(settings, **kwargs)
    return await FakeDiscord(bot).start()


def embed_chars(embed: dict) -> int:
    """Characters Discord counts towards an embed's 6,000 limit."""
    total = len(embed.get("title", "")) + len(embed.get("description", ""))
    total += len(embed.get("footer", {}).get("text", "")) + len(
        embed.get("author", {}).get("name", "")
    )
    total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return total


def spy_channel_sends(bot: Any) -> list[dict]:
    """The payloads of the messages the bot posts in channels (replies to mentions)."""
    payloads: list[dict] = []
    send = bot.http.send_message

    async def spy(channel_id: int, *, params: Any) -> Any:
        payloads.append(params.payload)
        # dpytest finds the channel in its caller's locals: name it so.
        channel = bot.get_channel(channel_id)  # noqa: F841
        return await send(channel_id, params=params)

    bot.http.send_message = spy
    return payloads


def spy_reactions(bot: Any) -> list[str]:
    """The emoji the bot adds to messages (dpytest's own reactions do not run on 2.7)."""
    added: list[str] = []

    async def add_reaction(channel_id: int, message_id: int, emoji: str) -> None:
        added.append(emoji)

    bot.http.add_reaction = add_reaction
    return added


def check_traps() -> None:
    """Fail if any bot of the test met an unexpected error (e.g. in an event handler)."""
    fakes = list(STARTED)
    STARTED.clear()
    for fake in fakes:
        fake.trap.check()


# ---------------------------------------------------------------------- quizzes


def quiz_cog(fake: FakeDiscord) -> Any:
    """The quiz cog, holding the running solo quizzes and group games."""
    return fake.bot.get_cog("QuizCog")


def reply_for(item: Any, correct: bool) -> str:
    """What a player answers to ``item``: the right or a wrong letter, or typed text."""
    from bot.quiz.session import LETTERS

    if item.options is None:
        return item.answer if correct else "réponse sans rapport"
    right = item.answer_index
    return LETTERS[right if correct else (right + 1) % len(item.options)]


async def answer(fake: FakeDiscord, message: Sent, item: Any, correct: bool, who: Person) -> Sent:
    """Answer the question ``message`` shows (``item``) with its buttons, or for a typed question
    with the "answer" button and its modal; the bot's reply."""
    text = reply_for(item, correct)
    if item.options is None:
        modal = await fake.click(message, ":type", who=who)
        return await fake.submit_modal(modal, text, on=message, who=who)
    return await fake.click(message, f":{text}", who=who)


# ---------------------------------------------------------------------- discord.py's own HTTP


class FakeHTTPSession:
    """Stands in for aiohttp under discord.py's real HTTP client: every request gets the same
    answer (a status and a JSON body), so discord.py's own retries and rate-limit handling run."""

    def __init__(self, status: int, body: dict, headers: dict | None = None) -> None:
        self.status, self.body = status, body
        self.headers = {"content-type": "application/json", "Via": "1.1 google", **(headers or {})}
        self.requests: list[tuple[str, str]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> _FakeHTTPResponse:
        self.requests.append((method, url))
        return _FakeHTTPResponse(self)


class _FakeHTTPResponse:
    def __init__(self, session: FakeHTTPSession) -> None:
        self.status, self.headers, self.reason = session.status, session.headers, "fake"
        self._text = json.dumps(session.body)

    async def __aenter__(self) -> _FakeHTTPResponse:
        return self

    async def __aexit__(self, *exc: Any) -> bool:
        return False

    async def text(self, encoding: str = "utf-8") -> str:
        return self._text


def through_discord_http(fake: FakeDiscord, session: FakeHTTPSession) -> None:
    """Send the bot's channel posts through discord.py's HTTP client to ``session``."""
    http = fake.bot.http
    http.__dict__.pop("send_message", None)  # drop the recording stand-in
    http._HTTPClient__session = session
    http._global_over = asyncio.Event()
    http._global_over.set()
