"""Press offices (real Naver oids and names) and the pools articles draw them from."""

from __future__ import annotations

from typing import NamedTuple


class Press(NamedTuple):
    oid: str
    name: str
    site: str  # the press's own homepage host
    mail: str  # e-mail domain of its reporters
    weight: int  # relative share of the articles in its pool


GENERAL: tuple[Press, ...] = (
    Press("001", "연합뉴스", "www.yna.co.kr", "yna.co.kr", 10),
    Press("003", "뉴시스", "www.newsis.com", "newsis.com", 9),
    Press("421", "뉴스1", "www.news1.kr", "news1.kr", 9),
    Press("082", "부산일보", "www.busan.com", "busan.com", 2),
    Press("437", "JTBC", "news.jtbc.co.kr", "jtbc.co.kr", 2),
    Press("032", "경향신문", "www.khan.co.kr", "kyunghyang.com", 2),
    Press("028", "한겨레", "www.hani.co.kr", "hani.co.kr", 2),
    Press("020", "동아일보", "www.donga.com", "donga.com", 3),
    Press("023", "조선일보", "www.chosun.com", "chosun.com", 3),
    Press("025", "중앙일보", "www.joongang.co.kr", "joongang.co.kr", 3),
    Press("015", "한국경제", "www.hankyung.com", "hankyung.com", 4),
    Press("009", "매일경제", "www.mk.co.kr", "mk.co.kr", 4),
    Press("008", "머니투데이", "news.mt.co.kr", "mt.co.kr", 4),
    Press("018", "이데일리", "www.edaily.co.kr", "edaily.co.kr", 3),
    Press("016", "헤럴드경제", "biz.heraldcorp.com", "heraldcorp.com", 3),
    Press("055", "SBS", "news.sbs.co.kr", "sbs.co.kr", 2),
    Press("056", "KBS", "news.kbs.co.kr", "kbs.co.kr", 2),
    Press("214", "MBC", "imnews.imbc.com", "mbc.co.kr", 2),
    Press("092", "지디넷코리아", "zdnet.co.kr", "zdnet.co.kr", 2),
    Press("031", "아이뉴스24", "www.inews24.com", "inews24.com", 2),
    Press("005", "국민일보", "www.kmib.co.kr", "kmib.co.kr", 2),
    Press("022", "세계일보", "www.segye.com", "segye.com", 2),
    Press("081", "서울신문", "www.seoul.co.kr", "seoul.co.kr", 2),
    Press("469", "한국일보", "www.hankookilbo.com", "hankookilbo.com", 2),
    Press("277", "아시아경제", "www.asiae.co.kr", "asiae.co.kr", 3),
    Press("014", "파이낸셜뉴스", "www.fnnews.com", "fnnews.com", 3),
    Press("011", "서울경제", "www.sedaily.com", "sedaily.com", 3),
    Press("052", "YTN", "www.ytn.co.kr", "ytn.co.kr", 2),
    Press("057", "MBN", "www.mbn.co.kr", "mbn.co.kr", 1),
    Press("448", "TV조선", "news.tvchosun.com", "chosun.com", 1),
    Press("449", "채널A", "www.ichannela.com", "donga.com", 1),
    Press("422", "연합뉴스TV", "www.yonhapnewstv.co.kr", "yna.co.kr", 1),
    Press("030", "전자신문", "www.etnews.com", "etnews.com", 2),
    Press("047", "오마이뉴스", "www.ohmynews.com", "ohmynews.com", 1),
    Press("079", "노컷뉴스", "www.nocutnews.co.kr", "cbs.co.kr", 1),
    Press("119", "데일리안", "www.dailian.co.kr", "dailian.co.kr", 1),
    Press("029", "디지털타임스", "www.dt.co.kr", "dt.co.kr", 1),
    Press("366", "조선비즈", "biz.chosun.com", "chosunbiz.com", 2),
    Press("374", "SBS Biz", "biz.sbs.co.kr", "sbs.co.kr", 1),
    Press("087", "강원일보", "www.kwnews.co.kr", "kwnews.co.kr", 1),
)

SPORTS: tuple[Press, ...] = (
    Press("477", "스포티비뉴스", "www.spotvnews.co.kr", "spotvnews.co.kr", 3),
    Press("076", "스포츠조선", "sports.chosun.com", "sportschosun.com", 3),
    Press("139", "스포탈코리아", "www.sportalkorea.com", "sportalkorea.com", 2),
    Press("413", "인터풋볼", "www.interfootball.co.kr", "interfootball.co.kr", 2),
    Press("117", "마이데일리", "www.mydaily.co.kr", "mydaily.co.kr", 2),
    Press("109", "OSEN", "www.osen.co.kr", "osen.co.kr", 3),
    Press("410", "MK스포츠", "mksports.co.kr", "maekyung.com", 2),
    Press("468", "스포츠서울", "www.sportsseoul.com", "sportsseoul.com", 2),
    Press("311", "엑스포츠뉴스", "www.xportsnews.com", "xportsnews.com", 2),
)

ENTERTAIN: tuple[Press, ...] = (
    Press("112", "헤럴드POP", "pop.heraldcorp.com", "heraldcorp.com", 2),
    Press("609", "뉴스엔", "www.newsen.com", "newsen.com", 3),
    Press("213", "TV리포트", "www.tvreport.co.kr", "tvreport.co.kr", 2),
    Press("117", "마이데일리", "www.mydaily.co.kr", "mydaily.co.kr", 2),
    Press("076", "스포츠조선", "sports.chosun.com", "sportschosun.com", 2),
    Press("108", "스타뉴스", "star.mt.co.kr", "mtstarnews.com", 2),
    Press("311", "엑스포츠뉴스", "www.xportsnews.com", "xportsnews.com", 2),
    Press("109", "OSEN", "www.osen.co.kr", "osen.co.kr", 3),
)

BY_OID: dict[str, Press] = {p.oid: p for p in (*GENERAL, *SPORTS, *ENTERTAIN)}

# Presses that open the first paragraph with a dateline, and its form.
DATELINES: dict[str, str] = {
    "001": "({place}=연합뉴스) {name} 기자 = ",
    "003": "[{place}=뉴시스]{name} 기자 = ",
    "421": "({place}=뉴스1) {name} 기자 = ",
    "422": "({place}=연합뉴스TV) {name} 기자 = ",
}

# Sports articles open with the press and reporter in brackets.
SPORTS_DATELINE = "[{press}={name} 기자] "

# English names some presses use in their in-body copyright line.
COPYRIGHT_NAMES: dict[str, str] = {"477": "SPOTV NEWS", "109": "OSEN", "410": "MK스포츠"}


def logo_url(oid: str, dark: bool = False) -> str:
    """A press logo URL in the shape Naver's image server uses."""
    prefix = "dark_logo" if dark else "logo"
    return (
        f"https://mimgnews.pstatic.net/image/upload/office_logo/{oid}/2020/09/15/"
        f"{prefix}_{oid}_6_20200915144947.png"
    )
