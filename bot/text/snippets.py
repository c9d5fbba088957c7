"""Cutting text to a length at a sentence boundary, keeping code fences balanced."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…:])\s+|\n\s*\n|\n(?=[-*] |\d+\. )")
ELLIPSIS = " …"


def first_sentences(text: str, limit: int = 300, *, skip_code: bool = True) -> str:
    """The opening sentences of ``text`` that fit in ``limit`` characters (at least one)."""
    if skip_code:
        text = re.sub(r"```.*?(```|$)", " ", text, flags=re.S)
    text = " ".join(text.split())
    return cut(text, limit)


def cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters, ending at a sentence boundary.

    Falls back to a word boundary, then a hard cut, when no sentence ends early enough.
    An open code fence is closed so the result still renders.
    """
    if limit <= 0:
        return ""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = max(1, limit - len(ELLIPSIS) - 4)  # 4: a closing fence may be appended
    head = text[:room]
    best = 0
    for match in _SENTENCE_END.finditer(head):
        if match.start() >= room * 0.4:
            best = match.start()
    if not best:
        space = head.rfind(" ")
        best = space if space > room * 0.5 else room
    out = text[:best].rstrip()
    if out.count("```") % 2:
        out += "\n```"
    return (out + ELLIPSIS)[:limit]


def chunks(text: str, size: int) -> list[str]:
    """Split ``text`` into pages of at most ``size`` characters at sentence or paragraph ends."""
    size = max(size, 40)
    pages: list[str] = []
    rest = text.strip()
    while rest:
        if len(rest) <= size:
            pages.append(rest)
            break
        body = cut(rest, size).removesuffix(ELLIPSIS)
        closed_fence = body.endswith("\n```") and not rest.startswith(body)
        consumed = len(body) - 4 if closed_fence else len(body)
        pages.append(body)
        rest = rest[max(1, consumed) :].lstrip()
        if closed_fence and rest:
            rest = "```\n" + rest  # the page closed an open fence: reopen it on the next one
    return pages or [""]
