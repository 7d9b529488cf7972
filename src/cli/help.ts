import { PACKAGE_VERSION } from '../shared/version.js';

export const HELP_TEXT = `ignite-mcp ${PACKAGE_VERSION}: MCP server for the Dodil Ignite bring-your-own-image workflow.

Usage:
  ignite-mcp [options]              Run the MCP server on stdio (what an MCP client starts).
  ignite-mcp local [local options]  Run the local Ignite alone: the Ignite gRPC services on loopback.
  ignite-mcp local base-image ...   Make a local base image for offline builds (see below).
  ignite-mcp --help | --version

Options (MCP server):
  --endpoint <host:port>   Ignite gRPC endpoint (also IGNITE_API_ENDPOINT or the dodil config file).
                           Without one, the embedded local Ignite is used.
  --insecure               Plaintext gRPC to a non-loopback endpoint (also IGNITE_DEBUG=1). TLS otherwise.
  --allowed-root <dir>     A folder tools may read when the client offers no MCP roots; repeatable
                           (also IGNITE_MCP_ALLOWED_ROOTS, separated by the path delimiter). Default: the cwd.
  --data-dir <dir>         Where the embedded local Ignite keeps its state (also IGNITE_MCP_DATA_DIR).
  --log-level <level>      debug, info, warn or error (also IGNITE_MCP_LOG_LEVEL). Logs go to stderr.
  --read-only              Offer only the tools that change nothing (also IGNITE_MCP_READ_ONLY=1).
  --engine <engine>        What the local Ignite builds and runs with (also IGNITE_MCP_ENGINE): auto
                           (default: podman, then docker, where the CLI is present and its engine
                           answers; else process), podman, docker, or process (the fallback: files
                           assembled without running RUN steps, apps as host processes).

Local options (ignite-mcp local):
  --port <n>               Port to listen on (default 50051; 0 picks a free one).
  --host <addr>            Address to listen on (default 127.0.0.1).
  --data-dir <dir>         State directory (default as above).
  --memory                 Keep state in memory only.
  --faults <file.json>     Inject faults (testing only); also IGNITE_LOCAL_FAULTS=<json>, the file wins.
                           A JSON array of rules: {"method": "GetBuild" or "*", "fault": ..., "times": n}
                           with fault "fail" (+ "code": "UNAVAILABLE", "message"), "cut" (+ "afterMessages":
                           k: a server stream ends with UNAVAILABLE after k messages), "latency" (+ "ms")
                           or "drop" (never answered: the client's deadline ends the call). Without
                           "times" a rule applies to every matching call.
  --engine <engine>        As above.
  Set IGNITE_LOCAL_REQUIRED_TOKEN to make every call need "authorization: Bearer <that token>".

Offline base images (container engines):
  ignite-mcp local base-image --from-host node|python3|busybox --tag localhost/base/<name>:<tag> [--map <image>]...
  ignite-mcp local base-image --from-rootfs <file.tar> [--cmd '["/bin/sh"]'] --tag localhost/<name>:<tag> [--map <image>]...
                           Makes an image from this host's runtime (with busybox for /bin/sh and the
                           host's CA bundle) or from a root-filesystem tarball, in the engine store of
                           --data-dir. --map <image> (repeatable) adds "<image>=<tag>" to the data
                           directory's image-map.txt: a FROM <image> then builds from the local image.
  IGNITE_MCP_IMAGE_MAP="python:3.12-slim=localhost/base/python:3.11,node:20-alpine=localhost/base/node:20"
                           adds map entries from the environment (they win over image-map.txt).

Credentials (remote endpoint): DODIL_TOKEN, then IGNITE_TOKEN, then the dodil config file
(DODIL_CONFIG_DIR, IGNITE_CONFIG_DIR, ~/.config/unified-cli/config.yaml, ~/.ignite).
Organization: IGNITE_ORG_NAME / IGNITE_ORG_ID, the config file, or the token's organization claim.
Build contexts: IGNITE_MCP_MAX_CONTEXT_FILES (default 100000) and IGNITE_MCP_MAX_CONTEXT_BYTES (default 2 GiB).
Other settings: IGNITE_MCP_DEADLINE_MS (default 30000) bounds every unary gRPC call, retries included
(reads are retried on UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED; calls that change state never are).
`;
