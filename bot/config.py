"""Settings: a YAML file plus the environment, validated; an error names the key at fault.

The core never reads this file itself: front ends load settings and pass plain values down.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# The days a weekly digest may go out on (``discord.digest_day``); the digest's schedule reads
# them from here, so the settings depend on nothing above them.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

DEFAULT_CONFIG_FILE = "config.yaml"


class ConfigError(ValueError):
    """A bad configuration: the message starts with the key's dotted path."""


@dataclass(frozen=True)
class AnswerSettings:
    answer_score: float = 0.0  # 0 means "use the matcher's calibrated default"
    suggest_score: float = 0.0
    margin: float = 0.0


@dataclass(frozen=True)
class CooldownSettings:
    ask_seconds: float = 3.0  # per user, /ask and mentions
    ask_burst: int = 3  # questions allowed inside one window


@dataclass(frozen=True)
class SearchSettings:
    # Match by meaning too (multilingual sentence embeddings) once the course is embedded;
    # COURSEBOT_DENSE=0 in the environment turns it off as well.
    dense: bool = True
    # The embedding cache; empty: embeddings.sqlite3 beside the database.
    embeddings: str = ""


# The length a quiz may be given, in the configuration and on every front end.
MIN_QUESTIONS, MAX_QUESTIONS = 1, 50


@dataclass(frozen=True)
class QuizSettings:
    questions: int = 5
    group_timeout_seconds: int = 30
    solo_timeout_seconds: int = 600


@dataclass(frozen=True)
class DiscordSettings:
    ta_role: str = "TA"
    help_channels: tuple[int, ...] = ()
    answer_in_help_channels: bool = False
    message_content: bool = False  # privileged intent: only when enabled in the portal
    dev_guild_ids: tuple[int, ...] = ()
    sync_commands: bool = True  # push slash commands to Discord on start
    sharded: bool = False
    digest_channel: int = 0  # where the weekly digest goes; 0: no digest
    digest_day: str = "monday"
    digest_hour: int = 9  # the server's local time


@dataclass(frozen=True)
class Settings:
    content_dir: str = "content"
    database: str = "data/coursebot.sqlite3"
    language: str = "fr"
    log_level: str = "INFO"
    answer: AnswerSettings = field(default_factory=AnswerSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    cooldowns: CooldownSettings = field(default_factory=CooldownSettings)
    quiz: QuizSettings = field(default_factory=QuizSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    token: str | None = field(default=None, repr=False)  # from DISCORD_TOKEN only


_SWITCHES = {"1": True, "true": True, "yes": True, "on": True,
             "0": False, "false": False, "no": False, "off": False}
_LANGUAGES = {"fr", "en"}
_LOG_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR"}


def _check_type(key: str, value: Any, expected: type) -> Any:
    origin = getattr(expected, "__origin__", None)
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{key}: expected a list, got {type(value).__name__}")
        item_type = expected.__args__[0]
        return tuple(_check_type(f"{key}[{i}]", v, item_type) for i, v in enumerate(value))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is int and isinstance(value, bool):
        raise ConfigError(f"{key}: expected an integer, got a boolean")
    if expected is str and isinstance(value, bool):
        # YAML 1.1 reads yes/no/on/off as booleans: say so instead of failing later.
        raise ConfigError(f"{key}: expected text, got the boolean {value} (quote it: \"{value}\")")
    if not isinstance(value, expected):
        raise ConfigError(f"{key}: expected {expected.__name__}, got {type(value).__name__}")
    return value


def _build(cls: type, data: Any, prefix: str) -> Any:
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix or 'config'}: expected a mapping of keys")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "token"}
    values = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if key not in fields:
            raise ConfigError(f"{path}: unknown key (known: {', '.join(sorted(fields))})")
        ftype = fields[key].type
        target = _resolve_type(ftype)
        if dataclasses.is_dataclass(target):
            values[key] = _build(target, value, path)
        else:
            values[key] = _check_type(path, value, target)
    return cls(**values)


_TYPES = {
    "str": str,
    "float": float,
    "int": int,
    "bool": bool,
    "tuple[int, ...]": tuple[int, ...],
    "AnswerSettings": AnswerSettings,
    "SearchSettings": SearchSettings,
    "CooldownSettings": CooldownSettings,
    "QuizSettings": QuizSettings,
    "DiscordSettings": DiscordSettings,
}


def _resolve_type(annotation: Any) -> Any:
    return _TYPES[annotation] if isinstance(annotation, str) else annotation


def _validate(settings: Settings) -> None:
    if settings.language not in _LANGUAGES:
        raise ConfigError(
            f"language: expected one of {sorted(_LANGUAGES)}, got {settings.language!r}"
        )
    if settings.log_level.upper() not in _LOG_LEVELS:
        raise ConfigError(f"log_level: expected one of {sorted(_LOG_LEVELS)}")
    for key in ("answer_score", "suggest_score", "margin"):
        value = getattr(settings.answer, key)
        if not 0 <= value <= 100:
            raise ConfigError(f"answer.{key}: expected a score from 0 to 100, got {value}")
    if settings.cooldowns.ask_seconds < 0:
        raise ConfigError(
            f"cooldowns.ask_seconds: expected 0 or more, got {settings.cooldowns.ask_seconds}"
        )
    if settings.cooldowns.ask_burst < 1:
        raise ConfigError(
            f"cooldowns.ask_burst: expected 1 or more, got {settings.cooldowns.ask_burst}"
        )
    if not settings.discord.ta_role.strip():
        raise ConfigError("discord.ta_role: expected a role name or id, got an empty text")
    if settings.discord.digest_channel < 0:
        raise ConfigError(
            "discord.digest_channel: expected a channel id (0 for no digest),"
            f" got {settings.discord.digest_channel}"
        )
    if settings.discord.digest_day not in WEEKDAYS:
        raise ConfigError(
            f"discord.digest_day: expected one of {', '.join(WEEKDAYS)},"
            f" got {settings.discord.digest_day!r}"
        )
    if not 0 <= settings.discord.digest_hour <= 23:
        raise ConfigError(
            f"discord.digest_hour: expected 0 to 23, got {settings.discord.digest_hour}"
        )
    if not MIN_QUESTIONS <= settings.quiz.questions <= MAX_QUESTIONS:
        raise ConfigError(
            f"quiz.questions: expected {MIN_QUESTIONS} to {MAX_QUESTIONS},"
            f" got {settings.quiz.questions}"
        )
    if settings.quiz.group_timeout_seconds < 5:
        raise ConfigError("quiz.group_timeout_seconds: expected at least 5 seconds")


def load_settings(path: str | os.PathLike | None = None, **overrides: Any) -> Settings:
    """Settings from ``path`` (or ``COURSEBOT_CONFIG``, or ./config.yaml when present).

    Keyword overrides replace top-level keys (``content_dir``, ``database``...). The token is read
    from ``DISCORD_TOKEN`` only, never from a file.
    """
    file = path or os.environ.get("COURSEBOT_CONFIG")
    # exists(), not is_file(): a folder in its place (Docker's doing) is named, not skipped.
    if file is None and Path(DEFAULT_CONFIG_FILE).exists():
        file = DEFAULT_CONFIG_FILE
    data: dict = {}
    if file is not None:
        if Path(file).is_dir():
            # What Docker leaves when it mounts a config file that did not exist on the host.
            raise ConfigError(
                f"{file}: is a folder, not a configuration file (Docker creates a folder when "
                "it mounts a config.yaml that does not exist): remove the folder, then "
                "cp config.example.yaml config.yaml"
            )
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{file}: cannot read the configuration ({exc.strerror})") from None
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{file}:{mark.line + 1}" if mark else str(file)
            raise ConfigError(f"{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{file}: expected a mapping of keys at the top level")
        if "token" in data or "discord_token" in data:
            raise ConfigError("token: never put the token in a file; set DISCORD_TOKEN instead")
        discord = data.get("discord")
        # The token's natural place in a file is under discord:, where it is as exposed.
        if isinstance(discord, dict) and ({"token", "discord_token", "bot_token"} & set(discord)):
            raise ConfigError(
                "discord.token: never put the token in a file; set DISCORD_TOKEN instead"
            )
    settings = _build(Settings, data, "")
    if file is not None:
        settings = _beside(settings, data, Path(file).parent)
    clean = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(clean) - {f.name for f in dataclasses.fields(Settings)}
    if unknown:
        raise ConfigError(f"{sorted(unknown)[0]}: unknown setting")
    settings = dataclasses.replace(settings, **clean)
    if settings.token is None:
        settings = dataclasses.replace(settings, token=os.environ.get("DISCORD_TOKEN") or None)
    _validate(settings)
    return settings


def _beside(settings: Settings, data: dict, folder: Path) -> Settings:
    """Relative paths written in a configuration file read from the file's own folder, so
    that ``--config ../course/config.yaml`` finds that course's content and database from
    anywhere. Paths given on the command line stay relative to the working directory."""
    moved = {
        key: str(folder / value)
        for key in ("content_dir", "database")
        if key in data and (value := getattr(settings, key)) != ":memory:"
        and not Path(value).is_absolute()
    }
    return dataclasses.replace(settings, **moved) if moved else settings


def database_for(settings: Settings, content: str | None = None, db: str | None = None) -> str:
    """The database of the course in ``content`` (``--content``): ``db`` (``--db``) when
    given; the configured database for the configured content folder; for another folder, a
    database of its own beside the configured one (``coursebot-<folder>-<digest>.sqlite3``).

    Records are kept per course this way: a chat on another course never adds its questions,
    quiz answers or reviews to the served course's (both would show in ``unanswered``,
    ``stats`` and spaced review), and ``unanswered --content DIR`` reads what was asked of
    DIR. The digest of the folder's full path tells apart two folders with the same name."""
    if db:
        return db
    database = settings.database
    if not content or database == ":memory:" or _same_folder(content, settings.content_dir):
        return database
    folder = Path(content).resolve()
    name = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-") or "course"
    digest = hashlib.blake2s(str(folder).encode("utf-8"), digest_size=4).hexdigest()
    path = Path(database)
    return str(path.with_name(f"{path.stem}-{name}-{digest}{path.suffix or '.sqlite3'}"))


def course_databases(database: str) -> list[str]:
    """``database`` and the per-course databases beside it (see :func:`database_for`), those
    that exist: what a student's data request must cover."""
    path = Path(database)
    found = [database] if path.is_file() else []
    if path.parent.is_dir():
        found += sorted(str(p) for p in path.parent.glob(f"{path.stem}-*-*{path.suffix}")
                        if p.is_file())
    return found


def _same_folder(one: str, other: str) -> bool:
    try:
        return Path(one).resolve() == Path(other).resolve()
    except OSError:
        return one == other


def resolve_content_dir(args: argparse.Namespace) -> str:
    """``--content`` when given, else the configured folder."""
    if getattr(args, "content", None):
        return args.content
    return load_settings(getattr(args, "config", None)).content_dir


def existing_content_dir(args: argparse.Namespace) -> str:
    """The content folder of a command that serves it. A missing one is a configuration error:
    answering "I don't know", or listing no module, would hide the mistake."""
    content = resolve_content_dir(args)
    require_folder(content, "--content" if getattr(args, "content", None) else "content_dir")
    return content


def require_folder(content: str, key: str) -> None:
    """Raise ``ConfigError`` naming ``key`` when ``content`` is not a folder."""
    if not Path(content).is_dir():
        raise ConfigError(f"{key}: content folder not found: {content}")


def embeddings_path(settings: Settings) -> str:
    """Where the embedding cache lives: ``search.embeddings``, else beside the database (in
    memory when the database is)."""
    if settings.search.embeddings:
        return settings.search.embeddings
    if settings.database == ":memory:":
        return ":memory:"
    return str(Path(settings.database).parent / "embeddings.sqlite3")


def dense_enabled(settings: Settings) -> bool:
    """``search.dense``, unless ``COURSEBOT_DENSE`` says otherwise (an operator's switch for
    a machine too small for the encoder, and the test suite's)."""
    switch = os.environ.get("COURSEBOT_DENSE", "").strip().lower()
    if switch and switch not in _SWITCHES:
        raise ConfigError(f"COURSEBOT_DENSE: expected 1 or 0, got {switch!r}")
    return _SWITCHES[switch] if switch else settings.search.dense
