import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CoreFunctions } from '../../../../lambda/app/deps.js';
import { fireReminder } from '../../../../lambda/app/follow-up.js';
import {
  handleSms,
  SMS_TEXT,
  type ParseWhen,
  type SmsDeps,
  type SmsHttpResponse,
} from '../../../../lambda/channels/sms/conversation.js';
import { messagesOf } from '../../../../lambda/channels/sms/twiml.js';
import { segmentInfo } from '../../../../lambda/core/sms-segments.js';
import type { Plan, Request } from '../../../../lambda/core/schema.js';
import {
  memoryWorld,
  pinnedCore,
  pinnedPlan,
  type MemoryWorld,
} from '../../../support/app-deps.js';
import { signatureFor, twilioSmsForm } from '../../../fixtures/twilio/webhook.js';

const TOKEN = 'test-auth-token';
const PUBLIC_URL = 'https://sms.example.com/sms';
const PHONE = '+447700900123';
/** Monday 23 November 2026, 12:00 in London. */
const NOW = '2026-11-23T12:00:00.000Z';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A small, deterministic stand-in for the core's parseWhen: "<weekday> <h>[:mm]am|pm". */
const parseWhen: ParseWhen = (text, { now, timezone }) => {
  const match = /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+(\d{1,2})(?::(\d\d))?\s*(am|pm)\b/iu.exec(
    text,
  );
  if (!match) return null;
  const zone = timezone ?? 'UTC';
  const base = DateTime.fromISO(now, { zone });
  const weekday = WEEKDAYS.indexOf((match[1] ?? '').toLowerCase()) + 1;
  const hour = (Number(match[2]) % 12) + ((match[4] ?? '').toLowerCase() === 'pm' ? 12 : 0);
  const days = (weekday - base.weekday + 7) % 7 || 7;
  const start = base
    .plus({ days })
    .set({ hour, minute: Number(match[3] ?? 0), second: 0, millisecond: 0 });
  return { start: start.toISO() ?? '', timezone: zone };
};

/** The pinned core, reading the interview's time and company like the real one would. */
function readingCore(calls: Request[] = []): CoreFunctions {
  return {
    ...pinnedCore,
    plan: (request, now) => {
      calls.push(request);
      const base = pinnedPlan(request, now);
      const tz = request.candidate.timezone ?? 'UTC';
      const start =
        request.interview.start ??
        parseWhen(request.interview.when ?? request.text, { now, timezone: tz })?.start ??
        null;
      const company = request.interview.company ?? (/\bAcme\b/u.test(request.text) ? 'Acme' : null);
      const plan: Plan = {
        ...base,
        interview: { ...base.interview, start, company },
        drafts: {
          ...base.drafts,
          reschedule: {
            subject: 'Rescheduling our interview on Thursday, 26 November',
            text: [
              'Dear Dana Whitfield,',
              "I'm unwell and won't be able to make our interview on Thursday, 26 November at 3:00 PM GMT. I'm sorry for the inconvenience. Would it be possible to find another time? I'm free any afternoon next week, and happy to fit around your schedule.",
              'Thank you for your understanding, and I look forward to speaking with you.',
              'Best regards,\nSam Lee',
            ].join('\n\n'),
            html: '<p>…</p>',
            sms: "Hi Dana, I'm unwell and can't make Thursday's 3:00 PM interview. I'm sorry for the inconvenience. Could we find another time? Thank you for your understanding. – Sam",
          },
        },
      };
      return plan;
    },
  };
}

interface SmsWorld extends MemoryWorld {
  readonly sms: SmsDeps;
  readonly planCalls: Request[];
  /** Posts a text from `from` as Twilio would, signed over the public URL. */
  text(body: string, options?: { from?: string; sid?: string }): Promise<SmsHttpResponse>;
}

function smsWorld(): SmsWorld {
  const planCalls: Request[] = [];
  const world = memoryWorld({ now: NOW, core: readingCore(planCalls) });
  const sms: SmsDeps = { app: world.deps, authToken: TOKEN, publicUrl: PUBLIC_URL, parseWhen };
  return {
    ...world,
    sms,
    planCalls,
    text: (body, options = {}) => {
      const rawBody = twilioSmsForm({
        from: options.from ?? PHONE,
        body,
        ...(options.sid ? { sid: options.sid } : {}),
      });
      return handleSms(sms, {
        headers: {
          'X-Twilio-Signature': signatureFor(TOKEN, PUBLIC_URL, rawBody),
          host: 'internal.lambda',
        },
        pathAndQuery: '/sms',
        rawBody,
        now: world.clock.now().toISOString(),
      });
    },
  };
}

function expectWithinBudget(messages: readonly string[]): void {
  for (const message of messages) {
    expect(segmentInfo(message).segments, `expected ≤ 2 segments: ${message}`).toBeLessThanOrEqual(
      2,
    );
  }
}

describe('handleSms: verification', () => {
  it('answers 403 to a forged signature and sends nothing', async () => {
    const world = smsWorld();
    const rawBody = twilioSmsForm({ from: PHONE, body: "I'm sick, can't make Acme Thu 3pm" });
    const response = await handleSms(world.sms, {
      headers: { 'X-Twilio-Signature': signatureFor('another-token', PUBLIC_URL, rawBody) },
      pathAndQuery: '/sms',
      rawBody,
      now: NOW,
    });

    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'forbidden' });
    expect(world.planCalls, 'rejects without planning').toHaveLength(0);
    expect(world.texter.sent).toHaveLength(0);
    expect(await world.store.latestConversationFor(PHONE)).toBeNull();
  });

  it('answers 403 when a signed body is altered in transit', async () => {
    const world = smsWorld();
    const rawBody = twilioSmsForm({ from: PHONE, body: 'STOP' });
    const response = await handleSms(world.sms, {
      headers: { 'x-twilio-signature': signatureFor(TOKEN, PUBLIC_URL, rawBody) },
      pathAndQuery: '/sms',
      rawBody: rawBody.replace('Body=STOP', 'Body=START'),
      now: NOW,
    });
    expect(response.statusCode).toBe(403);
    expect(await world.store.isOptedOut(PHONE)).toBe(false);
  });

  it('accepts a signature under the previous token while a new one is rotated in, and no other', async () => {
    const world = smsWorld();
    const sms: SmsDeps = { ...world.sms, authToken: 'new-token', previousAuthToken: TOKEN };
    const post = (token: string, body: string) => {
      const rawBody = twilioSmsForm({ from: PHONE, body });
      return handleSms(sms, {
        headers: { 'x-twilio-signature': signatureFor(token, PUBLIC_URL, rawBody) },
        pathAndQuery: '/sms',
        rawBody,
        now: NOW,
      });
    };

    const byOld = await post(TOKEN, 'HELP');
    const byNew = await post('new-token', 'HELP');
    const byOther = await post('another-token', 'HELP');

    expect(byOld.statusCode, 'Twilio still signs with the old token until it is promoted').toBe(
      200,
    );
    expect(byNew.statusCode, 'and with the new one after').toBe(200);
    expect(byOther.statusCode).toBe(403);
  });

  it('validates over the URL rebuilt from forwarded headers when no public URL is configured', async () => {
    const world = smsWorld();
    const sms: SmsDeps = { ...world.sms, publicUrl: undefined };
    const rawBody = twilioSmsForm({ from: PHONE, body: 'HELP' });
    const signed = signatureFor(TOKEN, 'https://sms.example.com/hooks/sms?v=2', rawBody);
    const headers = {
      'x-twilio-signature': signed,
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'sms.example.com',
      host: '10.0.0.7:3000',
    };

    const ok = await handleSms(sms, { headers, pathAndQuery: '/hooks/sms?v=2', rawBody, now: NOW });
    const wrongPath = await handleSms(sms, { headers, pathAndQuery: '/sms', rawBody, now: NOW });

    expect(ok.statusCode).toBe(200);
    expect(messagesOf(ok.body)).toEqual([SMS_TEXT.help]);
    expect(wrongPath.statusCode).toBe(403);
  });

  it('answers 400 naming every bad field of a signed but malformed form', async () => {
    const world = smsWorld();
    const rawBody = 'MessageSid=nope&From=07700900123&To=%2B447700900000&Body=hi';
    const response = await handleSms(world.sms, {
      headers: { 'x-twilio-signature': signatureFor(TOKEN, PUBLIC_URL, rawBody) },
      pathAndQuery: '/sms',
      rawBody,
      now: NOW,
    });
    expect(response.statusCode).toBe(400);
    const paths = (JSON.parse(response.body) as { issues: { path: string }[] }).issues.map(
      (i) => i.path,
    );
    expect(paths.sort()).toEqual(['AccountSid', 'From', 'MessageSid']);
  });
});

describe('handleSms: conversation', () => {
  it('answers a reason with the copy-ready draft and one line of advice, as TwiML', async () => {
    const world = smsWorld();
    const response = await world.text("I'm sick and can't make my Acme interview Thu 3pm");

    expect(response.statusCode).toBe(200);
    expect(response.headers['Content-Type']).toMatch(/^text\/xml/);
    const messages = messagesOf(response.body);
    expect(messages).toEqual(['Draft: I need to reschedule.', 'Tip: call first.']);
    expectWithinBudget(messages);
    expect(world.texter.sent, 'replies go in the TwiML, not a REST call').toHaveLength(0);
    expect(world.planCalls[0]).toMatchObject({
      channel: 'sms',
      candidate: { phone: PHONE, timezone: 'Europe/London' },
    });
  });

  it('answers the same MessageSid three times with one reply, planned once', async () => {
    const world = smsWorld();
    const sid = 'SM00000000000000000000000000000abc';
    const first = await world.text("I'm sick, can't make Acme Thu 3pm", { sid });
    world.clock.advance(15_000);
    const second = await world.text("I'm sick, can't make Acme Thu 3pm", { sid });
    const third = await world.text("I'm sick, can't make Acme Thu 3pm", { sid });

    expect(second.body).toBe(first.body);
    expect(third.body).toBe(first.body);
    expect(world.planCalls, 'expected one plan over three deliveries').toHaveLength(1);
    expect(world.scheduler.pending()).toHaveLength(1);
  });

  it('asks one short question when no time is known, and the answer continues the conversation', async () => {
    const world = smsWorld();
    const asked = await world.text("My kid is sick, I can't make my Acme interview");
    const questions = messagesOf(asked.body);
    expect(questions).toEqual([
      'When is your interview with Acme? Reply with the day and time, e.g. "Thu 2pm".',
    ]);
    expectWithinBudget(questions);
    const waiting = await world.store.latestConversationFor(PHONE);
    expect(waiting).toMatchObject({ status: 'awaiting', awaiting: 'when' });

    const answered = await world.text('thursday 3pm');

    expect(messagesOf(answered.body)).toEqual(['Draft: I need to reschedule.', 'Tip: call first.']);
    const merged = world.planCalls[1];
    expect(merged?.text).toBe("My kid is sick, I can't make my Acme interview\nthursday 3pm");
    expect(merged?.interview.when).toBe('thursday 3pm');
    const latest = await world.store.latestConversationFor(PHONE);
    expect(latest?.plan.interview.start).toBe('2026-11-26T15:00:00.000+00:00');
    expect(latest?.status).toBe('open');
    expect(
      (await world.store.getConversation(waiting?.id ?? ''))?.status,
      'the asked conversation is superseded',
    ).toBe('cancelled');
    expect(world.scheduler.pending().map((r) => r.conversationId)).toEqual([latest?.id]);
  });

  it('asks which interview when neither the company nor the time is known, and only once', async () => {
    const world = smsWorld();
    expect(messagesOf((await world.text("I can't come, sorry")).body)).toEqual([
      SMS_TEXT.askInterview,
    ]);
    const answered = await world.text('no idea');
    expect(messagesOf(answered.body)).toEqual(['Draft: I need to reschedule.', 'Tip: call first.']);
  });

  it('answers NEW <time> with the thank-you now and schedules the prep reminder 2 hours before', async () => {
    const world = smsWorld();
    await world.text("I'm sick, can't make Acme Mon 3pm");
    const response = await world.text('NEW Thu 2pm');

    const messages = messagesOf(response.body);
    expect(messages[0]).toBe('Reminder: thank_you');
    expect(messages[1]).toBe(
      "Send them that thank-you now. I'll text you a prep reminder on Thu 26 Nov, 12:00 PM GMT.",
    );
    expectWithinBudget(messages);
    const conversation = await world.store.latestConversationFor(PHONE);
    expect(conversation).toMatchObject({
      status: 'rescheduled',
      newStart: '2026-11-26T14:00:00.000+00:00',
    });
    const prep = world.scheduler.pending().filter((r) => r.kind === 'prep');
    expect(prep.map((r) => [r.at, r.channel, r.to])).toEqual([
      ['2026-11-26T12:00:00.000Z', 'sms', PHONE],
    ]);
    expect(world.texter.sent, 'the thank-you goes in the TwiML').toHaveLength(0);
  });

  it('reads NEW in the candidate zone from the number', async () => {
    const world = smsWorld();
    const berlin = '+4915112345678';
    await world.text("I'm sick, can't make Acme Mon 3pm", { from: berlin });
    await world.text('NEW Thu 2pm', { from: berlin });
    expect((await world.store.latestConversationFor(berlin))?.newStart).toBe(
      '2026-11-26T14:00:00.000+01:00',
    );
  });

  it('explains NEW without a time, an unreadable time, a past time and a number with no conversation', async () => {
    const world = smsWorld();
    expect(messagesOf((await world.text('NEW Thu 2pm')).body)).toEqual([SMS_TEXT.noConversation]);
    await world.text("I'm sick, can't make Acme Mon 3pm");
    expect(messagesOf((await world.text('NEW')).body)).toEqual([SMS_TEXT.newUsage]);
    expect(messagesOf((await world.text('new whenever')).body)).toEqual([
      `I couldn't read "whenever" as a time. ${SMS_TEXT.newUsage}`,
    ]);
    const past: SmsDeps = {
      ...world.sms,
      parseWhen: () => ({ start: '2026-11-20T10:00:00Z', timezone: 'UTC' }),
    };
    const rawBody = twilioSmsForm({ from: PHONE, body: 'NEW last Friday 10am' });
    const response = await handleSms(past, {
      headers: { 'x-twilio-signature': signatureFor(TOKEN, PUBLIC_URL, rawBody) },
      pathAndQuery: '/sms',
      rawBody,
      now: NOW,
    });
    expect(messagesOf(response.body)).toEqual([SMS_TEXT.pastTime]);
  });

  it('answers HELP with what the number does and its commands', async () => {
    const world = smsWorld();
    const messages = messagesOf((await world.text(' help ')).body);
    expect(messages).toEqual([SMS_TEXT.help]);
    for (const word of ['NEW', 'EMAIL', 'CANCEL REMINDERS', 'STOP'])
      expect(messages[0]).toContain(word);
    expectWithinBudget(messages);
  });

  it('answers EMAIL with the full email draft in messages of at most 2 segments', async () => {
    const world = smsWorld();
    await world.text("I'm sick, can't make Acme Thu 3pm");
    const messages = messagesOf((await world.text('Email')).body);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]).toMatch(/^Subject: Rescheduling our interview/);
    expectWithinBudget(messages);
    expect(messages.join(' ')).toContain('Best regards');
  });

  it('drops pending reminders on CANCEL REMINDERS and keeps the number subscribed', async () => {
    const world = smsWorld();
    await world.text("I'm sick, can't make Acme Thu 3pm");
    expect(world.scheduler.pending()).toHaveLength(1);
    const messages = messagesOf((await world.text('cancel reminders')).body);

    expect(messages).toEqual([SMS_TEXT.cancelled]);
    expect(world.scheduler.pending()).toHaveLength(0);
    expect(await world.store.listReminders({ status: 'pending' })).toHaveLength(0);
    expect(await world.store.isOptedOut(PHONE)).toBe(false);
  });
});

describe('handleSms: opt-out', () => {
  it('records STOP, answers nothing, and sends nothing after it, reminders included', async () => {
    const world = smsWorld();
    await world.text("I'm sick, can't make Acme Thu 3pm");
    const [reminder] = world.scheduler.pending();

    const stopped = await world.text('Stop');
    const help = await world.text('HELP');
    const text = await world.text("Also I'm still sick");
    world.clock.advance(48 * 3600 * 1000);
    const fired = await fireReminder(world.deps, reminder?.id ?? '');

    expect(messagesOf(stopped.body)).toEqual([]);
    expect(await world.store.isOptedOut(PHONE)).toBe(true);
    expect(messagesOf(help.body)).toEqual([]);
    expect(messagesOf(text.body)).toEqual([]);
    expect(fired).toEqual({ kind: 'skipped', reason: 'opted_out' });
    expect(world.texter.sent).toHaveLength(0);
  });

  it('treats a bare CANCEL as Twilio does: an opt-out, and it drops the reminders too', async () => {
    const world = smsWorld();
    await world.text("I'm sick, can't make Acme Thu 3pm");
    const response = await world.text('CANCEL');

    expect(messagesOf(response.body)).toEqual([]);
    expect(await world.store.isOptedOut(PHONE)).toBe(true);
    expect(world.scheduler.pending()).toHaveLength(0);
  });

  it('subscribes again on START, and YES only counts while opted out', async () => {
    const world = smsWorld();
    await world.text('STOPALL');
    const started = await world.text('start');
    expect(messagesOf(started.body)).toEqual([SMS_TEXT.started]);
    expect(await world.store.isOptedOut(PHONE)).toBe(false);

    const yes = await world.text('YES');
    expect(messagesOf(yes.body)).toEqual([SMS_TEXT.askInterview]);
  });

  it('does not answer a sender off the allowlist, and logs no bodies or numbers', async () => {
    const world = smsWorld();
    const closed: SmsDeps = {
      ...world.sms,
      app: {
        ...world.deps,
        policy: { allowlist: ['+447700900999'], rateLimit: { limit: 10, windowSeconds: 3600 } },
      },
    };
    const rawBody = twilioSmsForm({ from: PHONE, body: "I'm sick, can't make Acme Thu 3pm" });
    const response = await handleSms(closed, {
      headers: { 'x-twilio-signature': signatureFor(TOKEN, PUBLIC_URL, rawBody) },
      pathAndQuery: '/sms',
      rawBody,
      now: NOW,
    });

    expect(messagesOf(response.body)).toEqual([]);
    await world.text('NEW Thu 2pm');
    const logs = world.log.text();
    expect(logs).not.toContain('447700900123');
    expect(logs).not.toContain('sick');
    expect(logs).not.toContain('Thu 2pm');
  });
});
