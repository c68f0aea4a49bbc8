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
echo "== pytest"; uv run pytest "$@"
