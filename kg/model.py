"""Plain data classes passed between the pipeline stages (text -> facts -> triples).

They carry no behaviour beyond small conveniences, so each stage can be tested alone.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date at the precision the text gives: year, year-month or full day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"

    def earliest(self) -> str:
        """First day of the period, as an ISO date (coop:earliestDate)."""
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    def is_valid(self) -> bool:
        if not 1 <= self.year <= 9999:
            return False
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            if self.month is None:
                return False
            return 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]
        return True


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the line/paragraph the sentence belongs to
    is_heading: bool = False


@dataclass(frozen=True)
class Mention:
    """A span of the normalized text that names an entity (an organization or a person)."""

    start: int
    end: int
    text: str
    entity: str  # key of the entity: org key or person key
    kind: str  # "org" | "person"


@dataclass
class Organization:
    key: str
    names: list[str] = field(default_factory=list)  # surface forms met in the text
    acronyms: list[str] = field(default_factory=list)
    pref_vi: str | None = None
    pref_en: str | None = None
    kind: str | None = None
    country: str | None = None
    wikidata: str | None = None
    parent: str | None = None
    is_unit: bool = False
    from_reference: bool = False

    def add_name(self, name: str) -> None:
        if name and name not in self.names:
            self.names.append(name)


@dataclass
class Person:
    key: str
    name: str
    title: str | None = None


@dataclass
class Role:
    key: str
    vi: str | None = None
    en: str | None = None
    alt: list[str] = field(default_factory=list)
    broader: str | None = None  # "Director of International Affairs" is a kind of "Director"


@dataclass
class Membership:
    """Someone (a person, or an organization) holding a role, in an organization when named."""

    member: str
    role: str
    organization: str | None
    tenure: str = "current"  # current | former | incoming
    member_is_org: bool = False
    sentence: Sentence | None = None


@dataclass
class Post:
    """A position whose holder the text does not name ("Chủ tịch APLMF")."""

    organization: str
    role: str
    sentence: Sentence | None = None


@dataclass
class Agreement:
    kind: str  # mou | agreement | plan | protocol | mra | declaration | other
    parties: list[str]
    signatories: list[str] = field(default_factory=list)
    signed_on: PartialDate | None = None
    place: str | None = None
    subject: str | None = None
    title: str | None = None
    sentence: Sentence | None = None
    background: bool = False  # told as the past of another signing ("first signed in 2019"): not the occasion
    # dated by its occasion or the sentences before ("On the sidelines, X and Y put pen to paper …"), not by a
    # date told with it: a next sentence that dates the document itself ("The letter was signed on …") wins
    dated_by_context: bool = False


@dataclass
class Event:
    name: str
    kind: str = "event"  # meeting | conference | workshop | forum | visit | ceremony | training | dialogue | event
    start: PartialDate | None = None
    end: PartialDate | None = None
    place: str | None = None
    organizers: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    sentence: Sentence | None = None


@dataclass
class Document:
    source: str  # file name or URL it was read from
    text: str  # NFC-normalized text; all offsets count code points of this string
    lang: str = "vi"
    headline: str | None = None
    published: PartialDate | None = None
    authors: list[str] = field(default_factory=list)
    content_hash: str = ""
    slug: str = ""


@dataclass
class Extraction:
    """Everything read from one document."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
