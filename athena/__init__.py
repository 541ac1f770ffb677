"""Athena for the newscrawler lake: table DDL, partition repair and a query runner."""
