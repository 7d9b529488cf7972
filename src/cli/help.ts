import { PACKAGE_VERSION } from '../shared/version.js';
import { localOptionLines } from './local-options.js';

export const USAGE = `Usage:
  ignite-mcp [options]              Run the MCP server on stdio (what an MCP client starts).
  ignite-mcp serve --http [options] Run it over Streamable HTTP at /mcp (see HTTP options).
  ignite-mcp local [local options]  Run the local Ignite for a data directory in this terminal.
  ignite-mcp local status | stop    Show or stop the local Ignite of a data directory (--data-dir).
  ignite-mcp local base-image ...   Make a local base image for offline builds (see below).
  ignite-mcp doctor [--json]        Check what stands between this machine and a deploy (exit 0: nothing).
  ignite-mcp help | --help | --version | local --help
`;

export const HELP_TEXT = `ignite-mcp ${PACKAGE_VERSION}: MCP server for the Dodil Ignite bring-your-own-image workflow.

${USAGE}
Options (MCP server):
  --endpoint <host:port>   Ignite gRPC endpoint (also IGNITE_API_ENDPOINT or the dodil config file).
                           Without one, the local Ignite of the data directory is used: the server
                           connects to the one running, or starts it in the background.
  --insecure               Plaintext gRPC to a non-loopback endpoint (also IGNITE_DEBUG=1). TLS otherwise.
  --allowed-root <dir>     A folder tools may read when the client offers no MCP roots; repeatable
                           (also IGNITE_MCP_ALLOWED_ROOTS, separated by the path delimiter). Default: the cwd.
  --data-dir <dir>         Where the local Ignite keeps its state (also IGNITE_MCP_DATA_DIR).
  --log-level <level>      debug, info, warn or error (also IGNITE_MCP_LOG_LEVEL). Logs go to stderr.
  --confirm <mode>         Consent for publish_draft, rollback_app, delete_app, delete_secret (also
                           IGNITE_MCP_CONFIRM). elicit (default): ask the user in a form when the client
                           supports elicitation; without it, publish and rollback proceed, deletes are
                           refused. refuse: ask; without elicitation refuse all four. always-proceed: never ask.
  --read-only              Offer only the tools that change nothing (also IGNITE_MCP_READ_ONLY=1).
  --engine <engine>        What the local Ignite builds and runs with (also IGNITE_MCP_ENGINE): auto
                           (default: podman, then docker, where the CLI is present and its engine
                           answers; else process), podman, docker, or process (the fallback: files
                           assembled without running RUN steps, apps as host processes).

The local Ignite (no endpoint configured): one per data directory, shared by every MCP server using
that directory, reachable only by its owner (a 0600 Unix socket and a token). Started in the
background, it outlives the server that started it and exits after IGNITE_MCP_LOCAL_IDLE_SECS
(default 600) with no calls, builds or MCP servers. \`ignite-mcp local --help\` has its options.

HTTP options (ignite-mcp serve --http):
  --host <addr>            Address to listen on (default 127.0.0.1).
  --port <n>               Port (default 0: a free one; the address is logged).
  --http-token-file <f>    Where the generated bearer token is kept (default <data dir>/http-token);
                           IGNITE_MCP_HTTP_TOKEN sets the token instead.
  --http-no-auth           No bearer token (loopback only; for development and the conformance suite).
  --http-per-user-tokens   Take each session's Ignite token from its X-Ignite-Token header.
  --http-allowed-host <h>  Another name Host/Origin may carry (a reverse proxy); repeatable.


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
Organization: IGNITE_ORG_NAME / IGNITE_ORG_ID, the config file, or the token's organization claim;
a local Ignite needs none (its default organization is "local").
Build contexts: IGNITE_MCP_MAX_CONTEXT_FILES (default 100000) and IGNITE_MCP_MAX_CONTEXT_BYTES (default 2 GiB);
IGNITE_MCP_HARDLINKS=pack|refuse (default pack, as Docker does) for files with more than one name.
Other settings: IGNITE_MCP_DEADLINE_MS (default 30000) bounds every unary gRPC call, retries included
(reads are retried on UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED; calls that change state never are).
`;

export const LOCAL_HELP_TEXT = `ignite-mcp ${PACKAGE_VERSION} local: the local Ignite (the Ignite gRPC services, with reflection) for one data directory.

Usage:
  ignite-mcp local [options]          Serve in this terminal until Ctrl-C. Refused when a local Ignite
                                      already serves the directory (status says which and how to reach it).
  ignite-mcp local status [--data-dir <dir>]   Which local Ignite serves the directory, how to reach it,
                                      who uses it. Exit code 0 when running, 3 when not.
  ignite-mcp local stop [--data-dir <dir>]     Stop it (builds in progress end as interrupted, apps stop).
  ignite-mcp local base-image ...     A base image for offline builds (see \`ignite-mcp --help\`).

Options:
${localOptionLines().join('\n')}

Who can reach it: by default only its owner. It listens on <data-dir>/local-ignite.sock (0600, in a 0700
folder) and every call but HealthCheck (reflection included) needs "authorization: Bearer <token>",
the token being a random one per start, in <data-dir>/local-ignite.token (0600). With --port it listens
on TCP, still with the token unless --no-token (loopback only).
Faults (--faults): a JSON array of rules {"method": "GetBuild" or "*", "fault": ..., "times": n} with fault
"fail" (+ "code": "UNAVAILABLE", "message"), "cut" (+ "afterMessages": k: a server stream ends with
UNAVAILABLE after k messages), "latency" (+ "ms") or "drop" (never answered: the client's deadline ends
the call). Without "times" a rule applies to every matching call.
`;
