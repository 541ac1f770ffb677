"""Crawl Naver News by date into a queryable data lake."""

__version__ = "0.1.0"
