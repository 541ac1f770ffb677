# ruff: noqa: E501 -- markup keeps the line shapes of the real pages
"""Article bodies per layout: the paragraphs plus the clutter real presses put around them.

Noise kinds (see `SimArticle.noise`): ``ad`` (an ad slot with an ``<!-- ad -->`` comment),
``script`` (an inline ``<script>``), ``email`` (a reporter e-mail line at the end),
``copyright`` (a "무단 전재 및 재배포 금지" line at the end), ``promo`` (links to the
press's other stories, ending "(클릭!)" on old pages). Photos and the summary are markup
of their own (`span.end_photo_org`, `strong.media_end_summary`).
"""

from __future__ import annotations

from html import escape

from newscrawler.sim import press as presses
from newscrawler.sim.catalog import SimArticle

PROMOS = (
    "오늘의 주요뉴스 한눈에 보기",
    "지금 가장 많이 본 기사",
    "기자 구독하고 새 기사 알림 받기",
    "이 시각 놓치면 안 될 뉴스",
)


def photo_src(article: SimArticle, number: int, width: int = 647) -> str:
    """The image server URL of photo ``number`` (from 1) of ``article``."""
    return (
        f"https://imgnews.pstatic.net/image/{article.oid}/{article.published:%Y/%m/%d}/"
        f"{article.aid}_{number:03d}_{article.published:%Y%m%d%H%M%S}.jpg?type=w{width}"
    )


def _photo_slots(count: int, spread: int) -> dict[int, int]:
    """Paragraph index -> photo number: the first photo leads, the others spread out."""
    return {0 if n == 0 else n * spread // count: n for n in range(count)}


def _email_line(article: SimArticle) -> str:
    if article.oid == "001":
        return article.emails[0]
    return f"{article.authors[0]} 기자 {article.emails[0]}"


def _copyright_line(article: SimArticle) -> str:
    if article.oid in ("001", "422"):
        return f"<저작권자(c) {article.press}, 무단 전재-재배포, AI 학습 및 활용 금지>"
    return f"ⓒ {article.press}, 무단 전재 및 재배포 금지"


def _ad(article: SimArticle) -> str:
    return (
        f'<!-- ad --><div class="ab_ad" id="nmap_b_{article.oid}_{article.aid}">'
        '<script type="text/javascript">window.gladsdk && gladsdk.cmd.push(function () '
        f'{{ gladsdk.displayAd("nmap_b_{article.oid}_{article.aid}"); }});</script></div>'
    )


def _script(article: SimArticle) -> str:
    return (
        '<script type="text/javascript">var _dic_article = '
        f'{{"oid": "{article.oid}", "aid": "{article.aid}", "track": true}};</script>'
    )


def _tail(article: SimArticle) -> list[str]:
    """The e-mail and copyright lines some presses leave at the end of their text."""
    lines = []
    if "email" in article.noise:
        lines.append(escape(_email_line(article), quote=False))
    if "copyright" in article.noise:
        lines.append(escape(_copyright_line(article), quote=False))
    return lines


def mobile(article: SimArticle) -> str:
    """`#dic_area` content of the 2023 and 2022 layouts."""
    table = article.layout == "2022"
    parts: list[str] = []
    if article.summary:
        lines = "<br>".join(escape(line, quote=False) for line in article.summary)
        parts.append(f'<strong class="media_end_summary">{lines}</strong>')
    paragraphs = article.paragraphs[len(article.summary) :]
    slots = _photo_slots(len(article.captions), len(paragraphs))
    middle = len(paragraphs) // 2
    chunks: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        text = escape(paragraph, quote=False)
        if index in slots:
            photo = _mobile_photo(article, slots[index], table)
            # Some presses put a line break after the photo, some run the text on.
            glue = "<br><br>" if int(article.aid) % 2 else ""
            text = photo + glue + text
        if index == middle and "ad" in article.noise:
            text = _ad(article) + text
        chunks.append(text)
    chunks += _tail(article)
    parts.append("<br><br>".join(chunks))
    if "script" in article.noise:
        parts.append(_script(article))
    return "".join(parts) + "<br><br>\n"


def _mobile_photo(article: SimArticle, number: int, table: bool) -> str:
    caption = escape(article.captions[number], quote=False)
    alt = escape(article.captions[number])
    img = (
        f'<span class="end_photo_org"><div class="nbd_im_w _LAZY_LOADING_WRAP ">\n'
        f'\t<div class="nbd_a _LAZY_LOADING_ERROR_HIDE" id="img_a{number + 1}">\n'
        f'\t\t<img id="img{number + 1}" data-src="{photo_src(article, number + 1)}" '
        f'class="_LAZY_LOADING _LAZY_LOADING_INIT_HIDE" alt="{alt}" style="display: none;" />\n'
        "\t</div>\n</div>"
    )
    if table:
        return (
            f'<table class="nbd_table"><tr><td>{img}</span></td></tr>'
            f'<tr><td><em class="img_desc">{caption}</em></td></tr></table>'
        )
    return f'{img}<em class="img_desc">{caption}</em></span>'


def read_naver(article: SimArticle) -> str:
    """`#articleBodyContents` content of the legacy `read.naver` layout."""
    indent = "    " if article.oid == "001" else ""
    chunks = [indent + escape(p, quote=False) for p in article.paragraphs]
    chunks[0] = chunks[0].lstrip()
    for number, index in enumerate(
        sorted(_photo_slots(len(article.captions), len(article.paragraphs)))
    ):
        caption = escape(article.captions[number], quote=False)
        chunks[index] = (
            f'<span class="end_photo_org"><img src="{photo_src(article, number + 1, 500)}" '
            f'alt="" /><em class="img_desc">{caption}</em></span>' + chunks[index]
        )
    chunks += _tail(article)
    if "promo" in article.noise:
        site = presses.BY_OID[article.oid].site
        chunks.append(
            f'<a href="http://{site}/promotion/?did={article.aid[-4:]}s" target="_blank">'
            f"{PROMOS[int(article.aid) % len(PROMOS)]}(클릭!)</a>"
        )
    return (
        "\t<!-- 본문 내용 -->\n\t<!-- TV플레이어 -->\n\n<!-- // TV플레이어 -->\n"
        '<script type="text/javascript">\n// flash 오류를 우회하기 위한 함수 추가\n'
        "function _flash_removeCallback() {}\n</script>\n\t\n\t"
        + "<br><br>".join(chunks)
        + "<br><br>\n\t<!-- // 본문 내용 -->\n"
    )


def sports(article: SimArticle) -> str:
    """`#newsEndContents` text of a sports article (before `p.source`)."""
    slots = _photo_slots(len(article.captions), len(article.paragraphs))
    divs = []
    for index, paragraph in enumerate(article.paragraphs):
        text = escape(paragraph, quote=False)
        if index in slots:
            caption = escape(article.captions[slots[index]], quote=False)
            src = photo_src(article, slots[index] + 1)
            text = f'<span class="end_photo_org"><img src="{src}" alt="" /><em class="img_desc">▲ {caption}</em></span>{text}'
        divs.append(f"<div>{text}</div>")
    out = "<br>".join(divs)
    if "promo" in article.noise:
        site = presses.BY_OID[article.oid].site
        links = [
            f'<a target="_blank" href="http://{site}/news/articleView.html?idxno={int(article.aid[-5:]) + n}" '
            f'style="color:#2f2f2f;text-decoration:none !important;"><strong>{PROMOS[n]}</strong></a>'
            for n in range(2)
        ]
        out += "<br><br>" + "<br><br>".join(links)
    if "copyright" in article.noise:
        # The real pages leave this line unescaped, angle brackets and all.
        name = presses.COPYRIGHT_NAMES.get(article.oid, article.press)
        out += f"<br><br><br><br><저작권자 ⓒ {name} 무단전재 및 재배포 금지>"
    return out


def entertain(article: SimArticle) -> str:
    """`#articeBody` content of an entertainment article."""
    slots = _photo_slots(len(article.captions), len(article.paragraphs))
    chunks = []
    for index, paragraph in enumerate(article.paragraphs):
        text = escape(paragraph, quote=False)
        if index in slots:
            caption = escape(article.captions[slots[index]], quote=False)
            src = photo_src(article, slots[index] + 1, 760)
            text = (
                f'<span class="end_photo_org"><img src="{src}" alt="" />'
                f'<em class="img_desc">{caption}</em></span><br><br>{text}'
            )
        if index == len(article.paragraphs) // 2 and "ad" in article.noise:
            text = _ad(article) + text
        chunks.append(text)
    chunks += _tail(article)
    if "promo" in article.noise:
        chunks.append(f"▶ {PROMOS[int(article.aid) % len(PROMOS)]}")
    return "\n\t\t\t" + "<br><br>".join(chunks) + "\n\t\t"
