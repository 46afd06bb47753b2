/**
 * `reschedule start` end to end on loopback, as a user drives it with curl and SMTP: the JSON
 * webhook, a Twilio-style text, a forwarded invite over SMTP, reminders fired by hand, and a
 * restart that keeps the outbox, the conversations and the pending reminders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../lambda/channels/webhook/index.js';
import { startLocalHarness, type LocalHarness } from '../support/local-service.js';

interface OutboxEntry {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  html?: string;
  at: string;
}
interface ReminderView {
  id: string;
  kind: string;
  at: string;
  channel: string;
  to: string;
  status: string;
}

let harness: LocalHarness;
const url = (path: string) => `${harness.service.url}${path}`;
const outbox = async () => (await (await fetch(url('/api/outbox'))).json()) as OutboxEntry[];
const reminders = async () => (await (await fetch(url('/api/reminders'))).json()) as ReminderView[];

function postWebhook(body: string, key: string, secret = harness.service.secrets.webhookSecret) {
  return fetch(url('/v1/reschedule'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': key,
      'x-signature': signatureHeader(secret, Math.floor(Date.now() / 1000), body),
    },
    body,
  });
}

function postSms(params: Record<string, string>, token = harness.service.secrets.twilioAuthToken) {
  const target = url('/sms').replace('127.0.0.1', 'localhost');
  return fetch(target, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': getExpectedTwilioSignature(token, target, params),
    },
    body: new URLSearchParams(params).toString(),
  });
}

const smsParams = (sid: string, body: string) => ({
  ToCountry: 'US',
  SmsMessageSid: sid,
  NumMedia: '0',
  SmsStatus: 'received',
  Body: body,
  NumSegments: '1',
  MessageSid: sid,
  AccountSid: `AC${'1'.repeat(32)}`,
  From: '+15555550142',
  To: '+15005550006',
  ApiVersion: '2010-04-01',
});

beforeAll(async () => {
  harness = await startLocalHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('the local service', () => {
  it('serves the console at /', async () => {
    const res = await fetch(url('/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Text the number');
  });

  it('answers a signed webhook call with the Plan and delivers once for three calls with one key', async () => {
    const start = new Date(Date.now() + 3 * 24 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
    const body = JSON.stringify({
      text: 'My son has a fever and his nursery sent him home, so I need to move our interview.',
      interview: {
        company: 'Acme',
        interviewer: { name: 'Dana Whitfield' },
        start,
        timezone: 'Europe/London',
      },
      candidate: { name: 'Sam Lee', email: 'sam@example.org', timezone: 'Europe/London' },
      deliver: 'email',
    });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await postWebhook(body, 'key-webhook-1'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const plan = (await answers[0]!.json()) as { reason: { category: string } };
    expect(plan.reason.category).toBe('dependent_care');
    const sent = (await outbox()).filter((e) => e.to === 'sam@example.org');
    expect(sent, 'exactly one email for three calls with one key').toHaveLength(1);
  });

  it('rejects a webhook call signed with another secret with 401', async () => {
    const res = await postWebhook('{"text":"sick"}', 'key-forged', 'not-the-secret-at-all-0000');
    expect(res.status).toBe(401);
  });

  it('answers a Twilio-signed text with TwiML and keeps the reply in the outbox', async () => {
    const res = await postSms(
      smsParams(
        `SM${'a'.repeat(32)}`,
        "Sorry, my car broke down, can't make the 3pm interview today",
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await res.text()).toMatch(/<Message>/);
    expect((await outbox()).some((e) => e.channel === 'sms' && e.to === '+15555550142')).toBe(true);
  });

  it('refuses a text with a forged Twilio signature with 403', async () => {
    const res = await postSms(smsParams(`SM${'b'.repeat(32)}`, 'HELP'), 'forged-token');
    expect(res.status).toBe(403);
  });

  it('handles a forwarded invite sent to the SMTP port like SES inbound', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: harness.service.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const raw = readFileSync(join(process.cwd(), 'lambda/local/samples/outlook-forward-prose.eml'));
    await transport.sendMail({
      envelope: { from: 'mei.chen@example.org', to: ['reschedule@example.com'] },
      raw,
    });
    await expect
      .poll(async () => (await outbox()).find((e) => e.to === 'mei.chen@example.org'), {
        timeout: 10_000,
      })
      .toBeDefined();
    const reply = (await outbox()).find((e) => e.to === 'mei.chen@example.org')!;
    expect(reply.subject).toMatch(/^Re: /);
    expect(reply.text).toMatch(/Erik/);
  });

  it('keeps the outbox, the conversations and the pending reminders across a restart', async () => {
    const before = await outbox();
    const pendingBefore = (await reminders()).filter((r) => r.status === 'pending');
    expect(
      pendingBefore.length,
      'the requests above scheduled thank-you reminders',
    ).toBeGreaterThan(0);

    await harness.restart();

    expect((await outbox()).map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(
      (await reminders())
        .filter((r) => r.status === 'pending')
        .map((r) => r.id)
        .sort(),
    ).toEqual(pendingBefore.map((r) => r.id).sort());
    // The conversation is still there: the same key again is a duplicate, not a new delivery.
    const again = await postWebhook(JSON.stringify({ text: 'different body' }), 'key-webhook-1');
    expect(again.status, 'a reused key with another body after a restart').toBe(409);
  });

  it('fires a reminder on request and shows it in the outbox once', async () => {
    const pending = (await reminders()).find((r) => r.status === 'pending')!;
    const count = (await outbox()).length;
    const first = await fetch(url(`/api/reminders/${encodeURIComponent(pending.id)}/fire`), {
      method: 'POST',
    });
    const second = await fetch(url(`/api/reminders/${encodeURIComponent(pending.id)}/fire`), {
      method: 'POST',
    });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await outbox()).length, 'one message for two fire requests').toBe(count + 1);
    expect((await reminders()).find((r) => r.id === pending.id)?.status).toBe('sent');
  });

  it('answers 413 to a webhook body over 64 KB', async () => {
    const res = await postWebhook(JSON.stringify({ text: 'x'.repeat(70_000) }), 'key-big');
    expect(res.status).toBe(413);
  });
});
