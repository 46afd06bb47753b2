/**
 * The ports the app (the one use case every entry point runs) needs from the outside
 * world. Each has an AWS/Twilio adapter and a local one (lambda/adapters/*).
 * Adapters translate SDK errors into AppError subclasses flagged `retryable`.
 */
import type { Plan, Request, ReminderKind } from '../core/schema.js';

export type ReplyChannel = 'email' | 'sms';

export interface OutboundEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string | undefined;
  /** Threading: the candidate's Message-ID we answer, and the thread's References. */
  readonly inReplyTo?: string | undefined;
  readonly references?: readonly string[] | undefined;
}

/** Sends an email (SES SendRawEmail, or the local outbox). */
export interface Mailer {
  send(message: OutboundEmail): Promise<{ readonly messageId: string }>;
}

export interface OutboundSms {
  readonly to: string;
  readonly body: string;
}

/** Sends an SMS (Twilio REST Messages API, or the local outbox). */
export interface Texter {
  send(message: OutboundSms): Promise<{ readonly sid: string }>;
}

/**
 * What the app logs through: a structural subset of the Powertools Logger, so tests can
 * pass a silent or recording one. Ids and outcomes only, never bodies, addresses or numbers.
 */
export interface Log {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** The only clock the app reads. */
export interface Clock {
  now(): Date;
}

export type ReminderStatus = 'pending' | 'sent' | 'cancelled' | 'failed';

export interface ReminderRecord {
  /** Stable id: `<conversationId>:<kind>[:n]`; the idempotency key of its delivery. */
  readonly id: string;
  readonly conversationId: string;
  readonly kind: ReminderKind;
  /** ISO-8601 instant it should fire. */
  readonly at: string;
  readonly channel: ReplyChannel;
  readonly to: string;
  readonly status: ReminderStatus;
  /**
   * The candidate's IANA zone, when known: EventBridge Scheduler writes the `at()` time in
   * it (`ScheduleExpressionTimezone`), so the console shows the candidate's local time.
   * The instant is `at` either way. @default UTC
   */
  readonly timezone?: string | null;
}

/** Fires reminders at their time (EventBridge Scheduler `at()` schedules, or a local timer). */
export interface ReminderScheduler {
  schedule(reminder: ReminderRecord): Promise<void>;
  cancel(reminderId: string): Promise<void>;
}

export type ConversationStatus = 'open' | 'awaiting' | 'rescheduled' | 'cancelled' | 'done';

export interface Conversation {
  readonly id: string;
  /** Where answers go: the candidate's address or number on the inbound channel. */
  readonly contact: { readonly channel: ReplyChannel | 'webhook'; readonly address: string | null };
  readonly request: Request;
  readonly plan: Plan;
  readonly status: ConversationStatus;
  /** What the service asked and waits for (SMS: "which interview?", "when?"). */
  readonly awaiting?: string | null;
  /** The rescheduled interview time, once the candidate reports it. */
  readonly newStart?: string | null;
  /** Email threading of the candidate's inbound. */
  readonly thread?: {
    readonly messageId: string;
    readonly references: readonly string[];
    readonly subject: string;
  } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic concurrency: every save is conditional on the version read. */
  readonly version: number;
}

export type InboundClaim =
  | { readonly status: 'new' }
  | { readonly status: 'duplicate'; readonly result: string | null }
  | { readonly status: 'conflict' };

/**
 * State. DynamoDB (one table, conditional writes only) or in memory; one contract suite
 * runs against both.
 */
export interface Store {
  /** Records an inbound key with a fingerprint of its body; a second claim is a duplicate or, with another body, a conflict. */
  claimInbound(key: string, fingerprint: string, now: Date): Promise<InboundClaim>;
  /** Stores the outcome of an inbound (the serialized Plan) so duplicates can answer the same. */
  completeInbound(key: string, result: string): Promise<void>;
  /** Forgets an inbound claim after a failure so a retry can process it again. */
  releaseInbound(key: string): Promise<void>;

  getConversation(id: string): Promise<Conversation | null>;
  /**
   * Creates (`expectedVersion` null: the id must be absent) or updates (the stored version
   * must equal `expectedVersion`); throws ConflictError otherwise. The store assigns the
   * version (0 on create, `expectedVersion + 1` on update) and returns what it saved; it
   * also points the contact's "latest conversation" at it.
   */
  saveConversation(
    conversation: Conversation,
    expectedVersion: number | null,
  ): Promise<Conversation>;
  /** The latest conversation for a contact (a phone number or an email address). */
  latestConversationFor(contact: string): Promise<Conversation | null>;

  isOptedOut(contact: string): Promise<boolean>;
  setOptedOut(contact: string, optedOut: boolean, now: Date): Promise<void>;

  /** Counts one request for `sender` in the current window; false when over `limit`. */
  takeRateToken(sender: string, limit: number, windowSeconds: number, now: Date): Promise<boolean>;

  /** The send-once guard: true the first time `key` is claimed. */
  claimDelivery(key: string, now: Date): Promise<boolean>;
  releaseDelivery(key: string): Promise<void>;

  putReminder(reminder: ReminderRecord): Promise<void>;
  getReminder(id: string): Promise<ReminderRecord | null>;
  /** Moves a reminder from one status to another; false if it was not in `from`. */
  transitionReminder(id: string, from: ReminderStatus, to: ReminderStatus): Promise<boolean>;
  listReminders(filter?: {
    readonly conversationId?: string;
    readonly status?: ReminderStatus;
  }): Promise<ReminderRecord[]>;
}
