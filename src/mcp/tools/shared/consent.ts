import { z } from 'zod';
import type { ToolCall } from '../define-tool.js';

/**
 * How a step that cannot be undone got (or did not get) the user's consent. Distinct values for
 * "the user said no" and "nobody was asked", so a model reads a refusal as the user's answer and
 * does not look for a way around it; there is deliberately no tool argument that skips the question.
 */
export const CONSENT_VALUES = ['accepted', 'declined', 'cancelled', 'not_asked_by_setting', 'refused_no_elicitation'] as const;
export type Consent = (typeof CONSENT_VALUES)[number];

export const consentOutput = z.enum(CONSENT_VALUES);

/** Publish and rollback keep the previous version and can be reversed; the deletes cannot. */
export type ConsentAction = 'publish' | 'rollback' | 'delete';

export interface ConsentQuestion {
  action: ConsentAction;
  /** Exactly what will happen, in one or two sentences: the user decides on this text alone. */
  message: string;
  /** The checkbox label, e.g. "Publish localhost/acme/shop:v2". */
  label: string;
}

export interface ConsentOutcome {
  consent: Consent;
  proceed: boolean;
  /** For the result text when nothing was done; empty when proceeding. */
  note: string;
}

/**
 * Asks the user when the client can show a form (IGNITE_MCP_CONFIRM=elicit or refuse); otherwise
 * follows the setting: `elicit` lets publish and rollback proceed and refuses deletes, `refuse`
 * refuses all, `always-proceed` never asks. A question left unanswered (timeout, client error)
 * counts as cancelled: nothing irreversible happens on a silence.
 */
export async function askConsent(call: ToolCall, question: ConsentQuestion): Promise<ConsentOutcome> {
  const mode = call.deps.config.confirm;
  if (mode === 'always-proceed') return { consent: 'not_asked_by_setting', proceed: true, note: '' };
  if (!call.user.modes().form) {
    if (mode === 'elicit' && question.action !== 'delete') return { consent: 'not_asked_by_setting', proceed: true, note: '' };
    return {
      consent: 'refused_no_elicitation',
      proceed: false,
      note:
        `Not done: this client cannot ask the user (no elicitation) and IGNITE_MCP_CONFIRM=${mode} refuses this without the user's answer. ` +
        'Tell the user; they can use a client that supports elicitation, or set IGNITE_MCP_CONFIRM=always-proceed in the server environment. No tool argument changes this.',
    };
  }
  let answer: Awaited<ReturnType<ToolCall['user']['askForm']>>;
  try {
    answer = await call.user.askForm(
      question.message,
      { type: 'object', properties: { confirm: { type: 'boolean', title: question.label, default: false } }, required: ['confirm'] },
      call.signal,
    );
  } catch (err) {
    call.deps.logger.warn('the consent question got no answer', { error: err instanceof Error ? err.message : String(err) });
    return {
      consent: 'cancelled',
      proceed: false,
      note: 'Not done: the question to the user got no answer. Ask the user before trying again.',
    };
  }
  if (answer.action === 'accept' && answer.content?.confirm === true) return { consent: 'accepted', proceed: true, note: '' };
  if (answer.action === 'cancel') {
    return { consent: 'cancelled', proceed: false, note: 'Not done: the user dismissed the question. Ask the user before trying again.' };
  }
  return {
    consent: 'declined',
    proceed: false,
    note: 'Not done: the user declined. Do not retry or work around it; ask the user what they want instead.',
  };
}

/** A digest for a message, or what its absence means. */
export function digestText(digest: string): string {
  return digest || 'digest not known until Ignite pulls it';
}
