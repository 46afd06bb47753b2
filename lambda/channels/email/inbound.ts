/**
 * SES inbound, after the receipt rule stored the raw mail in S3 and invoked the function:
 * verify (spam, virus, SPF, DKIM, DMARC verdicts; the allowlist), fetch the raw mail,
 * parse it, and run the app: a new request, or a reply on a known thread that reports the
 * rescheduled time. Mail we cannot use gets a short polite answer, only ever to an allowed
 * sender (never backscatter); dropped mail is logged by message id only. The raw message
 * is never deleted: S3 keeps it (lifecycle expiry decides when it goes).
 */
import { createHash } from 'node:crypto';
import { handleRequest, type HandleOutcome } from '../../app/handle-request.js';
import { recordNewTime } from '../../app/follow-up.js';
import { SesEventSchema, type SesEvent, type SesRecord } from './ses-event.js';
import { sendOnce } from '../../app/deliver.js';
import { isAllowed, normalizeContact } from '../../app/policy.js';
import type { Deps } from '../../app/deps.js';
import type { Conversation } from '../../app/ports.js';
import { AppError, ValidationError } from '../../core/errors.js';
import { parseWhen as coreParseWhen } from '../../core/extract.js';
import { parseRequest, toIssues } from '../../core/schema.js';
import { parseInboundEmail, type ParsedInboundEmail } from './parse.js';
import { stripSubjectPrefixes } from './forward.js';
import { problemReply, replyText, threadedMailer, type ProblemKind } from './reply.js';

export type { SesEvent, SesRecord };

export type RawMailRead =
  | { readonly kind: 'ok'; readonly raw: Buffer }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'missing' };

/** Where the raw inbound mail is kept (S3 on AWS): read, never deleted. */
export interface RawMailSource {
  /** Reads the raw mail of `messageId`, refusing (not reading) more than `maxBytes`. */
  read(messageId: string, maxBytes: number): Promise<RawMailRead>;
}

export interface EmailInboundDeps {
  readonly app: Deps;
  readonly rawMail: RawMailSource;
  /**
   * Largest raw message we read, in bytes. 10 MB: SES accepts mail up to 40 MB into S3,
   * but a forwarded invite is tens of KB; anything this big is attachments we do not need.
   * @default 10485760
   */
  readonly maxBytes?: number | undefined;
  /** The core's parseWhen, for "moved to Thu 2pm" in replies (tests may pin it). */
  readonly parseWhen?: typeof coreParseWhen;
}

/** What reading one raw mail needs: the app, and optionally a pinned parseWhen. */
export type RawMailDeps = Pick<EmailInboundDeps, 'app' | 'parseWhen' | 'maxBytes'>;

/** One raw mail whose sender passed the verdicts and the allowlist. */
export interface RawMail {
  /** The idempotency key (SES message id). */
  readonly messageId: string;
  readonly raw: Buffer;
  /** The verified, allowlisted sender address. */
  readonly sender: string;
  /** The Subject header as received (for answers to unreadable mail). */
  readonly subject: string;
  /** ISO-8601 instant the mail was received (used when it has no readable Date). */
  readonly timestamp: string;
}

export type DropReason = 'verdict_failed' | 'not_allowed' | 'no_sender';

export type EmailInboundOutcome =
  | { readonly kind: 'dropped'; readonly reason: DropReason; readonly messageId: string }
  | { readonly kind: 'answered_problem'; readonly problem: ProblemKind; readonly messageId: string }
  | {
      readonly kind: 'new_time';
      readonly messageId: string;
      readonly conversationId: string;
      readonly recorded: boolean;
    }
  | { readonly kind: 'request'; readonly messageId: string; readonly outcome: HandleOutcome };

/** An S3 read failed for a reason a retry may fix (throttling, a network error). */
export class RawMailUnavailableError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('RAW_MAIL_UNAVAILABLE', message, { ...options, retryable: true });
  }
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Validates an SES event (./ses-event.ts); throws a ValidationError naming every problem. */
export function parseSesEvent(event: unknown): SesEvent {
  const result = SesEventSchema.safeParse(event);
  if (!result.success) throw new ValidationError(toIssues(result.error));
  return result.data;
}

const VERDICTS = [
  'spamVerdict',
  'virusVerdict',
  'spfVerdict',
  'dkimVerdict',
  'dmarcVerdict',
] as const;

/** The verdicts that failed (spam, virus, SPF, DKIM, DMARC), by name. */
export function failedVerdicts(record: SesRecord): string[] {
  const receipt = record.ses.receipt;
  return VERDICTS.filter((v) => receipt[v].status === 'FAIL');
}

/** The header From address (what DMARC aligned), else the envelope sender. */
export function senderOf(record: SesRecord): string | null {
  const header = record.ses.mail.commonHeaders.from?.[0] ?? '';
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(header)?.[1];
  // Starts only where a token starts (the lookbehind): linear on a huge header (ReDoS).
  const bare = /(?<![^\s<>"])([^\s<>"]+@[^\s<>"]+)/.exec(header)?.[1];
  const address = angle ?? bare ?? record.ses.mail.source;
  return address && address.includes('@') ? normalizeContact(address) : null;
}

async function answerProblem(
  deps: RawMailDeps,
  messageId: string,
  problem: ProblemKind,
  sender: string,
  parsed: ParsedInboundEmail | null,
  subject: string,
): Promise<EmailInboundOutcome> {
  const { app } = deps;
  const reply = problemReply(problem, sender, parsed?.meta.thread ?? null, subject);
  await sendOnce(app, `email:${messageId}:problem`, {
    channel: 'email',
    to: reply.to,
    subject: reply.subject,
    text: reply.text,
    thread: { inReplyTo: reply.inReplyTo, references: reply.references },
  });
  app.logger.info('email answered with a problem reply', { messageId, problem });
  return { kind: 'answered_problem', problem, messageId };
}

/** The conversation a reply belongs to: its References name our thread, or "Re: <subject>" from the same sender. */
async function conversationFor(
  deps: RawMailDeps,
  sender: string,
  parsed: ParsedInboundEmail,
): Promise<Conversation | null> {
  const latest = await deps.app.store.latestConversationFor(sender);
  if (latest === null || latest.contact.channel !== 'email') return null;
  const ids = new Set(
    [parsed.meta.inReplyTo, ...parsed.meta.references].filter((x): x is string => !!x),
  );
  const thread = latest.thread;
  if (thread && (ids.has(thread.messageId) || thread.references.some((r) => ids.has(r))))
    return latest;
  const bare = (s: string): string => stripSubjectPrefixes(s).toLowerCase();
  if (
    thread &&
    /^\s*re\s*:/i.test(parsed.meta.subject) &&
    bare(parsed.meta.subject) === bare(thread.subject)
  ) {
    return latest;
  }
  return null;
}

function safeParseWhen(
  parseWhen: typeof coreParseWhen,
  text: string,
  now: string,
  zone: string | undefined,
): { start: string; timezone: string } | null {
  try {
    return parseWhen(text, { now, timezone: zone });
  } catch {
    return null;
  }
}

/** A reply that states the new time ("moved to Thu 2pm", "NEW Tuesday 10am"): record it. */
async function handleReply(
  deps: RawMailDeps,
  messageId: string,
  sender: string,
  parsed: ParsedInboundEmail,
  conversation: Conversation,
  text: string,
): Promise<EmailInboundOutcome> {
  const parseWhen = deps.parseWhen ?? coreParseWhen;
  const zone =
    conversation.plan.interview.timezone ?? conversation.request.candidate.timezone ?? undefined;
  const statement = text.replace(/^\s*new\s*[:-]?\s*/i, '');
  const when = safeParseWhen(parseWhen, statement, parsed.request.receivedAt, zone);
  if (when === null) {
    return answerProblem(deps, messageId, 'no_new_time', sender, parsed, parsed.meta.subject);
  }
  const app = {
    ...deps.app,
    mailer: threadedMailer(deps.app.mailer, parsed.meta.thread, { always: true }),
  };
  const outcome = await recordNewTime(app, conversation.id, when.start);
  app.logger.info('reply recorded a new time', {
    messageId,
    conversationId: conversation.id,
    outcome: outcome.kind,
  });
  return {
    kind: 'new_time',
    messageId,
    conversationId: conversation.id,
    recorded: outcome.kind === 'recorded',
  };
}

/**
 * Handles one SES record end to end. Returns the outcome; throws only what a retry may fix
 * (S3 or a port failing with a retryable error), so the async invocation retries it.
 */
export async function processSesRecord(
  deps: EmailInboundDeps,
  record: SesRecord,
): Promise<EmailInboundOutcome> {
  const { app } = deps;
  const messageId = record.ses.mail.messageId;
  const failed = failedVerdicts(record);
  if (failed.length > 0) {
    app.logger.warn('email dropped: verdict failed', { messageId, verdicts: failed });
    return { kind: 'dropped', reason: 'verdict_failed', messageId };
  }
  const sender = senderOf(record);
  if (sender === null) {
    app.logger.warn('email dropped: no sender address', { messageId });
    return { kind: 'dropped', reason: 'no_sender', messageId };
  }
  if (!isAllowed(app.policy.allowlist, sender)) {
    app.logger.info('email dropped: sender not on the allowlist', { messageId });
    return { kind: 'dropped', reason: 'not_allowed', messageId };
  }
  const subject = record.ses.mail.commonHeaders.subject ?? '';

  const fetched = await deps.rawMail.read(messageId, deps.maxBytes ?? DEFAULT_MAX_BYTES);
  if (fetched.kind !== 'ok')
    return answerProblem(deps, messageId, fetched.kind, sender, null, subject);
  return processRawMail(deps, {
    messageId,
    raw: fetched.raw,
    sender,
    subject,
    timestamp: record.ses.mail.timestamp,
  });
}

/**
 * Reads one raw mail from a verified, allowlisted sender and runs the app: a new request,
 * a reply reporting the new time, or a polite answer saying what to send instead. The SES
 * flow and the local SMTP service both end here.
 */
export async function processRawMail(
  deps: RawMailDeps,
  mail: RawMail,
): Promise<EmailInboundOutcome> {
  const { app } = deps;
  const { messageId, sender, subject } = mail;
  if (mail.raw.length > (deps.maxBytes ?? DEFAULT_MAX_BYTES)) {
    return answerProblem(deps, messageId, 'too_large', sender, null, subject);
  }
  let parsed: ParsedInboundEmail;
  try {
    parsed = await parseInboundEmail(mail.raw, { id: messageId, now: mail.timestamp });
  } catch {
    return answerProblem(deps, messageId, 'unreadable', sender, null, subject);
  }
  // The allowlisted identity is the verified sender, whatever the MIME From says.
  const request = { ...parsed.request, candidate: { ...parsed.request.candidate, email: sender } };

  if (parsed.meta.isReply && parsed.meta.forwardDepth === 0) {
    const conversation = await conversationFor(deps, sender, parsed);
    if (conversation !== null) {
      return handleReply(deps, messageId, sender, parsed, conversation, replyText(request.text));
    }
  }
  if (!parsed.meta.hasInvite && !request.interview.start) {
    return answerProblem(deps, messageId, 'no_invite', sender, parsed, subject);
  }

  let valid;
  try {
    valid = parseRequest(request);
  } catch (error) {
    app.logger.warn('email request rejected', {
      messageId,
      issues: error instanceof ValidationError ? error.issues.map((i) => i.path) : [],
    });
    return answerProblem(deps, messageId, 'unreadable', sender, parsed, subject);
  }
  const withThread = { ...app, mailer: threadedMailer(app.mailer, parsed.meta.thread) };
  const outcome = await handleRequest(withThread, valid, {
    idempotencyKey: `email:${messageId}`,
    fingerprint: createHash('sha256').update(mail.raw).digest('hex'),
    sender,
    thread: parsed.meta.thread,
  });
  return { kind: 'request', messageId, outcome };
}

/** Handles a whole SES event (SES delivers one record per invocation; more are handled in turn). */
export async function handleSesEvent(
  deps: EmailInboundDeps,
  event: unknown,
): Promise<EmailInboundOutcome[]> {
  const parsed = parseSesEvent(event);
  const outcomes: EmailInboundOutcome[] = [];
  for (const record of parsed.Records) outcomes.push(await processSesRecord(deps, record));
  return outcomes;
}
