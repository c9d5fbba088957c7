"""Deploying with Docker Compose as the README's « Deploy on a small server » says: a missing
config file is refused rather than turned into a folder, a token in the file gets the same help
wherever it is written, and the commands the section gives exist and work."""

import os
import re
import shlex
import sqlite3
import subprocess
import sys

import yaml

from bot.store import Store
from conftest import REPO

FAKE_TOKEN = "MTIzNDU2Nzg5.fake.token-never-valid"


def bot(args, cwd, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "COURSEBOT_CONFIG")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, capture_output=True, text=True,
        timeout=60, env={**clean, "PYTHONPATH": str(REPO), **env},
    )


def deploy_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("## Deploy on a small server", 1)[1].split("\n## ", 1)[0]


def test_a_config_file_docker_turned_into_a_folder_is_named(tmp_path):
    (tmp_path / "config.yaml").mkdir()  # what Docker leaves for a missing bind-mounted file
    result = bot(["run"], tmp_path, DISCORD_TOKEN=FAKE_TOKEN)
    assert result.returncode == 2
    assert "config.yaml: is a folder, not a configuration file" in result.stderr
    assert "cp config.example.yaml config.yaml" in result.stderr
    assert "Traceback" not in result.stderr and "Is a directory" not in result.stderr


def test_a_token_under_discord_gets_the_set_discord_token_help(tmp_path):
    (tmp_path / "config.yaml").write_text(f"discord:\n  token: {FAKE_TOKEN}\n", "utf-8")
    result = bot(["run"], tmp_path)
    assert result.returncode == 2
    assert "discord.token: never put the token in a file; set DISCORD_TOKEN instead" in (
        result.stderr)
    assert FAKE_TOKEN not in result.stdout + result.stderr


def test_compose_never_creates_a_missing_file_and_keeps_data_in_a_volume():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["coursebot"]
    binds = {v["target"]: v for v in service["volumes"] if isinstance(v, dict)}
    for target in ("/app/config.yaml", "/app/content"):
        assert binds[target]["bind"]["create_host_path"] is False
        assert binds[target]["read_only"] is True
    assert "coursebot-data:/app/data" in service["volumes"]
    assert "coursebot-data" in compose["volumes"]
    assert "DISCORD_TOKEN:?" in service["environment"]["DISCORD_TOKEN"]


def test_the_deploy_section_covers_each_step():
    section = deploy_section()
    for step in ("Reset Token", "applications.commands", "Message Content Intent",
                 "cp config.example.yaml config.yaml", "docker compose up -d", "coursebot-data",
                 "/reload", "backup"):
        assert step in section, step


def test_the_commands_run_in_the_container_exist():
    commands = re.findall(r"docker compose exec coursebot python -m bot (\w+)", deploy_section())
    assert {"check", "unanswered", "stats", "privacy"} <= set(commands)
    for name in set(commands):
        assert bot([name, "--help"], REPO).returncode == 0, name


def test_the_backup_command_copies_a_database_in_use(tmp_path):
    (tmp_path / "data").mkdir()
    store = Store(tmp_path / "data" / "coursebot.sqlite3")  # open, as the running bot holds it
    store.record_question("recette de crêpes", "abstain", 3.0, None, None, "42", None)
    line = next(line for line in deploy_section().splitlines() if "import sqlite3" in line)
    code = shlex.split(line.split("python -c ", 1)[1])[0]
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True, timeout=60)
    store.close()
    copy = sqlite3.connect(tmp_path / "data" / "backup.sqlite3")
    assert copy.execute("SELECT question FROM questions").fetchall() == [("recette de crêpes",)]
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
