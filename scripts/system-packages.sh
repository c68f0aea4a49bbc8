#!/usr/bin/env bash
# System packages the browser tests need: Debian's chromium, driven by Playwright.
# Only installs what is missing (never `playwright install`: it downloads its own browser).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
