"""Our own YAML format as text: what ``argmap import … -o MAP.yaml`` saves.

The data is :func:`argmap.formats.plain.map_to_data`; lists of ids, tags and languages are
written in flow style (``[a, b]``), multi-line texts as ``|`` blocks; libyaml's emitter
writes the same text as PyYAML's own, faster. Output is deterministic
(the map's order) and loads back with :func:`argmap.load.load_map` (from text:
:func:`argmap.load.load_text`, the registry's loader of the format).

>>> from argmap.load import load_map
>>> print(dump_yaml(load_map("tests/data/tiny.yaml")).splitlines()[0])
argmap: 1
"""

from __future__ import annotations

import yaml

from argmap.formats.plain import map_to_data
from argmap.model import ArgumentMap


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's safe dumper, on libyaml's emitter when PyYAML has it (as the loader is)."""


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(not isinstance(item, dict | list) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data and not data.endswith((" ", "\t")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)


def dump_yaml(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map as one YAML file of our format; every language is kept, ``lang`` is unused."""
    return yaml.dump(
        map_to_data(amap),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
