"""Decoding pages whose declared charset may not match their bytes."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from scrapy.http import HtmlResponse, TextResponse

if TYPE_CHECKING:
    from scrapy.http import Response

# CP949 is the superset of EUC-KR that Naver's old servers and Windows tools really write.
KOREAN_LEGACY = "cp949"
_UTF8_NAMES = frozenset({"utf8", "ascii", "usascii"})
_UTF8_BOM = codecs.BOM_UTF8
# Real pages name their press and title within the first kilobytes: the first stretch of
# this size that holds non-ASCII shows whether the text is UTF-8, at a fraction of a full
# decode's cost.
_SNIFF = 8 * 1024


def html_response(url: str, body: bytes, content_type: str | None = None) -> HtmlResponse:
    """A response for saved bytes: UTF-8 when the bytes are UTF-8, whatever the meta says."""
    headers = {"Content-Type": content_type} if content_type else {}
    return fix_encoding(HtmlResponse(url=url, body=body, headers=headers))


def fix_encoding(response: Response) -> TextResponse:
    """``response`` read with the charset that fits its bytes (see ``body_encoding``).

    A response Scrapy did not take for text (a wrong or missing Content-Type) is read as
    HTML all the same.
    """
    if not isinstance(response, TextResponse):
        response = HtmlResponse(
            url=response.url, body=response.body, headers=response.headers, request=response.request
        )
    encoding = body_encoding(response)
    if encoding == response.encoding:
        return response
    return response.replace(encoding=encoding)


def body_encoding(response: TextResponse) -> str:
    """The charset that really reads ``response``'s bytes.

    Naver's old templates declare euc-kr; copies re-saved by other tools keep the meta but
    hold UTF-8 bytes. The reverse, EUC-KR bytes declared UTF-8, comes from misconfigured
    proxies. Real EUC-KR Hangul is practically never valid UTF-8, so a strict UTF-8 decode
    of the first stretch of non-ASCII text tells them apart. A UTF-8 page with a few bad
    bytes stays UTF-8; bytes that fit neither keep the declared charset (bad bytes read as
    U+FFFD).
    """
    declared, body = response.encoding, response.body
    if _is_utf8_name(declared):
        if _looks_utf8(body) or not _mostly_legacy_korean(body):
            return declared
        return KOREAN_LEGACY
    return "utf-8" if _looks_utf8(body) else declared


def page_source(response: TextResponse) -> bytes | str:
    """What to parse of a response ``fix_encoding`` has settled: the body itself when it is
    UTF-8 (no decoding at all), else its text."""
    if not _is_utf8_name(response.encoding):
        return response.text
    body = response.body
    return body[len(_UTF8_BOM) :] if body.startswith(_UTF8_BOM) else body


def _looks_utf8(body: bytes) -> bool:
    """Whether the first non-ASCII stretch of ``body`` is valid UTF-8 (and all before it)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(body), _SNIFF):
        chunk = body[start : start + _SNIFF]
        try:
            decoder.decode(chunk, final=start + _SNIFF >= len(body))
        except UnicodeDecodeError:
            return False
        if not chunk.isascii():
            return True
    return True


def _mostly_legacy_korean(body: bytes) -> bool:
    """Whether ``body`` reads as CP949 and most of its non-ASCII is invalid as UTF-8."""
    if not _decodes(body, KOREAN_LEGACY):
        return False
    text = body.decode("utf-8", "replace")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text.count("\ufffd") * 2 > non_ascii


def _is_utf8_name(encoding: str) -> bool:
    return encoding.replace("-", "").replace("_", "").lower() in _UTF8_NAMES


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
