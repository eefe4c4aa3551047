#!/usr/bin/env bash
# Set up everything argmap needs on a Debian-like machine: a virtual environment with the package
# (and, with --test, the test tools), Graphviz's `dot`, a font with Japanese glyphs, and — for the
# tests — the Argdown CLI used to check our Argdown export. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
ARGDOWN_CLI=${ARGDOWN_CLI:-@argdown/cli@1.7.5}
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf 'setup: %s\n' "$*" >&2; }

# --- system packages: graphviz and a CJK font --------------------------------------------------
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
if ! (command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"); then
  missing+=(fonts-noto-cjk)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
  else
    say "please install: ${missing[*]}"
    say "  Debian/Ubuntu: sudo apt-get install ${missing[*]}"
    say "  macOS: brew install graphviz && brew install --cask font-noto-sans-cjk-jp"
    say "continuing: DOT output works without them, pictures need them"
  fi
fi

# --- the virtual environment -------------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.argmap-installed"
extra=""
[ "$want_test" = 1 ] && extra="[test]"
if [ ! -f "$stamp$extra" ] || [ pyproject.toml -nt "$stamp$extra" ]; then
  say "installing argmap$extra into $VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".$extra"
  touch "$stamp$extra"
fi

# --- test-only tools: the Argdown CLI (checks our Argdown export) and Chromium (HTML page) -----
if [ "$want_test" = 1 ]; then
  test_missing=()
  command -v npm >/dev/null 2>&1 || test_missing+=(nodejs npm)
  command -v chromium >/dev/null 2>&1 || test_missing+=(chromium)
  if [ "${#test_missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing ${test_missing[*]} with apt-get"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq --no-install-recommends "${test_missing[@]}" >/dev/null
    else
      say "for the browser and Argdown tests, install: ${test_missing[*]} (they skip without)"
    fi
  fi
  if command -v npm >/dev/null 2>&1 && [ ! -x node_modules/.bin/argdown ]; then
    say "installing the Argdown CLI ($ARGDOWN_CLI) into node_modules/"
    npm install --no-save --no-package-lock --no-audit --no-fund --silent --prefix . \
      "$ARGDOWN_CLI" >/dev/null
  fi
fi
