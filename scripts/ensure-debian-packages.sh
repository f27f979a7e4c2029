#!/usr/bin/env bash
# Installs the Debian packages the tests use, when missing: PostgreSQL (a real server for the
# store tests) and Chromium (the playground's browser test; never a browser downloaded by a
# test tool). Needs root and apt; elsewhere it says what is missing and the tests skip those parts
# (outside CI) or fail (in CI).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing from Debian: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # The package starts a cluster on the default port; the tests start their own, so stop it.
  if [[ " ${need[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster >/dev/null; then
    pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | while read -r v c; do pg_ctlcluster "$v" "$c" stop 2>/dev/null || true; done
  fi
else
  echo "missing Debian packages for some tests: ${need[*]} (install them to run those tests)" >&2
  [ "${CI:-}" = "true" ] && exit 1
fi
exit 0
