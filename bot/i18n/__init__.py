"""User-facing messages: French by default, English as the translation."""

from __future__ import annotations

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


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``; French when missing."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


def tn(key: str, count: int, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """``key_one`` or ``key_other`` by ``count``, formatted with it: French takes the singular
    for 0 and 1 (« 0 question »), English for 1 only (“0 questions”)."""
    one = count in (0, 1) if lang != "en" else count == 1
    return t(f"{key}_{'one' if one else 'other'}", lang, count=count, **values)
