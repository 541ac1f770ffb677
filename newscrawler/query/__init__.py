"""Reading the lake: Athena SQL on DuckDB or on Athena, result rendering, the daily report."""
