"""Malformed invocations of every entry point: one line on stderr, exit 2, no traceback.

Each case runs the real command as a subprocess from the repository root. ``{lake}`` and
``{tmp}`` stand for a lake folder and a scratch folder of the test; the lake must not even
be created, since bad input is refused before any work starts.
"""

from __future__ import annotations

import pytest

from tests.support.commands import error_lines, run

DAY = {"DATE": "20180101"}
A_URL = "https://n.news.naver.com/mnews/article/001/0000000001"
CRAWL = ("newscrawler", "crawl", "--date", "20180101", "--output", "{lake}")
SCRAPY = ("scrapy", "crawl", "naver_news", "-a", "date=20180101", "-s", "NEWS_OUTPUT_URI={lake}")
FLEET = ("newscrawler", "fleet", "--image", "newscrawler:test", "--start", "20180101")
FLEET = (*FLEET, "--end", "20180101", "--output", "{lake}")
DDL = ("newscrawler", "athena", "ddl", "--location")
BATCH = ("newscrawler", "batch", "submit", "--job-queue", "q", "--job-definition", "d")
SPARK = ("newscrawler", "spark", "submit", "--lake", "s3://b/lake/", "--out", "s3://b/out/")

# (argv, environment, status): status None means any non-zero status will do.
CASES = {
    # scrapy crawl
    "scrapy: impossible date": (("scrapy", "crawl", "naver_news", "-a", "date=2018-13-45"), {}, 2),
    "scrapy: unknown section": ((*SCRAPY, "-a", "sections=999"), {}, 2),
    "scrapy: misspelt argument": ((*SCRAPY, "-a", "section=105"), {}, 2),
    "scrapy: unknown format": ((*SCRAPY, "-s", "NEWS_OUTPUT_FORMAT=csv"), {}, 2),
    "scrapy: base URL without scheme": ((*SCRAPY, "-s", "NAVER_BASE_URL=127.0.0.1:8096"), {}, 2),
    "scrapy: rows per part not a number": ((*SCRAPY, "-s", "NEWS_ROWS_PER_PART=abc"), {}, 2),
    "scrapy: malformed S3 URI": (
        ("scrapy", "crawl", "naver_news", "-a", "date=20180101", "-s", "NEWS_OUTPUT_URI=s3:/b"),
        {},
        2,
    ),
    "scrapy: misspelt setting": ((*SCRAPY, "-s", "NAVER_SECTONS=100"), {}, 2),
    # run_scrapy.py, configured by its environment
    "task: no DATE": (("run_scrapy.py",), {}, 2),
    "task: impossible DATE": (("run_scrapy.py",), {"DATE": "20181345"}, 2),
    "task: START_DATE without index": (("run_scrapy.py",), {"START_DATE": "20180101"}, 2),
    "task: index not a number": (
        ("run_scrapy.py",),
        {"START_DATE": "20180101", "AWS_BATCH_JOB_ARRAY_INDEX": "x"},
        2,
    ),
    "task: unknown format": (("run_scrapy.py",), {**DAY, "NEWS_OUTPUT_FORMAT": "csv"}, 2),
    "task: malformed S3 URI": (("run_scrapy.py",), {**DAY, "NEWS_OUTPUT_URI": "s3:/bucket"}, 2),
    "task: unknown section": (("run_scrapy.py",), {**DAY, "NAVER_SECTIONS": "100,999"}, 2),
    "task: rows per part not a number": (
        ("run_scrapy.py",),
        {**DAY, "NEWS_ROWS_PER_PART": "abc"},
        2,
    ),
    "task: base URL of another scheme": (
        ("run_scrapy.py",),
        {**DAY, "NAVER_BASE_URL": "ftp://x"},
        2,
    ),
    "task: an argument it does not take": (("run_scrapy.py", "--date", "20180101"), DAY, 2),
    # newscrawler crawl
    "crawl: impossible date": (
        ("newscrawler", "crawl", "--date", "20180230", "--output", "{lake}"),
        {},
        2,
    ),
    "crawl: reversed range": (
        ("newscrawler", "crawl", "--start", "20180105", "--end", "20180101", "--output", "{lake}"),
        {},
        2,
    ),
    "crawl: --date with --end": ((*CRAWL, "--end", "20180103"), {}, 2),
    "crawl: unknown format": ((*CRAWL, "--format", "csv"), {}, 2),
    "crawl: unknown section": ((*CRAWL, "--sections", "100,999"), {}, 2),
    "crawl: bucket name in capitals": (
        ("newscrawler", "crawl", "--date", "20180101", "--output", "s3://Bad_Bucket/x"),
        {},
        2,
    ),
    "crawl: unsupported URI scheme": (
        ("newscrawler", "crawl", "--date", "20180101", "--output", "ftp://x/y"),
        {},
        2,
    ),
    "crawl: zero workers": ((*CRAWL, "--workers", "0"), {}, 2),
    "crawl: rows per part not a number": ((*CRAWL, "-s", "NEWS_ROWS_PER_PART=abc"), {}, 2),
    "crawl: misspelt setting": ((*CRAWL, "-s", "NEWS_ROWS_PER_PRT=1"), {}, 2),
    # query, report, extract
    "query: invalid SQL": (
        ("newscrawler", "query", "SELEC * FRM newsdata", "--lake", "{lake}"),
        {},
        2,
    ),
    "query: unknown table": (
        ("newscrawler", "query", "SELECT count(*) FROM articles", "--lake", "{lake}"),
        {},
        None,
    ),
    "query: table function Athena rejects": (
        ("newscrawler", "query", "SELECT * FROM read_csv('/etc/passwd')", "--lake", "{lake}"),
        {},
        None,
    ),
    "query: missing lake": (
        ("newscrawler", "query", "SELECT 1", "--lake", "{tmp}/no/such/lake"),
        {},
        None,
    ),
    "query: unknown output format": (
        ("newscrawler", "query", "SELECT 1", "--format", "xml"),
        {},
        2,
    ),
    "query: athena without database": (
        ("newscrawler", "query", "SELECT 1", "--engine", "athena"),
        {},
        2,
    ),
    "report: image type it cannot write": (
        ("newscrawler", "report", "--lake", "{lake}", "--out", "{tmp}/daily.gif"),
        {},
        2,
    ),
    "report: reversed range": (
        ("newscrawler", "report", "--lake", "{lake}", "--start", "20180105", "--end", "20180101"),
        {},
        2,
    ),
    "extract: missing file": (
        ("newscrawler", "extract", "{tmp}/missing.html", "--url", A_URL),
        {},
        2,
    ),
    "extract: URL that is not one": (
        ("newscrawler", "extract", "{tmp}/page.html", "--url", "not a url"),
        {},
        2,
    ),
    # athena
    "athena ddl: location without slash": ((*DDL, "s3://b/x"), {}, 2),
    "athena ddl: impossible range": (
        (*DDL, "s3://b/x/", "--projection", "--range", "20181301,NOW"),
        {},
        2,
    ),
    "athena ddl: range without projection": ((*DDL, "s3://b/x/", "--range", "20180101,NOW"), {}, 2),
    "athena repair: malformed S3 URI": (
        ("newscrawler", "athena", "repair", "--lake", "s3:/x", "--table", "db.t"),
        {},
        2,
    ),
    "athena repair: table name with spaces": (
        ("newscrawler", "athena", "repair", "--lake", "{lake}", "--table", "bad table!"),
        {},
        2,
    ),
    # lake
    "lake status: reversed range": (
        (
            "newscrawler",
            "lake",
            "status",
            "--lake",
            "{lake}",
            "--start",
            "20180105",
            "--end",
            "20180101",
        ),
        {},
        2,
    ),
    "lake status: malformed S3 URI": (
        ("newscrawler", "lake", "status", "--lake", "s3:/bad"),
        {},
        2,
    ),
    "lake verify: file URI with a host": (
        ("newscrawler", "lake", "verify", "--lake", "file://host/x"),
        {},
        2,
    ),
    "lake verify: unknown output format": (
        ("newscrawler", "lake", "verify", "--lake", "{lake}", "--format", "xml"),
        {},
        2,
    ),
    # fleet, batch, k8s, spark
    "fleet: missing hosts file": ((*FLEET, "--hosts", "{tmp}/missing.txt"), {}, 2),
    "fleet: garbage hosts file": ((*FLEET, "--hosts", "{tmp}/garbage.txt"), {}, 2),
    "fleet: --env not a name": ((*FLEET, "--hosts", "{tmp}/hosts.txt", "--env", "1BAD"), {}, 2),
    "fleet: --env of an unset variable": (
        (*FLEET, "--hosts", "{tmp}/hosts.txt", "--env", "NEWSCRAWLER_TEST_UNSET"),
        {},
        2,
    ),
    "batch submit: reversed range": ((*BATCH, "--start", "20180105", "--end", "20180101"), {}, 2),
    "batch submit: impossible date": ((*BATCH, "--date", "2018-13-01"), {}, 2),
    "k8s manifest: impossible date": (
        ("newscrawler", "k8s", "manifest", "--image", "x", "--date", "20181301"),
        {},
        2,
    ),
    "k8s manifest: zero parallelism": (
        (
            "newscrawler",
            "k8s",
            "manifest",
            "--image",
            "x",
            "--date",
            "20180101",
            "--parallelism",
            "0",
        ),
        {},
        2,
    ),
    "spark submit: reversed range": (
        (*SPARK, "--start", "20180105", "--end", "20180101", "--image", "x"),
        {},
        2,
    ),
    "sim: fault rate above 1": (("newscrawler", "sim", "--fault-rate", "2"), {}, 2),
    "demo: zero days": (("newscrawler", "demo", "--days", "0"), {}, 2),
    "newscrawler: unknown command": (("newscrawler", "nosuchcommand"), {}, 2),
}

PREFIXES = {"scrapy": "scrapy crawl: error: ", "run_scrapy.py": "run_scrapy: error: "}
GARBAGE_HOSTS = "this is: not a hosts file\n\x00\x01garbage ::: [[[\ntcp://\n"


# Run by CI like every case, left out of a quick ``-m "not faults_long"`` run: each command
# keeps a few cases there.
LONGER = {
    "scrapy: unknown format", "scrapy: rows per part not a number", "scrapy: malformed S3 URI",
    "task: START_DATE without index", "task: index not a number", "task: unknown format",
    "task: rows per part not a number", "task: base URL of another scheme",
    "crawl: --date with --end", "crawl: unknown format", "crawl: bucket name in capitals",
    "crawl: zero workers", "crawl: rows per part not a number", "query: unknown output format",
    "query: athena without database", "report: reversed range", "athena ddl: impossible range",
    "athena repair: table name with spaces", "lake verify: unknown output format",
    "lake status: malformed S3 URI", "fleet: --env of an unset variable",
    "batch submit: impossible date", "k8s manifest: zero parallelism", "demo: zero days",
}  # fmt: skip
PARAMS = [
    pytest.param(case, id=case, marks=[pytest.mark.faults_long] if case in LONGER else [])
    for case in CASES
]


@pytest.mark.parametrize("case", PARAMS)
def test_bad_input_is_one_line(case, tmp_path, figures):
    argv, env, status = CASES[case]
    lake = tmp_path / "lake"
    (tmp_path / "page.html").write_text("<html><body>not an article</body></html>")
    (tmp_path / "garbage.txt").write_text(GARBAGE_HOSTS)
    (tmp_path / "hosts.txt").write_text("tcp://127.0.0.1:9\n")
    words = [word.format(lake=lake, tmp=tmp_path) for word in argv]
    environment = {"NEWS_OUTPUT_URI": str(lake), **env}
    done = run(words[0], *words[1:], env=environment, timeout=120)
    figures.setdefault("bad_inputs", {})[case] = done.returncode
    lines = error_lines(done.stderr)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{done.stderr[-2000:]}"
    assert lines[0].startswith(PREFIXES.get(argv[0], "newscrawler")), lines[0]
    assert ": error: " in lines[0], lines[0]
    if status is None:
        assert done.returncode != 0, lines[0]
    else:
        assert done.returncode == status, f"exit {done.returncode}: {lines[0]}"
    assert not lake.exists(), "bad input created the lake"
