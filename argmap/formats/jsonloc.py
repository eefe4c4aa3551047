r"""Located JSON: every object and array the reader returns remembers its line and column.

The JSON importers (node-link, AIF, Argdown) read their files with :func:`parse_json`, so their
errors point into the file with :func:`where`.

>>> data = parse_json('{\n  "a": [1]\n}', "f.json")
>>> where("f.json", data["a"]).line
2
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from typing import Any

from argmap.errors import Location, MapError


class JObject(dict):
    """A JSON object that knows where it starts (1-based line and column)."""

    line: int = 0
    column: int = 0


class JArray(list):
    """A JSON array that knows where it starts (1-based line and column)."""

    line: int = 0
    column: int = 0


def parse_json(text: str, filename: str) -> Any:
    """Parse JSON text, keeping the position of every object and array.

    A syntax error becomes a :class:`MapError` at the line and column json reports, and so
    does a key given twice in one object (JSON readers differ on which one wins). An integer
    too long for Python to convert is read as a float (an infinite one), which whatever reads
    it then refuses at its place.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def position(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    decoder = json.JSONDecoder(parse_int=_integer)

    def parse_object(
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: Any,
        object_hook: Any,
        object_pairs_hook: Any,
        memo: Any = None,
    ) -> tuple[Any, int]:
        pairs, end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, list, memo)
        obj = JObject(pairs)
        obj.line, obj.column = position(s_and_end[1] - 1)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
            raise MapError.single(
                f"duplicate key '{twice}' in this object",
                Location(filename, obj.line, obj.column),
                "give each key once",
            )
        return obj, end

    def parse_array(s_and_end: tuple[str, int], scan_once: Any) -> tuple[Any, int]:
        value, end = json.decoder.JSONArray(s_and_end, scan_once)
        arr = JArray(value)
        arr.line, arr.column = position(s_and_end[1] - 1)
        return arr, end

    decoder.parse_object = parse_object  # type: ignore[assignment]
    decoder.parse_array = parse_array  # type: ignore[assignment]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        hint = None
        if not text.strip():
            hint = "the file is empty"
        elif "Expecting property name" in exc.msg or "delimiter" in exc.msg:
            hint = "check for a missing or extra comma or quote near here"
        raise MapError.single(
            f"JSON syntax error: {exc.msg}", Location(filename, exc.lineno, exc.colno), hint
        ) from None
    except RecursionError:
        raise MapError.single(
            "JSON nested too deeply", Location(filename, 1, 1), "is this really a map?"
        ) from None


def _integer(digits: str) -> int | float:
    """A JSON integer; one past Python's digit limit for conversion is read as a float."""
    return int(digits) if len(digits) <= 4000 else float(digits)


def where(filename: str, value: Any) -> Location:
    """The location of a value :func:`parse_json` returned (the file alone for scalars)."""
    line = getattr(value, "line", 0)
    return Location(filename, line, getattr(value, "column", 0)) if line else Location(filename)


def describe(value: Any) -> str:
    """'an object', 'a list', 'a string'… for error messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a string"
