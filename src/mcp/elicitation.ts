import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { loadJsonSchemaValidator } from './json-schema-validator.js';

/** A person answers; the SDK's 60 s request default is too short for reading a question and deciding. */
const ANSWER_TIMEOUT_MS = 10 * 60_000;

/**
 * Asking the user through the MCP client (docs/mcp-sdk.md §3, G14). Form mode is for questions
 * (yes/no); secrets go through URL mode only, as the spec requires, so they never pass the client.
 */
export interface UserChannel {
  /** What the client declared it can show. */
  modes(): { form: boolean; url: boolean };
  askForm(message: string, requestedSchema: ElicitRequestFormParams['requestedSchema'], signal: AbortSignal): Promise<ElicitResult>;
  /** Asks the user to open `url`; accept means they agreed to go there, not that they finished. */
  openUrl(message: string, url: string, elicitationId: string, signal: AbortSignal): Promise<ElicitResult>;
  /** Tells the client the out-of-band step of `elicitationId` is done. */
  completed(elicitationId: string): Promise<void>;
}

export function userChannelOf(server: Server): UserChannel {
  const elicitation = () => server.getClientCapabilities()?.elicitation;
  return {
    modes: () => ({ form: Boolean(elicitation()?.form), url: Boolean(elicitation()?.url) }),
    // The SDK checks an accepted form against requestedSchema with the validator loaded here.
    askForm: async (message, requestedSchema, signal) => {
      await loadJsonSchemaValidator();
      return server.elicitInput({ mode: 'form', message, requestedSchema }, { signal, timeout: ANSWER_TIMEOUT_MS });
    },
    openUrl: (message, url, elicitationId, signal) =>
      server.elicitInput({ mode: 'url', message, url, elicitationId }, { signal, timeout: ANSWER_TIMEOUT_MS }),
    completed: (elicitationId) => server.createElicitationCompletionNotifier(elicitationId)(),
  };
}
