"""Extensions: the crawl verdict (layout-change alarm) and progress lines."""
