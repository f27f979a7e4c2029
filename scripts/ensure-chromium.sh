#!/usr/bin/env bash
# Makes sure Debian's own Chromium is at /usr/bin/chromium for the playground's browser test.
# We install the distribution package (signed, updated with the OS) and never a browser that a
# tool downloads from elsewhere: playwright-core only drives the binary we point it at.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing; run as root (or: sudo apt-get install -y chromium)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
echo "chromium: $(/usr/bin/chromium --version)"
