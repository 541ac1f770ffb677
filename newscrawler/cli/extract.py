"""``newscrawler extract``: print what the crawler extracts from a saved page."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newscrawler.cli.errors import CommandError

if TYPE_CHECKING:
    import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "extract",
        help="print what the crawler extracts from a saved page",
        description="Print the item of a saved article page, or the links and paging of a "
        "saved date list page, as JSON.",
    )
    parser.add_argument("file", help="a saved Naver page (HTML)")
    parser.add_argument("--url", required=True, help="the URL the page was saved from")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newscrawler.extract import extract_file
    from newscrawler.pages import UnknownLayoutError

    url = urlsplit(args.url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise CommandError(f"--url {args.url!r} is not a URL: give the page's http(s) address", 2)
    try:
        result = extract_file(args.file, args.url)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
        raise CommandError(f"cannot read {args.file}: {error.strerror}", 2) from error
    except UnknownLayoutError as error:
        raise CommandError(str(error)) from error
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0
