"""Reading one value of a map file: strings, texts, id lists, weights, choices and dates.

:class:`ValueReader` holds the checks every section of :mod:`argmap.load.schema` shares; each
problem is reported at the value's location, with a hint where one helps.
"""

from __future__ import annotations

import datetime as _dt
import re

from argmap.errors import DiagnosticSink, Location
from argmap.load.yaml import YNode
from argmap.model import Text
from argmap.suggest import did_you_mean

ID_RE = re.compile(r"^[\w\-.:]+$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_KEY_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def date_error(value: str) -> str | None:
    """What is wrong with a date matching :data:`DATE_RE` (``impossible date ...``), or None."""
    m = DATE_RE.match(value)
    assert m is not None
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        _dt.date(year, month, day)
    except ValueError:
        return f"impossible date '{value}'"
    return None


def kind_of(node: YNode) -> str:
    """What a value is, for messages: ``a mapping``, ``a list``, ``a number``..."""
    value = node.value
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, _dt.date):
        return "a date"
    return "a string"


class ValueReader:
    """Checked reading of values in one file; problems go to ``sink``."""

    def __init__(self, file: str, sink: DiagnosticSink) -> None:
        self.file = file
        self.sink = sink

    def at(self, node: YNode) -> Location:
        return Location(self.file, node.line, node.column)

    def at_key(self, node: YNode) -> Location:
        if node.key_line:
            return Location(self.file, node.key_line, node.key_column)
        return self.at(node)

    def error(self, message: str, loc: Location, hint: str | None = None) -> None:
        self.sink.error(message, loc, hint)

    def keys(self, node: YNode, allowed: tuple[str, ...], what: str) -> dict[str, YNode]:
        """The entries of mapping ``node`` whose keys are ``allowed``; the others are errors."""
        known = _KEY_SETS.get(allowed)
        if known is None:
            known = _KEY_SETS[allowed] = frozenset(allowed)
        if known.issuperset(node.value):
            return node.value
        out: dict[str, YNode] = {}
        for key, value in node.value.items():
            if key in known:
                out[key] = value
            else:
                hint = did_you_mean(key, allowed) or "known keys: " + ", ".join(allowed)
                self.error(f"unknown key '{key}' in {what}", self.at_key(value), hint)
        return out

    def mapping(self, node: YNode, what: str) -> bool:
        if node.is_map:
            return True
        self.error(f"{what} must be a mapping, not {kind_of(node)}", self.at(node))
        return False

    def string(self, node: YNode, what: str) -> str | None:
        value = node.value
        if type(value) is str:
            return value
        if node.is_scalar and value is not None and not isinstance(value, bool):
            return node.raw if node.raw is not None else str(value)
        self.error(f"{what} must be a string, not {kind_of(node)}", self.at(node))
        return None

    def text(self, node: YNode, what: str) -> Text:
        value = node.value
        if type(value) is str and value and not value.isspace():
            return Text((("", value),))
        if node.is_map:
            items: list[tuple[str, str]] = []
            for lang, item in value.items():
                if not LANG_RE.match(lang):
                    self.error(
                        f"'{lang}' in {what} is not a language code",
                        self.at_key(item),
                        "use codes such as 'en' or 'ja'",
                    )
                    continue
                s = self.string(item, f"{what} [{lang}]")
                if s is not None:
                    if not s.strip():
                        self.error(f"{what} [{lang}] is empty", self.at(item))
                    items.append((lang, s))
            if not value:
                self.error(f"{what} has no text", self.at(node))
            return Text(tuple(items))
        s = self.string(node, what)
        if s is not None and not s.strip():
            self.error(f"{what} is empty", self.at(node))
        return Text.of(s) if s is not None else Text()

    def id_list(self, node: YNode, what: str) -> list[tuple[str, Location]]:
        file = self.file
        out: list[tuple[str, Location]] = []
        for item in node.value if type(node.value) is list else (node,):
            s = item.value
            if type(s) is not str:
                s = self.string(item, what)
                if s is None:
                    continue
            out.append((s, Location(file, item.line, item.column)))
        return out

    def str_list(self, node: YNode, what: str) -> tuple[str, ...]:
        return tuple(name for name, _ in self.id_list(node, what))

    def weight(self, node: YNode, what: str) -> float | None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(f"{what} must be a number from 0 to 1, not {kind_of(node)}", self.at(node))
            return None
        if not 0 <= value <= 1:
            self.error(f"{what} {value} is outside [0, 1]", self.at(node))
            return None
        return float(value)

    def choice(self, node: YNode, choices: tuple[str, ...], what: str) -> str | None:
        s = self.string(node, what)
        if s is None:
            return None
        if s not in choices:
            hint = did_you_mean(s, choices) or "one of: " + ", ".join(choices)
            self.error(f"unknown {what} '{s}'", self.at(node), hint)
            return None
        return s

    def check_id(self, name: str, node: YNode, what: str) -> bool:
        if ID_RE.match(name):
            return True
        self.error(
            f"{what} id '{name}' has characters ids may not use",
            self.at_key(node),
            "ids use letters, digits and - _ . : only",
        )
        return False

    def date(self, node: YNode) -> str | None:
        value = node.value
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(f"date must be YYYY-MM-DD, not {kind_of(node)}", self.at(node))
            return None
        if not DATE_RE.match(value):
            self.error(f"date '{value}' is not YYYY-MM-DD", self.at(node), "e.g. 2024-07-23")
            return None
        problem = date_error(value)
        if problem:
            self.error(problem, self.at(node), "check the month and day")
            return None
        return value
