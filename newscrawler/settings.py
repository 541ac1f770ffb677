"""Scrapy settings of the newscrawler project.

``NAVER_*`` and ``NEWS_*`` settings are listed, with defaults and meanings, in
:mod:`newscrawler.defaults`; environment variables of the same names override them here.
"""

from newscrawler.defaults import from_environ

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"
COMMANDS_MODULE = "newscrawler.commands"

# Naver has blocked requests without a browser User-Agent.
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7",
}

# Naver's robots.txt disallows every agent on its news hosts, so obeying it would fetch
# nothing. We crawl public article pages for research at a polite, throttled rate instead;
# whoever runs a crawl against Naver is responsible for doing so within Naver's terms.
ROBOTSTXT_OBEY = False

# Politeness towards Naver. A crawl routed to a loopback NAVER_BASE_URL (the simulator)
# drops these unless they are set explicitly (see NaverNewsSpider.update_settings).
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
# A callback yields one item or one page of article links; Scrapy starts this many tasks
# per response to process them, so a high value is pure overhead here.
CONCURRENT_ITEMS = 4

RETRY_TIMES = 8
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
DOWNLOADER_MIDDLEWARES = {
    "newscrawler.downloadermiddlewares.routing.NaverRoutingMiddleware": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawler.downloadermiddlewares.retry.BackoffRetryMiddleware": 550,
}
EXTENSIONS = {
    "newscrawler.extensions.alarm.ExtractionAlarm": 500,
    "newscrawler.extensions.progress.ProgressReporter": 510,
}

ITEM_PIPELINES = {
    "newscrawler.pipelines.LakePipeline": 800,
}

# No listening consoles: crawls run unattended in containers and fleets.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

globals().update(from_environ())
