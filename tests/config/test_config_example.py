"""config.example.yaml documents every setting and loads as the defaults; bad keys name their
path."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from bot.config import ConfigError, Settings, load_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"


def setting_paths(cls: type = Settings, prefix: str = "") -> set[str]:
    """Dotted paths of every key a config file may set."""
    paths = set()
    for f in dataclasses.fields(cls):
        if f.name == "token":
            continue
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else None
        if dataclasses.is_dataclass(default):
            paths |= setting_paths(type(default), f"{prefix}{f.name}.")
        else:
            paths.add(prefix + f.name)
    return paths


def file_paths(data: dict, prefix: str = "") -> set[str]:
    paths = set()
    for key, value in data.items():
        if isinstance(value, dict):
            paths |= file_paths(value, f"{prefix}{key}.")
        else:
            paths.add(prefix + key)
    return paths


def test_the_example_sets_every_key_and_nothing_else():
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert file_paths(data) == setting_paths()


def test_the_example_loads_as_the_defaults(monkeypatch):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(EXAMPLE.parent)
    assert load_settings(EXAMPLE.name) == Settings()


def test_relative_paths_in_a_config_file_read_from_its_folder(tmp_path, monkeypatch):
    project, elsewhere = tmp_path / "proj", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (project / "config.yaml").write_text("content_dir: course\ndatabase: db/bot.sqlite3\n",
                                         encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    settings = load_settings("../proj/config.yaml")
    assert Path(settings.content_dir).resolve() == project / "course"
    assert Path(settings.database).resolve() == project / "db" / "bot.sqlite3"
    # What the command line gives stays relative to where the command runs.
    assert load_settings("../proj/config.yaml", content_dir="here").content_dir == "here"
    absolute = tmp_path / "abs.yaml"
    absolute.write_text(f"content_dir: {project}\ndatabase: ':memory:'\n", encoding="utf-8")
    assert load_settings(absolute).content_dir == str(project)
    assert load_settings(absolute).database == ":memory:"


def test_the_example_holds_no_secret():
    text = EXAMPLE.read_text(encoding="utf-8").lower()
    data = yaml.safe_load(text)
    assert "token" not in file_paths(data)
    assert not any(word in key for key in file_paths(data) for word in ("token", "secret"))


@pytest.mark.parametrize(
    ("yaml_text", "key"),
    [
        ("colour: blue\n", "colour"),
        ("discord:\n  ta_rol: TA\n", "discord.ta_rol"),
        ("cooldowns:\n  ask_seconds: soon\n", "cooldowns.ask_seconds"),
        ("cooldowns:\n  ask_burst: 0\n", "cooldowns.ask_burst"),
        ("cooldowns:\n  ask_seconds: -1\n", "cooldowns.ask_seconds"),
        ("discord:\n  help_channels: 12\n", "discord.help_channels"),
        ("discord:\n  help_channels: [12, general]\n", "discord.help_channels[1]"),
        ("discord:\n  dev_guild_ids: [yes]\n", "discord.dev_guild_ids[0]"),
        ("discord:\n  sharded: 2\n", "discord.sharded"),
        ("discord:\n  message_content: 'true'\n", "discord.message_content"),
        ("discord:\n  ta_role: no\n", "discord.ta_role"),
        ("discord:\n  ta_role: ''\n", "discord.ta_role"),
        ("discord: [TA]\n", "discord"),
        ("discord:\n  digest_channel: general\n", "discord.digest_channel"),
        ("discord:\n  digest_channel: -5\n", "discord.digest_channel"),
        ("discord:\n  digest_day: lundi\n", "discord.digest_day"),
        ("discord:\n  digest_day: no\n", "discord.digest_day"),
        ("discord:\n  digest_hour: 24\n", "discord.digest_hour"),
        ("answer:\n  answer_score: 140\n", "answer.answer_score"),
        ("language: de\n", "language"),
        ("token: abc\n", "token"),
    ],
)
def test_a_bad_key_names_its_path(tmp_path, yaml_text, key):
    config = tmp_path / "config.yaml"
    config.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert str(caught.value).startswith(f"{key}:"), str(caught.value)


def test_discord_keys_load(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(
        "discord:\n  ta_role: '1234'\n  help_channels: [5, 6]\n  dev_guild_ids: [7]\n"
        "  sharded: true\n  sync_commands: false\n",
        encoding="utf-8",
    )
    d = load_settings(config).discord
    assert (d.ta_role, d.help_channels, d.dev_guild_ids, d.sharded, d.sync_commands) == (
        "1234",
        (5, 6),
        (7,),
        True,
        False,
    )
