"""Parse one Markdown module into the course model, with markdown-it-py doing the Markdown.

Headings are taken from the token stream, so a ``# comment`` inside a code fence is body text.
HTML blocks are read with the standard HTML parser: the course's ``<blockquote>`` blocks carry the
prerequisites and learning objectives.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.course.model import Module, Problem, Section, SummaryItem

_MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$", re.S)
_LEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)")

# Headings recognised by name; compared after accent and case folding, emoji and numbering
# removed. A summary heading may go on ("Résumé des commandes", "Points clés à retenir").
SUMMARY_TITLES = {
    "resume", "summary", "recapitulatif", "recap", "en resume", "en bref", "synthese",
    "a retenir", "ce qu il faut retenir", "points cles", "key points", "key takeaways",
    "takeaways", "in summary", "recapitulation", "tableau recapitulatif", "concepts cles",
}
# "Commandes à retenir", "Ce que vous devez retenir": a heading ending so is a summary too.
SUMMARY_ENDINGS = (" a retenir", " devez retenir", " to remember")
# Bullets marked as wrong or forbidden ("❌ **malloc** sans free") are not definitions.
_NEGATIVE_MARKS = ("❌", "⛔", "🚫", "✗", "✘")
# A bold term followed by one of these verbs is defined by the rest of the bullet
# ("**`ar rcs`** est la commande standard pour…"); a copula is dropped from the definition.
_COPULAS = {"est", "sont", "is", "are"}
_DEFINING_VERBS = _COPULAS | {
    "permet", "permettent", "sert", "servent", "designe", "designent", "represente",
    "representent", "definit", "definissent", "contient", "contiennent", "garantit",
    "produit", "produisent", "cree", "creent", "affiche", "affichent", "indique", "signifie",
    "fournit", "fournissent", "retourne", "renvoie", "lance", "traite", "traitent",
    "lets", "allows", "means", "defines", "holds", "contains", "stands", "creates",
    "provides", "produces", "returns", "shows", "runs",
}
PREREQ_TITLES = {"prerequis", "prerequisites", "pre-requis"}
OBJECTIVE_TITLES = {
    "objectifs pedagogiques",
    "objectifs",
    "objectifs d apprentissage",
    "learning objectives",
    "objectives",
}


class ContentError(Exception):
    """A problem that stops one file from loading; carries the line it was found on."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def fold(text: str) -> str:
    """Lower-case and strip accents: the key used to recognise heading names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def slugify(text: str) -> str:
    """ASCII slug of a title, for ids of unnumbered modules and sections."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > 40:
        slug = slug[:41].rsplit("-", 1)[0]
    return slug or "section"


def _title_key(title: str) -> str:
    """A heading's name for recognition: folded, leading emoji and symbols dropped."""
    key = re.sub(r"[^\w\s-]+", " ", fold(title))
    return re.sub(r"\s+", " ", key).strip(" -")


def is_summary_title(title: str) -> bool:
    """Whether a heading names a summary ("Résumé", "🎯 Points clés à retenir"…)."""
    key = _title_key(title)
    return (
        key in SUMMARY_TITLES
        or any(key.startswith(name + " ") for name in SUMMARY_TITLES)
        or key.endswith(SUMMARY_ENDINGS)
    )


def split_number(heading_text: str) -> tuple[str | None, str]:
    """``"3.1.2 Image Docker :"`` -> ``("3.1.2", "Image Docker")``."""
    text = heading_text.strip()
    match = _NUMBERED.match(text)
    number, rest = (match.group(1), match.group(2)) if match else (None, text)
    if number is not None and not rest.strip():
        # A heading that is only a number ("## 2020") is a title, not a numbering.
        number, rest = None, text
    rest = re.sub(r"\s*:\s*$", "", rest.strip())
    return number, rest.strip()


# ---------------------------------------------------------------------------- inline text


def inline_text(children: list[Token] | None) -> str:
    """Readable text of an inline token's children: code, links and images become plain text."""
    parts: list[str] = []
    link_stack: list[tuple[str, int]] = []
    for tok in children or []:
        kind = tok.type
        if kind in ("text", "code_inline"):
            parts.append(tok.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(tok.content or "")
        elif kind == "link_open":
            link_stack.append((str(tok.attrGet("href") or ""), len(parts)))
        elif kind == "link_close" and link_stack:
            href, start = link_stack.pop()
            label = "".join(parts[start:]).strip()
            if href.startswith(("http://", "https://")) and label and label != href:
                parts.append(f" ({href})")
    return "".join(parts)


def inline_markdown_text(source: str) -> str:
    """Readable text of a fragment of inline Markdown (used for text found inside HTML)."""
    tokens = _MD.parseInline(source)
    return inline_text(tokens[0].children if tokens else None).strip()


class _HTMLText(HTMLParser):
    """Collects the text of an HTML block, its ``<h2>`` titles and its ``<li>`` items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self.items: list[str] = []
        self.chunks: list[str] = []
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("h1", "h2", "h3", "h4", "li"):
            self._capture, self._buffer = tag, []
        elif tag in ("p", "br", "div", "tr"):
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._capture:
            text = inline_markdown_text(" ".join("".join(self._buffer).split()))
            (self.items if tag == "li" else self.titles).append(text)
            self.chunks.append(("- " if tag == "li" else "") + text + "\n")
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer.append(data)
        else:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.chunks).splitlines()]
        return "\n".join(line for line in lines if line)


def html_text(source: str) -> _HTMLText:
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    return parser


# ------------------------------------------------------------------------------ rendering


def render_blocks(tokens: list[Token]) -> str:
    """Readable text of a run of block tokens: paragraphs, lists, tables and code fences."""
    blocks: list[tuple[str, bool]] = []  # (text, is_list_line)
    lists: list[list] = []  # per open list: [ordered, next_number]
    pending_prefix: str | None = None
    row: list[str] | None = None
    for tok in tokens:
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1)
            lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if lists:
                lists.pop()
        elif kind == "list_item_open" and lists:
            ordered, number = lists[-1]
            pending_prefix = "  " * (len(lists) - 1) + (f"{number}. " if ordered else "- ")
            lists[-1][1] += 1
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            blocks.append((" | ".join(row), True))
            row = None
        elif kind == "inline":
            text = inline_text(tok.children).strip()
            if row is not None:
                row.append(text)
            elif pending_prefix is not None:
                blocks.append((pending_prefix + text, True))
                pending_prefix = None
            elif text:
                indent = "  " * len(lists)
                blocks.append((indent + text, bool(lists)))
        elif kind in ("fence", "code_block"):
            code = tok.content.rstrip("\n")
            if code.strip():
                blocks.append((f"```{tok.info.strip()}\n{code}\n```", False))
        elif kind == "html_block":
            text = html_text(tok.content).text
            if text:
                blocks.append((text, False))
    out: list[str] = []
    for i, (text, is_list) in enumerate(blocks):
        if i:
            out.append("\n" if is_list and blocks[i - 1][1] else "\n\n")
        out.append(text)
    return "".join(out).strip()


# ------------------------------------------------------------------------------- summary


def _without_marks(children: list[Token]) -> tuple[list[Token], bool]:
    """The children of a bullet without its leading emoji or check mark ("✅ **Term** : …"),
    and whether that mark said the bullet is wrong ("❌")."""
    if not children or children[0].type != "text":
        return children, False
    text = children[0].content
    # Emoji and symbols outside ASCII, but not quotation marks.
    mark = re.match(r"[^\x00-\x7f\w\s«»“”‘’]+\s*", text)
    if not mark or not mark.group(0).strip():
        return children, False
    negative = mark.group(0).strip().startswith(_NEGATIVE_MARKS)
    rest = text[mark.end():]
    head = [] if not rest else [Token("text", "", 0, content=rest)]
    return head + children[1:], negative


def _split_definition(rest: str) -> str | None:
    """The definition after a bold term: after ":", a dash or an arrow, or the rest of the
    sentence when it opens with a defining verb; None when the rest is no definition."""
    separator = re.match(r"\s*(?::|—|–|-|→|=>?)\s*", rest)
    if separator and separator.group(0).strip():
        return rest[separator.end():].strip() or None
    words = rest.split(None, 1)
    if len(words) == 2 and fold(words[0]) in _DEFINING_VERBS:
        return words[1].strip() if fold(words[0]) in _COPULAS else rest.strip()
    return None


# Quotes around a whole term mark it as a word ("**'IN'**", "« Vue »"); they are not part of it.
_QUOTES = {"'": "'", '"': '"', "«": "»", "“": "”", "‘": "’", "`": "`"}


def _unquoted(term: str) -> str:
    """``term`` without quotes wrapped around the whole of it (« 'IN' » is IN)."""
    term = term.strip()
    while len(term) > 2 and _QUOTES.get(term[0]) == term[-1]:
        inner = term[1:-1].strip()
        if not inner or term[0] in inner:  # "'a' or 'b'": quotes of parts, not of the whole
            break
        term = inner
    return term


def _summary_item(inline: Token, line: int, parent: str | None) -> SummaryItem:
    # markdown-it puts an empty text token before a leading ``**``.
    children = [t for t in inline.children or [] if not (t.type == "text" and not t.content)]
    children, negative = _without_marks(children)
    text = inline_text(children).strip()
    term, rest = None, ""
    if children and children[0].type == "strong_open" and not negative:
        depth, end = 0, 0
        for position, tok in enumerate(children):
            depth += tok.type == "strong_open"
            depth -= tok.type == "strong_close"
            if depth == 0:
                end = position
                break
        term = inline_text(children[1:end]).strip()
        rest = inline_text(children[end + 1 :]).strip()
    elif children and children[0].type == "code_inline" and not negative:
        # "`FROM` : Définit l'image de base." is a term/definition pair too.
        term, rest = children[0].content.strip(), inline_text(children[1:]).strip()
        if not rest.startswith(":"):
            term = None
    if term:
        definition = None
        if term.endswith(":"):
            term, definition = term[:-1].strip(), rest
        else:
            definition = _split_definition(rest)
        term = _unquoted(term)
        if term and definition:
            return SummaryItem(text, line, term=term, definition=definition, parent=parent)
        if term and not rest.strip(" :"):
            # "**Avantages** :" heads a nested list; it names the context of its children.
            return SummaryItem(text=text, line=line, term=term, parent=parent)
    return SummaryItem(text=text, line=line, parent=parent)


def _table_items(tokens: list[Token]) -> list[SummaryItem]:
    """A summary table's rows as pairs: the first cell is the term, the second its
    definition ("| Outil | Rôle | Commande typique |"); rows whose first cell is only a
    number or an id are plain items."""
    items: list[SummaryItem] = []
    row: list[str] | None = None
    line = 0
    in_body = False
    for tok in tokens:
        if tok.type == "tbody_open":
            in_body = True
        elif tok.type == "tbody_close":
            in_body = False
        elif tok.type == "tr_open" and in_body:
            row, line = [], (tok.map[0] + 1) if tok.map else 0
        elif tok.type == "inline" and row is not None:
            row.append(inline_text(tok.children).strip())
        elif tok.type == "tr_close" and row is not None:
            cells = [cell for cell in row if cell]
            row = None
            if len(cells) < 2:
                continue
            text = " : ".join(cells[:2])
            if re.search(r"[^\W\d_]", cells[0]) and not _NUMBERED.match(cells[0]):
                items.append(
                    SummaryItem(text, line, term=_unquoted(cells[0]), definition=cells[1])
                )
            else:
                items.append(SummaryItem(" — ".join(cells), line))
    return items


def parse_summary(tokens: list[Token], heading: str | None = None) -> tuple[SummaryItem, ...]:
    """The bullets and table rows of a summary section; ``**Term** : definition`` bullets
    become pairs. ``heading`` is the sub-heading they stand under, if any, their context."""
    items: list[SummaryItem] = _table_items(tokens)
    stack: list[SummaryItem | None] = []  # the item of each open list item
    awaiting_first_inline = False
    for tok in tokens:
        if tok.type == "list_item_open":
            stack.append(None)
            awaiting_first_inline = True
        elif tok.type == "list_item_close" and stack:
            stack.pop()
        elif tok.type == "inline" and stack and awaiting_first_inline:
            awaiting_first_inline = False
            parent = next((it.term for it in reversed(stack[:-1]) if it and it.term), heading)
            line = (tok.map[0] + 1) if tok.map else 0
            item = _summary_item(tok, line, parent)
            stack[-1] = item
            # A bullet that only heads a nested list ("**Avantages** :") is context, not content.
            if item.text and not (item.term and not item.definition):
                items.append(item)
    return tuple(items)


# ------------------------------------------------------------------- navigation, contents

# A link to another page of the course ("/SOMMAIRE.md", "../03-x/README.md#intro"), not a URL.
_PAGE_LINK = re.compile(r"^(?![a-z][a-z0-9+.-]*:)[^?#]*\.md(?:[?#].*)?$", re.I)
# Words outside the links of a navigation line ("🔝 Retour au [Sommaire](/SOMMAIRE.md)").
_NAVIGATION_WORDS = 3


def _page_links(inline: Token) -> tuple[int, int, str]:
    """Links to course pages and to anything else in an inline token, and its text outside
    every link."""
    pages = others = depth = 0
    outside: list[str] = []
    for tok in inline.children or []:
        if tok.type == "link_open":
            depth += 1
            if _PAGE_LINK.match(str(tok.attrGet("href") or "")):
                pages += 1
            else:
                others += 1
        elif tok.type == "link_close":
            depth = max(0, depth - 1)
        elif depth == 0 and tok.type in ("text", "code_inline"):
            outside.append(tok.content)
    return pages, others, "".join(outside)


def is_navigation(inline: Token) -> bool:
    """A line that only links to other pages of the course: back to the table of contents,
    previous or next lesson. It is not content."""
    pages, others, outside = _page_links(inline)
    return bool(pages) and not others and len(re.findall(r"\w+", outside)) <= _NAVIGATION_WORDS


def is_contents_page(tokens: list[Token]) -> bool:
    """A table of contents or a chapter overview: most of its bullets and paragraphs link to
    other pages of the course, or several of its headings do."""
    blocks = linked = linked_headings = 0
    for position, tok in enumerate(tokens):
        if tok.type != "inline" or not tok.content.strip():
            continue
        has_link = _page_links(tok)[0] > 0
        if position and tokens[position - 1].type == "heading_open":
            linked_headings += has_link
        else:
            blocks += 1
            linked += has_link
    return linked_headings >= 2 or (linked >= 5 and linked * 2 >= blocks)


# -------------------------------------------------------------------------------- modules


def _callout(inline: Token) -> SummaryItem | None:
    """A "> 🎯 **À retenir** : …" callout as a summary item: a bold summary label, then the
    statement."""
    if inline.type != "inline":
        return None
    children, _negative = _without_marks(
        [t for t in inline.children or [] if not (t.type == "text" and not t.content)]
    )
    if len(children) < 3 or children[0].type != "strong_open":
        return None
    end = next((n for n, t in enumerate(children) if t.type == "strong_close"), 0)
    label = inline_text(children[1:end]).strip()
    if not end or not is_summary_title(label.rstrip(" :")):
        return None
    statement = inline_text(children[end + 1 :]).strip().lstrip(":").strip()
    line = (inline.map[0] + 1) if inline.map else 0
    return SummaryItem(statement, line) if statement else None


@dataclass
class _Node:
    level: int
    heading: str
    number: str | None
    title: str
    line: int
    tokens: list[Token] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    id: str = ""


def module_id_from_path(stem: str) -> str | None:
    match = _LEADING_NUMBER.match(stem)
    return match.group(1).rstrip(".") if match else None


def module_number(number: str) -> str:
    """A lesson's number as its module id: ``3.1.0`` (a lesson numbered as the opening of
    its sections ``3.1.1``, ``3.1.2``) is module ``3.1``."""
    parts = number.split(".")
    while len(parts) > 1 and int(parts[-1]) == 0:
        parts.pop()
    return ".".join(parts)


def _heading_source(lines: list[str], tok: Token) -> str:
    """The heading's text as written: its source line without the leading #s."""
    if tok.map:
        raw = lines[tok.map[0]].strip()
        return re.sub(r"\s+#+\s*$", "", raw.lstrip("#")).strip()
    return ""


def parse_module(
    text: str, path: str, stem: str, module_id: str | None = None
) -> tuple[Module, list[Problem]]:
    """Parse one module's Markdown; raise ContentError when it cannot be a module at all.
    ``module_id`` replaces the id the file would get from its title or name (the loader
    gives one when that id is another file's too)."""
    if not text.strip():
        raise ContentError(1, "empty file: a module needs at least a title heading ('# 1.2 Title')")
    lines = text.splitlines()
    tokens = _MD.parse(text)
    problems: list[Problem] = []
    contents = is_contents_page(tokens)
    callouts: list[SummaryItem] = []

    title_node: _Node | None = None
    preamble: list[Token] = []  # tokens before the title heading
    top: list[_Node] = []
    stack: list[_Node] = []
    prerequisites: list[str] = []
    objectives: list[str] = []
    meta_target: list[str] | None = None  # a Markdown "Prérequis" heading collects its list

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.level == 0:
            inline = tokens[i + 1]
            level = int(tok.tag[1])
            line = tok.map[0] + 1 if tok.map else 0
            readable = inline_text(inline.children).strip()
            number, title = split_number(readable)
            i += 3
            if not readable:
                problems.append(Problem(path, line, "empty heading ignored", "warning"))
                continue
            key = _title_key(title)
            if title_node is not None and key in PREREQ_TITLES | OBJECTIVE_TITLES:
                meta_target = prerequisites if key in PREREQ_TITLES else objectives
                continue
            meta_target = None
            node = _Node(level, _heading_source(lines, tok) or readable, number, title, line)
            if title_node is None:
                title_node = node
                continue
            while stack and stack[-1].level >= level:
                stack.pop()
            (stack[-1].children if stack else top).append(node)
            stack.append(node)
            continue
        if tok.type == "html_block":
            parsed = html_text(tok.content)
            keys = {_title_key(t) for t in parsed.titles}
            if keys & PREREQ_TITLES:
                prerequisites.extend(parsed.items)
                i += 1
                continue
            if keys & OBJECTIVE_TITLES:
                objectives.extend(parsed.items)
                i += 1
                continue
        if (
            tok.type == "paragraph_open"
            and tok.level == 0
            and i + 1 < len(tokens)
            and is_navigation(tokens[i + 1])
        ):
            i += 3  # paragraph_open, inline, paragraph_close
            continue
        if tok.type == "blockquote_open" and i + 2 < len(tokens):
            callout = _callout(tokens[i + 2])
            if callout:
                callouts.append(callout)
        if meta_target is not None:
            if tok.type == "inline" and tok.level >= 2:
                item = inline_text(tok.children).strip()
                if item:
                    meta_target.append(item)
            i += 1
            continue
        target = stack[-1].tokens if stack else (title_node.tokens if title_node else preamble)
        target.append(tok)
        i += 1

    if title_node is None:
        raise ContentError(1, "no heading: a module starts with a title line such as '# 1.2 Title'")
    if render_blocks(preamble):
        problems.append(
            Problem(path, 1, "text before the title heading is ignored", "warning")
        )

    module_id = module_id or (
        (title_node.number and module_number(title_node.number))
        or module_id_from_path(stem)
        or slugify(stem)
    )
    used: set[str] = set()

    def assign(node: _Node) -> None:
        if node.number and node.number.startswith(module_id + ".") and node.number not in used:
            node.id = node.number
        else:
            base = f"{module_id}-{slugify(node.title)}"
            node.id, n = base, 2
            while node.id in used:
                node.id, n = f"{base}-{n}", n + 1
        used.add(node.id)
        for child in node.children:
            assign(child)

    for node in top:
        assign(node)

    summary: tuple[SummaryItem, ...] = ()
    summary_id: str | None = None

    def summed_up(node: _Node, heading: str | None) -> tuple[SummaryItem, ...]:
        """A summary's items, its sub-headings' included ("### Les points essentiels")."""
        items = parse_summary(node.tokens, heading)
        for child in node.children:
            items += summed_up(child, child.title)
        return items

    def freeze(node: _Node, parent_id: str | None, in_summary: bool = False) -> Section:
        nonlocal summary, summary_id
        if not in_summary and is_summary_title(node.title):
            # A lesson may sum up twice ("Résumé" table, then "Points clés à retenir").
            summary_id = summary_id or node.id
            summary += summed_up(node, None)
            in_summary = True
        return Section(
            id=node.id,
            module_id=module_id,
            title=node.title,
            heading=node.heading,
            number=node.number,
            level=node.level,
            text=render_blocks(node.tokens),
            path=path,
            line=node.line,
            parent_id=parent_id,
            children=tuple(freeze(child, node.id, in_summary) for child in node.children),
        )

    sections = tuple(freeze(node, None) for node in top)
    module = Module(
        id=module_id,
        title=title_node.title,
        heading=title_node.heading,
        path=path,
        line=title_node.line,
        intro=render_blocks(title_node.tokens),
        prerequisites=tuple(prerequisites),
        objectives=tuple(objectives),
        sections=sections,
        summary=summary + tuple(callouts),
        summary_section_id=summary_id,
        contents=contents,
    )
    return module, problems
