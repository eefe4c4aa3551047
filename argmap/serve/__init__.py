"""The live preview: a file watcher (watch.py), the state of the page (preview.py) and a
loopback server that pushes each new version to the page (server.py)."""
