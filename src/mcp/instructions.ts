/** Server instructions: the lifecycle in a few lines, for the model. */
export const SERVER_INSTRUCTIONS = `ignite-mcp deploys a container app to Dodil Ignite ("bring your own image").
Lifecycle: folder or image -> configure_app -> build -> save_image_draft -> test_draft -> publish_draft -> invoke.
- From a folder: upload_context (optional dry_run to preview what is sent) then create_build, or create_build with the folder directly. Builds run in the background: follow them with get_build (wait_seconds up to 50) or read_build_logs; a failed build's result names the first error line.
- save_image_draft takes exactly one source: a finished build_id, a prebuilt image_ref, a folder (from_code) or a git repository (from_git).
- configure_app first: the container must listen on $PORT and answer GET <health_path> (default /healthz) with 2xx.
- test_draft calls the draft without publishing; publish_draft makes it the active version; invoke calls the active version.
- Private registry or repository: create_secret (the value comes from a server env variable or a file, never from you), then registry_secret_ref / secret_ref. After a bad publish: list_versions, rollback_app. get_app shows what serves; publish, rollback and deletes may ask the user, and a declined answer is final.
Build logs are also resources: ignite://builds/{build_id}/logs (subscribe for updates) and ignite://builds/{build_id}.
Ids come from tool results; never invent a build_id or context_id.`;
