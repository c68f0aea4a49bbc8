#!/usr/bin/env bash
# Installs everything Backcare needs from the project's own files: uv (from PyPI), then the
# locked Python dependencies. Safe to run again; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v uv >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check "uv>=0.5"
fi
# Bytecode is compiled once here, not by every `uv run` (which printed a line each time).
uv sync --locked --quiet --compile-bytecode
