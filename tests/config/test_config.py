"""bot.config directly: defaults, and errors that name the file, line or key."""

import pytest

from bot.config import ConfigError, Settings, load_settings


@pytest.fixture(autouse=True)
def no_config_around(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COURSEBOT_CONFIG", raising=False)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)


def test_no_file_gives_the_defaults():
    assert load_settings() == Settings()


def test_broken_yaml_names_the_file_and_line(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("language: fr\nquiz: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.yaml"):
        load_settings(config)


def test_a_token_in_a_file_is_refused(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("token: abc\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        load_settings(config)


def test_an_unknown_override_is_named():
    with pytest.raises(ConfigError, match="colour: unknown setting"):
        load_settings(colour="blue")
