import { z } from 'zod';
import type { DraftInfo__Output } from '../../contract/generated/dodil/ignite/v1/DraftInfo.js';
import { organizationFor } from './shared/app-summary.js';
import { askConsent, consentOutput, digestText } from './shared/consent.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';
import { summarizeDigestTest } from './shared/version-summary.js';

export const publishDraftTool = defineTool({
  name: 'publish_draft',
  title: 'Publish the draft',
  description: `Freezes the app's draft into the next version and makes it the active one invoke calls (rollback_app brings the previous one back). Run test_draft first: the result names the digest that went live and whether exactly that digest passed test_draft. A version that fails its health check is not published.
May ask the user first; consent says what they answered (declined: do not retry).
Next: invoke.`,
  input: { app_name: appNameInput, organization_name: organizationInput },
  output: {
    consent: consentOutput,
    published: z.boolean(),
    version: z.number().int().describe('0 when nothing was published'),
    image_digest: z.string(),
    tested: z.boolean().describe('Exactly this digest passed test_draft'),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ app_name }) =>
    `call get_draft and configure_app for "${app_name}" and compare active_version with the version you expected`,
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const ids = { organization_name, app_name: args.app_name };
    const options = { signal: call.signal };
    const [{ draft }, { app }] = await Promise.all([call.deps.client.getDraftInfo(ids, options), call.deps.client.getApp(ids, options)]);
    if (!draft) throw new Error('GetDraftInfo returned no draft');
    const digest = draft.image_digest;
    const tested = testedText(draft);
    const replacing = app?.active_version ? `, replacing version ${app.active_version}` : '';
    const { consent, proceed, note } = await askConsent(call, {
      action: 'publish',
      message:
        `Publish the draft of app "${args.app_name}" (${organization_name}) as its next version? ` +
        `Image ${draft.image_ref || 'still to be built'} (${digestText(digest)}) goes live${replacing}. ${tested.sentence}`,
      label: `Publish ${draft.image_ref || 'the draft'}`,
    });
    const kind = draft.code_kind.replace(/^CODE_KIND_/, '');
    if (!proceed) {
      return {
        structured: {
          app_name: args.app_name,
          consent,
          published: false,
          version: 0,
          status: '',
          image_ref: draft.image_ref,
          image_digest: digest,
          tested: tested.passed,
          code_kind: kind,
        },
        text: `${args.app_name} NOT published (consent: ${consent}). ${note}`,
      };
    }
    // The digest the user agreed to: a draft that changed meanwhile is refused, not published.
    const response = await call.deps.client.publishDraft({ ...ids, expected_image_digest: digest }, options);
    const info = response.version_info;
    const test = summarizeDigestTest(info?.test);
    const structured = {
      app_name: args.app_name,
      consent,
      published: true,
      version: response.version,
      status: (info?.status ?? '').replace(/^VERSION_STATUS_/, ''),
      image_ref: info?.image_ref ?? '',
      image_digest: info?.image_digest ?? '',
      tested: test?.passed ?? false,
      code_kind: (info?.code_kind ?? '').replace(/^CODE_KIND_/, ''),
    };
    const warning = structured.tested
      ? 'this exact digest passed test_draft'
      : `WARNING: this digest did NOT pass test_draft${test ? ` (its test answered ${test.status_code})` : ' (never tested)'}`;
    return {
      structured,
      text: `published ${args.app_name} version ${structured.version} (${structured.status}): ${structured.image_ref} ${structured.image_digest} is live; ${warning} (consent: ${consent})\nnext: invoke`,
    };
  },
});

function testedText(draft: DraftInfo__Output): { passed: boolean; sentence: string } {
  const test = draft.image_digest && draft.last_test?.image_digest === draft.image_digest ? draft.last_test : null;
  if (test?.passed) return { passed: true, sentence: `This exact digest passed test_draft (HTTP ${test.status_code}).` };
  if (test) return { passed: false, sentence: `This digest has NOT passed test_draft: its last test answered HTTP ${test.status_code}.` };
  return { passed: false, sentence: 'This digest has NOT been tested with test_draft.' };
}
