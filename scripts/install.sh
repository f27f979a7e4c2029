#!/usr/bin/env bash
# Installs what the bot needs to run: Node 24 when the machine's Node is older than 22.12
# (scripts/node-env.sh), then exactly the npm packages package-lock.json pins (whose postinstall
# generates the Prisma client).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$MB_ROOT"
stamp=node_modules/.mentor-bridge-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  # `npm ci`, not `npm install`: it installs what the lock file says and never rewrites it, so a
  # start on a clean clone leaves every tracked file as it was, and a lock file out of step with
  # package.json fails here, loudly, as it would in any CI pipeline or Dockerfile.
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
