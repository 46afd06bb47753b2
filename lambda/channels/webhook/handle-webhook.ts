/**
 * `POST /v1/reschedule`, framework-free: the Lambda handler and the local service both
 * call `handleWebhook` with the raw body, and send back what it returns.
 *
 * Order, cheapest refusal first: size (413) -> signature (401) -> body and key (400) ->
 * the app: duplicate (200, replayed), key reused with another body (409), sender refused
 * (403 not_allowed / opted_out), rate limited (429), planned (200 with the Plan).
 *
 * Decisions:
 * - `Idempotency-Key` is optional. Without it the key is derived from the body's SHA-256,
 *   so a client's blind retry of the same body is still answered once, and sending the
 *   same body again on purpose within the dedupe window (7 days) replays the first Plan.
 * - Reusing a key with a byte-different body is a 409, even if the JSON means the same.
 * - The allowlist applies to whoever would receive a message (`candidate.email` for
 *   `deliver: "email"`, `candidate.phone` for `"sms"`): 403 when refused. With
 *   `deliver: "none"` nothing is sent, the caller is authenticated by the signature, and
 *   no per-sender checks apply (the API stage's throttling bounds the rate).
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../app/deps.js';
import { handleRequest, type HandleOutcome } from '../../app/handle-request.js';
import { isRetryable, isValidationError, type Issue } from '../../core/errors.js';
import { parseRequest, type Plan } from '../../core/schema.js';
import { parseWebhookBody, type WebhookBody } from './body.js';
import { verifySignature } from './signature.js';

/**
 * 64 KB: a reason and an interview's details fit in a few KB; anything bigger is not a
 * candidate's message, and refusing it before parsing bounds the work a caller can cause.
 */
export const MAX_BODY_BYTES = 64 * 1024;

export interface WebhookSettings {
  /**
   * The HMAC secrets accepted: the current one, plus the previous one while rotating; or
   * how to get them (Secrets Manager, cached by the reader). A failed read answers 503.
   */
  readonly secrets: readonly string[] | (() => Promise<readonly string[]>);
  /** False when no Texter is configured: `deliver: "sms"` is then a 400. */
  readonly smsEnabled: boolean;
}

export type WebhookDeps = Deps & { readonly webhook: WebhookSettings };

export interface WebhookInput {
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The raw body exactly as received (already base64-decoded): the signature covers it. */
  readonly body: string;
  readonly now: Date;
}

export interface WebhookResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function respond(
  statusCode: number,
  payload: unknown,
  headers: Record<string, string> = {},
): WebhookResponse {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(payload) };
}

const invalid = (issues: readonly Issue[]) => respond(400, { error: 'invalid_request', issues });

function header(headers: WebhookInput['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Printable ASCII without spaces, 1 to 200 characters (it becomes part of stored keys). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

function recipientOf(body: WebhookBody): string | null {
  if (body.deliver === 'email') return body.candidate?.email ?? null;
  if (body.deliver === 'sms') return body.candidate?.phone ?? null;
  return null;
}

function planResponse(plan: Plan, replayed: boolean): WebhookResponse {
  return respond(200, plan, replayed ? { 'idempotent-replayed': 'true' } : {});
}

function outcomeResponse(outcome: HandleOutcome, deps: WebhookDeps, now: Date): WebhookResponse {
  switch (outcome.kind) {
    case 'planned':
      return planResponse(outcome.plan, false);
    case 'duplicate':
      return planResponse(outcome.plan, true);
    case 'in_progress':
      return respond(
        409,
        {
          error: 'request_in_progress',
          message: 'A request with this Idempotency-Key is still being processed; retry shortly.',
        },
        { 'retry-after': '2' },
      );
    case 'conflict':
      return respond(409, {
        error: 'idempotency_key_reused',
        message: 'This Idempotency-Key was used with a different body.',
      });
    case 'rejected': {
      if (outcome.reason === 'rate_limited') {
        const window = deps.policy.rateLimit.windowSeconds;
        const retryAfter = window - (Math.floor(now.getTime() / 1000) % window);
        return respond(
          429,
          { error: 'rate_limited', message: 'Too many requests for this recipient; retry later.' },
          { 'retry-after': String(retryAfter) },
        );
      }
      return respond(403, {
        error: outcome.reason,
        message:
          outcome.reason === 'opted_out'
            ? 'This recipient opted out of messages from this service.'
            : 'This recipient is not on the allowlist.',
      });
    }
  }
}

const unavailable = respond(
  503,
  { error: 'unavailable', message: 'Try again shortly with the same Idempotency-Key.' },
  { 'retry-after': '5' },
);

async function resolveSecrets(deps: WebhookDeps): Promise<readonly string[] | null> {
  const { secrets } = deps.webhook;
  if (typeof secrets !== 'function') return secrets;
  try {
    return await secrets();
  } catch (error) {
    deps.logger.error('webhook secret unavailable', {
      errorName: error instanceof Error ? error.name : typeof error,
    });
    return null;
  }
}

/** Answers one webhook call. Never throws: failures become 5xx without any detail. */
export async function handleWebhook(
  deps: WebhookDeps,
  input: WebhookInput,
): Promise<WebhookResponse> {
  if (Buffer.byteLength(input.body, 'utf8') > MAX_BODY_BYTES) {
    return respond(413, {
      error: 'payload_too_large',
      message: `The body is over ${MAX_BODY_BYTES} bytes.`,
    });
  }
  const secrets = await resolveSecrets(deps);
  if (secrets === null) return unavailable;
  const signature = verifySignature(
    header(input.headers, 'x-signature'),
    input.body,
    secrets,
    input.now,
  );
  if (!signature.ok) {
    deps.logger.warn('webhook refused: bad signature', { reason: signature.reason });
    return respond(401, { error: 'invalid_signature', reason: signature.reason });
  }

  const issues: Issue[] = [];
  const givenKey = header(input.headers, 'idempotency-key');
  if (givenKey !== undefined && !KEY_PATTERN.test(givenKey)) {
    issues.push({
      path: 'headers.Idempotency-Key',
      message: 'must be 1 to 200 printable ASCII characters without spaces',
    });
  }
  const parsed = parseWebhookBody(input.body);
  if (!parsed.ok) issues.push(...parsed.issues);
  if (parsed.ok && parsed.body.deliver === 'sms' && !deps.webhook.smsEnabled) {
    issues.push({ path: 'deliver', message: 'SMS delivery is not configured on this service' });
  }
  if (!parsed.ok || issues.length > 0) return invalid(issues);

  const fingerprint = sha256(input.body);
  const key = `webhook:${givenKey ?? `body-sha256:${fingerprint}`}`;
  const body = parsed.body;
  try {
    const request = parseRequest({
      id: key,
      channel: 'webhook',
      text: body.text,
      receivedAt: input.now.toISOString(),
      interview: body.interview ?? {},
      candidate: body.candidate ?? {},
      deliver: body.deliver,
    });
    const outcome = await handleRequest(deps, request, {
      idempotencyKey: key,
      fingerprint,
      sender: recipientOf(body),
    });
    return outcomeResponse(outcome, deps, input.now);
  } catch (error) {
    if (isValidationError(error)) return invalid(error.issues);
    const retryable = isRetryable(error);
    deps.logger.error('webhook failed', {
      requestId: key,
      retryable,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    return retryable ? unavailable : respond(500, { error: 'internal_error' });
  }
}
