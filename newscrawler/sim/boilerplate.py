# ruff: noqa: E501 -- markup keeps the line shapes of the real pages
"""Constant page furniture (head tags, menus, scripts, footers) built once per process.

Real Naver pages are 100-300 KB, mostly this kind of markup; the simulator pads its
pages with look-alikes so that crawl benchmarks move realistic amounts of bytes.
"""

from __future__ import annotations

from functools import cache

from newscrawler.sim import press as presses
from newscrawler.sim import sections

STATIC = "https://ssl.pstatic.net/static.news/pnews/resources/20240517_101010"
NNEWS_STATIC = "https://static-nnews.pstatic.net"

# JSP templates leave runs of indented blank lines behind; the list pages are full of them.
GAP = "\n\t\n\t\t\n\t\t\t\n\t\t\n\t\n"
WIDE_GAP = "\n\t\t\t\t\n\t\t\t\t\t\n\t\t\t\t\t\t\n\t\t\t\t\t\n\t\t\t\t\n\t\t\t\n"

_SERVICES = (
    ("https://www.naver.com/", "네이버", "naver"),
    ("https://mail.naver.com/", "메일", "mail"),
    ("https://section.cafe.naver.com/", "카페", "cafe"),
    ("https://section.blog.naver.com/", "블로그", "blog"),
    ("https://kin.naver.com/", "지식iN", "kin"),
    ("https://shopping.naver.com/", "쇼핑", "shopping"),
    ("https://pay.naver.com/", "Pay", "pay"),
    ("https://tv.naver.com/", "TV", "tv"),
    ("https://dict.naver.com/", "사전", "dic"),
    ("https://news.naver.com/", "뉴스", "news"),
    ("https://finance.naver.com/", "증권", "stock"),
    ("https://land.naver.com/", "부동산", "land"),
    ("https://map.naver.com/", "지도", "map"),
    ("https://vibe.naver.com/", "VIBE", "vibe"),
    ("https://book.naver.com/", "도서", "book"),
    ("https://comic.naver.com/", "웹툰", "webtoon"),
)

_JS_MANAGERS = (
    "ArticleFontManager", "ArticleShareManager", "CommentCountManager", "ReactionManager",
    "JournalistCardManager", "SubscribeManager", "TtsPlayerManager", "LazyLoadingManager",
    "RankingFlickingManager", "ChannelBannerManager", "SummaryBotManager", "PrintManager",
)  # fmt: skip


def js_managers(prefix: str) -> str:
    """An inline script that wires up page widgets, the way Naver's pages do."""
    blocks = []
    for index, name in enumerate(_JS_MANAGERS):
        blocks.append(
            f"""\t\t\t(function () {{
\t\t\t\tvar el{index} = document.querySelector("._{name.upper()}");
\t\t\t\tif (!el{index}) {{
\t\t\t\t\treturn;
\t\t\t\t}}
\t\t\t\t{prefix}.{name}.init(el{index}, {{
\t\t\t\t\tnclickPrefix: "{prefix.lower()}.{name[:6].lower()}",
\t\t\t\t\tlazy: {str(index % 2 == 0).lower()},
\t\t\t\t\tdelay: {index * 50},
\t\t\t\t\tonError: function (error) {{
\t\t\t\t\t\twindow.nelo && window.nelo.error("{name}", error && error.message);
\t\t\t\t\t}}
\t\t\t\t}});
\t\t\t}})();
"""
        )
    return '\t\t<script type="text/javascript">\n' + "".join(blocks) + "\t\t</script>\n"


def click_config(service: str, count: int) -> str:
    """The click-logging area map pages inline: one entry per tracked link area."""
    areas = ("lnb", "gnb", "art", "rig", "fot", "cmt", "rel", "rnk", "sub", "jrn", "ad", "sns")
    lines = "".join(
        f'\t\t"{areas[n % len(areas)]}.{service}{n:03d}": {{"area": "{areas[n % len(areas)]}", '
        f'"code": "{service}_{n:03d}", "sample": {100 - n % 7 * 10}, "imp": {str(n % 3 == 0).lower()}, '
        f'"lazy": {str(n % 2 == 0).lower()}}},\n'
        for n in range(count)
    )
    return (
        '<script type="text/javascript">\n\tvar nclkAreaMap = {\n'
        + lines
        + '\t\t"end": {}\n\t};\n\twindow.nclk && window.nclk.setAreaMap(nclkAreaMap);\n</script>\n'
    )


def glad_script(units: tuple[str, ...]) -> str:
    """The ad SDK bootstrap that sits in every page head."""
    slots = "".join(
        f"""        window.gladsdk.defineAdSlot({{
            adUnitId: '{unit}',
            adSlotElementId: 'glad_ad_{unit.split("_")[-1]}'
        }});
"""
        for unit in units
    )
    return f"""<script>
    var isUnderIE10 = navigator.appName === "Microsoft Internet Explorer";
    if (!isUnderIE10) {{
        var gladSDK = document.createElement("script");
        gladSDK.async = true;
        gladSDK.src = "https://ssl.pstatic.net/tveta/libs/glad/prod/gfp-core.js";
        document.head.appendChild(gladSDK);
    }}
    window.gladsdk = window.gladsdk || {{ cmd: [] }};
    window.gladsdk.cmd.push(function () {{
        window.gladsdk.setGlobalConfig({{enablePersistAd: true}});
        window.gladsdk.setHostMeta('theme', 'system');
{slots}    }})
</script>
"""


def press_grid(clk: str) -> str:
    """The "언론사 구독" grid of press logos that pages carry in their asides."""
    items = "".join(
        f"""\t\t\t\t<li class="ofpr_item">
\t\t\t\t\t<a href="https://media.naver.com/press/{p.oid}" class="ofpr_a _ALL_OFFICES_ITEM" data-officeId="{p.oid}" data-officename="{p.name}" role="checkbox" aria-checked="false" data-clk="{clk}">
\t\t\t\t\t\t<span class="ofpr_thumb"><img src="{presses.logo_url(p.oid)}" width="96" height="32" alt="{p.name}" onerror="this.style.display='none';"></span>
\t\t\t\t\t\t<span class="ofpr_name">{p.name}</span>
\t\t\t\t\t</a>
\t\t\t\t</li>
"""
        for p in (*presses.GENERAL, *presses.SPORTS)
    )
    return f"""\t\t<div class="office_preference _ALL_OFFICES">
\t\t\t<div class="ofpr_more_link"><h4 class="ofpr_tit">언론사 구독하고 메인에서 바로 보세요</h4></div>
\t\t\t<ul class="ofpr_channel">
{items}\t\t\t</ul>
\t\t</div>
"""


def footer_links(prefix: str) -> str:
    """The footer menu shared by the desktop pages."""
    links = (
        ("https://nid.naver.com/nidlogin.login", "로그인", "login"),
        ("https://www.naver.com/more.html", "전체서비스", "serviceall"),
        ("https://news.naver.com/ombudsman", "서비스안내", "guide"),
        ("https://help.naver.com/alias/news/news_001.naver", "오류신고", "report"),
        ("https://help.naver.com/alias/news/news_007.naver", "고객센터", "help"),
        ("https://www.naver.com/policy/service.html", "이용약관", "terms"),
        ("https://www.naver.com/policy/privacy.html", "개인정보처리방침", "privacy"),
        ("https://news.naver.com/ombudsman/edit", "기사배열 원칙", "editor"),
    )
    items = "".join(
        f'    <li class="{prefix}_item"><a href="{href}" class="{prefix}_a nclicks(fot.{clk})">'
        f"{text}</a></li>\n"
        for href, text, clk in links
    )
    return (
        f'<div id="{prefix}" class="{prefix}">\n  <div class="{prefix}_inner">\n'
        f'<ul class="{prefix}_list">\n{items}</ul>\n'
        f'        <p class="{prefix}_copyright">이 콘텐츠의 저작권은 저작권자 또는 제공처에 있으며, '
        "이를 무단 이용하는 경우 저작권법 등에 따라 법적 책임을 질 수 있습니다.</p>\n"
        f'        <div class="{prefix}_naverlogo"><a href="https://www.navercorp.com/" '
        f'class="{prefix}_naverlogo_a nclicks(fot.navercorp)">NAVER</a></div>\n'
        "  </div>\n</div>\n"
    )


def services_menu() -> str:
    """The NAVER services drop-down of the top bar."""
    items = "".join(
        f'\t\t\t\t\t\t<li class="Nlist_item"><a href="{href}" class="Nitem_link" '
        f'data-clk="gnb.{clk}"><span class="Nitem_link_menu">{name}</span></a></li>\n'
        for href, name, clk in _SERVICES
    )
    return f'\t\t\t\t\t<ul class="Nlist _SERVICE_MENU">\n{items}\t\t\t\t\t</ul>\n'


# --- the date lists (news.naver.com/main/list.naver) ---------------------------------


@cache
def list_head_assets() -> str:
    """Favicon, styles, scripts and the GNB settings of a date list's head."""
    return f"""<link rel="shortcut icon" type="image/x-icon" href="https://mimgnews.pstatic.net/image/news/m/2023/favicon/favicon.ico" />
{GAP}{GAP}
\t\t<link rel="stylesheet" type="text/css" href="{STATIC}/css/common.css"/>
\t\t<link rel="stylesheet" type="text/css" href="{STATIC}/css/news.css"/>
{GAP}{GAP}{GAP}
<script type="text/javascript" src="{STATIC}/js/news.jindo.js" charset="euc-kr"></script>
{GAP}
<script type="text/javascript" src="{STATIC}/js/news.jquery.js" charset="utf-8"></script>
{WIDE_GAP * 3}
<script type="text/javascript">
var _MAIN_NEWS_MENU_ID='sec';
var ccsrv='cc.naver.com';
var g_ssc='news.flash';
window.nsc = g_ssc;
var gnb_service='news';
var gnb_logout=encodeURIComponent(location.href);
var gnb_template='gnb_utf8';
var gnb_brightness=3;
var gnb_searchbox='on';
var gnb_shortnick='on';
var gnb_item_hide_option=128;
</script>
{GAP}
<script type="text/javascript" src="{STATIC}/js/news.service.js" charset="euc-kr"></script>
{WIDE_GAP * 2}
{glad_script(("p_news_newsend", "p_news_newslist", "p_news_sidebox"))}
{GAP}
</head>

<body>
\t<div id="wrap">
\t\t<!-- 광고적용 태그 추가 -->
\t\t<div id="da_base"></div>
\t\t<div id="da_stake"></div>
{GAP}
"""


@cache
def list_header(sid1: str) -> str:
    """Top bar, section menu and the left column of a date list for ``sid1``."""
    lnb = "".join(_lnb_item(sid, name, sid == sid1) for sid, name in sections.NAMES.items())
    subs = sections.SUBSECTIONS.get(sid1, ())
    snb = "".join(
        f'<li><a href="/main/list.naver?mode=LS2D&mid=shm&sid1={sid1}&sid2={sid2}" '
        f'class="snb_s1{n} nclicks(lmn.mnl,,{n})">{name} </a></li>\n'
        for n, (sid2, name) in enumerate(subs, 1)
    )
    name = sections.NAMES.get(sid1, "뉴스")
    return f"""<div id="header" class="header">
\t<div id="u_skip">
\t\t<a href="#lnb" tabindex="1"><span>메인 메뉴로 바로가기</span></a>
\t\t<a href="#main_content" tabindex="2"><span>본문으로 바로가기</span></a>
\t</div>
\t<div class="snb_area">
\t\t<div class="snb_inner">
<div class="gnb_area">
   <div class="gnb_wrap">
      <div id="gnb" class="gnb_dark_type2"></div>
   </div>
   <div class="gnb_search is_hidden _search_content">
   </div>
   <div id="gnb_search_tool" class="gnb_tool">
      <a href="javascript:;" class="tool_button _search_content_toggle_btn nclicks(gnb.sch)"><span class="icon_search">검색</span></a>
   </div>
</div>
<div id="snb_wrap">
    <h1>
        <a href="https://www.naver.com/" class="h_logo nclicks(gnb.naver)"><span class="blind">NAVER</span></a>
        <a href="/" class="h_news nclicks(gnb.news)"><span class="blind">뉴스</span></a>
    </h1>
    <ul class="snb_related_service">
        <li><span class="snb_bdr"></span><a href="https://entertain.naver.com/home" class="entertain nclicks(gnb.enter)">엔터</a></li>
        <li><span class="snb_bdr"></span><a href="https://sports.news.naver.com" class="sports nclicks(gnb.sports)">스포츠</a></li>
        <li><span class="snb_bdr"></span><a href="https://weather.naver.com" class="weather nclicks(gnb.weather)">날씨</a></li>
        <li><span class="snb_bdr"></span><a href="https://contents.premium.naver.com" class="premium nclicks(gnb.premium)">프리미엄</a></li>
    </ul>
</div>
\t\t</div>
\t</div>
\t<div class="lnb_area">
\t\t<div class="lnb_inner">
{GAP}
<div class="lnb_both">
\t<div class="lnb_left">
\t\t<div id="lnb" class="lnb_menu">
\t\t\t<ul>
\t\t\t\t<li><a href="/" class="nclicks(lnb.pcmedia)"><span class="tx">언론사별</span> </a></li>
{lnb}\t\t\t\t<li><a href="/main/ranking/popularDay.naver?mid=etc&sid1=111" class="nclicks(lnb.rankin)"><span class="tx">랭킹</span> </a></li>
\t\t\t\t<li><a href="/newspaper/home" class="nclicks(lnb.paper)"><span class="tx">신문보기</span> </a></li>
\t\t\t\t<li><a href="/main/tv/index.naver?mid=tvh" class="nclicks(lnb.tv)"><span class="tx">TV</span> </a></li>
\t\t\t\t<li><a href="/factcheck/main" class="nclicks(lnb.fact)"><span class="tx">팩트체크</span> </a></li>
\t\t\t\t<li><a href="https://media.naver.com/algorithm" class="nclicks(lnb.algo)"><span class="tx">알고리즘 안내</span> </a></li>
\t\t\t\t<li><a href="https://news.naver.com/ombudsman/revisionArticleList" class="nclicks(lnb.correct)"><span class="tx">정정보도 모음</span> </a></li>
\t\t\t</ul>
\t\t</div>
\t</div>
\t<div class="lnb_right">
\t\t<div class="lnb_menu_my">
\t\t\t<a href="https://media.naver.com/my/home" class="lnb_menu_my_link nclicks(lnb.mypage)">
\t\t\t\t<span class="lnb_menu_my_text">MY</span>
\t\t\t</a>
\t\t</div>
\t</div>
</div>
\t\t</div>
\t</div>
</div>
\t\t<hr>
\t\t<table cellpadding="0" cellspacing="0" class="container">
\t\t\t<caption class="blind">기사목록</caption>
\t\t\t<colgroup>
\t\t\t\t<col class="col_snb">
\t\t\t\t<col class="col_content">
\t\t\t\t<col class="col_aside">
\t\t\t</colgroup>
\t\t\t<tr>
\t\t\t\t<td class="snb">
\t\t\t\t\t<div id="snb" class="snb">
{GAP}
<h2 class="h2"><a href="/main/main.naver?mode=LSD&mid=shm&sid1={sid1}" class="nclicks(lmn.home)">{name}</a></h2>
<ul class="nav">
{snb}</ul>
<div class="snb_banner">
 <a href="https://media.naver.com/algorithm" class="nclicks(lmn.pmb,,1)"><img src="https://imgnews.pstatic.net/image/upload/item/2023/07/10/184436024_banner_left.png" width="71" height="74" alt="AI 뉴스 알고리즘" /></a>
</div>
<div class="snb_banner">
 <a href="https://contents.premium.naver.com/" class="nclicks(lmn.pmb,,2)"><img src="https://imgnews.pstatic.net/image/upload/item/2021/05/28/233112515_premium.png" width="71" height="74" alt="프리미엄콘텐츠" /></a>
</div>
{GAP}{GAP}
\t\t\t\t\t</div>
\t\t\t\t</td>
\t\t\t\t<td class="content">
\t\t\t\t\t<div id="main_content" class="content">
"""


def _lnb_item(sid: str, name: str, selected: bool) -> str:
    on = ' class="on"' if selected else ""
    mark = '<span class="blind">선택됨</span>' if selected else ""
    return (
        f'\t\t\t\t<li{on}><a href="/section/{sid}" class="nclicks(lnb.s{sid})">'
        f'<span class="tx">{name}</span> {mark}</a></li>\n'
    )


LIST_ONLOAD = """
<script type="text/javascript">
window.onload = function() {
\tvar selected_item = jindo.$('_');
\tif (selected_item != null) {
\t\tselected_item.className = "highlight";
\t\tnews.section.ScrollingManager.scroll('');
\t}
}
news.section.MainIssueCollectManager.init({
\tmediaOneDomain: 'https://n.news.naver.com'
});
news.util.CommentListCountManager.view();
</script>
\t\t\t\t\t</div>
\t\t\t\t</td>
\t\t\t\t<td class="aside">
\t\t\t\t\t<div class="aside">
"""


@cache
def list_ranking_script() -> str:
    """The script that flips through the press ranking lists."""
    return """<script type="text/javascript">
    var OfficeTopRankingManager = jindo.$Class({
        $static: {
            RANKING_INFO_BUTTON_SELECTOR: '._rankingInfoButton',
            RANKING_INFO_LAYER_SELECTOR : '._rankingInfoLayer',
            REFRESH_BUTTON_SELECTOR : '._refreshButton',
            RANKING_LIST_SELECTOR : '._rankingList'
        },
        $init: function(base) {
            this._welBase = jindo.$Element(base);
            this._rankingInfoLayer = jindo.$Element(this._welBase.query(this.constructor.RANKING_INFO_LAYER_SELECTOR));
            this._rankingListArray = jindo.$ElementList(this._welBase.queryAll(this.constructor.RANKING_LIST_SELECTOR));
            this._welBase.delegate('click', this.constructor.RANKING_INFO_BUTTON_SELECTOR, jindo.$Fn(this._toggleInfo, this).bind());
            this._welBase.delegate('click', this.constructor.REFRESH_BUTTON_SELECTOR, jindo.$Fn(this._next, this).bind());
        },
        _toggleInfo: function(event) {
            event.stopDefault();
            this._rankingInfoLayer.toggle();
        },
        _next: function(event) {
            event.stopDefault();
            for (var i = 0; i < this._rankingListArray.length(); i++) {
                var rankingList = this._rankingListArray.get(i);
                if (rankingList.visible() === true) {
                    var nextIndex = (i + 1) % this._rankingListArray.length();
                    rankingList.hide();
                    this._rankingListArray.get(nextIndex).show();
                    break;
                }
            }
        }
    });
    window.addEventListener("load", function() {
        var officeTopRanking = jindo.$$.getSingle("._officeTopRanking");
        if (officeTopRanking) {
            new OfficeTopRankingManager(officeTopRanking);
        }
    });
</script>
"""


@cache
def list_aside_tail() -> str:
    """Banners and the service box below the rankings of a date list."""
    return """                <div class="section">
 <div class="banner">
  <a href="https://media.naver.com/channel/settings" class="nclicks(rig.banner)"> <img src="https://imgnews.pstatic.net/image/upload/item/2018/11/27/174854048_PC_banner.png" width="300" alt="언론사 구독 설정" /> </a>
 </div>
</div>
                <div class="section">
 <div class="banner">
  <a href="https://media.naver.com/algorithm" class="nclicks(rig.banner)"> <img src="https://imgnews.pstatic.net/image/upload/item/2023/07/06/183901500_banner_AI.png" width="300" alt="알고리즘 안내" /> </a>
 </div>
</div>
                <div class="section">
 <h4> <a href="https://news.naver.com/main/ombudsman/index.naver" class="nclicks(rig.text)"> 서비스 안내 </a> </h4>
 <ul class="list_txt">
  <li> <a href="https://news.naver.com/main/ombudsman/errorArticleList.naver?mid=omb" class="nclicks(rig.text)"> 고침 기사 모음 </a> </li>
  <li> <a href="https://news.naver.com/main/ombudsman/revisionArticleList.naver?mid=omb" class="nclicks(rig.text)"> 정정&middot;반론&middot;추후 보도 기사 모음 </a> </li>
  <li> <a href="https://news.naver.com/main/ombudsman/unfairArticleList.naver?mid=omb" class="nclicks(rig.text)"> 불공정 선거 보도 기사 모음 </a> </li>
 </ul>
 <a href="https://news.naver.com/main/ombudsman/index.naver" class="more_link nclicks(rig.text)"><span class="blind">서비스 안내</span>더보기</a>
</div>
<script>
    window.gladsdk.cmd.push(function () {
        var adSlot = window.gladsdk.findAdSlot("glad_ad_sidebox");
        adSlot.setCustomParam("calp", 'shome');
        window.gladsdk.displayAd(adSlot);
    });
</script>
\t\t\t\t\t</div>
\t\t\t\t</td>
\t\t\t</tr>
\t\t</table>
\t</div>
\t<hr>
"""


@cache
def list_footer() -> str:
    """Footer and closing scripts of a date list."""
    return f"""{footer_links("mp_footer")}\t\t<script type="text/javascript" src="{STATIC}/js/news.nelosender.js" charset="utf-8"></script>
<script type="text/javascript">
\t(function () {{
\t\tNeloSender.init({{
\t\t\tneloCollectorUrl: "https://kr-col-ext.nelo.navercorp.com/_store",
\t\t\tprojectName: "news-front",
\t\t\thost: "real",
\t\t}});
\t}})();
</script>
<script type="text/javascript">
    (function () {{
        news.right.RightSideFloatingManager.init();
    }})();
    (function () {{
        window.ntm_news = window.ntm_news || [];
        jindo.$Fn(function () {{
            ntmInit('https://ntm.pstatic.net/scripts/ntm_news.js');
        }}).attach(window, "load");
    }})();
    news.startup();
    document.documentElement.setAttribute('data-useragent', navigator.userAgent);
</script>
</body>
</html>
"""


# --- n.news article pages (2023 and 2022 layouts) ------------------------------------


@cache
def nnews_head_assets() -> str:
    """Styles and icons of an n.news article head."""
    icons = "".join(
        f'\t\t\t<link rel="apple-touch-icon-precomposed" sizes="{s}x{s}" '
        f'href="https://ssl.pstatic.net/static.news/image/news/m/2018/favicon/06/android_{s}x{s}.png" />\n'
        for s in (57, 72, 96, 114, 144, 152, 180, 192)
    )
    return (
        f'\t\t\t<link rel="stylesheet" href="{NNEWS_STATIC}/css/min/20240523/news.css">\n'
        '\t\t\t<link rel="shortcut icon" type="image/x-icon" '
        'href="https://ssl.pstatic.net/static.news/image/news/m/2023/08/21/favicon.ico" />\n'
        + icons
        + '\t\t\t<script async src="https://ssl.pstatic.net/tveta/libs/glad/prod/gfp-core.js"></script>\n'
    )


@cache
def nnews_head_script_tail() -> str:
    """The ad-slot setup that follows `var article` in the head script."""
    units = ("p_news_newsend", "p_news_sidebox", "p_news_body", "p_news_bottom")
    pushes = "".join(
        f"""\t\t\t\tadInfoList.push({{
\t\t\t\t\tseq: {n},
\t\t\t\t\tunitId: "{unit}",
\t\t\t\t\tsync: false,
\t\t\t\t\tmobileOnly: false,
\t\t\t\t\tarticle: {str(n > 2).lower()},
\t\t\t\t\tdirectSalesPct: "0",
\t\t\t\t\tcalp: false,
\t\t\t\t\thasSid1: false
\t\t\t\t}});
"""
        for n, unit in enumerate(units, 1)
    )
    return f"""
\t\t\tvar searchQuery = (function() {{
\t\t\t\tvar referrerLink = document.createElement("a");
\t\t\t\treferrerLink.href = document.referrer || "";
\t\t\t\tif (referrerLink.host.indexOf("search.naver.com") === -1) {{
\t\t\t\t\treturn "";
\t\t\t\t}}
\t\t\t\treturn decodeURIComponent((referrerLink.search.match(/(?:\\?|&)query\\=([^&]+)/) || [null, ""])[1].replace(/\\+/g, " "));
\t\t\t}})();

\t\t\tvar divIds = [];
\t\t\tvar unitIds = [];
\t\t\twindow.gladsdk = window.gladsdk || {{ cmd: [] }};
\t\t\tgladsdk.cmd.push(function() {{
\t\t\t\tgladsdk.setAdDeduplication("article_body_dedup");
\t\t\t\tgladsdk.setGlobalConfig({{ enablePersistAd: true }});
\t\t\t\tvar adInfoList = [];
{pushes}
\t\t\t\tfor (var i = 0; i < adInfoList.length; i++) {{
\t\t\t\t\tvar adInfo = adInfoList[i];
\t\t\t\t\tvar divId = "nmap_c_" + article.officeId + "_" + article.articleId + "_" + article.sectionId + "_" + adInfo.seq;
\t\t\t\t\tvar customParam = {{
\t\t\t\t\t\tsid1: article.sectionId,
\t\t\t\t\t\toid: article.officeId,
\t\t\t\t\t\tgdid: article.gdid,
\t\t\t\t\t\tpk: searchQuery,
\t\t\t\t\t\tdirectSalesPct: adInfo.directSalesPct
\t\t\t\t\t}};
\t\t\t\t\tunitIds.push(adInfo.unitId);
\t\t\t\t\tdivIds.push(divId);
\t\t\t\t\tgladsdk.defineAdSlot({{ adUnitId: adInfo.unitId, adSlotElementId: divId, customParam: customParam }});
\t\t\t\t}}
\t\t\t}});
\t\t\twindow.__htExternalUrl = window.__htExternalUrl || {{}};
\t\t</script>
\t\t<script src="{NNEWS_STATIC}/js/min/20240523/common.min.js"></script>
\t</head>
"""


@cache
def nnews_header() -> str:
    """The top bar and section menu of an n.news article page."""
    tabs = "".join(
        f'\t\t\t\t\t<li class="Nlist_item _LNB_ITEM"><a href="https://news.naver.com/section/{sid}" '
        f'class="Nitem_link" data-clk="lnb.s{sid}"><span class="Nitem_link_menu">{name}</span></a></li>\n'
        for sid, name in sections.NAMES.items()
    )
    return f"""\t<body class="n_news_mnews fs2 as_mp_layout">
\t\t<div class="end_container">
\t\t<div class="u_skip"><a href="#ct">본문 바로가기</a></div>
\t\t<header role="banner" class="as_gnb_mnews">
\t<div class="header_inner">
\t\t<div class="Ngnb">
\t\t\t<div class="Ngnb_inner">
\t\t\t\t<div class="Ngnb_both">
\t\t\t\t\t<div class="Ngnb_left">
\t\t\t\t\t\t<span class="Ngnb_logo"><a href="https://m.naver.com/" class="Nlogo_link _LINK" data-clk="gnb.naver" data-url="https://m.naver.com/" data-pc-url="https://www.naver.com/"><span class="Nicon_logo">NAVER</span></a></span>
\t\t\t\t\t\t<div class="Ngnb_service"><a href="https://news.naver.com" class="Nservice_item" data-clk="gnb.news"><span class="Nicon_service">뉴스</span></a></div>
\t\t\t\t\t</div>
\t\t\t\t\t<div class="Ngnb_right">
\t\t\t\t\t\t<div class="Ngnb_search"><a href="https://m.search.naver.com/search.naver?where=m_news" class="Ngnb_search_link" data-clk="gnb.search"><span class="blind">검색</span></a></div>
\t\t\t\t\t\t<div id="gnb" class="Ngnb_tool"></div>
\t\t\t\t\t</div>
\t\t\t\t</div>
\t\t\t</div>
\t\t</div>
\t\t<div class="Nlnb _NLNB">
\t\t\t<div class="Nlnb_inner">
\t\t\t\t<ul class="Nlist" role="tablist">
\t\t\t\t\t<li class="Nlist_item _LNB_ITEM"><a href="https://news.naver.com" class="Nitem_link" data-clk="lnb.home"><span class="Nitem_link_menu">홈</span></a></li>
{tabs}\t\t\t\t\t<li class="Nlist_item _LNB_ITEM"><a href="https://news.naver.com/main/ranking/popularDay.naver?mid&#x3D;etc&amp;sid1&#x3D;111" class="Nitem_link" data-clk="lnb.rank"><span class="Nitem_link_menu">랭킹</span></a></li>
\t\t\t\t</ul>
{services_menu()}\t\t\t</div>
\t\t</div>
\t</div>
</header>
<script>
\tvar gnbOptions = {{
\t\tnewsType: true
\t}};
\tvar serviceName = "mnews";
\tvar envPhase = "production";
\tvar isProduction = true;
\tvar gnb_service = "news";
\tvar gnb_logout = encodeURIComponent(location.href);
\tvar gnb_template = "gnb_utf8";
\tvar gnb_brightness = 3;
\tvar gnb_item_hide_option = 128;
</script>
<div id="ct_wrap" class="ct_wrap">
\t<div class="ct_scroll_wrapper">
\t\t<div id="newsct" class="newsct_wrapper _GRID_TEMPLATE_COLUMN _STICKY_CONTENT" role="main"><div id="ct" class="newsct">
"""


REACTIONS = (
    ("useful", "쏠쏠정보"), ("wow", "흥미진진"), ("touched", "공감백배"),
    ("analytical", "분석탁월"), ("recommend", "후속강추"),
)  # fmt: skip


@cache
def nnews_tools() -> str:
    """Reaction, summary-bot, TTS, font and share widgets; ``%(oid)s``/``%(aid)s`` are filled in."""
    reactions = "".join(
        f"""\t\t\t\t\t\t\t<li class="u_likeit_list {kind}" role="menuitem">
\t\t\t\t\t\t\t\t<a class="u_likeit_list_button _button off" data-type="{kind}" data-log="RTL.{kind}|RTL.un{kind}" href="#" role="button" aria-selected="false" aria-pressed="false">
\t\t\t\t\t\t\t\t\t<span class="u_likeit_list_name _label">{label}</span>
\t\t\t\t\t\t\t\t\t<span class="u_likeit_list_count _count">0</span>
\t\t\t\t\t\t\t\t</a>
\t\t\t\t\t\t\t</li>
"""
        for kind, label in REACTIONS
    )
    fonts = "".join(
        f"""\t\t\t\t\t\t\t<li class="media_end_head_fontsize_option{n} _opt">
\t\t\t\t\t\t\t\t<a href="#" class="media_end_head_fontsize_option_text _FONT_LAYER_BUTTON" data-value="{n}" data-clk="fsz{n}">가<em class="blind">{n}단계</em></a>
\t\t\t\t\t\t\t\t<a href="#" class="media_end_head_fontsize_option_name _FONT_LAYER_BUTTON" data-value="{n}" data-clk="fsz{n}">{label}</a>
\t\t\t\t\t\t\t</li>
"""
        for n, label in enumerate(("작게", "보통", "크게", "아주크게", "최대크게"), 1)
    )
    shares = "".join(
        f'\t\t\t\t\t   data-{target}-url="https://n.news.naver.com/mnews/article/%(oid)s/%(aid)s?lfrom={target}"\n'
        for target in ("mail", "blog", "cafe", "memo", "calendar", "band", "line", "kakaotalk",
                       "facebook", "twitter", "friend")
    )  # fmt: skip
    return f"""\t\t<div class="media_end_head_info_variety">
\t\t\t<div class="media_end_head_info_variety_left" id="commentFontGroup">
\t\t\t\t<div class="media_end_head_info_variety_likeit _LIKE_HIDE as_likeit_improve">
\t\t\t\t\t<!-- 좋아요 -->
\t\t\t\t\t<div class="_reactionModule u_likeit nv_notrans" data-sid="NEWS" data-cid="ne_%(oid)s_%(aid)s">
\t\t\t\t\t\t<a class="u_likeit_button _face _LIKE_BUTTON" data-label="recommend" aria-haspopup="true" aria-pressed="false" data-clk="RTL.face">
\t\t\t\t\t\t\t<span class="u_likeit_icons _icons"><span class="u_likeit_icon __reaction__zeroface"></span></span>
\t\t\t\t\t\t\t<span class="u_likeit_text _count">추천</span>
\t\t\t\t\t\t</a>
\t\t\t\t\t\t<ul class="u_likeit_layer _faceLayer" role="menu">
{reactions}\t\t\t\t\t\t</ul>
\t\t\t\t\t</div>
\t\t\t\t\t<!-- 좋아요 -->
\t\t\t\t</div>
\t\t\t\t<div class="media_end_head_info_variety_cmtcount _COMMENT_HIDE">
\t\t\t\t\t<a href="/mnews/article/comment/%(oid)s/%(aid)s" class="media_end_head_cmtcount_button _COMMENT_COUNT_VIEW" id="comment_count" data-clk="rplt" data-zero-allow="false" data-max-limit="true">댓글</a>
\t\t\t\t</div>
\t\t\t</div>
\t\t\t<div class="media_end_head_info_variety_right">
\t\t\t\t<!-- 요약봇 -->
\t\t\t\t<div id="_SUMMARY_BUTTON" class="media_end_head_autosummary _auto_summary_wrapper _SUMMARY _LIKE_HIDE" data-officeId="%(oid)s" data-articleId="%(aid)s">
\t\t\t\t\t<a href="javascript:;" class="media_end_head_autosummary_button _toggle_btn _SUMMARY_BTN" data-clk="sum"><span class="blind">본문 요약봇</span></a>
\t\t\t\t\t<div class="media_end_head_autosummary_layer _auto_summary_contents _SUMMARY_LAYER" style="display: none;">
\t\t\t\t\t\t<div class="media_end_head_autosummary_layer_head">
\t\t\t\t\t\t\t<strong class="media_end_head_autosummary_layer_head_tit">본문 요약봇<a href="https://help.naver.com/alias/news/news_022.naver" class="media_end_head_autosummary_help" data-clk="help">도움말</a></strong>
\t\t\t\t\t\t\t<span class="media_end_head_autosummary_layer_head_txt">자동 추출 기술로 요약된 내용입니다. 요약 기술의 특성상 본문의 주요 내용이 제외될 수 있어, 전체 맥락을 이해하기 위해서는 기사 본문 전체보기를 권장합니다.</span>
\t\t\t\t\t\t\t<a href="javascript:;" class="media_end_head_autosummary_layer_close _close_button _SUMMARY_CLOSE_BTN" data-clk="close"><span class="blind">닫기</span></a>
\t\t\t\t\t\t</div>
\t\t\t\t\t\t<div class="media_end_head_autosummary_layer_body"><div class="_contents_body _SUMMARY_CONTENT_BODY"></div></div>
\t\t\t\t\t</div>
\t\t\t\t</div>
\t\t\t\t<!-- TTS -->
\t\t\t\t<div id="tts_player_div_wrap" class="media_end_head_tts nv_notrans">
\t\t\t\t\t<button type="button" class="media_end_head_tts_run _TTS_SETTING_BTN" title="텍스트 음성 변환 서비스" data-clk="wtts"><span class="blind">텍스트 음성 변환 서비스 사용하기</span></button>
\t\t\t\t\t<div class="media_end_head_tts_setlayer nv_notrans _TTS_SETTING_LAYER">
\t\t\t\t\t\t<div class="media_end_head_tts_setlayer_select">
\t\t\t\t\t\t\t<div class="media_end_head_tts_setlayer_select_bunch" id="ttsSelectGender">
\t\t\t\t\t\t\t\t<em class="media_end_head_tts_option_tit">성별</em>
\t\t\t\t\t\t\t\t<button type="button" class="media_end_head_tts_option" value="m" data-clk="ttsma">남성</button>
\t\t\t\t\t\t\t\t<button type="button" class="media_end_head_tts_option" value="f" data-clk="ttsfe">여성</button>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t<div class="media_end_head_tts_setlayer_select_bunch" id="ttsSelectSpeed">
\t\t\t\t\t\t\t\t<em class="media_end_head_tts_option_tit">말하기 속도</em>
\t\t\t\t\t\t\t\t<button type="button" class="media_end_head_tts_option" value="3" data-clk="ttssp">느림</button>
\t\t\t\t\t\t\t\t<button type="button" class="media_end_head_tts_option" value="2" data-clk="ttssp">보통</button>
\t\t\t\t\t\t\t\t<button type="button" class="media_end_head_tts_option" value="0" data-clk="ttssp">빠름</button>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t<p class="media_end_head_tts_desc">이동 통신망을 이용하여 음성을 재생하면 별도의 데이터 통화료가 부과될 수 있습니다.</p>
\t\t\t\t\t\t\t<button type="button" class="media_end_head_tts_apply _TTS_LISTEN_BTN" data-clk="ttsstart">본문듣기 시작</button>
\t\t\t\t\t\t</div>
\t\t\t\t\t\t<button type="button" class="media_end_head_tts_setlayer_close _TTS_SETTING_LAYER_CLOSE_BTN" data-clk="ttsclose"><span class="blind">닫기</span></button>
\t\t\t\t\t</div>
\t\t\t\t</div>
\t\t\t\t<div id="tts_player_div"></div>
\t\t\t\t<!-- 폰트 사이즈 -->
\t\t\t\t<div class="media_end_head_fontsize _font_size_config_wrapper _FONT_WRAP">
\t\t\t\t\t<a href="#" class="media_end_head_fontsize_set _font_size_config_toggle_btn _FONT_BUTTON" data-clk="fsz"><span class="blind">글자 크기 변경하기</span></a>
\t\t\t\t\t<div class="media_end_head_fontsize_setlayer _FONT_LAYER">
\t\t\t\t\t\t<ul class="media_end_head_fontsize_setlayer_select">
{fonts}\t\t\t\t\t\t</ul>
\t\t\t\t\t</div>
\t\t\t\t</div>
\t\t\t\t<div class="media_end_head_share nv_notrans">
\t\t\t\t\t<a href="#" id="spiButton" class="u_btn_sns_share naver-splugin spi_sns_share nv_notrans _SHARE_BUTTON" onclick="return false" data-clk="ushr"
\t\t\t\t\t   data-style="type_a"
\t\t\t\t\t   data-url="https://n.news.naver.com/mnews/article/%(oid)s/%(aid)s" data-canonical-url="https://news.naver.com/main/read.naver?mode=LSD&mid=sec&oid=%(oid)s&aid=%(aid)s&sid1=001"
\t\t\t\t\t   data-likeServiceId="NEWS"
\t\t\t\t\t   data-likeContentsId="ne_%(oid)s_%(aid)s"
{shares}\t\t\t\t\t   data-kakaostory-display="off">
\t\t\t\t\t\t<span class="naver-splugin-c send_caption"><span class="u_hc">SNS 보내기</span></span>
\t\t\t\t\t</a>
\t\t\t\t</div>
\t\t\t\t<div class="media_end_head_print">
\t\t\t\t\t<a href="#" class="media_end_print_link _PRINT_BUTTON" data-print-url="/mnews/article/print/%(oid)s/%(aid)s" data-clk="print"><span class="blind">인쇄하기</span></a>
\t\t\t\t</div>
\t\t\t</div>
\t\t</div>
\t</div>
</div>
"""


@cache
def nnews_after_body() -> str:
    """Channel banner and the mustache templates that follow the article body."""
    return f"""\t<div id="channelBannerRecommendList"></div>
\t<script type="x-tmpl-mustache" class="_CHANNEL_BANNER_RECOMMEND_LIST">
\t<div class="office_preference _CHANNEL_BANNER_RECOMMEND_LIST_WRAP">
\t<div class="ofpr_recommend">
\t\t<div class="ofpr_recommend_inner">
\t\t\t<div class="ofpr_more_link">
\t\t\t\t<h4 class="ofpr_tit">관심있는 언론사를 추가 구독해 보세요!</h4>
\t\t\t</div>
\t\t\t<ul class="ofpr_channel">
\t\t\t\t{{{{#recommendList}}}}
\t\t\t\t<li class="ofpr_item">
\t\t\t\t\t<a href="#" class="ofpr_a _ALL_OFFICES_ITEM" data-officeId="{{{{officeId}}}}" data-officename="{{{{name}}}}" data-logo="{{{{logo}}}}" role="checkbox" aria-checked="false" data-clk-add="chwith" data-clk-remove="chwithno">
\t\t\t\t\t\t<span class="ofpr_thumb"><img src="{{{{logo}}}}" width="96" height="32" alt="{{{{name}}}}"></span>
\t\t\t\t\t</a>
\t\t\t\t</li>
\t\t\t\t{{{{/recommendList}}}}
\t\t\t</ul>
\t\t</div>
\t</div>
\t</div>
\t</script>
\t<div class="media_end_linked">
\t\t<div id="_COMMENT_WRAP" class="media_end_comment _COMMENT_WRAP"></div>
\t\t<div class="u_cbox_wrap _COMMENT_MODULE" style="display:none"></div>
\t</div>
{press_grid("ofpr.sub")}"""


@cache
def nnews_footer() -> str:
    """Footer and closing scripts of an n.news article page."""
    return f"""\t\t</div>
\t</div>
</div>
<footer class="Nfooter">
{footer_links("Nfooter")}</footer>
\t\t</div>
{js_managers("news")}\t\t<script type="text/javascript">
\t\t\tvar ntmOption = {{}};
\t\t\tntmOption["channelId"] = article.officeId;
\t\t\tntmOption["contentsId"] = article.articleId;
\t\t\twindow.ntm_news = window.ntm_news || [];
\t\t\tntmInit("https://ntm.pstatic.net/scripts/ntm_news.js", ntmOption);
\t\t</script>
\t</body>
</html>
"""


# --- old news.naver.com/main/read.naver pages ----------------------------------------


@cache
def old_head_assets() -> str:
    """Styles, scripts and page settings of an old desktop article head."""
    return f"""{GAP}
<link rel="shortcut icon" type="image/x-icon" href="https://ssl.pstatic.net/static.news/image/news/2014/favicon/favicon.ico" />
{GAP}
\t\t<link rel="stylesheet" type="text/css" href="{STATIC}/css/common.css"/>
\t\t<link rel="stylesheet" type="text/css" href="{STATIC}/css/news.css"/>
{GAP}{GAP}
<script type="text/javascript" src="{STATIC}/js/news.jindo.js" charset="euc-kr"></script>
{GAP}
<script type="text/javascript" src="{STATIC}/js/news.jquery.js" charset="utf-8"></script>
{WIDE_GAP * 2}
<script type="text/javascript">
var ccsrv='cc.naver.com';
var g_ssc='news.read';
window.nsc = g_ssc;
var gnb_service='news';
var gnb_logout=encodeURIComponent(location.href);
var gnb_template='gnb_utf8';
var gnb_brightness=3;
var gnb_searchbox='on';
var gnb_item_hide_option=128;
</script>
<script type="text/javascript" src="{STATIC}/js/news.service.js" charset="euc-kr"></script>
{GAP}
<script type="text/javascript" src="{STATIC}/js/nil.news.js" charset="utf-8"></script>
{glad_script(("p_news_read", "p_news_sidebox", "p_news_body"))}
</head>
<body >
\t<div id="wrap">
"""


@cache
def old_header() -> str:
    """The header of an old article page up to the article box."""
    return list_header("").replace("기사목록", "기사본문")


@cache
def old_after_body() -> str:
    """Comment box, categorization guide and scripts that follow an old article."""
    options = ", ".join(f'"{k}":"{v}"' for k, v in (
        ("sLanguage", "ko"), ("sSort", "favorite"), ("sDomain", "https://ssl.pstatic.net/static.cbox"),
        ("sTemplateId", "default_society"), ("sCharset", "utf-8"), ("sPool", "cbox5"),
    ))  # fmt: skip
    return f"""\t<!-- [D] .guide_categorization_title 내 링크가 클릭되면 .guide_categorization_ct display:block; 해주세요 -->
\t<div class="guide_categorization">
\t\t<a href="#" class="guide_categorization_title nclicks(are.sectguide)">기사 섹션 분류 가이드</a>
\t\t<div class="guide_categorization_ct">
\t\t\t<em class="guide_categorization_ct_title">기사 섹션 분류 안내</em>
\t\t\t<p class="guide_categorization_ct_text">기사의 섹션 정보는 해당 언론사의 분류를 따르고 있습니다. 언론사는 개별 기사를 2개 이상 섹션으로 중복 분류할 수 있습니다.</p>
\t\t\t<a href="#" class="guide_categorization_ct_close">닫기</a>
\t\t</div>
\t</div>
</div>
<div id="cbox_module" class="_COMMENT_MODULE"></div>
<script type="text/javascript">
\tvar commentOptions = JSON.parse(JSON.stringify({{{options}}}));
\tjindo.$Fn(function () {{
\t\tvar s = document.createElement("script");
\t\ts.type = "text/javascript";
\t\ts.charset = "utf-8";
\t\ts.async = false;
\t\ts.src = "https://ssl.pstatic.net/static.cbox/js/cbox.core.js";
\t\tdocument.body.appendChild(s);
\t}}).attach(window, "load");
</script>
{js_managers("news.end")}"""


@cache
def old_footer() -> str:
    """Footer of an old article page."""
    return list_aside_tail() + press_grid("are.sub") + click_config("read", 300) + list_footer()


# --- sports.news.naver.com and entertain.naver.com ------------------------------------


@cache
def sports_head_assets() -> str:
    """Styles and scripts of a sports article head."""
    base = "https://ssl.pstatic.net/static.sports/resources/pc/2024/05/17/101010"
    icons = "".join(
        f'\t<link rel="apple-touch-icon" sizes="{s}x{s}" '
        f'href="https://imgsports.pstatic.net/images/mobile/favicon_20180622/ios/iOS_{s}X{s}.png">\n'
        for s in (57, 76, 120, 152, 167, 180)
    )
    return f"""\t<link rel="shortcut icon" href="/favicon.ico?v=20140331" otype="image/x-icon">
{icons}\t<content tag="css">
\t\t<link rel='stylesheet' type='text/css' href='{base}/css/generated/nsportsCss.css'>
\t\t<link rel='stylesheet' type='text/css' href='{base}/css/generated/newsEndOg.css'>
\t</content>
\t<script type='text/javascript' src='{base}/js/generated/newsCommon.js' charset='UTF-8'></script>
<script>
\ttry {{
\t\tvar deployPhase = 'release';
\t\tJEagleEyeClient.attachOnError();
\t}} catch (e) {{
\t\tconsole.log(e);
\t}}
</script>
"""


@cache
def sports_header() -> str:
    """Top bar and sport menu of a sports article page."""
    sports = (
        ("kbaseball", "야구"), ("wbaseball", "해외야구"), ("kfootball", "축구"),
        ("wfootball", "해외축구"), ("basketball", "농구"), ("volleyball", "배구"),
        ("golf", "골프"), ("general", "일반"), ("esports", "e스포츠"),
    )  # fmt: skip
    menu = "".join(
        f'\t\t\t\t<li class="menu_item"><a href="/{code}/index" class="link_menu" '
        f"onclick=\"clickcr(this, 'lnb.{code}', '', '', event);\">{name}</a></li>\n"
        for code, name in sports
    )
    return f"""<body>
<div id="wrap" class="end_page">
\t<div id="header" class="header">
\t\t<div class="header_inner">
\t\t\t<h1 class="logo"><a href="https://www.naver.com" class="link_naver">NAVER</a><a href="/" class="link_sports">스포츠</a></h1>
\t\t\t<ul class="menu">
{menu}\t\t\t</ul>
\t\t</div>
\t\t<script type="text/javascript" charset="utf-8" src="https://ssl.pstatic.net/static.gn/templates/gnb_utf8.nhn?20240517"></script>
\t</div>
\t<div id="container">
\t\t<div class="content">
\t\t\t<div class="content_area">
"""


@cache
def sports_tools() -> str:
    """The reaction and font widgets above a sports article body."""
    kinds = (("like", "좋아요"), ("sad", "슬퍼요"), ("angry", "화나요"), ("fan", "팬이에요"),
             ("want", "후속기사 원해요"))  # fmt: skip
    items = "".join(
        f"""\t\t\t\t\t\t\t\t\t<li class="u_likeit_list {kind}" role="menuitem">
\t\t\t\t\t\t\t\t\t\t<a class="u_likeit_list_button _button" data-type="{kind}" href="#" role="button" aria-selected="false">
\t\t\t\t\t\t\t\t\t\t\t<span class="u_likeit_list_name _label">{label}</span>
\t\t\t\t\t\t\t\t\t\t\t<span class="u_likeit_list_count _count">0</span>
\t\t\t\t\t\t\t\t\t\t</a>
\t\t\t\t\t\t\t\t\t</li>
"""
        for kind, label in kinds
    )
    return f"""\t\t\t\t\t<div class="news_work">
\t\t\t\t\t\t<div class="count">
\t\t\t\t\t\t\t<div class="_reactionModule u_likeit" data-sid="SPORTS" data-did="SPORTS" style="visibility: hidden;">
\t\t\t\t\t\t\t\t<ul class="u_likeit_layer _faceLayer" role="menu" style="display:none;">
{items}\t\t\t\t\t\t\t\t</ul>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t</div>
\t\t\t\t\t\t<div class="setting">
\t\t\t\t\t\t\t<a href="#" class="article_font" id="fontSelectBox">글꼴</a>
\t\t\t\t\t\t\t<a href="javascript:scaleFont(1)" class="article_zoom_in"><span class="blind">본문 텍스트 한단계 확대</span></a>
\t\t\t\t\t\t\t<a href="javascript:scaleFont(-1)" class="article_zoom_out"><span class="blind">본문 텍스트 한단계 축소</span></a>
\t\t\t\t\t\t</div>
\t\t\t\t\t</div>
"""


@cache
def sports_footer() -> str:
    """Footer and closing scripts of a sports page."""
    return f"""\t</div>
\t<div id="footer">
{footer_links("footer_sports")}\t</div>
</div>
{press_grid("spo.sub")}{click_config("sports", 460)}{js_managers("sports.end")}</body>
</html>
"""


@cache
def entertain_head_assets() -> str:
    """Styles and scripts of an entertainment article head."""
    base = "https://ssl.pstatic.net/static.entertain/pc/20240517"
    return f"""\t<link rel="stylesheet" type="text/css" href="{base}/css/entertain.css">
\t<link rel="shortcut icon" href="https://ssl.pstatic.net/static.entertain/favicon.ico" type="image/x-icon">
\t<script type="text/javascript" src="{base}/js/lib/jquery-3.6.0.min.js"></script>
\t<script type="text/javascript" src="{base}/js/entertain.end.js"></script>
{glad_script(("p_ent_end", "p_ent_side"))}"""


@cache
def entertain_header() -> str:
    """Top bar and menu of an entertainment page."""
    menu = "".join(
        f'\t\t\t<li><a href="/{path}" class="nclicks(lnb.{path})">{name}</a></li>\n'
        for path, name in (("home", "홈"), ("now", "연예 뉴스"), ("photo", "포토"),
                           ("tvBroad", "TV"), ("movie", "영화"), ("ranking", "랭킹"))
    )  # fmt: skip
    return f"""<body>
<div id="wrap">
\t<div id="header">
\t\t<h1><a href="https://www.naver.com" class="logo_naver">NAVER</a><a href="/home" class="logo_entertain">엔터</a></h1>
\t\t<ul class="lnb">
{menu}\t\t</ul>
\t</div>
\t<div id="container">
\t\t<div id="content" class="end_ct">
"""


@cache
def entertain_footer() -> str:
    """Footer and closing scripts of an entertainment page."""
    return f"""\t</div>
\t<div id="footer">
{footer_links("ent_footer")}\t</div>
</div>
{press_grid("ent.sub")}{click_config("ent", 560)}{js_managers("entertain.end")}</body>
</html>
"""
