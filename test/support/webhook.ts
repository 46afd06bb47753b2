/** Builds signed webhook calls the way a real client would. */
import { signatureHeader } from '../../lambda/channels/webhook/signature.js';
import type { WebhookInput } from '../../lambda/channels/webhook/handle-webhook.js';

export const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef';

export interface SignedCallOptions {
  readonly now: Date;
  readonly key?: string | undefined;
  /** Sign at another time than `now` (stale signatures). */
  readonly signedAt?: Date | undefined;
  readonly secret?: string | undefined;
  readonly headers?: Record<string, string> | undefined;
}

/** A call with `body` (an object is serialized) signed with the test secret. */
export function signedCall(body: unknown, options: SignedCallOptions): WebhookInput {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const t = Math.floor((options.signedAt ?? options.now).getTime() / 1000);
  return {
    headers: {
      'Content-Type': 'application/json',
      'X-Signature': signatureHeader(options.secret ?? WEBHOOK_SECRET, t, raw),
      ...(options.key === undefined ? {} : { 'Idempotency-Key': options.key }),
      ...options.headers,
    },
    body: raw,
    now: options.now,
  };
}
