"""`argmap serve`: the map's page in the browser, updated as its files change."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from argmap.cli import progress
from argmap.cli.common import CliError
from argmap.cli.html import page_of, page_options
from argmap.cli.view_options import view_options
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from argmap.render.graphviz import Signalled, signals_raise
from argmap.render.html import Page, PageOptions
from argmap.serve.preview import Snapshot
from argmap.view import Selection

DEFAULT_PORT = 8765


def _stamp() -> str:
    return time.strftime("%H:%M:%S")


@click.command()
@click.argument("path", metavar="MAP", type=click.Path())
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port on 127.0.0.1 to listen on; 0 picks a free one.",
)
@click.option(
    "--no-open",
    is_flag=True,
    help="Do not open a browser (none is opened anyway when not run from a terminal).",
)
@page_options
@view_options
def serve(
    path: str, port: int, no_open: bool, page: PageOptions, no_size_limit: bool, view: Selection
) -> None:
    """Show MAP's page (as argmap html draws it) in the browser and update it, without a
    reload, whenever a file of the map changes: included files wherever they are, and new
    files in a map folder. The view and the selected claim stay.

    While the map is invalid, the page lists its problems as argmap validate prints them and
    the last good picture stays, greyed. The server listens on 127.0.0.1 only and serves
    nothing but the page. Ctrl-C stops it.

    The browser is the system's default (or $BROWSER's), opened only from a terminal.
    """
    from argmap.serve.preview import Preview
    from argmap.serve.server import PreviewServer
    from argmap.serve.watch import MapWatcher

    def make_page(whole: ArgumentMap) -> Page:
        try:
            return page_of(whole, whole, view, page, no_size_limit)
        finally:
            progress.finish()

    preview = Preview(path, make_page)
    watcher = MapWatcher(path)
    seen = watcher.state()
    started = time.monotonic()
    _report(preview.refresh(), started)
    watcher.use_files(preview.files, seen)
    try:
        server = PreviewServer(
            preview, port, on_error=lambda line: click.echo(f"argmap serve: {line}", err=True)
        )
    except ArgmapError as exc:
        raise CliError(str(exc)) from None
    server.start()
    click.echo(server.url)
    click.echo(f"argmap serve: {path} at {server.url} (Ctrl-C stops it)", err=True)
    if not no_open and sys.stdin.isatty() and sys.stdout.isatty():
        import webbrowser

        webbrowser.open(server.url, new=2)
    try:
        with signals_raise():
            for _changed in watcher.changes():
                started, before = time.monotonic(), preview.snapshot.version
                seen = watcher.state()
                snap = preview.refresh()
                if snap.version != before:
                    _report(snap, started)
                watcher.use_files(preview.files, seen)
    except (KeyboardInterrupt, Signalled):
        pass
    finally:
        server.stop()
    click.echo("argmap serve: stopped", err=True)


def rerun_on_change(
    path: str, ignore: Sequence[str], action: Callable[[bool, list[Path]], Sequence[str]]
) -> None:
    """Run ``action(first, tried)`` (told whether it is the first run, and given a list to
    fill with the files its load tried), then again after each change to the files of the map
    at ``path`` (those it returns, ``ignore`` excepted), until Ctrl-C or SIGTERM. A run's errors
    are printed and the watching goes on."""
    from argmap.serve.watch import MapWatcher

    watcher = MapWatcher(path, ignore=ignore)

    def run(first: bool) -> None:
        seen = watcher.state()
        tried: list[Path] = []
        try:
            watcher.use_files(action(first, tried), seen)
            return
        except click.ClickException as exc:
            exc.show()
        except (ArgmapError, OSError, RecursionError) as exc:  # what the action let through
            click.echo(f"argmap: error: {exc}", err=True)
        if not first:
            click.echo(f"{_stamp()} {', '.join(ignore)} stays as it was", err=True)
        # watch what the failed load tried too: the fix will come in one of those files
        watcher.use_files([*watcher.files, *tried], seen)

    run(True)
    click.echo(f"argmap: watching {path} (Ctrl-C stops it)", err=True)
    try:
        with signals_raise():
            for _changed in watcher.changes():
                click.echo(f"{_stamp()} changed", err=True)
                run(False)
    except (KeyboardInterrupt, Signalled):
        pass
    click.echo("argmap: stopped watching", err=True)


def _report(snap: Snapshot, started: float) -> None:
    took = time.monotonic() - started
    for line in snap.problems:
        click.echo(line, err=True)
    if snap.ok:
        claims = f"{snap.claims} claim{'' if snap.claims == 1 else 's'}"
        click.echo(f"{_stamp()} page v{snap.version}: {claims} ({took:.2f} s)", err=True)
    elif snap.page is not None:
        click.echo(f"{_stamp()} the page keeps the last good picture, greyed", err=True)
