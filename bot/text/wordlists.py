"""Word lists kept as data files (``bot/text/words/*.yaml``), not Python literals: a teacher can
read and extend them without reading code. Each file is parsed once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def word_data(name: str) -> dict[str, Any]:
    """The mapping of ``bot/text/words/<name>.yaml`` (shipped as package data)."""
    text = resources.files("bot.text").joinpath("words", f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def word_set(name: str, key: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated block (``key: >`` in the file), so
    that words YAML would read as booleans ("no", "on", "yes") stay words."""
    return frozenset(word_data(name)[key].split())
