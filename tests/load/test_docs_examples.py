"""The complete example in docs/format.md is a valid map."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.load import load_map

DOCS = Path(__file__).parent.parent.parent / "docs"


def test_format_doc_example_validates(tmp_path: Path) -> None:
    text = (DOCS / "format.md").read_text("utf-8")
    example = re.search(r"## A complete small map\s+```yaml\n(.*?)```", text, re.S)
    assert example is not None
    path = tmp_path / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    amap = load_map(path)
    assert amap.relations_by_id()["scrutiny-open"].premises == ("scrutiny", "linux")
    assert amap.issues["release"]
