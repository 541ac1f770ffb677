"""Which sections a committed partition holds, and whether a crawl may replace it.

A partition is complete only when it holds every default section. A crawl may extend a
partition with more sections, but never replace it with fewer unless told to overwrite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newscrawler.naver import SECTIONS

if TYPE_CHECKING:
    from collections.abc import Mapping

LIST_SOURCE = "date lists (list.naver?mode=LSD), every page of each section"


def section_list(marker: Mapping[str, Any]) -> list[str]:
    """The sections a committed partition holds (every default one for old markers)."""
    return list(marker.get("sections") or SECTIONS)


def is_complete(marker: Mapping[str, Any] | None) -> bool:
    """Whether a partition holds every default section."""
    return marker is not None and set(SECTIONS) <= set(section_list(marker))


def skip_reason(
    date: str, marker: Mapping[str, Any] | None, sections: list[str], overwrite: bool
) -> str | None:
    """Why the date must not be crawled again for ``sections``, or None to crawl it.

    A committed date is skipped unless asked to overwrite; a crawl may extend a partition
    with more sections but never replace it with fewer (that would shrink it).
    """
    if marker is None or overwrite:
        return None
    held = section_list(marker)
    if set(held) < set(sections):
        return None
    if set(sections) <= set(held):
        return f"date={date} is already committed (sections {','.join(held)})"
    return (
        f"date={date} is committed with sections {','.join(held)}; crawling "
        f"{','.join(sections)} would drop {','.join(sorted(set(held) - set(sections)))}"
    )
