"""The Discord front end's small parts: cooldown, ranking, question spotting, limits."""

from __future__ import annotations

import dataclasses
import string

import discord
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.course.model import Course
from bot.discord_bot.ask.cog import looks_like_question, strip_mentions
from bot.discord_bot.shared.checks import UserCooldown, is_ta
from bot.discord_bot.shared.choices import Option, rank, unknown_text
from bot.discord_bot.shared.render import (
    answer_embed,
    lines_within,
    module_pages,
    page_embed,
    paginate,
    suggest_embed,
)
from bot.i18n import catalogue
from bot.search.answer import ANSWER, SUGGEST, Answer, Ref


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_cooldown_is_a_sliding_window_per_user():
    clock = Clock()
    cooldown = UserCooldown(seconds=10, burst=2, clock=clock)
    assert cooldown.hit(1) == 0 and cooldown.hit(1) == 0
    assert cooldown.hit(1) == 10  # third question in the window: wait 10 s
    assert cooldown.hit(2) == 0  # someone else is not affected
    clock.now += 4
    assert cooldown.hit(1) == 6  # refusals are not counted
    clock.now += 6
    assert cooldown.hit(1) == 0  # the oldest question left the window


def test_the_cooldown_forgets_idle_users():
    clock = Clock()
    cooldown = UserCooldown(seconds=1, burst=1, clock=clock)
    for user in range(UserCooldown.PRUNE_EVERY - 1):
        cooldown.hit(user)
    clock.now += 5
    cooldown.hit(99_999)
    assert len(cooldown._hits) == 1


def test_a_zero_second_cooldown_never_refuses():
    cooldown = UserCooldown(seconds=0, burst=1)
    assert all(cooldown.hit(1) == 0 for _ in range(100))


def test_ta_is_the_role_by_name_or_id_or_manage_server():
    class Role:
        def __init__(self, id, name):
            self.id, self.name = id, name

    class Member:
        roles = [Role(5, "TA-Docker")]

    nothing = discord.Permissions.none()
    assert is_ta(Member(), nothing, "TA-Docker")
    assert is_ta(Member(), nothing, "5")
    assert not is_ta(Member(), nothing, "TA")
    assert is_ta(Member(), discord.Permissions(manage_guild=True), "TA")


def test_ranking_prefers_id_prefixes_then_titles():
    options = [
        Option("3.1", "Conteneur vs image"),
        Option("3.10", "Réseaux"),
        Option("4.1", "Volumes"),
    ]
    assert [o.value for o in rank("3.1", options)][:2] == ["3.1", "3.10"]
    assert rank("reseaux", options)[0].value == "3.10"  # accents folded
    assert rank("volumse", options)[0].value == "4.1"  # typo
    assert rank("", options) == options
    assert rank("zzzzzz", options) == []


def test_ranking_skips_values_discord_cannot_take():
    assert rank("x", [Option("x" * 101, "x")]) == []


@given(st.text(max_size=60), st.integers(min_value=0, max_value=200))
@settings(max_examples=60, deadline=None)
def test_ranking_never_exceeds_25(typed, count):
    options = [Option(f"{i}.{i}", f"titre {i} réseau") for i in range(count)]
    assert len(rank(typed, options)) <= 25


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Image ou conteneur ?", "Image ou conteneur"),
        ("Image ou conteneur\u00a0?", "Image ou conteneur"),
        ("Les volumes.", "Les volumes"),
        ("Enfin !", "Enfin"),
        ("Et ensuite…", "Et ensuite"),
        ("Machines Virtuelles (VM)", "Machines Virtuelles (VM)"),
    ],
)
def test_suggested_titles_end_with_the_messages_own_question_mark(title, shown):
    text = unknown_text("unknown_module", "3.l", [Option("3.1", title)], "fr")
    assert text.endswith(f"`3.1` {shown} ?")


def test_question_spotting():
    assert looks_like_question("image vs conteneur ?")
    assert looks_like_question("Comment on supprime une image")
    assert looks_like_question("what is a volume")
    assert looks_like_question("Qu'est-ce qu'un registre")
    assert not looks_like_question("merci beaucoup")
    assert not looks_like_question("   ")


def test_mentions_of_the_bot_are_removed_and_others_kept():
    text = "<@42> <@!42>  image <@7> vs <@&9> conteneur ? <@&3>"
    assert strip_mentions(text, 42, 9) == "image <@7> vs conteneur ? <@&3>"
    assert strip_mentions(text, 42, None) == "image <@7> vs <@&9> conteneur ? <@&3>"


sentences = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400),
    min_size=1,
    max_size=40,
).map(". ".join)


@given(sentences, sentences, st.text(max_size=3000))
@settings(max_examples=60, deadline=None)
def test_answer_embeds_respect_the_limits(title, text, question):
    refs = tuple(Ref("3.1", f"3.1.{i}", title, title, "x.md:1") for i in range(3))
    answer = Answer(
        question=question,
        outcome=ANSWER,
        module_id="3.1",
        module_title=title,
        section_id="3.1.1",
        title=title,
        heading=title,
        short=text[:300],
        text=text[:900],
        full_text=text,
        source="content/x.md:1",
        related=refs,
        alternatives=refs,
    )
    for embed in (
        answer_embed(answer, "fr"),
        suggest_embed(dataclasses.replace(answer, outcome=SUGGEST), "en"),
    ):
        assert len(embed.title or "") <= 256
        assert len(embed.description or "") <= 4096
        assert len(embed.author.name or "") <= 256
        assert len(embed.footer.text or "") <= 2048
        assert all(len(f.value) <= 1024 for f in embed.fields)
        assert len(embed) <= 6000  # len(): the characters Discord counts


@given(sentences)
@settings(max_examples=60, deadline=None)
def test_pages_fit_an_embed(text):
    pages = paginate(text)
    for i, page in enumerate(pages):
        embed = page_embed("t" * 300, page, "f" * 3000, i, len(pages), "fr")
        assert len(embed.description) <= 4096 and len(embed) <= 6000


@given(st.lists(st.text(max_size=2000), max_size=50), st.integers(min_value=5, max_value=4096))
@settings(max_examples=100, deadline=None)
def test_lines_within_never_exceeds(lines, limit):
    assert len(lines_within(lines, limit)) <= limit


def test_an_empty_course_has_no_module_page():
    assert module_pages(Course.of([])) == []


def test_french_and_english_catalogues_match():
    french, english = catalogue("fr"), catalogue("en")
    assert set(french) == set(english)
    fields = string.Formatter()
    for key in french:
        names = {f for _, f, _, _ in fields.parse(french[key]) if f}
        assert names == {f for _, f, _, _ in fields.parse(english[key]) if f}, key
