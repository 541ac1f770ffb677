"""``newscrawler bench``: what the crawler costs, measured on the simulator and real pages.

Sections: extraction per captured page against the parse-only floor, crawl throughput and
CPU against a bare Scrapy floor and a sequential requests + BeautifulSoup crawler (at 0 and
100 ms added latency), requests per article, peak memory at two date sizes, bytes per article
and query time per lake format, and fleet makespan of dynamic dispatch against a static split.
Compared runs are interleaved and repeated; figures are medians.
"""
