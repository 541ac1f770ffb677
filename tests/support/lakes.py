"""Small lakes written with the lake's own writers and commit protocol, from simulated rows."""

from __future__ import annotations

import uuid
from pathlib import Path

from newscrawler.lake.storage import open_storage
from newscrawler.lake.writers import PartitionWriter
from newscrawler.sim.catalog import articles_for, canonical_url
from newscrawler.sim.sections import NAMES

SEED, PER_DAY = 1, 120
DATES = ["20180105", "20180106", "20180108"]  # Friday, Saturday, Monday
UNCOMMITTED = "20180107"


def article_row(article) -> dict:
    """A simulated article as the crawler writes it."""
    kst = "+09:00"
    return {
        "oid": article.oid,
        "aid": article.aid,
        "url": canonical_url(article.layout, article.section, article.oid, article.aid),
        "section": article.section,
        "section_name": NAMES[article.section],
        "press": article.press,
        "title": article.title,
        "content": "\n".join(article.paragraphs),
        "authors": article.authors,
        "published_at": article.published.isoformat() + kst,
        "modified_at": article.modified.isoformat() + kst if article.modified else None,
        "time": article.published.strftime("%Y-%m-%d %H:%M:%S"),
        "crawled_at": "2024-05-01T00:00:00+00:00",
    }


def write_partition(directory: Path, fmt: str, rows: list[dict]):
    directory.mkdir(parents=True)
    writer = PartitionWriter(directory, fmt, rows_per_part=50)  # several parts per date
    for row in rows:
        writer.write(row)
    return writer.close()


def write_lake(
    root: Path, fmt: str, rows_by_date: dict[str, list[dict]], uncommitted: str = UNCOMMITTED
) -> Path:
    """Publish each date with the lake's commit protocol; then add what readers must skip:
    a partition without ``_SUCCESS`` and leftovers under ``_staging/``."""
    storage = open_storage(str(root))
    for day, rows in rows_by_date.items():
        staged = write_partition(root.parent / f"staging-{uuid.uuid4().hex}" / day, fmt, rows)
        storage.publish(day, staged, {"date": day, "format": fmt, "rows": len(rows)})
    some_rows = next(iter(rows_by_date.values()))
    write_partition(root / f"date={uncommitted}", fmt, some_rows)
    write_partition(root / "_staging" / uuid.uuid4().hex / f"date={DATES[0]}", fmt, some_rows)
    return root


def simulated_rows(dates=DATES, seed=SEED, per_day=PER_DAY) -> dict[str, list[dict]]:
    return {day: [article_row(a) for a in articles_for(seed, day, per_day)] for day in dates}
