"""A local simulator of Naver News: date lists, articles in five layouts, faults.

Naver is unreachable from the project's machines, so crawl tests, demos and benchmarks
run against this. Start it with ``python -m newscrawler.sim`` or, from Python,
``running_simulator()``; ``articles_for()`` tells what it serves (the ground truth).
"""

from __future__ import annotations

from newscrawler.sim.catalog import SimArticle, articles_for
from newscrawler.sim.server import running_simulator, serve

__all__ = ["SimArticle", "articles_for", "running_simulator", "serve"]
