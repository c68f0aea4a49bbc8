#!/usr/bin/env bash
# System packages the tests need, from Debian: chromium for the browser tests (driven by
# Playwright) and poppler-utils (pdftotext, pdftoppm) to read back the PDF report.
# Only installs what is missing (never `playwright install`: it downloads its own browser).
set -euo pipefail
missing=()
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
  missing+=(poppler-utils)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
