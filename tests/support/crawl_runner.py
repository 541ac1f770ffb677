"""Run one crawl in this process and print its stats as JSON (tests run it as a subprocess)."""

from __future__ import annotations

import json
import sys

from newscrawler.crawl import launch, project_settings
from newscrawler.extensions.alarm import crawl_failure


def main() -> None:
    settings, spider_args = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    date = spider_args.pop("date")
    crawler = launch([date], project_settings(settings), **spider_args)[date]
    stats = {key: value for key, value in crawler.stats.get_stats().items()}
    print(json.dumps({"stats": stats, "failure": crawl_failure(crawler)}, default=str))


if __name__ == "__main__":
    main()
