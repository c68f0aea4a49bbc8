#!/usr/bin/env bash
# The one test command: lint, format check, strict typing, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/system-packages.sh  # Debian chromium (browser tests), poppler-utils (PDF report)
echo "== ruff check"; uv run ruff check src tests bench
echo "== ruff format --check"; uv run ruff format --check src tests bench
echo "== mypy --strict"; uv run mypy --strict src
echo "== import contracts (pyproject.toml [tool.importlinter])"; uv run lint-imports
# In parallel (pytest-xdist): one worker a CPU, tests handed out as workers free up. Every
# fixture is safe for that (docs/testing.md); `make test` passes its arguments after these, so
# `bash scripts/test.sh -n 0` runs in one process.
echo "== pytest"; uv run pytest -n "${BACKCARE_TEST_WORKERS:-auto}" --dist worksteal "$@"
