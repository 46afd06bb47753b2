/**
 * The follow-up half of the use case: reminders firing, the candidate reporting the new
 * interview time, and the candidate dropping the follow-up.
 */
import { isRetryable } from '../core/errors.js';
import type { CoreFunctions, Deps } from './deps.js';
import { sendOnce } from './deliver.js';
import { isAllowed, normalizeContact } from './policy.js';
import type { Conversation, ReminderRecord, ReplyChannel } from './ports.js';

export type FireOutcome =
  | { readonly kind: 'sent'; readonly reminder: ReminderRecord }
  | {
      readonly kind: 'skipped';
      readonly reason:
        | 'not_found'
        | 'not_pending'
        | 'no_conversation'
        | 'conversation_closed'
        | 'not_allowed'
        | 'opted_out'
        | 'already_sent';
    }
  /** A send that can never succeed (a rejected address): the reminder is marked failed. */
  | { readonly kind: 'failed'; readonly reminder: ReminderRecord };

function threadOf(conversation: Conversation) {
  const thread = conversation.thread;
  return thread
    ? { inReplyTo: thread.messageId, references: [...thread.references, thread.messageId] }
    : undefined;
}

/**
 * What firing a reminder needs: the ports, and of the core only the reminder renderer (so
 * the reminder Lambda loads no classifier or extractor). Any `Deps` will do.
 */
export type FireDeps = Pick<
  Deps,
  'store' | 'mailer' | 'texter' | 'clock' | 'templates' | 'policy' | 'logger'
> & {
  readonly core: Pick<CoreFunctions, 'renderReminder'>;
};

/**
 * Fires one reminder: at most one message, ever. Skips (and closes the reminder) when the
 * conversation was cancelled or done or the contact opted out. Retryable send failures are
 * rethrown with the reminder still pending, so the scheduler retries; others mark it failed.
 */
export async function fireReminder(deps: FireDeps, reminderId: string): Promise<FireOutcome> {
  const log = { reminderId };
  const reminder = await deps.store.getReminder(reminderId);
  if (reminder === null) {
    deps.logger.warn('reminder skipped: not found', log);
    return { kind: 'skipped', reason: 'not_found' };
  }
  if (reminder.status !== 'pending') {
    deps.logger.info('reminder skipped: not pending', { ...log, status: reminder.status });
    return { kind: 'skipped', reason: 'not_pending' };
  }
  const close = async (
    to: 'cancelled' | 'failed',
    reason: 'no_conversation' | 'conversation_closed' | 'not_allowed' | 'opted_out',
  ): Promise<FireOutcome> => {
    await deps.store.transitionReminder(reminder.id, 'pending', to);
    deps.logger.info('reminder skipped', { ...log, reason });
    return { kind: 'skipped', reason };
  };
  const conversation = await deps.store.getConversation(reminder.conversationId);
  if (conversation === null) return close('failed', 'no_conversation');
  if (conversation.status === 'cancelled' || conversation.status === 'done') {
    return close('cancelled', 'conversation_closed');
  }
  const to = normalizeContact(reminder.to);
  if (!isAllowed(deps.policy.allowlist, to)) return close('cancelled', 'not_allowed');
  if (await deps.store.isOptedOut(to)) return close('cancelled', 'opted_out');

  const rendered = deps.core.renderReminder(
    { plan: conversation.plan, kind: reminder.kind, newStart: conversation.newStart ?? null },
    deps.templates,
  );
  try {
    const outcome = await sendOnce(deps, reminder.id, {
      channel: reminder.channel,
      to: reminder.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      sms: rendered.sms,
      thread: threadOf(conversation),
    });
    if (outcome === 'already_sent') return { kind: 'skipped', reason: 'already_sent' };
  } catch (error) {
    if (isRetryable(error)) throw error;
    await deps.store.transitionReminder(reminder.id, 'pending', 'failed');
    deps.logger.error('reminder failed for good', { ...log, kind: reminder.kind });
    return { kind: 'failed', reminder: { ...reminder, status: 'failed' } };
  }
  await deps.store.transitionReminder(reminder.id, 'pending', 'sent');
  deps.logger.info('reminder sent', { ...log, kind: reminder.kind, channel: reminder.channel });
  return { kind: 'sent', reminder: { ...reminder, status: 'sent' } };
}

/** Where follow-ups for a conversation go: the contact it came from, else the candidate's. */
export function followUpTarget(
  conversation: Conversation,
): { readonly channel: ReplyChannel; readonly to: string } | null {
  const { contact, plan } = conversation;
  if ((contact.channel === 'email' || contact.channel === 'sms') && contact.address !== null) {
    return { channel: contact.channel, to: contact.address };
  }
  if (plan.candidate.email !== null) return { channel: 'email', to: plan.candidate.email };
  if (plan.candidate.phone !== null) return { channel: 'sms', to: plan.candidate.phone };
  return null;
}

async function cancelPending(
  deps: Deps,
  conversationId: string,
  keep: (reminder: ReminderRecord) => boolean = () => false,
): Promise<number> {
  let cancelled = 0;
  const pending = await deps.store.listReminders({ conversationId, status: 'pending' });
  for (const reminder of pending) {
    if (keep(reminder)) continue;
    await deps.scheduler.cancel(reminder.id);
    if (await deps.store.transitionReminder(reminder.id, 'pending', 'cancelled')) cancelled += 1;
  }
  return cancelled;
}

export type NewTimeOutcome =
  | {
      readonly kind: 'recorded';
      readonly conversation: Conversation;
      /** The thank-you to send now; already sent unless `inline` was asked for. */
      readonly thankYou: {
        readonly subject: string;
        readonly text: string;
        readonly html: string;
        readonly sms: string;
      };
      readonly thankYouSent: boolean;
      readonly prepReminder: ReminderRecord | null;
    }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'closed' };

/**
 * Records the rescheduled interview time the candidate reported: the conversation moves to
 * `rescheduled`, the thank-you goes out now (once per reported time), the pending
 * thank-you and older prep reminders are dropped, and a prep reminder is scheduled before
 * the new time. With `inline`, the thank-you is returned for the caller to answer with.
 */
export async function recordNewTime(
  deps: Deps,
  conversationId: string,
  newStart: string,
  options: { readonly inline?: boolean } = {},
): Promise<NewTimeOutcome> {
  const log = { conversationId };
  const conversation = await deps.store.getConversation(conversationId);
  if (conversation === null) return { kind: 'not_found' };
  if (conversation.status === 'cancelled' || conversation.status === 'done')
    return { kind: 'closed' };

  const now = deps.clock.now();
  const decided = deps.core.planNewTime(
    conversation.plan,
    newStart,
    now.toISOString(),
    deps.templates,
    { candidateTimezone: conversation.request.candidate.timezone ?? null },
  );
  const saved = await deps.store.saveConversation(
    {
      ...conversation,
      status: 'rescheduled',
      newStart,
      awaiting: null,
      updatedAt: now.toISOString(),
    },
    conversation.version,
  );

  const target = followUpTarget(saved);
  const reachable =
    target !== null &&
    isAllowed(deps.policy.allowlist, target.to) &&
    !(await deps.store.isOptedOut(normalizeContact(target.to)));

  let thankYouSent = false;
  if (reachable && !options.inline) {
    const outcome = await sendOnce(deps, `${conversationId}:new-time:${newStart}:thank-you`, {
      channel: target.channel,
      to: target.to,
      subject: decided.thankYouNow.subject,
      text: decided.thankYouNow.text,
      html: decided.thankYouNow.html,
      sms: decided.thankYouNow.sms,
      thread: threadOf(saved),
    });
    thankYouSent = outcome === 'sent';
  }

  const prepId = `${conversationId}:prep:${Math.floor(Date.parse(newStart) / 1000)}`;
  await cancelPending(deps, conversationId, (r) => r.id === prepId);
  let prepReminder: ReminderRecord | null = null;
  if (reachable && decided.prepReminderAt !== null) {
    prepReminder = {
      id: prepId,
      conversationId,
      kind: 'prep',
      at: decided.prepReminderAt,
      channel: target.channel,
      to: target.to,
      status: 'pending',
      timezone: saved.request.candidate.timezone ?? null,
    };
    const existing = await deps.store.getReminder(prepId);
    if (existing === null || existing.status === 'pending') {
      await deps.store.putReminder(prepReminder);
      await deps.scheduler.schedule(prepReminder);
    } else {
      prepReminder = existing;
    }
  }
  deps.logger.info('new time recorded', {
    ...log,
    thankYouSent,
    prepScheduled: prepReminder?.status === 'pending',
  });
  return {
    kind: 'recorded',
    conversation: saved,
    thankYou: decided.thankYouNow,
    thankYouSent,
    prepReminder,
  };
}

export type CancelOutcome =
  | { readonly kind: 'cancelled'; readonly remindersCancelled: number }
  | { readonly kind: 'not_found' };

/** Drops the follow-up: every pending reminder is unscheduled and the conversation closed. */
export async function cancelConversation(
  deps: Deps,
  conversationId: string,
): Promise<CancelOutcome> {
  const conversation = await deps.store.getConversation(conversationId);
  if (conversation === null) return { kind: 'not_found' };
  const remindersCancelled = await cancelPending(deps, conversationId);
  if (conversation.status !== 'cancelled') {
    await deps.store.saveConversation(
      {
        ...conversation,
        status: 'cancelled',
        awaiting: null,
        updatedAt: deps.clock.now().toISOString(),
      },
      conversation.version,
    );
  }
  deps.logger.info('conversation cancelled', { conversationId, remindersCancelled });
  return { kind: 'cancelled', remindersCancelled };
}
