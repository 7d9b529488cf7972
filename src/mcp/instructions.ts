/**
 * Server instructions. Clients that defer tool schemas (Claude Code loads only tool names and these
 * at first) must be able to pick the first tool and know the container rules from this text alone;
 * it also carries the rules every tool shares, which the schemas therefore do not repeat. Claude Code
 * cuts instructions at 2,048 characters, so the test keeps them under that, the most needed first.
 */
export const SERVER_INSTRUCTIONS = `ignite-mcp deploys a container app to Dodil Ignite ("bring your own image").
Deploy a folder with a Dockerfile:
1. configure_app with app_name (ports if the app listens elsewhere than PORT's default; see below).
2. create_build with name and path = the folder (upload_context with dry_run first shows what is sent and left out).
3. get_build with the build_id and wait_seconds 50, again until terminal. On FAILED: its failure and read_build_logs mode "errors"; fix, build again. A warning that Dockerfile steps were not executed means what they install is missing.
4. save_image_draft with app_name and build_id. 5. test_draft. 6. publish_draft. 7. invoke.
A prebuilt image: configure_app, save_image_draft with image_ref (registry_secret_ref if private), test_draft.
Ports and health: the app must listen on the port in the PORT environment variable, not a fixed one. On Ignite PORT is the first listed port (80 when none); each listed port is reachable, the first is invoke's default. The local Ignite without a container engine runs the app as a host process with PORT (and PORT_<P> per listed port P) set to free loopback ports, so an app bound to a fixed port such as 8080 never becomes healthy there. GET <health_path> (default /healthz) must answer 2xx, or test_draft and publish_draft fail.
Rules: ids (build_id, context_id) come from tool results; never invent one. organization_name is optional: the configured organization is used. Paths must be inside the allowed folders (the client's roots). Tools that change state are not repeated automatically: when a failure says the outcome is unknown, make the check it names first.
Build logs are also resources: ignite://builds/{build_id}/logs (subscribe for updates) and ignite://builds/{build_id}.`;
