#!/usr/bin/env python3
"""Container entrypoint: crawl one date (``DATE``, or ``START_DATE`` + task index) into the lake.

See :mod:`newscrawler.entrypoint`. Exit status 0 only when the date is committed.
"""

from newscrawler.entrypoint import main

if __name__ == "__main__":
    main()
