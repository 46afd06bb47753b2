/**
 * The SMS conversation, framework-free: the Lambda handler and the local service's
 * `POST /sms` run this same function. One inbound text in, one TwiML answer out:
 *
 * - the signature is checked over the public URL Twilio called (403, nothing sent);
 * - the answer is idempotent on MessageSid: it is stored, and Twilio's retries get the
 *   stored TwiML back instead of a second run;
 * - commands (HELP, STOP and Twilio's other opt-out words, START, NEW <time>, EMAIL,
 *   CANCEL REMINDERS) act on the number's latest conversation;
 * - any other text is a request: it gets the copy-ready draft and one line of advice, or,
 *   when the interview's time is unknown, ONE short question whose answer continues the
 *   same conversation (the answer is merged into the request and planned again).
 *
 * Replies go in the TwiML response, never in a second REST call. After an opt-out nothing
 * is sent to the number again (the app's fireReminder checks the opt-out too).
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Deps } from '../../app/deps.js';
import { cancelConversation, recordNewTime } from '../../app/follow-up.js';
import { handleRequest } from '../../app/handle-request.js';
import { isAllowed, normalizeContact } from '../../app/policy.js';
import type { Conversation } from '../../app/ports.js';
import { isRetryable, isValidationError } from '../../core/errors.js';
import { parseWhen as coreParseWhen, type ExtractContext } from '../../core/extract.js';
import { parseRequest, type Plan, type Request } from '../../core/schema.js';
import { parseCommand, type SmsCommand } from './commands.js';
import { parseInboundSms, type InboundSms } from './inbound.js';
import { formParams, headerValue, isValidTwilioSignature, publicUrlOf } from './signature.js';
import { splitForSms } from './split.js';
import { twimlOf } from './twiml.js';
import { zoneFromAnswer, zonesForNumber } from './zones.js';

/** Reads one prose time in a zone: the core's `parseWhen`. */
export type ParseWhen = (
  text: string,
  context: ExtractContext,
) => { readonly start: string; readonly timezone: string } | null;

export interface SmsDeps {
  /** The app's use case dependencies (store, scheduler, core, logger, policy…). */
  readonly app: Deps;
  /** Twilio's auth token: the HMAC key of `X-Twilio-Signature`. Never logged. */
  readonly authToken: string;
  /**
   * The token being retired while a new one is rotated in (until Twilio promotes the new
   * one, it still signs with the old): a signature under either is accepted. Never logged.
   */
  readonly previousAuthToken?: string | undefined;
  /**
   * The exact webhook URL configured in Twilio (scheme, host, path, query). When absent the
   * URL is rebuilt from X-Forwarded-Proto / X-Forwarded-Host / Host and the path as received.
   */
  readonly publicUrl?: string | undefined;
  /** @default the core's parseWhen */
  readonly parseWhen?: ParseWhen | undefined;
}

export interface SmsHttpRequest {
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The path and query exactly as received (`/sms?x=1`), for rebuilding the public URL. */
  readonly pathAndQuery: string;
  /** The full URL Twilio called, when the caller knows it (overrides the rebuild, not `publicUrl`). */
  readonly url?: string | undefined;
  /** The raw `application/x-www-form-urlencoded` body. */
  readonly rawBody: string;
  /** ISO-8601 instant the webhook arrived: relative times in the text are read against it. */
  readonly now: string;
}

export interface SmsHttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Every answer stays within two segments (WORDING.md); these fixed ones are GSM-7. */
export const SMS_TEXT = {
  help:
    "Interview rescheduler: text why you can't make your interview, and when it is, for a message ready to send. " +
    'Then: NEW <time> once it has moved, EMAIL for an email version, CANCEL REMINDERS to stop reminders, STOP to opt out.',
  started:
    "You're subscribed again. Text why you can't make your interview to get a message ready to send. HELP for help.",
  noConversation:
    "I don't have an interview for this number yet. Text why you can't make it, and when it is, to start.",
  newUsage: 'Reply NEW and the new interview time, e.g. NEW Thu 2pm.',
  pastTime: 'That time has already passed. Reply NEW and the new interview time, e.g. NEW Thu 2pm.',
  closed: 'That interview is closed: no more reminders. Text your reason again to start over.',
  cancelled: 'Done: no more reminders about this interview. Text HELP for help.',
  failed: "Sorry, I couldn't handle that message. Please try again in a few minutes.",
  askInterview: 'Which interview is it, and when? Reply e.g. "Acme, Thu 2pm".',
  askZone: 'Which time zone is that time in? Reply e.g. "ET" or "PT".',
} as const;

const XML = { 'Content-Type': 'text/xml; charset=utf-8' } as const;
const JSON_TYPE = { 'Content-Type': 'application/json' } as const;

const xmlResponse = (messages: readonly string[]): SmsHttpResponse => ({
  statusCode: 200,
  headers: XML,
  body: twimlOf(messages),
});

const jsonError = (statusCode: number, body: Record<string, unknown>): SmsHttpResponse => ({
  statusCode,
  headers: JSON_TYPE,
  body: JSON.stringify(body),
});

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** At most `max` characters of user text quoted back in an SMS. */
function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The candidate's zone for reading and showing times: profile, number (single-zone), interview, number's first, UTC. */
export function candidateZoneFor(conversation: Conversation | null, phone: string): string {
  const numberZones = zonesForNumber(phone);
  return (
    conversation?.request.candidate.timezone ??
    (numberZones.length === 1 ? numberZones[0] : undefined) ??
    conversation?.plan.interview.timezone ??
    numberZones[0] ??
    'UTC'
  );
}

function showTime(at: string, zone: string): string {
  return DateTime.fromISO(at, { zone }).toFormat('ccc d LLL, h:mm a ZZZZ');
}

/** The Request for a new text: the candidate's number, and their zone when the number has one. */
function requestFor(inbound: InboundSms, now: string): Request {
  const zones = zonesForNumber(inbound.from);
  return parseRequest({
    id: `sms:${inbound.messageSid}`,
    channel: 'sms',
    text: inbound.body,
    receivedAt: now,
    candidate: { phone: inbound.from, ...(zones.length === 1 ? { timezone: zones[0] } : {}) },
    deliver: 'sms',
  });
}

/** The answer to our question, merged into the request that asked it. */
function mergeAnswer(
  asked: Conversation,
  inbound: InboundSms,
  now: string,
  parseWhen: ParseWhen,
): Request {
  const previous = asked.request;
  const named = asked.awaiting === 'zone' ? zoneFromAnswer(inbound.body) : null;
  if (named !== null) {
    return parseRequest({
      ...previous,
      id: `sms:${inbound.messageSid}`,
      text: `${previous.text}\n${inbound.body}`,
      receivedAt: now,
      interview: { ...previous.interview, timezone: named },
    });
  }
  const zone = candidateZoneFor(asked, inbound.from);
  const readable = parseWhen(inbound.body, { now, timezone: zone }) !== null;
  return parseRequest({
    ...previous,
    id: `sms:${inbound.messageSid}`,
    text: `${previous.text}\n${inbound.body}`,
    receivedAt: now,
    interview: {
      ...previous.interview,
      ...(readable
        ? { when: clip(inbound.body, 200), timezone: previous.interview.timezone ?? zone }
        : {}),
    },
  });
}

/** The one question to ask when an essential is missing, or null. Asked once per conversation. */
function questionFor(
  plan: Plan,
  zoneUnknownFor?: {
    readonly text: string;
    readonly phone: string;
    readonly now: string;
    readonly parseWhen: ParseWhen;
  },
): { readonly key: string; readonly text: string } | null {
  if (plan.interview.start !== null) return null;
  if (zoneUnknownFor) {
    // A time was written, but a multi-zone number does not say where: ask for the zone only.
    const zones = zonesForNumber(zoneUnknownFor.phone);
    const [first] = zones;
    const { text, now, parseWhen } = zoneUnknownFor;
    if (zones.length > 1 && first && parseWhen(text, { now, timezone: first }) !== null) {
      return { key: 'zone', text: SMS_TEXT.askZone };
    }
  }
  const company = plan.interview.company;
  if (company === null) return { key: 'interview', text: SMS_TEXT.askInterview };
  return {
    key: 'when',
    text: `When is your interview with ${clip(company, 40)}? Reply with the day and time, e.g. "Thu 2pm".`,
  };
}

/** The draft and one line of advice: the Plan's SMS replies, each within budget. */
function draftMessages(plan: Plan, to: string): string[] {
  const replies = plan.replies.filter((r) => r.channel === 'sms' && normalizeContact(r.to) === to);
  const texts =
    replies.length > 0
      ? replies.map((r) => r.text)
      : [plan.drafts.reschedule.sms, ...plan.advice.slice(0, 1)];
  return texts.flatMap((text) => splitForSms(text));
}

async function answerText(
  deps: SmsDeps,
  inbound: InboundSms,
  from: string,
  now: string,
): Promise<string[]> {
  const { app } = deps;
  const parseWhen = deps.parseWhen ?? coreParseWhen;
  if (!inbound.body.trim()) return isAllowed(app.policy.allowlist, from) ? [SMS_TEXT.help] : [];
  const latest = await app.store.latestConversationFor(from);
  const asked = latest?.status === 'awaiting' ? latest : null;
  const request = asked ? mergeAnswer(asked, inbound, now, parseWhen) : requestFor(inbound, now);
  const outcome = await handleRequest(app, request, {
    idempotencyKey: request.id,
    fingerprint: sha256(`${inbound.from}\n${inbound.to}\n${inbound.body}`),
    sender: from,
    inlineReplies: true,
  });
  if (outcome.kind !== 'planned' && outcome.kind !== 'duplicate') {
    app.logger.info('sms text not answered', {
      messageSid: inbound.messageSid,
      outcome: outcome.kind,
    });
    return [];
  }
  let conversation = await app.store.getConversation(outcome.conversationId);
  if (asked && conversation !== null) {
    // The answer continues the asked conversation: the merged one supersedes it (its
    // reminders are dropped), then is saved again so it is the number's latest.
    await cancelConversation(app, asked.id);
    conversation = await app.store.saveConversation(
      { ...conversation, updatedAt: now },
      conversation.version,
    );
  }
  if (conversation?.status === 'awaiting') {
    const again =
      conversation.awaiting === 'zone' ? SMS_TEXT.askZone : questionFor(conversation.plan)?.text;
    return [again ?? SMS_TEXT.askInterview];
  }
  const question = asked
    ? null
    : questionFor(outcome.plan, { text: inbound.body, phone: from, now, parseWhen });
  if (question && conversation?.status === 'open') {
    await app.store.saveConversation(
      { ...conversation, status: 'awaiting', awaiting: question.key, updatedAt: now },
      conversation.version,
    );
    return [question.text];
  }
  return draftMessages(outcome.plan, from);
}

async function answerNew(
  deps: SmsDeps,
  when: string,
  from: string,
  now: string,
): Promise<string[]> {
  const { app } = deps;
  const conversation = await app.store.latestConversationFor(from);
  if (conversation === null) return [SMS_TEXT.noConversation];
  if (!when) return [SMS_TEXT.newUsage];
  const zone = candidateZoneFor(conversation, from);
  const parsed = (deps.parseWhen ?? coreParseWhen)(when, { now, timezone: zone });
  if (parsed === null)
    return [`I couldn't read "${clip(when, 40)}" as a time. ${SMS_TEXT.newUsage}`];
  if (Date.parse(parsed.start) <= Date.parse(now)) return [SMS_TEXT.pastTime];
  const outcome = await recordNewTime(app, conversation.id, parsed.start, { inline: true });
  if (outcome.kind === 'not_found') return [SMS_TEXT.noConversation];
  if (outcome.kind === 'closed') return [SMS_TEXT.closed];
  // Read back: the scheduler may have moved it out of quiet hours.
  const prep = outcome.prepReminder && (await app.store.getReminder(outcome.prepReminder.id));
  const prepLine =
    prep && prep.status === 'pending'
      ? `Send them that thank-you now. I'll text you a prep reminder on ${showTime(prep.at, zone)}.`
      : 'Send them that thank-you now. Good luck with the interview.';
  return [...splitForSms(outcome.thankYou.sms), prepLine];
}

async function answerCommand(
  deps: SmsDeps,
  command: SmsCommand,
  inbound: InboundSms,
  now: string,
): Promise<string[]> {
  const { app } = deps;
  const from = normalizeContact(inbound.from);
  const nowDate = new Date(now);
  const optedOut = await app.store.isOptedOut(from);

  if (command.kind === 'stop') {
    await app.store.setOptedOut(from, true, nowDate);
    if (command.keyword === 'CANCEL') {
      const latest = await app.store.latestConversationFor(from);
      if (latest !== null) await cancelConversation(app, latest.id);
    }
    // Twilio confirms the opt-out itself, and would block anything we sent now.
    return [];
  }
  if (command.kind === 'start' && (optedOut || command.keyword !== 'YES')) {
    await app.store.setOptedOut(from, false, nowDate);
    return isAllowed(app.policy.allowlist, from) ? [SMS_TEXT.started] : [];
  }
  if (optedOut) return [];
  switch (command.kind) {
    case 'help':
      return [SMS_TEXT.help];
    case 'new':
      return answerNew(deps, command.when, from, now);
    case 'cancel-reminders': {
      const latest = await app.store.latestConversationFor(from);
      if (latest === null) return [SMS_TEXT.noConversation];
      await cancelConversation(app, latest.id);
      return [SMS_TEXT.cancelled];
    }
    case 'email': {
      const latest = await app.store.latestConversationFor(from);
      if (latest === null) return [SMS_TEXT.noConversation];
      const { subject, text } = latest.plan.drafts.reschedule;
      return splitForSms(`Subject: ${subject}\n\n${text}`);
    }
    default:
      return answerText(deps, inbound, from, now);
  }
}

/**
 * Handles one Twilio messaging webhook call: verify, dedupe on MessageSid, converse, and
 * answer with TwiML. Throws only retryable failures (the caller answers 5xx and Twilio
 * retries); the stored answer is released first so the retry runs again.
 */
export async function handleSms(deps: SmsDeps, http: SmsHttpRequest): Promise<SmsHttpResponse> {
  const { app } = deps;
  const url =
    deps.publicUrl ??
    http.url ??
    publicUrlOf({ headers: http.headers, pathAndQuery: http.pathAndQuery });
  const params = formParams(http.rawBody);
  const signature = headerValue(http.headers, 'x-twilio-signature');
  const tokens = [deps.authToken, deps.previousAuthToken].filter((t) => t !== undefined);
  if (url === null || !tokens.some((t) => isValidTwilioSignature(t, signature, url, params))) {
    app.logger.warn('sms rejected: bad or missing X-Twilio-Signature', {
      hasSignature: signature !== undefined,
    });
    return jsonError(403, { error: 'forbidden', message: 'invalid X-Twilio-Signature' });
  }

  let inbound: InboundSms;
  try {
    inbound = parseInboundSms(params);
  } catch (error) {
    if (!isValidationError(error)) throw error;
    app.logger.warn('sms rejected: invalid webhook form', {
      issues: error.issues.map((i) => i.path),
    });
    return jsonError(400, { error: 'invalid_request', issues: error.issues });
  }

  const log = { messageSid: inbound.messageSid, channel: 'sms' };
  const answerKey = `sms-answer:${inbound.messageSid}`;
  const fingerprint = sha256(http.rawBody);
  const claim = await app.store.claimInbound(answerKey, fingerprint, new Date(http.now));
  if (claim.status === 'duplicate') {
    app.logger.info('sms retry answered from the stored answer', {
      ...log,
      inProgress: claim.result === null,
    });
    // Still running elsewhere: that attempt answers; this one sends nothing.
    return claim.result === null
      ? xmlResponse([])
      : { statusCode: 200, headers: XML, body: claim.result };
  }
  if (claim.status === 'conflict') {
    app.logger.warn('sms MessageSid reused with another body', log);
    return xmlResponse([]);
  }

  const command = parseCommand(inbound.body);
  let messages: string[];
  try {
    messages = await answerCommand(deps, command, inbound, http.now);
  } catch (error) {
    if (isRetryable(error)) {
      await app.store.releaseInbound(answerKey);
      app.logger.warn('sms failed, will be retried', { ...log, command: command.kind });
      throw error;
    }
    app.logger.error('sms failed', {
      ...log,
      command: command.kind,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    const from = normalizeContact(inbound.from);
    const known = isAllowed(app.policy.allowlist, from) && !(await app.store.isOptedOut(from));
    messages = known ? [SMS_TEXT.failed] : [];
  }
  const response = xmlResponse(messages);
  await app.store.completeInbound(answerKey, response.body);
  app.logger.info('sms answered', { ...log, command: command.kind, messages: messages.length });
  return response;
}
