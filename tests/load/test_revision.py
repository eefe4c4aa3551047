"""Maps read from git as ``REV:PATH`` (argmap.load.revision), in throwaway repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.errors import ArgmapError, Diagnostic, Location
from argmap.load import check_map
from argmap.load.revision import checked_out, is_revision_spec, relabel

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **ENV}, check=True, capture_output=True
    )


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: the first with the old maps, the second (HEAD) with the new ones."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "checkout", "-q", "-b", "main")
    write(
        repo,
        {
            "maps/m.yaml": "argmap: 1\nclaims:\n  a: {text: Old A}\n",
            "maps/d/10-a.yaml": (
                "argmap: 1\ninclude: [../shared/x.yaml]\nclaims:\n  a: {text: Old DA}\n"
            ),
            "maps/d/20-b.yaml": "claims:\n  b: {text: Old B}\n",
            "maps/shared/x.yaml": "claims:\n  s: {text: Old S}\n",
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "old")
    write(
        repo,
        {
            "maps/m.yaml": "argmap: 1\nclaims:\n  a: {text: New A}\n",
            "maps/d/10-a.yaml": "argmap: 1\nclaims:\n  a: {text: New DA}\n",
            "maps/d/30-c.yaml": "claims:\n  c: {text: New C}\n",
        },
    )
    (repo / "maps/d/20-b.yaml").unlink()
    (repo / "maps/shared/x.yaml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "new")
    return repo


def test_is_revision_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert is_revision_spec("HEAD~1:maps/m.yaml")
    assert is_revision_spec("main:./m.yaml")
    assert not is_revision_spec("maps/m.yaml")
    (tmp_path / "a:b").write_text("argmap: 1\n", encoding="utf-8")
    (tmp_path / "c:d").mkdir()
    assert not is_revision_spec("a:b")
    assert not is_revision_spec("c:d")


def test_one_file_map_at_an_old_revision(repo: Path) -> None:
    with checked_out("HEAD~1:maps/m.yaml", cwd=repo) as (path, prefix):
        assert path.is_file()
        assert path.read_text(encoding="utf-8") == "argmap: 1\nclaims:\n  a: {text: Old A}\n"
        assert prefix == "HEAD~1:maps/m.yaml"
        amap, diagnostics = check_map(path)
    assert diagnostics == []
    assert amap is not None
    assert amap.text(amap.claims["a"].text) == "Old A"


def test_directory_map_with_its_sibling_include(repo: Path) -> None:
    with checked_out("HEAD~1:maps/d", cwd=repo) as (path, prefix):
        assert prefix == "HEAD~1:maps/d"
        assert path.is_dir()
        assert sorted(p.name for p in path.iterdir()) == ["10-a.yaml", "20-b.yaml"]
        shared = path.parent / "shared" / "x.yaml"
        assert shared.read_text(encoding="utf-8") == "claims:\n  s: {text: Old S}\n"
        amap, diagnostics = check_map(path)
    assert [d.format() for d in diagnostics] == []
    assert amap is not None
    assert {k: amap.text(c.text) for k, c in amap.claims.items()} == {
        "a": "Old DA",
        "b": "Old B",
        "s": "Old S",
    }


def test_only_the_map_and_its_includes_are_extracted(repo: Path) -> None:
    with checked_out("HEAD:maps/d", cwd=repo) as (path, _):
        root = path.parent.parent
        files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == ["maps/d/10-a.yaml", "maps/d/30-c.yaml"]


def test_path_relative_to_the_current_folder(repo: Path) -> None:
    sub = repo / "maps"
    with checked_out("HEAD:./m.yaml", cwd=sub) as (path, prefix):
        assert prefix == "HEAD:maps/m.yaml"
        assert "New A" in path.read_text(encoding="utf-8")
    with checked_out("HEAD~1:../../maps/d/20-b.yaml", cwd=sub / "d") as (path, prefix):
        assert prefix == "HEAD~1:maps/d/20-b.yaml"
        assert "Old B" in path.read_text(encoding="utf-8")
    with checked_out("HEAD:maps/m.yaml", cwd=sub / "d") as (path, _):  # from the top
        assert path.is_file()


def test_default_cwd_is_the_working_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "maps")
    with checked_out("HEAD~1:./m.yaml") as (path, prefix):
        assert prefix == "HEAD~1:maps/m.yaml"
        assert "Old A" in path.read_text(encoding="utf-8")


def failure(spec: str, cwd: Path) -> str:
    """The one-line message :func:`checked_out` fails with."""
    with pytest.raises(ArgmapError) as info, checked_out(spec, cwd=cwd):
        pass
    message = str(info.value)
    assert "\n" not in message
    return message


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above
    message = failure("HEAD:m.yaml", alone)
    assert message == (
        f"'HEAD:m.yaml' looks like a git revision, but {alone} is not in a git repository"
    )


def test_git_not_installed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-such-bin"))
    assert "git is not installed" in failure("HEAD:maps/m.yaml", repo)


def test_unknown_revision(repo: Path) -> None:
    assert failure("HEAD~9:maps/m.yaml", repo).startswith("'HEAD~9' is not a revision")
    assert "revision is needed" in failure(":maps/m.yaml", repo)


def test_path_not_in_the_revision(repo: Path) -> None:
    message = failure("HEAD~1:maps/d/30-c.yaml", repo)
    assert message.startswith("'maps/d/30-c.yaml' is not in HEAD~1 (git says: ")
    assert "outside the git repository" in failure("HEAD:../elsewhere.yaml", repo)


def test_includes_of_includes_are_followed(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    git(repo, "init", "-q")
    write(
        repo,
        {
            "a/m.yaml": "argmap: 1\ninclude: ../b/one.yaml\nclaims:\n  m: {text: M}\n",
            "b/one.yaml": "include: [../c/two.yaml]\nclaims:\n  o: {text: O}\n",
            "c/two.yaml": "claims:\n  t: {text: T}\n",
            "c/unrelated.yaml": "claims: {}\n",
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    with checked_out("HEAD:a/m.yaml", cwd=repo) as (path, _):
        assert not (path.parent.parent / "c" / "unrelated.yaml").exists()
        amap, diagnostics = check_map(path)
    assert diagnostics == []
    assert amap is not None and sorted(amap.claims) == ["m", "o", "t"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_links_out_of_the_folder_are_not_extracted(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    (repo / "d").mkdir(parents=True)
    git(repo, "init", "-q")
    write(repo, {"d/m.yaml": "argmap: 1\n", "d/ok.txt": "fine"})
    (repo / "d" / "out.yaml").symlink_to("/etc/passwd")
    (repo / "d" / "up.yaml").symlink_to("../../../../up.yaml")
    (repo / "d" / "in.yaml").symlink_to("ok.txt")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "links")
    with checked_out("HEAD:d", cwd=repo) as (path, _):
        assert sorted(p.name for p in path.iterdir()) == ["in.yaml", "m.yaml", "ok.txt"]
        assert (path / "in.yaml").is_symlink()


def test_the_temporary_folder_is_removed(repo: Path) -> None:
    with checked_out("HEAD~1:maps/d", cwd=repo) as (path, _):
        root = path.parent.parent
        assert root.name.startswith("argmap-rev-")
        assert root.is_dir()
    assert not root.exists()
    with pytest.raises(RuntimeError), checked_out("HEAD:maps/m.yaml", cwd=repo) as (path, _):
        raise RuntimeError("boom")
    assert not path.exists()


def test_relabel(repo: Path) -> None:
    with checked_out("HEAD~1:maps/d", cwd=repo) as (path, prefix):
        inside = Diagnostic("bad", Location(str(path / "10-a.yaml"), 3, 5), "fix it")
        shared = Diagnostic("worse", Location(str(path / ".." / "shared" / "x.yaml"), 2))
        elsewhere = Diagnostic("other", Location("/somewhere/else.yaml", 1, 1))
        bare = Diagnostic("no place")
        found = relabel([inside, shared, elsewhere, bare], path, prefix)
        assert relabel([inside], path.parent.parent, prefix) == found[:1]
    assert found[0].format() == "HEAD~1:maps/d/10-a.yaml:3:5: error: bad (fix it)"
    assert found[0].hint == "fix it" and found[0].level == "error"
    assert found[1].location == Location("HEAD~1:maps/shared/x.yaml", 2)
    assert found[2:] == [elsewhere, bare]


def test_a_missing_include_is_reported_by_the_loader(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo, {"m.yaml": "argmap: 1\ninclude: [gone.yaml, ../../out.yaml]\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    with checked_out("HEAD:m.yaml", cwd=repo) as (path, prefix):
        amap, diagnostics = check_map(path)
        shown = [d.format() for d in relabel(diagnostics, path, prefix)]
    assert amap is None
    assert any(
        line.startswith("HEAD:m.yaml:2:") and "included file not found: HEAD:gone.yaml" in line
        for line in shown
    ), shown
