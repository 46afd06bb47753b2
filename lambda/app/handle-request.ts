/**
 * The one use case every entry point runs (email, SMS, webhook, local service):
 * dedupe -> policy -> plan -> deliver -> schedule -> record. Expected outcomes (a retry, a
 * reused key, a sender we must not answer) are return values; failures of the outside
 * world are thrown, after releasing the inbound claim so a retry can finish the job.
 */
import { PlanSchema, type Plan, type Request } from '../core/schema.js';
import { isRetryable } from '../core/errors.js';
import type { Deps } from './deps.js';
import { sendOnce } from './deliver.js';
import { isAllowed, normalizeContact } from './policy.js';
import type { Conversation, ReminderRecord } from './ports.js';

export interface InboundMeta {
  /** The inbound's idempotency key, scoped by channel (`webhook:<key>`, `sms:<MessageSid>`). */
  readonly idempotencyKey: string;
  /** A hash of the inbound's body: the same key with another fingerprint is a conflict. */
  readonly fingerprint: string;
  /**
   * Who the replies go to (an email address or an E.164 number): the allowlist, opt-out and
   * rate limit apply to it. Null when nobody is answered (a webhook call with
   * `deliver: "none"`, already authenticated by its signature): the checks are skipped.
   */
  readonly sender: string | null;
  /**
   * True when the channel answers inline (TwiML): the app plans, records and schedules but
   * does not send `plan.replies`; the caller puts them in its response.
   */
  readonly inlineReplies?: boolean | undefined;
  /** Email threading of the inbound: replies answer it with In-Reply-To and References. */
  readonly thread?: Conversation['thread'] | undefined;
}

export type RejectionReason = 'not_allowed' | 'opted_out' | 'rate_limited';

export type HandleOutcome =
  | { readonly kind: 'planned'; readonly conversationId: string; readonly plan: Plan }
  /** The same key and body again: the stored Plan, nothing sent twice. */
  | { readonly kind: 'duplicate'; readonly conversationId: string; readonly plan: Plan }
  /** The same key and body while the first attempt is still running. */
  | { readonly kind: 'in_progress' }
  /** The same key with another body. */
  | { readonly kind: 'conflict' }
  | { readonly kind: 'rejected'; readonly reason: RejectionReason };

/** Reminder ids are stable so a retry re-puts and re-schedules the same ones. */
export function reminderIdFor(conversationId: string, kind: string, index: number): string {
  return index === 0 ? `${conversationId}:${kind}` : `${conversationId}:${kind}:${index}`;
}

function contactChannel(request: Request): Conversation['contact']['channel'] {
  return request.channel === 'email' || request.channel === 'sms' ? request.channel : 'webhook';
}

/**
 * Allowlist, opt-out, then one rate token. A resumed attempt (an earlier one failed after
 * recording the conversation) takes no token: retries must not lock the sender out.
 */
async function checkPolicy(
  deps: Deps,
  sender: string,
  now: Date,
  resumed: boolean,
): Promise<RejectionReason | null> {
  if (!isAllowed(deps.policy.allowlist, sender)) return 'not_allowed';
  if (await deps.store.isOptedOut(sender)) return 'opted_out';
  if (resumed) return null;
  const { limit, windowSeconds } = deps.policy.rateLimit;
  if (!(await deps.store.takeRateToken(sender, limit, windowSeconds, now))) return 'rate_limited';
  return null;
}

/** Creates the conversation, or finds the one an earlier, failed attempt left. */
async function openConversation(
  deps: Deps,
  request: Request,
  meta: InboundMeta,
  sender: string | null,
  now: Date,
  existing: Conversation | null,
): Promise<Conversation> {
  if (existing !== null) {
    deps.logger.info('conversation resumed after an earlier attempt', { requestId: request.id });
    return existing;
  }
  const plan = deps.core.plan(request, now.toISOString(), deps.templates);
  return deps.store.saveConversation(
    {
      id: request.id,
      contact: { channel: contactChannel(request), address: sender },
      request,
      plan,
      status: 'open',
      awaiting: null,
      newStart: null,
      thread: meta.thread ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 0,
    },
    null,
  );
}

async function deliverReplies(deps: Deps, conversation: Conversation): Promise<number> {
  const { plan, thread } = conversation;
  let sent = 0;
  for (const [n, reply] of plan.replies.entries()) {
    if (!isAllowed(deps.policy.allowlist, reply.to)) {
      deps.logger.warn('reply skipped: recipient not on the allowlist', {
        requestId: conversation.id,
        reply: n,
      });
      continue;
    }
    const outcome = await sendOnce(deps, `${conversation.id}:reply:${n}`, {
      channel: reply.channel,
      to: reply.to,
      subject: reply.subject ?? plan.drafts.reschedule.subject,
      text: reply.text,
      html: reply.html,
      thread: thread
        ? { inReplyTo: thread.messageId, references: [...thread.references, thread.messageId] }
        : undefined,
    });
    if (outcome === 'sent') sent += 1;
  }
  return sent;
}

async function scheduleReminders(deps: Deps, conversation: Conversation): Promise<number> {
  const seen = new Map<string, number>();
  let scheduled = 0;
  for (const reminder of conversation.plan.reminders) {
    const index = seen.get(reminder.kind) ?? 0;
    seen.set(reminder.kind, index + 1);
    const record: ReminderRecord = {
      id: reminderIdFor(conversation.id, reminder.kind, index),
      conversationId: conversation.id,
      kind: reminder.kind,
      at: reminder.at,
      channel: reminder.channel,
      to: reminder.to,
      status: 'pending',
      timezone: conversation.request.candidate.timezone ?? null,
    };
    const existing = await deps.store.getReminder(record.id);
    if (existing !== null && existing.status !== 'pending') continue;
    await deps.store.putReminder(record);
    await deps.scheduler.schedule(record);
    scheduled += 1;
  }
  return scheduled;
}

function readStoredPlan(result: string): Plan {
  return PlanSchema.parse(JSON.parse(result));
}

/**
 * Runs one inbound request through the whole use case. Throws only for failures: a core
 * ValidationError (bad input that got past the channel), a TemplateError, or an adapter
 * error (retryable ones should be retried by the entry point); the inbound claim is then
 * released and sends that went out stay claimed.
 */
export async function handleRequest(
  deps: Deps,
  request: Request,
  meta: InboundMeta,
): Promise<HandleOutcome> {
  const now = deps.clock.now();
  const log = { requestId: request.id, channel: request.channel };
  const claim = await deps.store.claimInbound(meta.idempotencyKey, meta.fingerprint, now);
  if (claim.status === 'conflict') {
    deps.logger.warn('idempotency key reused with another body', log);
    return { kind: 'conflict' };
  }
  if (claim.status === 'duplicate') {
    deps.logger.info('duplicate inbound', { ...log, inProgress: claim.result === null });
    if (claim.result === null) return { kind: 'in_progress' };
    return { kind: 'duplicate', conversationId: request.id, plan: readStoredPlan(claim.result) };
  }

  try {
    const sender = meta.sender === null ? null : normalizeContact(meta.sender);
    const existing = await deps.store.getConversation(request.id);
    if (sender !== null) {
      const rejection = await checkPolicy(deps, sender, now, existing !== null);
      if (rejection !== null) {
        // Nothing was done: forget the claim so the same request may succeed later.
        await deps.store.releaseInbound(meta.idempotencyKey);
        deps.logger.info('request rejected', { ...log, reason: rejection });
        return { kind: 'rejected', reason: rejection };
      }
    }
    const conversation = await openConversation(deps, request, meta, sender, now, existing);
    const sent = meta.inlineReplies ? 0 : await deliverReplies(deps, conversation);
    const scheduled = await scheduleReminders(deps, conversation);
    await deps.store.completeInbound(meta.idempotencyKey, JSON.stringify(conversation.plan));
    deps.logger.info('request planned', {
      ...log,
      category: conversation.plan.reason.category,
      urgency: conversation.plan.notice.urgency,
      repliesSent: sent,
      remindersScheduled: scheduled,
    });
    return { kind: 'planned', conversationId: conversation.id, plan: conversation.plan };
  } catch (error) {
    await deps.store.releaseInbound(meta.idempotencyKey).catch((releaseError: unknown) => {
      deps.logger.error('could not release the inbound claim', {
        ...log,
        errorName: releaseError instanceof Error ? releaseError.name : typeof releaseError,
      });
    });
    deps.logger.warn('request failed', {
      ...log,
      retryable: isRetryable(error),
      errorName: error instanceof Error ? error.name : typeof error,
    });
    throw error;
  }
}
