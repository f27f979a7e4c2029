#!/usr/bin/env bash
# Installs and starts Mentor Bridge. With no DATABASE_URL it uses the embedded PGlite database in
# ./data, and with no Slack or Teams settings it serves the playground on http://127.0.0.1:3000/.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
bash "$here/install.sh"
source "$here/node-env.sh"
cd "$MB_ROOT"
# The bot itself replaces this shell (no npm in between), so Ctrl-C or a SIGTERM to this script's
# pid reaches the bot, which closes its database and exits; nothing is left holding the folder.
exec node --env-file-if-exists=.env --import tsx src/main.ts
