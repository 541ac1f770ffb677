"""Downloader middlewares: routing Naver hosts to another origin, retry with backoff."""
