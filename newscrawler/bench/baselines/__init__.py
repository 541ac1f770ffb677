"""What our crawl is compared with, each run as its own process on the same simulator dates.

``scrapy_floor``: a bare Scrapy spider that fetches exactly the URLs our crawl fetched and does
nothing else (the framework's floor). ``sequential``: requests + BeautifulSoup, one page at a
time (the common approach of other Naver crawlers).
"""
