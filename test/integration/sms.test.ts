/**
 * The SMS channel end to end on real local parts: DynamoStore on dynalite, the real core
 * and templates, the real twilio REST client against the loopback Twilio stand-in (the
 * reminder path), and the EventBridge scheduler adapter over a mocked SDK client (no
 * Scheduler stand-in exists). Inbound texts are Twilio-shaped forms signed with Twilio's
 * own signer.
 */
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../lambda/adapters/dynamodb/index.js';
import { FixedClock } from '../../lambda/adapters/memory/index.js';
import { EventBridgeReminderScheduler } from '../../lambda/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { TwilioTexter } from '../../lambda/adapters/twilio/twilio-texter.js';
import { coreFunctions } from '../../lambda/app/core.js';
import type { Deps } from '../../lambda/app/deps.js';
import { fireReminder } from '../../lambda/app/follow-up.js';
import {
  handleSms,
  messagesOf,
  QuietHoursScheduler,
  type SmsDeps,
} from '../../lambda/channels/sms/index.js';
import { NO_EMAIL } from '../../lambda/channels/sms/runtime.js';
import { segmentInfo } from '../../lambda/core/sms-segments.js';
import { loadTemplates } from '../../lambda/templates.js';
import { RecordingLog } from '../support/app-deps.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-standin.js';
import { signatureFor, twilioSmsForm } from '../fixtures/twilio/webhook.js';

const PUBLIC_URL = 'https://sms.example.com/sms';
const SERVICE_NUMBER = '+447700900000';
/** Monday 23 November 2026, 12:00 London. */
const NOW = '2026-11-23T12:00:00.000Z';

const schedulerSdk = mockClient(SchedulerClient);
let db: DynaliteHandle;
let twilio: TwilioStandIn;
let tables = 0;

beforeAll(async () => {
  [db, twilio] = await Promise.all([startDynalite('sms-e2e-0'), startTwilioStandIn()]);
});
afterAll(async () => {
  await Promise.all([db.stop(), twilio.close()]);
  schedulerSdk.restore();
});
beforeEach(() => {
  twilio.reset();
  schedulerSdk.reset();
  schedulerSdk
    .on(CreateScheduleCommand)
    .resolves({ ScheduleArn: 'arn:aws:scheduler:us-east-1:1:schedule/g/x' });
  schedulerSdk.on(DeleteScheduleCommand).resolves({});
});

interface World {
  readonly deps: Deps;
  readonly store: DynamoStore;
  readonly clock: FixedClock;
  readonly log: RecordingLog;
  text(from: string, body: string, sid?: string): Promise<string[]>;
}

/** A fresh table per test: no state leaks between them. */
async function world(): Promise<World> {
  tables += 1;
  const tableName = `sms-e2e-${tables}`;
  await db.createTable(tableName);
  const store = new DynamoStore({ tableName, client: db.client });
  const clock = new FixedClock(NOW);
  const log = new RecordingLog();
  const deps: Deps = {
    store,
    mailer: NO_EMAIL,
    texter: new TwilioTexter({
      credentials: { accountSid: twilio.accountSid, authToken: twilio.authToken },
      from: SERVICE_NUMBER,
      baseUrl: twilio.baseUrl,
    }),
    scheduler: new QuietHoursScheduler(
      new EventBridgeReminderScheduler({
        client: new SchedulerClient({
          region: 'us-east-1',
          credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
        }),
        groupName: 'reminders',
        roleArn: 'arn:aws:iam::123456789012:role/scheduler',
        targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:reminder',
        deadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:reminders-dlq',
        now: () => clock.now(),
      }),
      { onDeferred: (r) => store.putReminder(r), now: () => clock.now() },
    ),
    clock,
    templates: loadTemplates(),
    policy: {
      allowlist: ['+447700900123', '+447700900124', '+14155550100'],
      rateLimit: { limit: 10, windowSeconds: 3600 },
    },
    logger: log,
    core: coreFunctions,
  };
  const sms: SmsDeps = { app: deps, authToken: twilio.authToken, publicUrl: PUBLIC_URL };
  return {
    deps,
    store,
    clock,
    log,
    text: async (from, body, sid) => {
      const rawBody = twilioSmsForm({ from, body, ...(sid ? { sid } : {}) });
      const response = await handleSms(sms, {
        headers: { 'X-Twilio-Signature': signatureFor(twilio.authToken, PUBLIC_URL, rawBody) },
        pathAndQuery: '/sms',
        rawBody,
        now: clock.now().toISOString(),
      });
      expect(response.statusCode, `expected 200 for "${body}", got ${response.body}`).toBe(200);
      expect(response.headers['Content-Type']).toMatch(/^text\/xml/);
      return messagesOf(response.body);
    },
  };
}

function expectWithinTwoSegments(messages: readonly string[]): void {
  for (const message of messages) {
    expect(segmentInfo(message).segments, `expected ≤ 2 segments: ${message}`).toBeLessThanOrEqual(
      2,
    );
  }
}

describe('SMS end to end', () => {
  const SAM = '+447700900123';

  it('drafts, records NEW Thu 2pm, and the real Twilio client sends the prep reminder at 12:00', async () => {
    const w = await world();

    const drafted = await w.text(
      SAM,
      "Hi, I'm sick and can't make my interview with Acme on Thursday at 3pm",
    );
    expect(drafted.length).toBeGreaterThanOrEqual(1);
    expect(drafted.join('\n')).toMatch(/unwell/);
    expect(drafted.join('\n'), 'the draft never repeats the diagnosis word').not.toMatch(
      /\bsick\b/,
    );
    expectWithinTwoSegments(drafted);
    expect(twilio.messages, 'replies go in the TwiML response, not the REST API').toHaveLength(0);

    const moved = await w.text(SAM, 'NEW Thu 2pm');
    expectWithinTwoSegments(moved);
    expect(moved.join('\n')).toMatch(/thank/i);
    expect(moved.at(-1)).toBe(
      "Send them that thank-you now. I'll text you a prep reminder on Thu 26 Nov, 12:00 PM GMT.",
    );
    const conversation = await w.store.latestConversationFor(SAM);
    expect(conversation?.status).toBe('rescheduled');
    expect(Date.parse(conversation?.newStart ?? '')).toBe(Date.parse('2026-11-26T14:00:00Z'));

    const pending = await w.store.listReminders({
      conversationId: conversation?.id ?? '',
      status: 'pending',
    });
    const prep = pending.find((r) => r.kind === 'prep');
    expect(Date.parse(prep?.at ?? ''), 'expected the prep reminder 2 hours before 14:00').toBe(
      Date.parse('2026-11-26T12:00:00Z'),
    );
    const created = schedulerSdk.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(created.map((c) => c.ScheduleExpression)).toContain('at(2026-11-26T12:00:00)');

    w.clock.set('2026-11-26T12:00:00Z');
    const fired = await fireReminder(w.deps, prep?.id ?? '');
    const again = await fireReminder(w.deps, prep?.id ?? '');

    expect(fired.kind).toBe('sent');
    expect(again).toEqual({ kind: 'skipped', reason: 'not_pending' });
    expect(twilio.messages.map((m) => [m.to, m.from])).toEqual([[SAM, SERVICE_NUMBER]]);
    expectWithinTwoSegments(twilio.messages.map((m) => m.body));
    const logs = w.log.text();
    expect(logs).not.toContain('900123');
    expect(logs).not.toContain('sick');
  });

  it('answers the same MessageSid three times with one reply and one conversation', async () => {
    const w = await world();
    const sid = 'SM0000000000000000000000000000e2e1';
    const body = "Can't make the Acme interview Thursday 3pm, my car broke down";

    const first = await w.text(SAM, body, sid);
    const second = await w.text(SAM, body, sid);
    const third = await w.text(SAM, body, sid);

    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect((await w.store.latestConversationFor(SAM))?.id).toBe(`sms:${sid}`);
    expect(await w.store.listReminders({ status: 'pending' })).toHaveLength(1);
    expect(
      schedulerSdk.commandCalls(CreateScheduleCommand),
      'one schedule over three deliveries',
    ).toHaveLength(1);
  });

  it('sends nothing to a number after STOP, reminders included', async () => {
    const w = await world();
    await w.text(SAM, "I'm sick and can't make my interview with Acme on Thursday at 3pm");
    const [reminder] = await w.store.listReminders({ status: 'pending' });

    expect(await w.text(SAM, 'STOP')).toEqual([]);
    expect(await w.text(SAM, 'HELP')).toEqual([]);
    w.clock.set(reminder?.at ?? NOW);
    const fired = await fireReminder(w.deps, reminder?.id ?? '');

    expect(fired).toEqual({ kind: 'skipped', reason: 'opted_out' });
    expect(twilio.messages).toHaveLength(0);
    expect(twilio.requests).toBe(0);
  });

  it('asks one question when the time is missing and continues with the answer', async () => {
    const w = await world();
    const SAM2 = '+447700900124';
    const question = await w.text(SAM2, "My kid is sick so I can't make my interview");
    expect(question).toEqual(['Which interview is it, and when? Reply e.g. "Acme, Thu 2pm".']);

    const drafted = await w.text(SAM2, 'Friday 10am');
    expect(drafted.join('\n')).toMatch(/Fri 27 Nov, 10:00 AM/);
    expectWithinTwoSegments(drafted);
    const latest = await w.store.latestConversationFor(SAM2);
    expect(Date.parse(latest?.plan.interview.start ?? '')).toBe(Date.parse('2026-11-27T10:00:00Z'));
  });

  it('keeps a +1 number quiet in every US zone: its prep reminder moves to the evening before', async () => {
    const w = await world();
    const ALEX = '+14155550100';
    await w.text(ALEX, "I'm sick and can't make my interview with Acme on Thursday at 3pm");
    const moved = await w.text(ALEX, 'NEW Fri 9am');
    expect(moved.at(-1)).toBe(
      "Send them that thank-you now. I'll text you a prep reminder on Thu 26 Nov, 6:30 PM EST.",
    );

    const conversation = await w.store.latestConversationFor(ALEX);
    // 9:00 New York = 14:00Z; 2 hours before is 07:00 New York (quiet), and 20:00 the evening before in St John's is waking everywhere.
    expect(Date.parse(conversation?.newStart ?? '')).toBe(Date.parse('2026-11-27T14:00:00Z'));
    const prep = (
      await w.store.listReminders({ conversationId: conversation?.id ?? '', status: 'pending' })
    ).find((r) => r.kind === 'prep');
    expect(prep?.at).toBe('2026-11-26T23:30:00.000Z');
  });
});

describe('SMS end to end: multi-zone numbers', () => {
  it('asks only for the time zone when a +1 number writes a bare time, then drafts in that zone', async () => {
    const w = await world();
    const ALEX = '+14155550100';
    const asked = await w.text(ALEX, "I'm sick and can't make my interview on Thursday at 3pm");
    expect(asked).toEqual(['Which time zone is that time in? Reply e.g. "ET" or "PT".']);

    const drafted = await w.text(ALEX, 'pacific');

    expect(drafted.join('\n')).toMatch(/Thu 26 Nov, 3:00 PM PST/);
    expectWithinTwoSegments(drafted);
    const latest = await w.store.latestConversationFor(ALEX);
    expect(latest?.plan.interview.start).toBe('2026-11-26T15:00:00-08:00');
  });
});
