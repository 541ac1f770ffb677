"""Decoding pages whose declared charset may not match their bytes."""

from __future__ import annotations

from scrapy.http import HtmlResponse, TextResponse


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def html_response(url: str, body: bytes, content_type: str | None = None) -> HtmlResponse:
    """A response for saved bytes: UTF-8 when the bytes are UTF-8, whatever the meta says."""
    headers = {"Content-Type": content_type} if content_type else {}
    encoding = "utf-8" if _is_utf8(body) else None
    return HtmlResponse(url=url, body=body, headers=headers, encoding=encoding)


def fix_encoding(response: TextResponse) -> TextResponse:
    """Re-read a response declared EUC-KR (by header or meta) whose bytes are really UTF-8.

    Naver's old templates declare euc-kr; copies re-saved by other tools keep the meta but
    hold UTF-8 bytes. Real EUC-KR Hangul is practically never valid UTF-8.
    """
    if response.encoding.replace("-", "").lower() in ("utf8", "ascii"):
        return response
    if _is_utf8(response.body):
        return response.replace(encoding="utf-8")
    return response
