"""Clean text out of page markup: article bodies as paragraphs, inline text on one line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from selectolax.lexbor import LexborNode

# Inside a body these hold photos, captions, players, ads, bylines or guides, never article
# text.
NOISE_CSS = ", ".join(
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "button",
        "figure",
        "span.end_photo_org",
        "em.img_desc",
        "table.nbd_table",
        "div.vod_player_wrap",
        "div._VOD_PLAYER_WRAP",
        "div.video_area",
        "div.ab_photo",
        "div.reporter_area",
        "div.byline",
        "p.byline",
        "p.source",
        "div.copyright",
        "div.link_news",
        "div.guide_categorization",
        "div.guide_categorize",
        "div.media_end_categorize",
        "div.categorize",
        "[id^=ad_]",
        "[class^=ad_]",
    ]
)
# Inline elements that still stand on lines of their own.
BLOCK_CSS = "strong.media_end_summary"
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "blockquote",
        "section",
        "article",
    ]
)
_LINK_OPEN, _LINK_CLOSE = "\x02", "\x03"
# Control characters (whitespace aside) and zero-width or direction marks: invisible in a
# browser, but they would make two equal titles differ.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"  # controls that are not whitespace
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"  # zero-width, bidi
)
# Case matters only for the Latin words, and scoping the flag keeps the Hangul search fast.
_FOOTER_LINES = re.compile(
    r"무단\s*전재|재배포\s*금지|^(?i:copyright)|^\(?(ⓒ|©)|저작권자\s*(ⓒ|©)|^[▶☞]"
    r"|\*재판매\s*및\s*(?i:DB)\s*금지"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A reporter's sign-off ("홍길동 기자 hong@x.com") is an e-mail plus at most a name and title.
_SIGN_OFF_REST = 20


def body_text(body: LexborNode) -> str:
    """Paragraphs of ``body`` separated by newlines, without captions, ads or footers."""
    noise = {node.mem_id for node in body.css(NOISE_CSS)}
    blocks = {node.mem_id for node in body.css(BLOCK_CSS)}
    return "\n".join(_clean_lines("".join(_pieces(body, noise, blocks)).split("\n")))


def _pieces(body: LexborNode, noise: set[int], blocks: set[int]) -> Iterator[str]:
    """The text of ``body`` in order, with newlines around blocks and marks around links.

    A loop rather than recursion: hostile pages nest elements thousands deep.
    """
    closers: list[str] = []
    node = body.child
    while node is not None:
        if node.is_text_node:
            yield _INVISIBLE.sub("", node.text_content or "")
        elif node.is_element_node:
            tag = node.tag
            if tag == "br" or node.mem_id in noise:
                yield "\n"  # a dropped photo or player still separates the text around it
            else:
                opening, closing = _marks(tag, node.mem_id in blocks)
                yield opening
                child = node.child
                if child is not None:
                    closers.append(closing)
                    node = child
                    continue
                yield closing
        while node.next is None and closers:  # climb to the next unvisited sibling
            node = node.parent
            yield closers.pop()
        node = node.next


def _marks(tag: str, block: bool) -> tuple[str, str]:
    if tag == "a":
        return _LINK_OPEN, _LINK_CLOSE
    if block or tag in BLOCK_TAGS:
        return "\n", "\n"
    return "", ""


def _clean_lines(lines: list[str]) -> Iterator[str]:
    for raw in lines:
        line = " ".join(raw.split())  # what collapsing r"\s+" does, several times faster
        if not line or _is_link_only(line):
            continue
        line = line.replace(_LINK_OPEN, "").replace(_LINK_CLOSE, "").strip()
        if line and not _is_footer(line):
            yield line


def _is_link_only(line: str) -> bool:
    """A line that is one link and nothing else: promotions ("…(클릭!)"), related articles."""
    return (
        line.startswith(_LINK_OPEN) and line.endswith(_LINK_CLOSE) and _LINK_CLOSE not in line[:-1]
    )


def _is_footer(line: str) -> bool:
    return bool(_FOOTER_LINES.search(line)) or _is_sign_off(line)


def _is_sign_off(line: str) -> bool:
    if "@" not in line or not _EMAIL.search(line):
        return False
    return len(_EMAIL.sub("", line).strip(" ()<>[]")) <= _SIGN_OFF_REST


def clean_inline(text: str | None) -> str | None:
    """Text on one line: invisible characters dropped, whitespace collapsed; None when empty."""
    if text is None:
        return None
    text = " ".join(_INVISIBLE.sub("", text).split())
    return text or None


def person_name(text: str) -> str | None:
    """``홍길동 기자(hong@x.com)`` -> ``홍길동``."""
    text = _EMAIL.sub("", text)
    text = re.sub(r"[()<>\[\]]", " ", text)
    text = re.sub(
        r"\s(기자|특파원|객원기자|인턴기자|선임기자|논설위원|기자입니다)\b.*$", "", " " + text
    )
    return clean_inline(text)
