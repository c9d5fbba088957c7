"""User-facing messages: French by default, English as the translation."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
_LOCALES = Path(__file__).with_name("locales")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The messages of one language (unknown languages fall back to French)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return yaml.safe_load((_LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))


def is_singular(count: int, lang: str = DEFAULT_LANGUAGE) -> bool:
    """Whether ``count`` takes the singular: French uses it for 0 and 1 (« 0 question »),
    English for 1 only (“0 questions”)."""
    return count in (0, 1) if lang != "en" else count == 1


class _PluralFormatter(string.Formatter):
    """``str.format`` plus ``{n:singular|plural}``: the word that agrees with the number ``n``,
    so a catalogue writes « {n} {n:module chargé|modules chargés} » instead of « module(s) »."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        singular, plural = format_spec.split("|", 1)
        try:
            count = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return plural
        return singular if is_singular(count, self.lang) else plural


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``; French when missing.

    A field written ``{n:singular|plural}`` gives the form that agrees with ``n``."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return _PluralFormatter(lang).format(text, **values) if values else text


def tn(key: str, count: int, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """``key_one`` or ``key_other`` by ``count``, formatted with it: French takes the singular
    for 0 and 1 (« 0 question »), English for 1 only (“0 questions”)."""
    one = is_singular(count, lang)
    return t(f"{key}_{'one' if one else 'other'}", lang, count=count, **values)
