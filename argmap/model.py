"""The in-memory argument map: frozen dataclasses, no I/O, no networkx.

Every format converts to and from :class:`ArgumentMap`; every analysis reads it.
Collections keep the order in which the map wrote them, so output is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

from argmap.errors import Location

CLAIM_KINDS = ("fact", "value", "policy", "definition")
RELATION_TYPES = ("supports", "opposes", "undercuts")
#: Proof standards an issue can set for the claims that answer it (Carneades' names).
PROOF_STANDARDS = ("preponderance", "clear-and-convincing", "beyond-reasonable-doubt")
#: The thresholds' names and their defaults (Carneades 2): alpha, beta, gamma.
THRESHOLD_DEFAULTS = (("alpha", 0.5), ("beta", 0.3), ("gamma", 0.2))
ACTOR_KINDS = ("person", "organization", "government", "group", "media")
FORMAT_VERSION = 1

#: Marks used in automatic relation ids; none may appear in a user id, so they never collide.
RELATION_MARKS = {"supports": "+>", "opposes": "->", "undercuts": "_>"}


@dataclass(frozen=True, slots=True)
class Text:
    """A text in one or more languages. ``""`` is the language of an untagged string.

    >>> t = Text.of({"ja": "安全", "en": "safe"})
    >>> t.get("en"), t.get("fr"), t.get()
    ('safe', '安全', '安全')
    """

    items: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, value: str | Mapping[str, str] | None) -> Text:
        if value is None:
            return cls()
        if isinstance(value, str):
            return cls((("", value),))
        return cls(tuple((str(k), str(v)) for k, v in value.items()))

    @classmethod
    def from_data(cls, value: object) -> Text | None:
        """A text from decoded JSON or YAML: a non-blank string, or a mapping of language codes
        to non-blank strings; None for anything else."""
        if isinstance(value, str) and value.strip():
            return cls.of(value)
        if (
            isinstance(value, dict)
            and value
            and all(
                isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
            )
        ):
            return cls.of(value)
        return None

    def get(self, lang: str | None = None, fallback: tuple[str, ...] = ()) -> str:
        """The text in ``lang``, else in the first of ``fallback`` present, else the first one."""
        values = dict(self.items)
        for candidate in (lang, *fallback, ""):
            if candidate is not None and candidate in values:
                return values[candidate]
        return self.items[0][1] if self.items else ""

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.items)

    def values(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.items)

    def to_data(self) -> str | dict[str, str]:
        """The YAML/JSON form: a plain string when untagged, else a language mapping."""
        if len(self.items) == 1 and self.items[0][0] == "":
            return self.items[0][1]
        return dict(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: Text
    kind: str | None = None
    affiliation: str | None = None
    note: Text = Text()
    loc: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: Text
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    loc: Location | None = field(default=None, compare=False)

    @property
    def link(self) -> str | None:
        """The url when it is safe to make a link of: http(s) only, never ``javascript:``,
        ``data:`` or any other scheme a page or document would run or open."""
        url = self.url
        if url and url[:8].lower().startswith(("http://", "https://")) and url.isprintable():
            return url
        return None


@dataclass(frozen=True, slots=True)
class Issue:
    """A question positions answer. ``standard`` is the proof standard of the claims that
    answer it (None: preponderance); ``thresholds`` holds the ones the map sets, as
    ``(name, value)`` pairs in :data:`THRESHOLD_DEFAULTS` order."""

    id: str
    question: Text
    tags: tuple[str, ...] = ()
    standard: str | None = None
    thresholds: tuple[tuple[str, float], ...] = ()
    loc: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: Text
    kind: str = "fact"
    by: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    quote: Text = Text()
    tags: tuple[str, ...] = ()
    answers: str | None = None
    weight: float | None = None
    note: Text = Text()
    loc: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Relation:
    """``premises`` support/oppose claim ``target``, or undercut relation ``target``.

    Several premises form a linked argument: they bear on the target only together.
    """

    id: str
    premises: tuple[str, ...]
    target: str
    type: str
    scheme: str | None = None
    weight: float | None = None
    by: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    explicit_id: bool = False
    note: Text = Text()
    loc: Location | None = field(default=None, compare=False)

    @property
    def linked(self) -> bool:
        return len(self.premises) > 1

    @staticmethod
    def auto_id(premises: tuple[str, ...], target: str, type_: str) -> str:
        """The id a relation gets when the map names none: ``a+>b``, ``a->b``, ``a&c_>r``."""
        return "&".join(premises) + RELATION_MARKS[type_] + target


@dataclass(frozen=True)
class ArgumentMap:
    title: Text = Text()
    description: Text = Text()
    languages: tuple[str, ...] = ()
    actors: Mapping[str, Actor] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    issues: Mapping[str, Issue] = field(default_factory=dict)
    claims: Mapping[str, Claim] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    files: tuple[str, ...] = ()
    #: a claim may oppose itself (``allow_self_attacks: true``), as in Dung frameworks
    allow_self_attacks: bool = False

    @property
    def default_language(self) -> str | None:
        return self.languages[0] if self.languages else None

    def text(self, text: Text, lang: str | None = None) -> str:
        """``text`` in ``lang``, falling back through the map's languages."""
        return text.get(lang or self.default_language, self.languages)

    def relation(self, relation_id: str) -> Relation:
        """The relation with this id (KeyError when there is none)."""
        return self.relations_by_id()[relation_id]

    def relations_by_id(self) -> Mapping[str, Relation]:
        """Relations by id, built once per map (the map is immutable, so it never goes stale)."""
        index = self.__dict__.get("_relations_by_id")
        if index is None:
            index = MappingProxyType({rel.id: rel for rel in self.relations})
            object.__setattr__(self, "_relations_by_id", index)
        return index

    def __getstate__(self) -> dict:
        """The fields only: what is derived and kept on the map is rebuilt on demand."""
        return {f.name: self.__dict__[f.name] for f in fields(self)}

    def self_attacks(self) -> list[Relation]:
        """The oppositions whose target is one of their own premises, in map order."""
        return [r for r in self.relations if r.type == "opposes" and r.target in r.premises]

    def claim_relations(self) -> Iterator[Relation]:
        """Supports and opposes: relations whose target is a claim."""
        return (r for r in self.relations if r.type != "undercuts")

    def all_tags(self) -> list[str]:
        """Every tag, in order of first use."""
        seen: dict[str, None] = {}
        for claim in self.claims.values():
            for tag in claim.tags:
                seen.setdefault(tag, None)
        return list(seen)
