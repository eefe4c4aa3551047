"""Maps read from git: ``REV:PATH`` names a map as it is in a revision (``argmap diff``).

The map is extracted with ``git archive`` into a temporary folder that keeps the repository's
layout, with the files its parts include, so the ordinary loader reads it; :func:`relabel` then
shows the temporary paths in its diagnostics as ``REV:path``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import posixpath
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from argmap.errors import ArgmapError, Diagnostic, ToolError

__all__ = ["checked_out", "is_revision_spec", "relabel"]

MAX_FILES = 200  # included files fetched from the revision, at most
_SUFFIXES = (".yaml", ".yml")


def is_revision_spec(spec: str) -> bool:
    """True when ``spec`` names a map in git (``REV:PATH``): it holds ':' and is not on disk."""
    return ":" in spec and not Path(spec).drive and not os.path.lexists(spec)


def _git(args: list[str], cwd: str | os.PathLike[str]) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise ToolError(f"cannot run git: {exc.strerror or exc}") from None


def _says(proc: subprocess.CompletedProcess[bytes]) -> str:
    """What git printed on failure, on one line."""
    lines = proc.stderr.decode("utf-8", "replace").splitlines()
    text = " ".join(ln.removeprefix("fatal: ").removeprefix("hint: ").strip() for ln in lines)
    return text.strip() or f"exit status {proc.returncode}"


def _resolve(spec: str, cwd: str) -> tuple[str, str, str]:
    """``(top, rev, path)``: the repository's top folder, the revision, the repo-relative path."""
    rev, _, path = spec.partition(":")
    if shutil.which("git") is None:
        raise ToolError(f"'{spec}' looks like a git revision, but git is not installed")
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise ArgmapError(
            f"'{spec}' looks like a git revision, but {cwd} is not in a git repository"
        )
    if not rev or rev.startswith("-"):
        raise ArgmapError(f"'{spec}': a git revision is needed before ':' (e.g. HEAD~1:{path})")
    if path in (".", "..") or path.startswith(("./", "../")):
        prefix = _git(["rev-parse", "--show-prefix"], cwd).stdout.decode("utf-8", "replace")
        path = prefix.strip("\n") + path
    path = posixpath.normpath(path) if path else "."
    if path == ".." or path.startswith(("../", "/")):
        raise ArgmapError(f"'{spec}' is outside the git repository")
    path = "" if path == "." else path
    root = top.stdout.decode("utf-8", "surrogateescape").strip("\n")
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{tree}}"], root).returncode != 0:
        raise ArgmapError(f"'{rev}' is not a revision of the git repository at {root}")
    kind = _git(["cat-file", "-t", f"{rev}:{path}"], root)
    if kind.returncode != 0:
        raise ArgmapError(f"'{path}' is not in {rev} (git says: {_says(kind)})")
    if kind.stdout.strip() not in (b"blob", b"tree"):
        raise ArgmapError(f"'{path}' in {rev} is a {kind.stdout.decode().strip()}, not a map")
    return root, rev, path


def _safe(member: tarfile.TarInfo) -> bool:
    """Whether an archive member stays inside the folder it is extracted to."""
    name = member.name
    if name.startswith("/") or ".." in name.split("/"):
        return False
    if member.issym():
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), member.linkname))
        return not member.linkname.startswith("/") and target.split("/")[0] != ".."
    return member.isfile() or member.isdir()


def _filter(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    if not _safe(member):
        return None
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None  # skipped: a link out of the folder, say


def _extract(top: str, rev: str, path: str, dest: Path) -> bool:
    """Extract ``rev:path`` into ``dest``; False when the revision does not hold it."""
    proc = _git(["archive", "--format=tar", rev, "--", *([path] if path else [])], top)
    if proc.returncode != 0:
        return False
    with tarfile.open(fileobj=io.BytesIO(proc.stdout), mode="r:") as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(dest, filter=_filter)
        else:  # pragma: no cover - older Pythons
            tar.extractall(dest, members=[m for m in tar.getmembers() if _safe(m)])
    return True


def _includes(file: Path) -> list[str]:
    """The paths a part includes, as the loader reads them (none when it does not load)."""
    from argmap.errors import DiagnosticSink, MapError
    from argmap.io import read_input
    from argmap.load.schema import read_part
    from argmap.load.yaml import decode

    try:
        if file.is_symlink():
            return []
        part = read_part(decode(read_input(file), str(file)), str(file), DiagnosticSink(), False)
    except (OSError, ArgmapError, MapError):
        return []
    return [include for include, _ in part.includes] if part is not None else []


def _fetch_includes(top: str, rev: str, path: str, root: Path) -> None:
    """Extract the files the map's parts include, and theirs, when the revision holds them."""
    start = root / path
    parts = sorted(start.iterdir()) if start.is_dir() else [start]
    todo = [p.relative_to(root).as_posix() for p in parts if p.suffix in _SUFFIXES]
    seen, fetched = set(todo), 0
    while todo:
        rel = todo.pop()
        for include in _includes(root / rel):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), include))
            if include.startswith("/") or target.split("/")[0] == ".." or target in seen:
                continue  # outside the repository, or seen already
            seen.add(target)
            if not os.path.lexists(root / target):
                if fetched >= MAX_FILES:
                    continue
                fetched += 1
                if not _extract(top, rev, target, root):
                    continue  # not in the revision: the loader reports it missing
            todo.append(target)


@contextlib.contextmanager
def checked_out(spec: str, cwd: str | os.PathLike[str] | None = None) -> Iterator[tuple[Path, str]]:
    """Extract the map ``REV:PATH`` from git; yield ``(path_of_the_map, display_prefix)``.

    ``PATH`` is relative to the repository's top, or to ``cwd`` (default: the working folder)
    when it starts with ``./`` or ``../``, as git reads it. The prefix is ``REV:repo/path``.
    The temporary folder is removed on exit. Raises :class:`ArgmapError` with a one-line message.
    """
    top, rev, path = _resolve(spec, os.fspath(cwd) if cwd is not None else os.getcwd())
    root = Path(tempfile.mkdtemp(prefix="argmap-rev-"))
    try:
        if not _extract(top, rev, path, root):
            raise ToolError(f"git archive could not extract '{path}' from {rev}")
        _fetch_includes(top, rev, path, root)
        yield root / path, f"{rev}:{path}"
    finally:
        shutil.rmtree(root, ignore_errors=True)


def relabel(diagnostics: list[Diagnostic], root: Path, prefix: str) -> list[Diagnostic]:
    """Diagnostics with files in the temporary folder shown as ``REV:path-in-repo`` instead.

    ``root`` is the temporary folder or the map path :func:`checked_out` yielded (with its
    ``prefix``). Temporary paths in messages and hints are rewritten too.
    """
    rev, _, path = prefix.partition(":")
    base = os.path.normpath(os.path.abspath(root))
    if path and Path(base).as_posix().endswith("/" + path):
        base = base[: -len(path) - 1]
    bases = {base, os.path.realpath(base)}

    def show(file: str) -> str | None:
        for name in {os.path.normpath(os.path.abspath(file)), os.path.realpath(file)}:
            for b in bases:
                if name == b or name.startswith(b + os.sep):
                    rel = Path(os.path.relpath(name, b)).as_posix()
                    return f"{rev}:{'' if rel == '.' else rel}"
        return None

    def text(s: str) -> str:
        for b in bases:
            s = s.replace(b + os.sep, f"{rev}:")
        return s

    out = []
    for d in diagnostics:
        loc = d.location
        shown = show(loc.file) if loc is not None and loc.file else None
        if loc is not None and shown is not None:
            loc = loc._replace(file=shown)
        hint = text(d.hint) if d.hint else d.hint
        out.append(dataclasses.replace(d, location=loc, message=text(d.message), hint=hint))
    return out
