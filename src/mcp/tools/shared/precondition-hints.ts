/**
 * FAILED_PRECONDITION means "the target is not in a state for this call", and only the failure
 * itself says which state: a generic hint would name examples that do not apply. So a precondition
 * failure gets a hint only when its message is one we know, in the terms of our tools; otherwise the
 * server's message stands alone. The patterns match the local Ignite's messages (src/local/) and
 * the documented wording where there is one.
 */
const HINTS: readonly (readonly [RegExp, (match: RegExpMatchArray) => string])[] = [
  [/only pending or running builds can be cancelled/, () => 'Nothing to cancel: the build has ended (get_build shows how).'],
  [
    /is still building \(build ([^)\s]+)\)/,
    (m) => `Wait for the draft's image: get_build with build_id "${m[1]}" and wait_seconds 50, then call again.`,
  ],
  [
    /draft of app "[^"]*" has no image/,
    () =>
      'The draft has no image because its build failed: read_build_logs (mode "errors") with the build_id get_draft shows, fix the source, then save_image_draft again.',
  ],
  [/has no published version/, () => 'Publish first (test_draft, then publish_draft), or call the draft with test_draft.'],
  [
    /did not become healthy/,
    () =>
      'The app must listen on $PORT (PORT_<P> for container port P) and answer GET <health_path> with 2xx; the message quotes its last output. Fix the app, or its ports and health_path with configure_app, build and save_image_draft again, then test_draft.',
  ],
  [
    /cannot be pulled|is not in the local registry/,
    () =>
      'The local Ignite runs only images it built: create_build, then save_image_draft with the build_id (or save_image_draft with path).',
  ],
  [/belongs to organization "([^"]+)"/, (m) => `Build the image in this organization, or pass organization_name "${m[1]}".`],
  [
    /needs "[^"]+", which is neither in the image's files nor on this host's PATH/,
    () =>
      'Install that runtime on this host (the local Ignite without a container engine runs the app as a host process), or make ENTRYPOINT/CMD use a program the image contains.',
  ],
  [/runs as named user/, () => 'Use a numeric USER (e.g. USER 1000) in the Dockerfile, then build and save_image_draft again.'],
  [
    /secret "[^"]*" is a \w+ secret/,
    () =>
      'Name a secret of the type the field needs (a registry secret for registry_secret_ref, a git secret for secret_ref) and save_image_draft again.',
  ],
  [/secret "([^"]*)" named by \S+ no longer exists/, (m) => `Create secret "${m[1]}" again, or save_image_draft without it.`],
];

/** A hint for this precondition failure's message, or '' when we know nothing better than the message. */
export function preconditionHint(details: string): string {
  for (const [pattern, hint] of HINTS) {
    const match = details.match(pattern);
    if (match) return hint(match);
  }
  return '';
}
