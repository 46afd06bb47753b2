/** The use case with the real core and the project's templates, over in-memory adapters. */
import { describe, expect, it } from 'vitest';
import { coreFunctions } from '../../../lambda/app/core.js';
import { cancelConversation, fireReminder, recordNewTime } from '../../../lambda/app/follow-up.js';
import { handleRequest } from '../../../lambda/app/handle-request.js';
import { parseRequest } from '../../../lambda/core/schema.js';
import { loadTemplates } from '../../../lambda/templates.js';
import { memoryWorld } from '../../support/app-deps.js';

const PHONE = '+15551230000';
const EMAIL = 'ana.lopez@example.com';

function world() {
  return memoryWorld({
    core: coreFunctions,
    templates: loadTemplates(),
    now: '2026-11-23T15:00:00.000Z',
  });
}

describe('the use case with the real core', () => {
  it('answers an SMS with the draft, then follows up: reminder, new time, prep reminder', async () => {
    const w = world();
    const request = parseRequest({
      id: 'sms:SM1',
      channel: 'sms',
      text: "I'm sick with a fever and can't make my interview at Acme tomorrow at 10am",
      receivedAt: '2026-11-23T15:00:00.000Z',
      interview: {
        start: '2026-11-24T10:00:00-05:00',
        timezone: 'America/New_York',
        company: 'Acme',
      },
      candidate: { phone: PHONE, timezone: 'America/New_York' },
    });

    const outcome = await handleRequest(w.deps, request, {
      idempotencyKey: 'sms:SM1',
      fingerprint: 'f',
      sender: PHONE,
    });

    expect(outcome.kind).toBe('planned');
    expect(w.texter.sent.length, 'expected the draft and a tip by SMS').toBeGreaterThanOrEqual(1);
    expect(w.texter.sent.every((m) => m.to === PHONE)).toBe(true);
    const [reminder] = w.scheduler.pending();
    expect(reminder?.kind).toBe('thank_you');

    w.clock.set(reminder?.at ?? '');
    const fired = await fireReminder(w.deps, reminder?.id ?? '');
    expect(fired.kind).toBe('sent');
    const reminderText = w.texter.sent.at(-1)?.body ?? '';
    expect(reminderText.length).toBeGreaterThan(0);
    expect(reminderText).not.toMatch(/\{\{|undefined|null/);

    const moved = await recordNewTime(w.deps, 'sms:SM1', '2026-11-27T14:00:00-05:00');
    expect(moved.kind === 'recorded' && moved.thankYouSent).toBe(true);
    const prep = moved.kind === 'recorded' ? moved.prepReminder : null;
    expect(prep?.kind).toBe('prep');
    expect(Date.parse(prep?.at ?? '')).toBeLessThan(Date.parse('2026-11-27T14:00:00-05:00'));
  });

  it('answers an email with one reply carrying the draft, and cancelling drops the follow-up', async () => {
    const w = world();
    const request = parseRequest({
      id: 'email:<m1@mail.test>',
      channel: 'email',
      text: 'My flight home was cancelled and I cannot make Thursday.',
      receivedAt: '2026-11-23T15:00:00.000Z',
      interview: {
        start: '2026-11-26T15:00:00-05:00',
        timezone: 'America/New_York',
        interviewer: { name: 'Dana Whitfield' },
      },
      candidate: { name: 'Ana Lopez', email: EMAIL },
    });

    await handleRequest(w.deps, request, {
      idempotencyKey: request.id,
      fingerprint: 'f',
      sender: EMAIL,
    });
    const cancelled = await cancelConversation(w.deps, request.id);

    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]?.text).toContain('Dana');
    expect(cancelled).toEqual({ kind: 'cancelled', remindersCancelled: 1 });
    expect(w.scheduler.pending()).toEqual([]);
  });
});
