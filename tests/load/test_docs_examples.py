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


def test_python_examples_in_the_readme_and_docs_run(monkeypatch, capsys) -> None:
    """Every ```python block of README.md and docs/*.md runs (from the repository's root)."""
    root = DOCS.parent
    monkeypatch.chdir(root)
    blocks = []
    for page in [root / "README.md", *sorted(DOCS.glob("*.md"))]:
        for code in re.findall(r"```python\n(.*?)```", page.read_text("utf-8"), re.S):
            blocks.append((page.name, code))
    assert blocks
    for name, code in blocks:
        exec(compile(code, name, "exec"), {"__name__": "__example__"})
    assert "zuck-path-forward" in capsys.readouterr().out  # the README's query printed paths
