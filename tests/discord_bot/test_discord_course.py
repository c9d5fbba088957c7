"""Browsing the course: /modules, /module, /section, and their autocomplete."""

from __future__ import annotations

import pytest

from bot.i18n import t
from discord_helpers import (
    CORPUS,
    CORPUS_MISSING,
    ENGLISH_STUDENT,
    assert_within_limits,
    fake_discord,
    settings_for,
)


def many_modules(folder, count: int) -> None:
    """``count`` small modules 10.1, 10.2... so lists overflow Discord's 25 choices."""
    folder.mkdir()
    for i in range(1, count + 1):
        (folder / f"10.{i}-module.md").write_text(
            f"# 10.{i}. Module numéro {i} sur les réseaux\n\nIntro.\n\n"
            f"## 10.{i}.1 Réseau bridge {i} :\nUn réseau bridge relie les conteneurs.\n",
            encoding="utf-8",
        )


async def test_modules_lists_the_course():
    fake = await fake_discord()
    reply = await fake.slash("modules")
    assert reply.embed["title"] == t("modules_title", "fr", count=1)
    assert "`3.1`" in reply.embed["description"]
    assert_within_limits(reply)


async def test_a_long_module_list_is_paged(tmp_path):
    folder = tmp_path / "many"
    many_modules(folder, 60)
    fake = await fake_discord(settings_for(folder))
    first = await fake.slash("modules")
    assert_within_limits(first)
    assert first.embed["footer"]["text"] == "page 1/2"
    second = await fake.click(first, "cb:page:next")
    assert "`10.1`" in first.embed["description"]
    assert "`10.60`" in second.embed["description"]
    listed = first.embed["description"].splitlines() + second.embed["description"].splitlines()
    assert len(listed) == 60  # whole lines, none lost or cut


async def test_module_shows_its_outline():
    fake = await fake_discord()
    reply = await fake.slash("module", id="3.1")
    names = [f["name"] for f in reply.embed["fields"]]
    assert names == [t(k, "fr") for k in ("prerequisites", "objectives", "sections", "summary")]
    assert "`3.1.2` Image Docker" in reply.embed["fields"][2]["value"]
    assert_within_limits(reply)


async def test_an_unknown_module_is_refused_with_guesses():
    fake = await fake_discord()
    reply = await fake.slash("module", id="3.2", who=ENGLISH_STUDENT)
    assert reply.ephemeral
    assert reply.content.startswith("Unknown module: “3.2”")
    assert "`3.1`" in reply.content


async def test_section_shows_the_passage():
    fake = await fake_discord()
    reply = await fake.slash("section", id="3.1.2")
    assert reply.embed["title"] == "Image Docker"
    assert "blueprint" in reply.embed["description"]
    assert reply.embed["footer"]["text"].endswith("3.1-conteneur-vs-image-docker.md:26")


async def test_section_revalidates_what_was_submitted():
    fake = await fake_discord()
    reply = await fake.slash("section", id="3.1.9")
    assert reply.ephemeral and "3.1.9" in reply.content
    assert "`3.1" in reply.content  # close ids are offered


@pytest.mark.parametrize("typed", ["", "3", "10.1", "réseau", "bridge 7", "zzzz"])
async def test_autocomplete_never_offers_more_than_25(tmp_path, typed):
    folder = tmp_path / "many"
    many_modules(folder, 60)
    fake = await fake_discord(settings_for(folder))
    for command, option, extra in (
        ("ask", "module", {"question": "réseau ?"}),
        ("module", "id", {}),
        ("section", "id", {}),
    ):
        choices = await fake.autocomplete(command, option, typed, **extra)
        assert len(choices) <= 25
        assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
        if typed and typed != "zzzz":
            assert choices, (command, typed)


async def test_autocomplete_ranks_ids_and_titles(tmp_path):
    folder = tmp_path / "many"
    many_modules(folder, 60)
    fake = await fake_discord(settings_for(folder))
    by_id = await fake.autocomplete("module", "id", "10.4")
    assert by_id[0]["value"] == "10.4"
    by_title = await fake.autocomplete("section", "id", "reseau bridge 17")
    assert by_title[0]["value"] == "10.17.1"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)
async def test_autocomplete_on_the_real_course():
    fake = await fake_discord(settings_for(CORPUS))
    choices = await fake.autocomplete("section", "id", "volume")
    assert 0 < len(choices) <= 25
    assert any("Volume" in c["name"] for c in choices[:5])
    typo = await fake.autocomplete("module", "id", "compose")
    assert typo and typo[0]["value"].startswith("7.")
