#!/usr/bin/env python3
"""Container entrypoint: crawl one date (``DATE``, or ``START_DATE`` + task index) into the lake.

See :mod:`newscrawler.entrypoint`. Exit status 0 only when the date is committed.

A first argument that is a ``newscrawler`` command instead (``athena repair ...``) runs that
command, so a follow-up job (AWS Batch overrides the command, not the entrypoint) can use
the same image.
"""

import sys

if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        from newscrawler.cli import main as newscrawler

        sys.exit(newscrawler(sys.argv[1:]))
    from newscrawler.entrypoint import main

    main()
