"""A deterministic generator of realistic news articles (Vietnamese and English) for benchmarks.

Each article looks like the real ones in the corpus: a headline line, a byline line
("Ngày đăng: 14/06/2018 | Người viết: …", "Posted: 8 March 2019 | By …"), then paragraphs that
mix organizations (real ones from data/reference/organizations.csv, and invented ones such as
"Viện Nghiên cứu Đo lường Ruritania (VNĐR)"), people with honorifics and roles in both orders,
signed agreements in varied phrasings and date formats, agreements that were only discussed,
events (Hội thảo “…”, Hội nghị lần thứ N …, workshop, meeting) and filler prose, 2–10 KB each,
about two thirds in Vietnamese.

Article i depends only on (seed, i), so `generate(1000)` writes the first 1000 files of
`generate(10000)`, byte for byte.

    python -m benchmarks.generate 10000 /tmp/articles [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ORG_CSV = REPO / "data" / "reference" / "organizations.csv"

MIN_BYTES = 2000
MAX_BYTES = 10000


def ascii_fold(s: str) -> str:
    """ "Nguyễn Thị Lan" -> "Nguyen Thi Lan" (how English articles write Vietnamese names)."""
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Org:
    vi: str
    en: str
    acronym: str | None
    country_vi: str | None = None
    country_en: str | None = None
    real: bool = False
    kind: str = ""
    vietnamese: bool = False  # a Vietnamese body: its people have Vietnamese names
    alt_vi: tuple[str, ...] = ()  # other names a writer may use
    alt_en: tuple[str, ...] = ()

    def name(self, lang: str, rng: random.Random | None = None) -> str:
        alts = self.alt_vi if lang == "vi" else self.alt_en
        if rng is not None and alts and rng.random() < 0.25:
            return rng.choice(alts)
        return self.vi if lang == "vi" else self.en


# ---- real organizations ------------------------------------------------------------------------
def _split(cell: str) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


@lru_cache(maxsize=1)
def real_orgs() -> tuple[tuple[Org, ...], Org]:
    """(reference organizations with a name, STAMEQ)."""
    out: list[Org] = []
    stameq = None
    with open(ORG_CSV, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            vi, en, acr = _split(row["vi"]), _split(row["en"]), _split(row["acronyms"])
            if not vi and not en:
                continue
            org = Org(
                vi[0] if vi else en[0],
                en[0] if en else vi[0],
                acr[0] if acr else None,
                real=True,
                kind=row["kind"],
                vietnamese=row["country"] == "VN",
                alt_vi=tuple(vi[1:]),
                alt_en=tuple(en[1:]),
            )
            if row["key"] == "stameq":
                stameq = org
            out.append(org)
    assert stameq is not None, "organizations.csv has no stameq row"
    return tuple(out), stameq


# ---- invented organizations --------------------------------------------------------------------
_COUNTRIES = [  # (Vietnamese, English, adjective)
    ("Ruritania", "Ruritania", "Ruritanian"),
    ("Syldavia", "Syldavia", "Syldavian"),
    ("Borduria", "Borduria", "Bordurian"),
    ("Elbonia", "Elbonia", "Elbonian"),
    ("Freedonia", "Freedonia", "Freedonian"),
    ("Genovia", "Genovia", "Genovian"),
    ("Orsinia", "Orsinia", "Orsinian"),
    ("Carpania", "Carpania", "Carpanian"),
    ("Novaria", "Novaria", "Novarian"),
    ("Estovakia", "Estovakia", "Estovakian"),
    ("Qumar", "Qumar", "Qumari"),
    ("Kasnia", "Kasnia", "Kasnian"),
    ("Zandoria", "Zandoria", "Zandorian"),
    ("Valdoria", "Valdoria", "Valdorian"),
    ("Montevia", "Montevia", "Montevian"),
    ("Lusitara", "Lusitara", "Lusitaran"),
    ("Marenland", "Marenland", "Marenlandic"),
]
_FIELDS = [  # (Vietnamese, English)
    ("Đo lường", "Metrology"),
    ("Tiêu chuẩn", "Standards"),
    ("Chất lượng", "Quality"),
    ("Thử nghiệm", "Testing"),
    ("Chứng nhận", "Certification"),
    ("Công nhận", "Accreditation"),
    ("Năng suất", "Productivity"),
    ("Đo lường Pháp định", "Legal Metrology"),
    ("Tiêu chuẩn hóa", "Standardization"),
    ("Hiệu chuẩn", "Calibration"),
    ("Tiêu chuẩn và Đo lường", "Standards and Metrology"),
    ("An toàn Sản phẩm", "Product Safety"),
    ("Đánh giá Sự phù hợp", "Conformity Assessment"),
    ("Hạ tầng Chất lượng", "Quality Infrastructure"),
]
_HEADS = [  # (Vietnamese pattern, English pattern); {f}=field, {c}=country, {a}=adjective
    ("Viện Nghiên cứu {f} {c}", "Research Institute of {f} of {c}"),
    ("Viện {f} Quốc gia {c}", "National Institute of {f} of {c}"),
    ("Viện {f} Ứng dụng {c}", "Institute of Applied {f} of {c}"),
    ("Cơ quan {f} {c}", "{a} {f} Agency"),
    ("Cục {f} {c}", "{a} Bureau of {f}"),
    ("Trung tâm {f} Quốc gia {c}", "{a} National Centre for {f}"),
    ("Hiệp hội {f} {c}", "{a} {f} Association"),
    ("Tổ chức {f} {c}", "{a} Organization for {f}"),
    ("Ủy ban {f} Quốc gia {c}", "{a} National Committee for {f}"),
    ("Văn phòng {f} {c}", "{a} Office of {f}"),
]
_VN_PLACES = [
    "Bình Sơn",
    "Tân Phát",
    "Hòa Bình",
    "Phú An",
    "Thăng Long",
    "Hồng Hà",
    "Cửu Long",
    "Tây Nguyên",
    "Sông Đà",
    "Trường Sơn",
    "Hải Vân",
    "Đông Á",
]
_VN_INVENTED = [  # fictitious Vietnamese bodies: (Vietnamese, English)
    (
        "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng {p}",
        "{q} Technical Centre for Standards, Metrology and Quality",
    ),
    ("Công ty Cổ phần Thiết bị Đo {p}", "{q} Measuring Equipment Joint Stock Company"),
    ("Viện Nghiên cứu Đo lường {p}", "{q} Metrology Research Institute"),
    ("Trung tâm Chứng nhận {p}", "{q} Certification Centre"),
    ("Hiệp hội Doanh nghiệp Cơ khí {p}", "{q} Mechanical Enterprises Association"),
    ("Phòng thử nghiệm Vật liệu {p}", "{q} Materials Testing Laboratory"),
]
_SYLLABLES = [
    "ver",
    "mo",
    "ra",
    "tal",
    "kin",
    "dor",
    "sa",
    "vel",
    "tra",
    "lon",
    "mir",
    "zen",
    "ka",
    "bri",
    "no",
    "star",
    "lum",
    "tek",
    "quin",
    "dal",
]


def _acronym(name: str) -> str:
    small = {"of", "for", "and", "the", "và", "về", "de", "d"}
    letters = [
        ascii_fold(w)[0].upper()
        for w in name.replace(",", " ").split()
        if w.lower() not in small and w[:1].isalpha()
    ]
    return "".join(letters)[:6]


def _invented_orgs(seed: int) -> tuple[Org, ...]:
    rng = random.Random(f"orgs-{seed}")
    out: list[Org] = []
    seen: set[str] = set()
    for _ in range(160):
        cv, ce, adj = rng.choice(_COUNTRIES)
        fv, fe = rng.choice(_FIELDS)
        hv, he = rng.choice(_HEADS)
        vi = hv.format(f=fv, c=cv)
        en = he.format(f=fe, c=ce, a=adj)
        if en in seen:
            continue
        seen.add(en)
        out.append(Org(vi, en, _acronym(en), cv, ce))
    for _ in range(60):
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        cv, ce, adj = rng.choice(_COUNTRIES)
        kind = rng.choice(
            ["Instruments", "Testing Services", "Calibration Laboratories", "Standards Institute"]
        )
        en = f"{word} {kind}" + rng.choice(["", " Ltd", " GmbH", " Inc"])
        vi = {
            "Instruments": f"Công ty {word} Instruments",
            "Testing Services": f"Công ty Thử nghiệm {word}",
            "Calibration Laboratories": f"Phòng thí nghiệm Hiệu chuẩn {word}",
            "Standards Institute": f"Viện Tiêu chuẩn {word}",
        }[kind]
        if en not in seen:
            seen.add(en)
            out.append(Org(vi, en, (word[:3] + "".join(w[0] for w in kind.split())).upper(), cv, ce))
    for p in _VN_PLACES:
        hv, he = rng.choice(_VN_INVENTED)
        vi = hv.format(p=p)
        en = he.format(q=ascii_fold(p))
        out.append(
            Org(
                vi,
                en,
                _acronym(vi)[:5] if rng.random() < 0.6 else None,
                "Việt Nam",
                "Viet Nam",
                vietnamese=True,
            )
        )
    return tuple(out)


# ---- people ------------------------------------------------------------------------------------
_VI_SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Đoàn Lưu Mai".split()
)
_VI_MIDDLE_M = ["Văn", "Minh", "Thanh", "Hữu", "Quốc", "Đức", "Hoàng", "Quang", "Xuân", "Mạnh", "Công"]
_VI_MIDDLE_F = ["Thị", "Ngọc", "Thu", "Kim", "Mai", "Thanh", "Hồng", "Minh", "Thùy", "Bích"]
_VI_GIVEN_M = [
    "Hà",
    "Bình",
    "Hùng",
    "Tuấn",
    "Dũng",
    "Thắng",
    "Quân",
    "Sơn",
    "Nam",
    "Khôi",
    "Vinh",
    "Hiếu",
    "Trí",
    "Phúc",
    "Huy",
    "Long",
    "Hải",
    "Đạt",
    "Cường",
    "Thành",
    "Khánh",
    "Tùng",
    "Kiên",
]
_VI_GIVEN_F = [
    "Lan",
    "Phương",
    "Hương",
    "Trang",
    "Linh",
    "Tâm",
    "Khuê",
    "Châu",
    "Thảo",
    "Yến",
    "Hạnh",
    "Nga",
    "Hoa",
    "Vân",
    "Ngân",
    "Thủy",
    "Hằng",
    "Dung",
    "Mai Anh",
    "Quỳnh",
]
_FOREIGN_M = [
    "Park Ji-hoon",
    "Tanaka Hiroshi",
    "Thomas Lefèvre",
    "Ahmet Yildiz",
    "Wiroj Saengsanit",
    "Jonathan Reilly",
    "Markus Brandt",
    "Sato Kenji",
    "Ahmad Faizal bin Rahman",
    "Pieter de Vries",
    "Lars Henriksen",
    "Rajesh Kumar",
    "Faisal Al-Qahtani",
    "Miguel Santos",
    "Viktor Novak",
    "Jan Kowalski",
    "Oliver Bennett",
    "Kim Dong-hyun",
    "Somchai Prasert",
    "David Mitchell",
    "Andrei Volkov",
    "Carlos Mendes",
    "Hans Richter",
    "Liu Wei",
    "Teodor Varga",
]
_FOREIGN_F = [
    "Anna Keller",
    "Susan Whitaker",
    "Claire Moreau",
    "Kim Soo-yeon",
    "Nurul Huda binti Ismail",
    "Takahashi Yuki",
    "Teresa Cendrowska",
    "Elena Vostrikova",
    "Maria Lindqvist",
    "Priya Sharma",
    "Sophie Laurent",
    "Ingrid Halvorsen",
    "Laura Bianchi",
    "Chen Mei",
    "Emily Carter",
    "Siti Aminah",
    "Hana Novotná",
    "Olga Petrenko",
    "Isabel Ferreira",
    "Yasmin Haddad",
]
_BYLINE_NAMES = [
    "Minh Châu",
    "Thu Trang",
    "Thanh Tâm",
    "Phương Linh",
    "Quang Huy",
    "Hải Đăng",
    "Bảo Anh",
    "Minh Khuê",
    "Thanh Hà",
    "Trương Vân",
    "Ngọc Ánh",
    "Hoàng Long",
    "Lan Hương",
    "Đức Minh",
]


@dataclass(frozen=True)
class Person:
    vi: str  # as a Vietnamese article writes it
    en: str  # as an English article writes it
    female: bool
    vietnamese: bool

    def name(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def _person(rng: random.Random, vietnamese: bool) -> Person:
    female = rng.random() < 0.4
    if vietnamese:
        mid = rng.choice(_VI_MIDDLE_F if female else _VI_MIDDLE_M)
        given = rng.choice(_VI_GIVEN_F if female else _VI_GIVEN_M)
        full = f"{rng.choice(_VI_SURNAMES)} {mid} {given}"
        return Person(full, ascii_fold(full), female, True)
    full = rng.choice(_FOREIGN_F if female else _FOREIGN_M)
    return Person(full, full, female, False)


_VI_TITLES = ["TS.", "PGS.TS.", "GS.", "ThS.", "Tiến sĩ"]
_EN_TITLES = ["Dr.", "Prof."]

# Roles by the kind of body: (Vietnamese, English)
_ROLES = {
    "directorate": [
        ("Tổng cục trưởng", "Director General"),
        ("Phó Tổng cục trưởng", "Deputy Director General"),
    ],
    "institute": [
        ("Viện trưởng", "Director"),
        ("Phó Viện trưởng", "Deputy Director"),
        ("Giám đốc", "Director"),
    ],
    "department": [("Vụ trưởng", "Director"), ("Phó Vụ trưởng", "Deputy Director")],
    "ministry": [("Bộ trưởng", "Minister"), ("Thứ trưởng", "Deputy Minister")],
    "agency": [("Cục trưởng", "Director General"), ("Phó Cục trưởng", "Deputy Director General")],
    "any": [
        ("Giám đốc", "Director"),
        ("Phó Giám đốc", "Deputy Director"),
        ("Chủ tịch", "President"),
        ("Phó Chủ tịch", "Vice President"),
        ("Tổng thư ký", "Secretary-General"),
        ("Tổng Giám đốc", "Chief Executive Officer"),
        ("Giám đốc điều hành", "Executive Director"),
        ("Trưởng phòng Hợp tác quốc tế", "Head of the International Cooperation Division"),
    ],
}


def _role_kind(o: Org, stameq: Org) -> str:
    if o is stameq:
        return "directorate"
    head = o.vi.split()[0] if o.vi else ""
    return {"Viện": "institute", "Vụ": "department", "Bộ": "ministry", "Cục": "agency"}.get(head, "any")


# ---- dates -------------------------------------------------------------------------------------
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_VI_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
_VI_MONTH_WORDS = [
    "Một",
    "Hai",
    "Ba",
    "Tư",
    "Năm",
    "Sáu",
    "Bảy",
    "Tám",
    "Chín",
    "Mười",
    "Mười Một",
    "Mười Hai",
]


@dataclass(frozen=True)
class Day:
    y: int
    m: int
    d: int

    def minus(self, days: int) -> Day:
        import datetime as dt

        x = dt.date(self.y, self.m, self.d) - dt.timedelta(days=days)
        return Day(x.year, x.month, x.day)

    def weekday(self) -> int:
        import datetime as dt

        return dt.date(self.y, self.m, self.d).weekday()


def vi_date(rng: random.Random, d: Day, precision: str = "day") -> str:
    if precision == "month":
        return rng.choice([f"tháng {d.m}/{d.y}", f"tháng {d.m:02d}/{d.y}", f"tháng {d.m} năm {d.y}"])
    if precision == "year":
        return f"năm {d.y}"
    return rng.choice(
        [
            f"ngày {d.d}/{d.m}/{d.y}",
            f"ngày {d.d:02d}/{d.m:02d}/{d.y}",
            f"ngày {d.d} tháng {d.m} năm {d.y}",
            f"ngày {d.d}/{d.m}",
        ]
    )


def en_date(rng: random.Random, d: Day, precision: str = "day") -> str:
    month = _EN_MONTHS[d.m - 1]
    if precision == "month":
        return f"{month} {d.y}"
    if precision == "year":
        return str(d.y)
    return rng.choice([f"{d.d} {month} {d.y}", f"{month} {d.d}, {d.y}", f"{month} {d.d}"])


def en_on(rng: random.Random, d: Day, precision: str = "day") -> str:
    return ("on " if precision == "day" else "in ") + en_date(rng, d, precision)


# ---- vocabulary for subjects, events and filler ----------------------------------------------------
_SUBJECTS = [
    (
        "hợp tác trong lĩnh vực tiêu chuẩn, đo lường, chất lượng",
        "cooperation in standards, metrology and quality",
    ),
    ("tiêu chuẩn hóa và đánh giá sự phù hợp", "standardization and conformity assessment"),
    ("đo lường pháp định và hiệu chuẩn", "legal metrology and calibration services"),
    (
        "thừa nhận lẫn nhau kết quả thử nghiệm thiết bị điện",
        "mutual recognition of test results for electrical equipment",
    ),
    ("truy xuất nguồn gốc sản phẩm nông nghiệp", "traceability of agricultural products"),
    ("bản quyền và phân phối tiêu chuẩn", "the copyright and distribution of standards"),
    ("đào tạo chuyên gia đánh giá phòng thử nghiệm", "training of laboratory assessors"),
    ("chứng nhận Halal", "halal certification"),
    ("năng suất và đổi mới sáng tạo", "productivity and innovation"),
    ("hiệu suất năng lượng và dán nhãn năng lượng", "energy efficiency and energy labelling"),
    (
        "chuẩn đo lường quốc gia và so sánh liên phòng",
        "national measurement standards and interlaboratory comparisons",
    ),
    ("chứng chỉ hiệu chuẩn số", "digital calibration certificates"),
    ("thành phố thông minh và sản xuất thông minh", "smart cities and smart manufacturing"),
]
_VI_DOCS = [  # (name, short form for follow-up sentences)
    ("Biên bản ghi nhớ (MoU)", "Biên bản ghi nhớ"),
    ("Biên bản ghi nhớ hợp tác", "Biên bản ghi nhớ"),
    ("Bản ghi nhớ", "Bản ghi nhớ"),
    ("Thỏa thuận hợp tác", "Thỏa thuận"),
    ("Thỏa thuận thừa nhận lẫn nhau (MRA)", "Thỏa thuận"),
    ("Nghị định thư", "Nghị định thư"),
    ("Kế hoạch hợp tác giai đoạn {y0} - {y1}", "Kế hoạch"),
    ("Tuyên bố chung", "Tuyên bố chung"),
    ("Chương trình hợp tác", "Chương trình"),
]
_EN_DOCS = [
    ("a Memorandum of Understanding", "The MoU"),
    ("a Memorandum of Understanding (MoU)", "The MoU"),
    ("a Mutual Recognition Arrangement", "The arrangement"),
    ("a cooperation agreement", "The agreement"),
    ("a Joint Declaration of Intent", "The declaration"),
    ("a Protocol", "The protocol"),
    ("a work plan for {y0}–{y1}", "The work plan"),
    ("a Letter of Intent", "The letter"),
]
_VI_EVENT_TITLES = [
    "Đo lường trong kỷ nguyên số",
    "Tiêu chuẩn hóa thúc đẩy hội nhập toàn cầu",
    "Hạ tầng chất lượng hỗ trợ phục hồi kinh tế",
    "Chứng chỉ hiệu chuẩn số và chuyển đổi số",
    "Tiếp cận thị trường: yêu cầu về tiêu chuẩn và chứng nhận",
    "Năng suất xanh cho doanh nghiệp",
    "Truy xuất nguồn gốc trong chuỗi cung ứng thực phẩm",
    "Đo lường khối lượng sau định nghĩa lại SI",
    "Đánh giá sự phù hợp cho sản phẩm điện tử",
    "Tiêu chuẩn cho kinh tế tuần hoàn",
]
_EN_EVENT_TITLES = [
    "Measurement and Standards for Smart Manufacturing",
    "Quality Infrastructure for Trade",
    "Digital Calibration Certificates",
    "Standards for the Circular Economy",
    "Metrology for Climate Action",
    "Conformity Assessment in the Digital Age",
    "Protecting the planet with standards",
    "Traceability in Food Supply Chains",
]
_SECTORS_VI = [
    "thực phẩm",
    "dệt may",
    "điện tử",
    "vật liệu xây dựng",
    "thiết bị y tế",
    "đồ gỗ",
    "thủy sản",
    "hóa chất",
    "ô tô và phụ tùng",
    "năng lượng tái tạo",
]
_SECTORS_EN = [
    "food",
    "textiles",
    "electronics",
    "construction materials",
    "medical devices",
    "furniture",
    "seafood",
    "chemicals",
    "automotive parts",
    "renewable energy",
]
_STANDARDS = [
    "TCVN ISO 9001:2015",
    "ISO/IEC 17025",
    "TCVN ISO 14001:2015",
    "ISO 50001",
    "TCVN 5699",
    "ISO/IEC 17065",
    "ISO 22000",
    "OIML R 76",
]

_VI_FILLER = [
    "Theo số liệu thống kê, đến nay Việt Nam đã có hơn {n3} tiêu chuẩn quốc gia TCVN, trong đó khoảng {pct}% "
    "hài hòa với tiêu chuẩn quốc tế và khu vực.",
    "Việc áp dụng {std} giúp doanh nghiệp ngành {sector} nâng cao năng lực cạnh tranh và đáp ứng yêu cầu của "
    "các thị trường khó tính.",
    "Hiện nay, các mặt hàng xuất khẩu chủ yếu gồm {sector}, {sector2} và máy móc thiết bị, "
    "với kim ngạch tăng "
    "khoảng {pct}% so với cùng kỳ năm trước.",
    "Các chuyên gia cho rằng hạ tầng chất lượng quốc gia cần được đầu tư đồng bộ, từ hệ thống chuẩn đo lường "
    "đến mạng lưới phòng thử nghiệm và tổ chức chứng nhận.",
    "Trong thời gian tới, hoạt động hợp tác sẽ tập trung vào trao đổi thông tin, đào tạo nguồn nhân lực và "
    "chia sẻ kinh nghiệm quản lý.",
    "Đây là cơ sở quan trọng để doanh nghiệp giảm chi phí thử nghiệm lặp lại, "
    "rút ngắn thời gian đưa hàng hóa "
    "ra thị trường.",
    "Hơn {n2} đại biểu đến từ các cơ quan quản lý, viện nghiên cứu, trường đại học "
    "và doanh nghiệp đã tham dự "
    "và trao đổi nhiều ý kiến thiết thực.",
    "Nhiều ý kiến đề nghị tăng cường công tác truyền thông để nâng cao nhận thức "
    "của cộng đồng doanh nghiệp về "
    "vai trò của tiêu chuẩn, đo lường và chất lượng.",
    "Các phòng thí nghiệm trong nước quan tâm có thể đăng ký tham gia chương trình so sánh liên phòng trong "
    "quý {q} năm nay.",
    "Theo báo cáo, {n2} doanh nghiệp đã được hỗ trợ xây dựng và áp dụng hệ thống quản lý theo {std}.",
    "Bên cạnh đó, việc chuyển đổi số trong hoạt động đo lường và chứng nhận đang mở ra nhiều cơ hội mới, "
    "song cũng đặt ra không ít thách thức về nguồn lực.",
    "Chương trình năng suất quốc gia đặt mục tiêu nâng cao đóng góp của năng suất các nhân tố tổng hợp vào "
    "tăng trưởng kinh tế.",
    "Các đại biểu cũng thảo luận về xu hướng hài hòa tiêu chuẩn trong khu vực và tác động tới thương mại "
    "ngành {sector}.",
    "Những kết quả đạt được góp phần tạo thuận lợi cho thương mại, bảo vệ quyền lợi người tiêu dùng và nâng "
    "cao uy tín của hàng hóa Việt Nam.",
]
_EN_FILLER = [
    "Viet Nam now has more than {n3} national standards (TCVN), about {pct}% of which are harmonized with "
    "international and regional standards.",
    "Applying {std} helps {sector} manufacturers improve their competitiveness and meet the requirements of "
    "demanding export markets.",
    "Exports of {sector}, {sector2} and machinery grew by about {pct}% "
    "compared with the same period last year.",
    "Experts said that the national quality infrastructure needs coordinated investment, from measurement "
    "standards to testing laboratories and certification bodies.",
    "Cooperation in the coming period will focus on information exchange, "
    "human resource training and sharing "
    "of management experience.",
    "This is expected to spare companies repeated testing and shorten the time it takes to bring products to "
    "market.",
    "More than {n2} delegates from regulators, research institutes, universities "
    "and businesses took part and "
    "exchanged practical views.",
    "Several participants called for stronger outreach so that businesses better understand the role of "
    "standards, metrology and quality.",
    "Domestic laboratories interested in the interlaboratory comparison programme "
    "can register before the end "
    "of the quarter.",
    "According to the report, {n2} companies received support to build and apply management systems based on "
    "{std}.",
    "Digital transformation in measurement and certification is opening new opportunities, "
    "but it also raises "
    "challenges in staffing and funding.",
    "Delegates also discussed the regional harmonization of standards and its impact on trade in {sector}.",
    "These results help facilitate trade, protect consumers and strengthen "
    "the reputation of Vietnamese goods.",
]
_VI_HEADINGS = [
    "Thúc đẩy hợp tác song phương",
    "Tăng cường năng lực đo lường",
    "Hỗ trợ doanh nghiệp xuất khẩu",
    "Hội nhập quốc tế sâu rộng",
    "Kết quả nổi bật",
    "Định hướng thời gian tới",
]
_EN_HEADINGS = [
    "Bilateral cooperation",
    "Building measurement capability",
    "Support for exporters",
    "Regional integration",
    "Next steps",
]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# ---- the article writer ------------------------------------------------------------------------------
class _Writer:
    def __init__(self, rng: random.Random, lang: str, invented: tuple[Org, ...]):
        self.rng = rng
        self.lang = lang
        reals, self.stameq = real_orgs()
        self.reals = reals
        self.invented = invented
        self.used: list[Org] = []
        self.year = rng.randint(2012, 2024)
        self.published = Day(self.year, rng.randint(1, 12), rng.randint(1, 28))
        self.people: dict[Org, Person] = {}

    # organizations: first mention in full with the acronym, later ones by acronym or name
    def org(self) -> Org:
        r = self.rng.random()
        if r < 0.45:
            o = self.rng.choice(self.reals)
        elif r < 0.85:
            o = self.rng.choice(self.invented)
        else:
            o = self.stameq
        return o

    def ref(self, o: Org) -> str:
        name = o.name(self.lang, self.rng)
        if o not in self.used:
            self.used.append(o)
            if o.acronym and self.rng.random() < 0.8 and o.acronym not in name:
                return f"{name} ({o.acronym})"
            return name
        if o.acronym and self.rng.random() < 0.7:
            return o.acronym
        return name

    def person_of(self, o: Org) -> tuple[Person, str, str]:
        """(person, role in Vietnamese, role in English) of an organization, the same on every mention."""
        if o not in self.people:
            self.people[o] = _person(self.rng, o.vietnamese)
        p = self.people[o]
        rng = random.Random(zlib.crc32(f"{p.vi}|{o.en}".encode()))  # the same role on every mention
        rv, re_ = rng.choice(_ROLES[_role_kind(o, self.stameq)])
        return p, rv, re_

    def honor(self, p: Person) -> str:
        if self.lang == "vi":
            if self.rng.random() < 0.3:
                return self.rng.choice(_VI_TITLES)
            return "bà" if p.female else "ông"
        if self.rng.random() < 0.35:
            return self.rng.choice(_EN_TITLES)
        return "Ms." if p.female else "Mr."

    def person_phrase(self, o: Org) -> str:
        """A person with honorific and role, in one of the usual orders."""
        p, rv, re_ = self.person_of(o)
        name = p.name(self.lang)
        org = self.ref(o)
        k = self.rng.randrange(4)
        if self.lang == "vi":
            if k == 0:
                return f"{self.honor(p)} {name}, {rv} {org}"
            if k == 1:
                return f"{rv} {org} {name}"
            if k == 2:
                return f"{self.honor(p)} {name} - {rv} {org}"
            return f"{self.honor(p)} {name}"
        if k == 0:
            return f"{self.honor(p)} {name}, {re_} of {org}"
        if k == 1:
            return f"{org} {re_} {name}"
        if k == 2:
            return f"{org}'s {re_}, {self.honor(p)} {name}"
        return f"{self.honor(p)} {name}"

    def place(self) -> str:
        vi = [
            "Hà Nội",
            "TP. Hồ Chí Minh",
            "Đà Nẵng",
            "Hải Phòng",
            "Nha Trang",
            "Cần Thơ",
            "Tô-ky-ô",
            "Xơ-un",
            "Băng Cốc",
            "Giơ-ne-vơ",
            "Pa-ri",
            "Béc-lin",
            "Ri-át",
            "Cu-a-la Lăm-pơ",
        ]
        en = [
            "Hanoi",
            "Ha Noi",
            "Ho Chi Minh City",
            "Da Nang",
            "Tokyo",
            "Seoul",
            "Bangkok",
            "Geneva",
            "Paris",
            "Berlin",
            "Braunschweig",
            "Riyadh",
            "Kuala Lumpur",
            "Washington",
        ]
        return self.rng.choice(vi if self.lang == "vi" else en)

    def day(self) -> Day:
        return self.published.minus(self.rng.randint(0, 25))

    def date(self, d: Day, precision: str = "day") -> str:
        return vi_date(self.rng, d, precision) if self.lang == "vi" else en_date(self.rng, d, precision)

    def fill(self, template: str) -> str:
        rng = self.rng
        sectors = _SECTORS_VI if self.lang == "vi" else _SECTORS_EN
        s1, s2 = rng.sample(sectors, 2)
        return template.format(
            n3=f"{rng.randint(10, 14)}.{rng.randint(100, 999)}"
            if self.lang == "vi"
            else f"{rng.randint(10, 14)},{rng.randint(100, 999)}",
            pct=rng.randint(5, 70),
            std=rng.choice(_STANDARDS),
            sector=s1,
            sector2=s2,
            n2=rng.randint(20, 400),
            q=rng.choice(["I", "II", "III", "IV"]),
        )

    # ---- paragraphs ----
    def agreement(self, a: Org, b: Org) -> list[str]:
        rng = self.rng
        d = self.day()
        precision = rng.choices(["day", "month", "year"], [0.7, 0.2, 0.1])[0]
        subj_vi, subj_en = rng.choice(_SUBJECTS)
        y0 = d.y + rng.randint(0, 1)
        out = []
        if self.lang == "vi":
            doc, short = rng.choice(_VI_DOCS)
            doc = doc.format(y0=y0, y1=y0 + rng.randint(2, 3))
            when = self.date(d, precision)
            k = rng.randrange(4)
            if k == 0:
                out.append(
                    f"{_cap(when)}, tại {self.place()}, {self.ref(a)} và {self.ref(b)} đã ký "
                    f"{doc} về {subj_vi}."
                )
            elif k == 1:
                out.append(f"{self.ref(a)} đã ký kết {doc} với {self.ref(b)} về {subj_vi} vào {when}.")
            elif k == 2:
                out.append(
                    f"Trong khuôn khổ chuyến thăm, {when}, {self.ref(a)} và {self.ref(b)} đã ký {doc}, "
                    f"tập trung vào {subj_vi}."
                )
            else:
                out.append(
                    f"Bên lề hội nghị, {when}, {self.ref(a)} và {self.ref(b)} ký kết {doc} về {subj_vi}."
                )
            if rng.random() < 0.7:
                pa, pb = self.person_phrase(a), self.person_phrase(b)
                out.append(
                    rng.choice(
                        [
                            f"{short} được ký bởi {pa} và {pb}.",
                            f"Đại diện hai bên ký kết là {pa} và {pb}.",
                            f"Ký {short} về phía Việt Nam là {pa}; về phía đối tác là {pb}.",
                        ]
                    )
                )
            if rng.random() < 0.5:
                out.append(
                    f"Theo {short}, hai bên sẽ trao đổi thông tin, phối hợp đào tạo chuyên gia và hỗ trợ "
                    f"doanh nghiệp trong lĩnh vực {rng.choice(_SECTORS_VI)}."
                )
        else:
            doc, short = rng.choice(_EN_DOCS)
            doc = doc.format(y0=y0, y1=y0 + rng.randint(2, 3))
            when = en_on(rng, d, precision)
            k = rng.randrange(4)
            if k == 0:
                out.append(
                    f"{_cap(when)}, {self.ref(a)} and {self.ref(b)} signed {doc} on "
                    f"{subj_en} in {self.place()}."
                )
            elif k == 1:
                out.append(f"{self.ref(a)} concluded {doc} with {self.ref(b)} on {subj_en} {when}.")
            elif k == 2:
                out.append(f"{_cap(when)}, {self.ref(a)} and {self.ref(b)} inked {doc} on {subj_en}.")
            else:
                out.append(
                    f"On the sidelines of the meeting, {self.ref(a)} and {self.ref(b)} signed {doc} "
                    f"concerning {subj_en} {when}."
                )
            if rng.random() < 0.7:
                pa, pb = self.person_phrase(a), self.person_phrase(b)
                out.append(
                    rng.choice(
                        [
                            f"{short} was signed by {pa} and {pb}.",
                            f"{_cap(pa)} and {pb} signed on behalf of the two sides.",
                        ]
                    )
                )
            if rng.random() < 0.5:
                out.append(
                    f"Under {short[0].lower() + short[1:]}, the two sides will exchange information, train "
                    f"experts and support companies in the {rng.choice(_SECTORS_EN)} sector."
                )
        return out

    def unsigned(self, a: Org, b: Org) -> list[str]:
        rng = self.rng
        subj_vi, subj_en = rng.choice(_SUBJECTS)
        nxt = self.year + 1
        if self.lang == "vi":
            doc = rng.choice(_VI_DOCS)[0].format(y0=nxt, y1=nxt + 2)
            return [
                rng.choice(
                    [
                        f"{self.ref(a)} và {self.ref(b)} đang đàm phán {doc} về {subj_vi}, "
                        f"dự kiến ký vào năm {nxt}.",
                        f"Hai bên dự kiến ký {doc} về {subj_vi} vào cuối năm {self.year}.",
                        f"Phía {self.ref(b)} đề nghị hai bên xem xét ký kết {doc} tại kỳ họp tiếp theo.",
                        f"{self.ref(a)} mong muốn ký {doc} với {self.ref(b)} trong thời gian tới.",
                    ]
                )
            ]
        doc = rng.choice(_EN_DOCS)[0].format(y0=nxt, y1=nxt + 2)
        return [
            rng.choice(
                [
                    f"{self.ref(a)} and {self.ref(b)} discussed a possible MoU on {subj_en}.",
                    f"The two sides plan to conclude {doc} by the end of {nxt}.",
                    f"{self.ref(a)} and {self.ref(b)} are expected to sign {doc} on {subj_en} next year.",
                    f"{self.ref(b)} proposed {doc} on {subj_en}, which is still being negotiated.",
                ]
            )
        ]

    def event(self, a: Org, b: Org) -> list[str]:
        rng = self.rng
        d = self.day()
        n = rng.randint(2, 60)
        out = []
        if self.lang == "vi":
            title = rng.choice(_VI_EVENT_TITLES)
            k = rng.randrange(4)
            if k == 0:
                out.append(
                    f"{self.ref(a)} phối hợp với {self.ref(b)} tổ chức Hội thảo “{title}” {self.date(d)} tại "
                    f"{self.place()}, với sự tham gia của hơn {rng.randint(30, 300)} đại biểu."
                )
            elif k == 1:
                d2 = d.minus(-2)
                if d2.m == d.m:
                    span = f"Từ ngày {d.d} đến ngày {d2.d}/{d.m}/{d.y}"
                else:
                    span = f"Ngày {d.d}/{d.m}/{d.y}"
                out.append(
                    f"{span}, {self.ref(a)} chủ trì Hội nghị lần thứ {n} {self.ref(b)} theo hình thức "
                    f"{rng.choice(['trực tiếp', 'trực tuyến', 'kết hợp trực tiếp và trực tuyến'])}."
                )
            elif k == 2:
                out.append(
                    f"Đoàn cũng đã tham dự Diễn đàn {rng.choice(_FIELDS)[0]} "
                    "châu Á - Thái Bình Dương lần thứ "
                    f"{n} do {self.ref(a)} chủ trì tại {self.place()}."
                )
            else:
                out.append(
                    f"Nhân dịp này, {self.ref(a)} và {self.ref(b)} đồng tổ chức tọa đàm “{title}” "
                    f"{self.date(d)}."
                )
            if rng.random() < 0.6:
                out.append(
                    f"Phát biểu khai mạc, {self.person_phrase(a)} nhấn mạnh vai trò của "
                    f"{rng.choice(['tiêu chuẩn', 'đo lường', 'hạ tầng chất lượng'])} "
                    "đối với phát triển bền vững."
                )
        else:
            title = rng.choice(_EN_EVENT_TITLES)
            k = rng.randrange(4)
            if k == 0:
                out.append(
                    f"{self.ref(a)} and {self.ref(b)} held a workshop on “{title}” in {self.place()} "
                    f"{en_on(rng, d)}, attended by more than {rng.randint(30, 300)} delegates."
                )
            elif k == 1:
                suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10 if n % 100 not in (11, 12, 13) else 0, "th")
                out.append(
                    f"The {n}{suffix} meeting of {self.ref(b)} was hosted by {self.ref(a)} in "
                    f"{self.place()} {en_on(rng, d)}."
                )
            elif k == 2:
                out.append(
                    f"{self.ref(a)} organized a seminar on {rng.choice(_SUBJECTS)[1]} {en_on(rng, d)}."
                )
            else:
                out.append(
                    f"World Standards Day {d.y} was celebrated with a conference in {self.place()}, "
                    f"organized by {self.ref(a)}."
                )
            if rng.random() < 0.6:
                out.append(
                    f"Opening the event, {self.person_phrase(a)} stressed the role of "
                    f"{rng.choice(['standards', 'metrology', 'quality infrastructure'])} "
                    "for sustainable growth."
                )
        return out

    def people_para(self, a: Org) -> list[str]:
        rng = self.rng
        if self.lang == "vi":
            return [
                rng.choice(
                    [
                        f"Theo {self.person_phrase(a)}, hợp tác quốc tế là động lực quan trọng "
                        "để nâng cao năng lực kỹ thuật.",
                        f"Tham dự buổi làm việc có {self.person_phrase(a)} "
                        "cùng đại diện các đơn vị liên quan.",
                        f"{_cap(self.person_phrase(a))} cho biết đơn vị sẽ cử "
                        f"{rng.randint(2, 10)} cán bộ tham gia khóa đào tạo tại {self.place()}.",
                    ]
                )
            ]
        return [
            rng.choice(
                [
                    f"According to {self.person_phrase(a)}, international cooperation is key "
                    "to building technical capacity.",
                    f"The meeting was attended by {self.person_phrase(a)} "
                    "and representatives of related units.",
                    f"{_cap(self.person_phrase(a))} said the organization would send "
                    f"{rng.randint(2, 10)} staff to a training "
                    f"course in {self.place()}.",
                ]
            )
        ]

    def filler(self, k: int) -> str:
        pool = _VI_FILLER if self.lang == "vi" else _EN_FILLER
        return " ".join(self.fill(t) for t in self.rng.sample(pool, k))

    def header(self, a: Org, b: Org) -> list[str]:
        rng = self.rng
        p = self.published
        author = rng.choice(_BYLINE_NAMES)
        if self.lang == "vi":
            al = a.acronym or a.vi
            bl = b.acronym or b.vi
            headline = rng.choice(
                [
                    f"{al} và {bl} ký Biên bản ghi nhớ hợp tác",
                    f"{a.vi} tăng cường hợp tác với {bl}",
                    f"Đoàn công tác {al} làm việc tại {self.place()}",
                    f"Hội thảo về {rng.choice(_SUBJECTS)[0]} tại {self.place()}",
                ]
            )
            k = rng.randrange(3)
            if k == 0:
                byline = f"Ngày đăng: {p.d:02d}/{p.m:02d}/{p.y} | Người viết: {author}"
            elif k == 1:
                byline = f"Cập nhật: {p.d:02d}/{p.m:02d}/{p.y} | Tác giả: {author}"
            else:
                byline = (
                    f"{_VI_WEEKDAYS[p.weekday()]}, {p.d:02d}/{p.m:02d}/{p.y} - {rng.randint(7, 21)}:"
                    f"{rng.randint(0, 59):02d} | Tác giả: {author}"
                )
        else:
            al = a.acronym or a.en
            bl = b.acronym or b.en
            headline = rng.choice(
                [
                    f"{al} and {bl} sign MoU on {rng.choice(_SUBJECTS)[1]}",
                    f"{a.en} deepens cooperation with {bl}",
                    f"{al} delegation visits {self.place()}",
                    f"Workshop on {rng.choice(_SUBJECTS)[1]} held in {self.place()}",
                ]
            )
            k = rng.randrange(2)
            month = _EN_MONTHS[p.m - 1]
            if k == 0:
                byline = f"Posted: {p.d} {month} {p.y} | By {ascii_fold(author)}"
            else:
                byline = f"Posted: {month} {p.d}, {p.y} | By {ascii_fold(author)}"
        return [headline, byline]

    def article(self) -> str:
        rng = self.rng
        target = int(MIN_BYTES + (MAX_BYTES - MIN_BYTES - 400) * rng.random() ** 1.4)
        home = self.stameq if rng.random() < 0.5 else self.org()
        partners = [self.org() for _ in range(rng.randint(2, 6))]
        partners = [p for p in partners if p is not home and p.kind != "unit"] or [rng.choice(self.invented)]
        lines = self.header(home, partners[0])
        body: list[str] = [
            " ".join(
                self.agreement(home, partners[0]) if rng.random() < 0.6 else self.event(home, partners[0])
            )
        ]
        size = sum(len(x.encode()) + 1 for x in lines + body)
        kinds = ["agreement", "event", "unsigned", "people", "filler", "filler", "heading"]
        while True:
            kind = rng.choice(kinds)
            other = rng.choice(partners)
            first = rng.choice([home, other, self.org()])
            second = other if first is not other else home
            if kind == "agreement":
                para = " ".join(self.agreement(first, second))
            elif kind == "event":
                para = " ".join(self.event(first, second))
            elif kind == "unsigned":
                para = " ".join(
                    self.unsigned(first, second) + ([self.filler(1)] if rng.random() < 0.5 else [])
                )
            elif kind == "people":
                para = " ".join(self.people_para(first) + [self.filler(rng.randint(1, 2))])
            elif kind == "heading":
                left = [h for h in (_VI_HEADINGS if self.lang == "vi" else _EN_HEADINGS) if h not in body]
                if not left or body[-1] in _VI_HEADINGS + _EN_HEADINGS:
                    continue
                para = rng.choice(left)
            else:
                para = self.filler(rng.randint(2, 5))
            n = len(para.encode()) + 1
            if size + n > MAX_BYTES:
                break
            body.append(para)
            size += n
            if size >= target:
                break
        if body[-1] in _VI_HEADINGS + _EN_HEADINGS:
            body.pop()
        return "\n".join(lines + body) + "\n"


def article(i: int, seed: int = 0) -> tuple[str, str]:
    """(language, text) of article number i (1-based) for a seed."""
    rng = random.Random(seed * 1_000_003 + i)
    lang = "vi" if rng.random() < 2 / 3 else "en"
    return lang, _Writer(rng, lang, _invented(seed)).article()


@lru_cache(maxsize=4)
def _invented(seed: int) -> tuple[Org, ...]:
    return _invented_orgs(seed)


def generate(n: int, out_dir: str | Path, seed: int = 0) -> list[Path]:
    """Write articles art-000001.vi.txt … into out_dir; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, n + 1):
        lang, text = article(i, seed)
        p = out / f"art-{i:06d}.{lang}.txt"
        data = text.encode("utf-8")
        if not p.exists() or p.read_bytes() != data:
            p.write_bytes(data)
        paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out_dir", help="folder to write them to")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = generate(args.n, args.out_dir, args.seed)
    size = sum(p.stat().st_size for p in paths)
    vi = sum(1 for p in paths if p.name.endswith(".vi.txt"))
    print(f"{len(paths)} articles ({vi} vi, {len(paths) - vi} en), {size / 1e6:.1f} MB → {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
