#!/usr/bin/env bash
# Installs what the bot needs to run: Node 24 when the machine's Node is older than 22.12
# (scripts/node-env.sh), then the npm packages (whose postinstall generates the Prisma client).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$MB_ROOT"
stamp=node_modules/.mentor-bridge-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  # `npm install`, not `npm ci`: the registry reachable here lacks some packages' builds for other
  # platforms (biome's), which the lock file cannot list and `npm ci` then refuses. The lock file
  # still pins every version that is installed.
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
