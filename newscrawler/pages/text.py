"""Clean article text out of a body element: paragraphs, no markup noise."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from parsel import Selector

# Inside a body these hold photos, captions, players, ads or the byline, never article text.
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
        "div.media_end_categorize",
        "div.categorize",
        "[id^=ad_]",
        "[class^=ad_]",
    ]
)
# Inline elements that still stand on lines of their own.
BLOCK_CSS = "strong.media_end_summary"
_BLOCKS = frozenset(
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
_SPACES = re.compile(r"\s+")
_FOOTER_LINES = re.compile(
    r"무단\s*전재|재배포\s*금지|^copyright|^\(?(ⓒ|©)|저작권자\s*(ⓒ|©)|^[▶☞]"
    r"|\*재판매\s*및\s*DB\s*금지",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A reporter's sign-off ("홍길동 기자 hong@x.com") is an e-mail plus at most a name and title.
_SIGN_OFF_REST = 20


def body_text(body: Selector) -> str:
    """Paragraphs of ``body`` separated by newlines, without captions, ads or footers."""
    # A set of the elements themselves keeps their proxies alive, so identity holds.
    noise = {node.root for node in body.css(NOISE_CSS)}
    blocks = {node.root for node in body.css(BLOCK_CSS)}
    parts: list[str] = []
    _walk(body.root, noise, blocks, parts, top=True)
    return "\n".join(_clean_lines("".join(parts).split("\n")))


def _walk(element, noise: set, blocks: set, out: list[str], top: bool = False) -> None:
    tag = element.tag
    if not isinstance(tag, str):
        pass  # comments and processing instructions keep only their tail
    elif tag == "br" or element in noise:
        out.append("\n")  # a dropped photo or player still separates the text around it
    else:
        marks = _marks(tag, top, element in blocks)
        out.append(marks[0])
        if element.text:
            out.append(element.text)
        for child in element:
            _walk(child, noise, blocks, out)
        out.append(marks[1])
    if element.tail and not top:
        out.append(element.tail)


def _marks(tag: str, top: bool, block: bool) -> tuple[str, str]:
    if top:
        return "", ""
    if tag == "a":
        return _LINK_OPEN, _LINK_CLOSE
    if block or tag in _BLOCKS:
        return "\n", "\n"
    return "", ""


def _clean_lines(lines: list[str]) -> Iterator[str]:
    for raw in lines:
        line = _SPACES.sub(" ", raw).strip()
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
    """Whitespace-collapsed text, or None when empty."""
    if text is None:
        return None
    text = _SPACES.sub(" ", text).strip()
    return text or None


def person_name(text: str) -> str | None:
    """``홍길동 기자(hong@x.com)`` -> ``홍길동``."""
    text = _EMAIL.sub("", text)
    text = re.sub(r"[()<>\[\]]", " ", text)
    text = re.sub(
        r"\s(기자|특파원|객원기자|인턴기자|선임기자|논설위원|기자입니다)\b.*$", "", " " + text
    )
    return clean_inline(text)
