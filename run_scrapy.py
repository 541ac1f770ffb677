#!/usr/bin/env python3
"""Container entrypoint: crawl one date (``DATE``, or ``START_DATE`` + task index) into the lake.

See :mod:`newscrawler.entrypoint`. Exit status 0 only when the date is committed.

A first argument that is a ``newscrawler`` command instead (``athena repair ...``) becomes
that command (the process is replaced, so it keeps PID 1 and its signals), so a follow-up
job can use the same image: AWS Batch overrides the command, not the entrypoint.
"""

import os
import sys

if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        os.execv(sys.executable, [sys.executable, "-m", "newscrawler", *sys.argv[1:]])
    from newscrawler.entrypoint import main

    main()
