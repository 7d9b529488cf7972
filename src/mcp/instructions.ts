/**
 * Server instructions. Clients that defer tool schemas (Claude Code loads only tool names and these
 * at first) must be able to pick the first tool and know the container rules from this text alone;
 * it also carries the rules every tool shares, which the schemas therefore do not repeat. Claude Code
 * cuts instructions at 2,048 characters, so the test keeps them under that, the most needed first.
 */
export const SERVER_INSTRUCTIONS = `ignite-mcp deploys a container app to Dodil Ignite ("bring your own image").
Deploy a folder with a Dockerfile:
1. configure_app with app_name (ports if the app listens elsewhere than PORT's default; see below).
2. create_build with name and path = the folder (upload_context dry_run previews it).
3. get_build with build_id and wait_seconds 50, again until terminal. On FAILED: its failure and read_build_logs mode "errors"; fix, build again. A warning of steps not executed means what they install is missing.
4. save_image_draft with app_name and build_id. 5. test_draft. 6. publish_draft. 7. invoke.
A prebuilt image: configure_app, save_image_draft with image_ref (registry_secret_ref if private), test_draft.
Ports and health: the app must listen on the port in the PORT environment variable, not a fixed one. On Ignite PORT is the first listed port (80 when none); each listed port is reachable, the first is invoke's default. The local Ignite without a container engine runs the app as a host process with PORT (and PORT_<P> per listed port P) set to free loopback ports, so an app bound to a fixed port (8080) never gets healthy there. GET <health_path> (default /healthz) must answer 2xx, or test_draft and publish_draft fail.
Rules: ids (build_id, context_id) come from tool results; never invent one. organization_name is optional (the configured one is used). Paths must be inside the allowed folders (client roots). State-changing tools are not retried automatically: when a failure says the outcome is unknown, make the check it names first.
Private registry or repo: create_secret (value from a server env variable or a file, never from you), then registry_secret_ref or secret_ref. Wrong answer: read_app_logs by execution_id. Bad publish: rollback_app. Publish, rollback and deletes may ask the user; a declined answer is final.
Logs are resources too (subscribable): ignite://builds/{build_id}/logs, ignite://apps/{app_name}/logs.`;
