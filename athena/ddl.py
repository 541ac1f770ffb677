"""``CREATE EXTERNAL TABLE`` statements for the lake, from the templates in ``templates/``.

Two partition styles: partition projection (Athena computes the partitions from the date
range; nothing to register) and classic Glue partitions (registered by ``repair``).
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from string import Template

from newscrawler.lake.layout import DEFAULT_TABLE

DEFAULT_RANGE = "20180101,NOW"
_TABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
_LOCATION = re.compile(r"^s3://[a-z0-9][a-z0-9.-]*(/[^'\\\s]*)?$")
_FROM_NOW = r"NOW(?:([+-]\d+)(YEARS|MONTHS|WEEKS|DAYS))?"
_RANGE = re.compile(rf"^\d{{8}},(?:\d{{8}}|{_FROM_NOW})$")
_RELATIVE = re.compile(rf"^{_FROM_NOW}$")


def check_location(location: str) -> str:
    """An S3 table or partition root, which Athena needs to end with a slash."""
    if not _LOCATION.match(location):
        raise ValueError(f"location must be s3://bucket/prefix/, got {location!r}")
    if not location.endswith("/"):
        raise ValueError(f"location must end with a slash: {location}/")
    return location


def check_table(name: str) -> str:
    """``table`` or ``database.table``, letters, digits and underscores."""
    if not _TABLE.match(name):
        raise ValueError(f"table must be name or database.name, got {name!r}")
    return name


def check_range(text: str) -> str:
    """A projection range: ``YYYYMMDD,YYYYMMDD`` or ``YYYYMMDD,NOW`` (``NOW-7DAYS`` too), of
    real dates, first date first."""
    if not _RANGE.match(text):
        raise ValueError(f"range must be YYYYMMDD,YYYYMMDD or YYYYMMDD,NOW, got {text!r}")
    first_text, last_text = text.split(",")
    first = _real_date(first_text, text)
    relative = _RELATIVE.match(last_text)
    last = _from_today(*relative.groups()) if relative else _real_date(last_text, text)
    if last < first:
        today = f" ({last_text} is {last:%Y-%m-%d})" if relative else ""
        raise ValueError(f"range {text} ends before it starts{today}")
    return text


def _real_date(value: str, text: str) -> date:
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"range {text}: {value} is not a date (YYYYMMDD)") from None


def _from_today(offset: str | None, unit: str | None) -> date:
    """The day ``NOW``, ``NOW-7DAYS``... stands for (Athena's NOW is UTC)."""
    today = datetime.now(UTC).date()
    count = int(offset or 0)
    if unit in ("DAYS", "WEEKS"):
        return today + timedelta(days=count * (7 if unit == "WEEKS" else 1))
    months = today.year * 12 + today.month - 1 + count * (12 if unit == "YEARS" else 1)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def projection_properties(location: str, date_range: str = DEFAULT_RANGE) -> dict[str, str]:
    """Table properties for partition projection over ``date=YYYYMMDD/`` folders."""
    return {
        "projection.enabled": "true",
        "projection.date.type": "date",
        "projection.date.format": "yyyyMMdd",
        "projection.date.range": check_range(date_range),
        "projection.date.interval": "1",
        "projection.date.interval.unit": "DAYS",
        "storage.location.template": location + "date=${date}/",
    }


def create_table(
    fmt: str,
    location: str,
    table: str = DEFAULT_TABLE,
    *,
    projection: bool = False,
    date_range: str = DEFAULT_RANGE,
) -> str:
    """The ``CREATE EXTERNAL TABLE`` statement for a lake of format ``fmt`` at ``location``."""
    from athena.formats import columns, table_format

    spec = table_format(fmt)
    check_location(location)
    properties = {"classification": spec.classification}
    if projection:
        properties |= projection_properties(location, date_range)
    template = Template(files("athena").joinpath("templates", spec.template).read_text("utf-8"))
    return template.substitute(
        table=check_table(table),
        columns=",\n".join(f"  `{name}` {kind}" for name, kind in columns()),
        location=location,
        properties=",\n".join(f"  '{key}' = '{value}'" for key, value in properties.items()),
    ).rstrip("\n")
