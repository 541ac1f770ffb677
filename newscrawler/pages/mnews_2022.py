"""The 2022 article: the same ``n.news`` URLs, ``div#dic_area`` and a headline without an id."""

from __future__ import annotations

from newscrawler.pages.mnews_2023 import Mnews2023ArticlePage


class Mnews2022ArticlePage(Mnews2023ArticlePage):
    """Title ``h2.media_end_head_headline``, body ``div#dic_area``; the rest as in 2023."""

    layout = "2022"
    marker = "div#dic_area"
    title_css = "h2.media_end_head_headline"
