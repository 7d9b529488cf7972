import { describe, expect, it } from 'vitest';
import { preconditionHint } from '../../src/mcp/tools/shared/precondition-hints.js';

// Messages as the local Ignite words them (src/local/compute/, src/local/runner/, src/local/builder/).
const CASES: [string, RegExp][] = [
  ['build b-1 is already SUCCEEDED; only pending or running builds can be cancelled', /^Nothing to cancel/],
  [
    'the draft of app "web" is still building (build b-7); wait for it: follow BuildService.StreamBuildLogs or poll GetDraftInfo until image_ref is set',
    /get_build with build_id "b-7"/,
  ],
  ['the draft of app "web" has no image: build b-7 failed: exit 1. Fix the source and SaveDraft again', /read_build_logs/],
  [
    'app "web" has no published version; call PublishDraft (after SaveDraft) before Invoke, or use TestDraft to run the draft',
    /^Publish first/,
  ],
  ['draft of web did not become healthy: nothing answered GET /healthz on port 41189. Last stderr lines: …', /\$PORT/],
  ['image "docker.io/library/nginx:1" cannot be pulled: the local Ignite has no access to remote registries', /create_build/],
  [
    'image "localhost/a/x:1" belongs to organization "a"; the local registry does not share images across organizations',
    /organization_name "a"/,
  ],
  [
    'cannot run image localhost/a/x:1 on this host: its command ["python3","app.py"] needs "python3", which is neither in the image\'s files nor on this host\'s PATH. …',
    /Install that runtime/,
  ],
  ['image localhost/a/x:1 runs as named user "node"; Ignite needs a numeric USER', /numeric USER/],
  ['secret "reg" is a git secret; registry_secret_ref needs a registry secret (it was changed after it was referenced)', /registry secret/],
  ['secret "reg" named by registry_secret_ref no longer exists in organization "a"; recreate it', /Create secret "reg" again/],
];

describe('FAILED_PRECONDITION hints', () => {
  it.each(CASES)('%s', (details, hint) => {
    expect(preconditionHint(details)).toMatch(hint);
  });

  it('are absent for a precondition we do not know, rather than generic', () => {
    expect(preconditionHint('the app is being deleted')).toBe('');
  });
});
