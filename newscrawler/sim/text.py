"""Synthetic Korean news text: names, titles, sentences and captions from word lists.

Everything is drawn from a caller's ``random.Random`` so the output is deterministic.
The generated paragraphs never contain the markers the body noise uses (``@``, ``ⓒ``,
"무단", "저작권", "(클릭!)", "▶"), so an extractor can tell noise from content.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

SURNAMES: tuple[tuple[str, str], ...] = (
    ("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi"), ("정", "jung"),
    ("강", "kang"), ("조", "cho"), ("윤", "yoon"), ("장", "jang"), ("임", "lim"),
    ("한", "han"), ("오", "oh"), ("서", "seo"), ("신", "shin"), ("권", "kwon"),
    ("황", "hwang"), ("안", "ahn"), ("송", "song"), ("류", "ryu"), ("홍", "hong"),
)  # fmt: skip
GIVEN: tuple[tuple[str, str], ...] = (
    ("민", "min"), ("서", "seo"), ("준", "jun"), ("지", "ji"), ("현", "hyun"),
    ("우", "woo"), ("영", "young"), ("수", "su"), ("진", "jin"), ("호", "ho"),
    ("은", "eun"), ("혜", "hye"), ("성", "sung"), ("동", "dong"), ("경", "kyung"),
    ("태", "tae"), ("재", "jae"), ("윤", "yun"), ("하", "ha"), ("승", "seung"),
    ("연", "yeon"), ("주", "ju"), ("희", "hee"), ("상", "sang"), ("원", "won"),
)  # fmt: skip

COMMON: dict[str, tuple[str, ...]] = {
    "place": (
        "서울",
        "부산",
        "인천",
        "대구",
        "대전",
        "광주",
        "울산",
        "세종",
        "수원",
        "창원",
        "청주",
        "전주",
        "춘천",
        "제주",
        "포항",
        "여의도",
        "광화문",
        "용산구",
        "성남시",
        "천안",
    ),
    "period": (
        "올해 하반기",
        "내년 상반기",
        "연말까지",
        "다음 달",
        "향후 5년간",
        "당분간",
        "이번 분기",
        "오는 2030년까지",
        "내년 초",
        "상반기 중",
    ),
    "role": (
        "장관",
        "차관",
        "대변인",
        "위원장",
        "원장",
        "대표",
        "청장",
        "시장",
        "교수",
        "연구위원",
        "본부장",
        "국장",
        "실장",
        "센터장",
    ),
    "concern": ("우려", "불확실성", "혼선", "부담", "갈등", "불안감", "오해", "공백"),
    "trend": ("확대될", "둔화될", "개선될", "악화될", "회복될", "이어질", "완화될", "심화될"),
    "opinion": ("신중한", "긍정적인", "비판적인", "엇갈린", "우려 섞인", "조심스러운"),
    "updown": ("증가", "감소", "상승", "하락"),
    "headverb": (
        "본격 추진",
        "속도 낸다",
        "논의 착수",
        "재점검",
        "확대 검토",
        "제동",
        "발표",
        "급물살",
        "첫발",
        "가시화",
    ),
    "titlenoun": ("논란", "공방", "우려 확산", "기대감", "후폭풍", "갈림길", "숨 고르기", "파장"),
    "shortquote": (
        "지금이 골든타임",
        "더는 미룰 수 없다",
        "원칙대로 대응",
        "현장 목소리 듣겠다",
        "책임 있게 답하라",
        "속도보다 방향",
        "시간이 많지 않다",
    ),
    "tag": ("단독", "종합", "속보", "현장", "이슈분석", "르포", "포토"),
    "quote": (
        "상황을 면밀히 지켜보고 있다",
        "국민의 눈높이에 맞는 대책을 마련하겠다",
        "현장의 목소리를 적극 반영하겠다",
        "단기간에 해결하기 어려운 과제다",
        "관계 기관과 긴밀히 협력하겠다",
        "필요하면 추가 조치도 검토하겠다",
        "구체적인 일정은 아직 정해지지 않았다",
        "예상보다 상황이 빠르게 바뀌고 있다",
        "이번 결정이 전환점이 될 것으로 본다",
        "원칙과 절차에 따라 처리하겠다",
        "재발 방지를 위해 제도를 보완하겠다",
        "충분한 의견 수렴을 거치겠다",
    ),
}

SECTION_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "100": {
        "org": (
            "정부",
            "국회",
            "대통령실",
            "여당",
            "야당",
            "국무조정실",
            "외교부",
            "국방부",
            "통일부",
            "행정안전부",
            "중앙선거관리위원회",
            "국회 운영위원회",
        ),
        "topic": (
            "예산안 처리",
            "선거구 획정",
            "개헌 논의",
            "대북 정책",
            "국정감사 일정",
            "공직자 윤리 강화",
            "지방분권 확대",
            "외교 현안",
            "방위비 분담",
            "특별법 개정",
            "인사청문회",
            "정책 협의",
        ),
        "event": ("정책 간담회", "당정협의회", "최고위원회의", "국무회의", "기자회견", "토론회"),
    },
    "101": {
        "org": (
            "기획재정부",
            "한국은행",
            "금융위원회",
            "공정거래위원회",
            "산업통상자원부",
            "한국거래소",
            "중소벤처기업부",
            "국토교통부",
            "시중은행",
            "주요 증권사",
        ),
        "topic": (
            "기준금리",
            "가계부채 관리",
            "수출 실적",
            "반도체 업황",
            "소비자물가",
            "부동산 시장",
            "청년 일자리",
            "원·달러 환율",
            "공급망 안정",
            "중소기업 금융 지원",
            "주택 공급 대책",
            "전기요금 조정",
        ),
        "event": (
            "경제정책방향 발표회",
            "금융통화위원회",
            "업계 간담회",
            "투자 설명회",
            "수출입 동향 브리핑",
        ),
    },
    "102": {
        "org": (
            "경찰청",
            "대검찰청",
            "서울중앙지법",
            "소방청",
            "교육부",
            "보건복지부",
            "고용노동부",
            "서울시",
            "환경부",
            "국가인권위원회",
        ),
        "topic": (
            "전세사기 피해",
            "학교폭력 대응",
            "폭염 대비",
            "산업재해 예방",
            "보행자 안전",
            "의료 인력 수급",
            "저출생 대책",
            "노인 돌봄",
            "교통 혼잡",
            "미세먼지 저감",
            "디지털 성범죄 대응",
            "청소년 정신건강",
        ),
        "event": ("합동 점검", "현장 브리핑", "공청회", "설명회", "안전 점검 회의"),
    },
    "103": {
        "org": (
            "문화체육관광부",
            "국립중앙박물관",
            "기상청",
            "질병관리청",
            "한국관광공사",
            "국립극장",
            "식품의약품안전처",
            "지역 문화재단",
        ),
        "topic": (
            "여름 휴가철 여행 수요",
            "전통 공예 전시",
            "독감 예방접종",
            "장마철 건강 관리",
            "지역 축제",
            "독서 문화 확산",
            "반려동물 양육",
            "공연 예술 지원",
            "식품 안전",
            "1인 가구 생활",
        ),
        "event": ("특별전", "기획 공연", "문화 축제", "건강 강좌", "북 콘서트"),
    },
    "104": {
        "org": (
            "미국 국무부",
            "중국 외교부",
            "일본 정부",
            "유럽연합(EU)",
            "유엔 안전보장이사회",
            "세계보건기구(WHO)",
            "국제통화기금(IMF)",
            "주요 7개국(G7)",
        ),
        "topic": (
            "관세 협상",
            "휴전 협상",
            "기후변화 대응",
            "에너지 가격",
            "공급망 재편",
            "난민 지원",
            "중동 정세",
            "무역 분쟁",
            "핵 비확산",
            "식량 위기",
        ),
        "event": ("정상회의", "외교장관 회담", "긴급 회의", "국제 포럼", "공동 기자회견"),
    },
    "105": {
        "org": (
            "과학기술정보통신부",
            "한국전자통신연구원(ETRI)",
            "우주항공청",
            "한국과학기술원(KAIST)",
            "국내 통신 3사",
            "주요 플랫폼 기업",
            "한국인터넷진흥원",
            "반도체 업계",
        ),
        "topic": (
            "인공지능(AI) 반도체",
            "6G 통신",
            "양자 컴퓨팅",
            "위성 발사",
            "개인정보 보호",
            "생성형 AI 서비스",
            "사이버 보안",
            "데이터센터 전력",
            "디지털 플랫폼 규제",
            "자율주행 기술",
        ),
        "event": (
            "기술 시연회",
            "개발자 콘퍼런스",
            "연구 성과 발표회",
            "산학 협력 포럼",
            "신제품 공개 행사",
        ),
    },
    "110": {
        "org": ("정부", "국회", "지방자치단체", "정치권", "산업계", "교육 당국"),
        "topic": (
            "저출생 문제",
            "지역 소멸",
            "연금 개혁",
            "노동 개혁",
            "의료 개혁",
            "기후 위기",
            "청년 주거",
            "교권 보호",
        ),
        "event": ("공론화 위원회", "토론회", "사회적 대화"),
        "tag": ("사설", "칼럼", "기고", "시론", "데스크칼럼", "특별기고"),
    },
    "sports": {
        "org": (
            "대표팀",
            "프로축구 구단",
            "프로야구 구단",
            "대한체육회",
            "한국배구연맹",
            "프로농구 구단",
        ),
        "topic": (
            "시즌 개막전",
            "이적 시장",
            "부상 회복",
            "플레이오프 경쟁",
            "국가대표 선발",
            "전지훈련",
            "신인 드래프트",
            "감독 선임",
        ),
        "event": ("홈 경기", "원정 경기", "미디어데이", "공개 훈련", "결승전"),
        "role": ("감독", "코치", "주장", "단장", "선수"),
        "quote": (
            "팬들에게 좋은 경기를 보여드리겠다",
            "매 경기 결승이라는 생각으로 뛰겠다",
            "부상 없이 시즌을 마치는 게 목표다",
            "선수들이 끝까지 잘 버텨줬다",
        ),
    },
    "entertain": {
        "org": ("방송사", "연예 기획사", "영화 배급사", "제작사", "음원 플랫폼", "OTT 업계"),
        "topic": (
            "새 드라마 편성",
            "신곡 발매",
            "영화 개봉",
            "월드 투어",
            "예능 프로그램",
            "팬미팅",
            "시상식",
            "음원 차트",
        ),
        "event": ("제작발표회", "쇼케이스", "시사회", "팬미팅", "기자간담회"),
        "role": ("배우", "가수", "감독", "프로듀서", "작가"),
        "quote": (
            "많은 관심과 사랑 부탁드린다",
            "오랜 시간 준비한 만큼 기대해 달라",
            "팬들 덕분에 여기까지 올 수 있었다",
            "새로운 모습을 보여드리고 싶었다",
        ),
    },
}

SENTENCES: tuple[str, ...] = (
    "{org|은} {day} {place}에서 {event|을} 열고 {topic}에 대한 후속 대책을 논의했다.",
    '{org} 관계자는 "{quote}"고 말했다.',
    '{person} {role|은} 이날 "{quote}"며 "{quote}"고 강조했다.',
    "이번 조치는 {topic|을} 둘러싼 {concern|을} 해소하기 위한 것으로 풀이된다.",
    "업계에서는 {topic|이} {period} {trend} 것으로 내다보고 있다.",
    "지난해 같은 기간과 비교하면 {pct}% {updown}한 수치다.",
    "전문가들은 {topic}에 대해 {opinion} 입장을 보이고 있다.",
    "{org|은} {period} {topic} 관련 예산 {money}원을 투입할 계획이다.",
    "이에 따라 {place} 지역의 {topic} 현황도 다시 점검될 전망이다.",
    "{org|은} 앞서 {topic}에 관한 실태 조사를 실시한 바 있다.",
    "조사 결과 응답자의 {pct}%가 {topic}에 대해 {opinion} 반응을 보인 것으로 나타났다.",
    "한편 {org|은} {day} 오후 {event|을} 추가로 진행할 예정이다.",
    "{topic} 문제는 최근 몇 년 사이 꾸준히 제기돼 왔다.",
    '{person} {role|은} "{quote}"고 덧붙였다.',
    "현장에서는 {topic|이} 실제로 체감되기까지 시간이 걸릴 것이라는 지적도 나온다.",
    "{org|와} 관계 기관은 이번 주 중 회의를 열어 세부 방안을 확정할 방침이다.",
    "{place}에서는 {topic|을} 두고 찬반 의견이 팽팽하게 맞서고 있다.",
    "관련 통계에 따르면 {topic} 관련 신고 건수는 {count}건으로 집계됐다.",
    "{org|은} {topic|을} 위해 {count}명 규모의 전담 조직을 꾸렸다.",
    '이와 관련해 {org|은} 별도의 설명 자료를 내고 "{quote}"고 밝혔다.',
    "{topic|은} {period} 가장 큰 현안 가운데 하나로 꼽힌다.",
    "다만 일각에서는 {topic} 논의를 지나치게 서두르고 있다는 비판도 제기된다.",
)

TITLES: tuple[str, ...] = (
    "{org}, {topic} {headverb}",
    '{topic} {titlenoun}…{org} "{shortquote}"',
    "[{tag}] {place} {topic} {headverb}",
    '"{shortquote}"…{topic} {titlenoun}',
    "{place}서 {event} 개최…{topic} 논의",
    "{topic} {pct}% {updown}…{period} 전망은",
    "{org|이} 꺼낸 {topic} 카드…{titlenoun}",
    '{org} "{topic}, {shortquote}"',
)

CAPTIONS: tuple[str, ...] = (
    "{place}에서 열린 {event}에서 참석자들이 발언을 듣고 있다.",
    "{person} {role|이} {day} {place}에서 열린 {event}에서 발언하고 있다.",
    "{topic} 관련 현장 모습.",
    "{day} {place} 일대의 모습.",
)

_SLOT = re.compile(r"\{(\w+)(?:\|(\w))?\}")
# Pairs of particles: the first follows a final consonant, the second a vowel.
_JOSA = {"은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "와": ("과", "와")}
_DIGIT_BATCHIM = {"0": True, "1": True, "3": True, "6": True, "7": True, "8": True}

Template = tuple[tuple[str, str, str], ...]


def _compile(template: str) -> Template:
    parts: list[tuple[str, str, str]] = []
    pos = 0
    for match in _SLOT.finditer(template):
        parts.append((template[pos : match.start()], match.group(1), match.group(2) or ""))
        pos = match.end()
    parts.append((template[pos:], "", ""))
    return tuple(parts)


_SENTENCES = tuple(_compile(t) for t in SENTENCES)
_TITLES = tuple(_compile(t) for t in TITLES)
_CAPTIONS = tuple(_compile(t) for t in CAPTIONS)


def has_batchim(word: str) -> bool:
    """Whether ``word`` ends in a final consonant (decides 은/는, 이/가, 을/를)."""
    word = word.rstrip()
    if word.endswith(")") and "(" in word:
        word = word[: word.rindex("(")].rstrip()
    last = word[-1:] or "가"
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    if last.isdigit():
        return _DIGIT_BATCHIM.get(last, False)
    return last.upper() in "LMNR"


def josa(word: str, particle: str) -> str:
    """``word`` followed by the right form of ``particle`` ("은", "이", "을" or "와")."""
    with_batchim, without = _JOSA[particle]
    return word + (with_batchim if has_batchim(word) else without)


class Writer:
    """Fills templates for one section with words drawn from ``rng``."""

    def __init__(self, rng: random.Random, section: str, day: int) -> None:
        self.rng = rng
        self.words = {**COMMON, **SECTION_WORDS.get(section, SECTION_WORDS["102"])}
        self.day = day
        self._special: dict[str, Callable[[], str]] = {
            "day": lambda: f"{self.day}일",
            "pct": lambda: f"{rng.randint(1, 60)}.{rng.randint(0, 9)}",
            "count": lambda: f"{rng.randint(12, 9800):,}",
            "money": lambda: f"{rng.randint(2, 980)}억",
            "person": lambda: person_name(rng)[0],
        }

    def _fill(self, template: Template) -> str:
        out: list[str] = []
        choice = self.rng.choice
        for literal, slot, particle in template:
            out.append(literal)
            if not slot:
                continue
            special = self._special.get(slot)
            word = special() if special else choice(self.words[slot])
            out.append(josa(word, particle) if particle else word)
        return "".join(out)

    def sentence(self) -> str:
        return self._fill(self.rng.choice(_SENTENCES))

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 3)))

    def title(self) -> str:
        return self._fill(self.rng.choice(_TITLES))

    def caption(self) -> str:
        return self._fill(self.rng.choice(_CAPTIONS))

    def word(self, slot: str) -> str:
        return self.rng.choice(self.words[slot])


def person_name(rng: random.Random) -> tuple[str, str]:
    """A synthetic Korean name and a romanized e-mail local part for it."""
    surname, sur_rom = rng.choice(SURNAMES)
    (g1, r1), (g2, r2) = rng.choice(GIVEN), rng.choice(GIVEN)
    local = f"{r1}{r2}" if rng.random() < 0.5 else f"{r1[0]}{r2[0]}{sur_rom}"
    return surname + g1 + g2, local
