import { describe, expect, it } from 'vitest';
import { cancelConversation, fireReminder, recordNewTime } from '../../../lambda/app/follow-up.js';
import { handleRequest } from '../../../lambda/app/handle-request.js';
import { DeliveryError } from '../../../lambda/adapters/delivery-error.js';
import { parseRequest } from '../../../lambda/core/schema.js';
import { memoryWorld, type MemoryWorld } from '../../support/app-deps.js';

const EMAIL = 'ana.lopez@example.com';
const PHONE = '+15551230000';
const NEW_START = '2026-11-26T19:00:00.000Z';

async function planned(world: MemoryWorld, channel: 'email' | 'sms' = 'email'): Promise<string> {
  const id = `${channel}:1`;
  const request = parseRequest({
    id,
    channel,
    text: 'I have the flu',
    receivedAt: '2026-11-23T12:00:00Z',
    candidate: channel === 'email' ? { email: EMAIL } : { phone: PHONE },
  });
  await handleRequest(world.deps, request, {
    idempotencyKey: id,
    fingerprint: 'fp',
    sender: channel === 'email' ? EMAIL : PHONE,
  });
  world.mailer.sent.length = 0;
  world.texter.sent.length = 0;
  return id;
}

describe('fireReminder', () => {
  it('sends the reminder once and marks it sent; firing again sends nothing', async () => {
    const world = memoryWorld();
    const id = await planned(world);

    const first = await fireReminder(world.deps, `${id}:thank_you`);
    const second = await fireReminder(world.deps, `${id}:thank_you`);

    expect(first.kind).toBe('sent');
    expect(second).toEqual({ kind: 'skipped', reason: 'not_pending' });
    expect(world.mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [EMAIL, 'Reminder: thank_you'],
    ]);
    expect((await world.store.getReminder(`${id}:thank_you`))?.status).toBe('sent');
  });

  it('sends the SMS body of the rendered reminder by text', async () => {
    const world = memoryWorld();
    const id = await planned(world, 'sms');

    await fireReminder(world.deps, `${id}:thank_you`);

    expect(world.texter.sent.map((m) => [m.to, m.body])).toEqual([[PHONE, 'Reminder: thank_you']]);
  });

  it('skips and cancels the reminder when the contact opted out', async () => {
    const world = memoryWorld();
    const id = await planned(world, 'sms');
    await world.store.setOptedOut(PHONE, true, world.clock.now());

    const outcome = await fireReminder(world.deps, `${id}:thank_you`);

    expect(outcome).toEqual({ kind: 'skipped', reason: 'opted_out' });
    expect(world.texter.sent).toHaveLength(0);
    expect((await world.store.getReminder(`${id}:thank_you`))?.status).toBe('cancelled');
  });

  it('skips when the conversation was cancelled', async () => {
    const world = memoryWorld();
    const id = await planned(world);
    const conversation = await world.store.getConversation(id);
    if (conversation === null) throw new Error('expected the conversation to be stored');
    await world.store.saveConversation(
      { ...conversation, status: 'cancelled' },
      conversation.version,
    );

    const outcome = await fireReminder(world.deps, `${id}:thank_you`);

    expect(outcome).toEqual({ kind: 'skipped', reason: 'conversation_closed' });
    expect(world.mailer.sent).toHaveLength(0);
  });

  it('skips an unknown reminder', async () => {
    const world = memoryWorld();
    expect(await fireReminder(world.deps, 'nope')).toEqual({
      kind: 'skipped',
      reason: 'not_found',
    });
  });

  it('rethrows a retryable failure with the reminder still pending and its claim released', async () => {
    const world = memoryWorld();
    const id = await planned(world);
    world.mailer.failNext(new DeliveryError('ses', 'throttled', { retryable: true }));

    await expect(fireReminder(world.deps, `${id}:thank_you`)).rejects.toBeInstanceOf(DeliveryError);
    expect((await world.store.getReminder(`${id}:thank_you`))?.status).toBe('pending');
    const retry = await fireReminder(world.deps, `${id}:thank_you`);

    expect(retry.kind, 'expected the retry to send').toBe('sent');
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('marks the reminder failed on a permanent failure instead of retrying forever', async () => {
    const world = memoryWorld();
    const id = await planned(world);
    world.mailer.failNext(new DeliveryError('ses', 'rejected', { retryable: false }));

    const outcome = await fireReminder(world.deps, `${id}:thank_you`);

    expect(outcome.kind).toBe('failed');
    expect((await world.store.getReminder(`${id}:thank_you`))?.status).toBe('failed');
  });
});

describe('recordNewTime', () => {
  it('records the time, thanks now, drops the pending thank-you and schedules the prep reminder', async () => {
    const world = memoryWorld();
    const id = await planned(world);

    const outcome = await recordNewTime(world.deps, id, NEW_START);

    expect(outcome.kind).toBe('recorded');
    const conversation = await world.store.getConversation(id);
    expect(conversation).toMatchObject({ status: 'rescheduled', newStart: NEW_START, version: 1 });
    expect(world.mailer.sent.map((m) => m.subject)).toEqual(['Reminder: thank_you']);
    const reminders = await world.store.listReminders({ conversationId: id });
    expect(reminders.map((r) => [r.kind, r.status, r.at])).toEqual([
      ['thank_you', 'cancelled', '2026-11-24T12:00:00.000Z'],
      ['prep', 'pending', '2026-11-26T17:00:00.000Z'],
    ]);
    expect(world.scheduler.pending().map((r) => r.kind)).toEqual(['prep']);
  });

  it('sends the thank-you once when the same time is reported twice', async () => {
    const world = memoryWorld();
    const id = await planned(world);

    await recordNewTime(world.deps, id, NEW_START);
    await recordNewTime(world.deps, id, NEW_START);

    expect(world.mailer.sent).toHaveLength(1);
    expect(await world.store.listReminders({ conversationId: id, status: 'pending' })).toHaveLength(
      1,
    );
  });

  it('replaces the prep reminder when the time moves again', async () => {
    const world = memoryWorld();
    const id = await planned(world);

    await recordNewTime(world.deps, id, NEW_START);
    await recordNewTime(world.deps, id, '2026-11-27T19:00:00.000Z');

    const pending = await world.store.listReminders({ conversationId: id, status: 'pending' });
    expect(pending.map((r) => r.at)).toEqual(['2026-11-27T17:00:00.000Z']);
    expect(world.scheduler.pending().map((r) => r.at)).toEqual(['2026-11-27T17:00:00.000Z']);
  });

  it('returns the thank-you instead of sending it when asked to answer inline', async () => {
    const world = memoryWorld();
    const id = await planned(world, 'sms');

    const outcome = await recordNewTime(world.deps, id, NEW_START, { inline: true });

    expect(outcome.kind === 'recorded' && outcome.thankYou.sms).toBe('Reminder: thank_you');
    expect(world.texter.sent).toHaveLength(0);
  });

  it('does nothing for an unknown or cancelled conversation', async () => {
    const world = memoryWorld();
    const id = await planned(world);
    await cancelConversation(world.deps, id);

    expect(await recordNewTime(world.deps, 'nope', NEW_START)).toEqual({ kind: 'not_found' });
    expect(await recordNewTime(world.deps, id, NEW_START)).toEqual({ kind: 'closed' });
    expect(world.mailer.sent).toHaveLength(0);
  });
});

describe('cancelConversation', () => {
  it('unschedules every pending reminder and closes the conversation', async () => {
    const world = memoryWorld();
    const id = await planned(world);

    const outcome = await cancelConversation(world.deps, id);

    expect(outcome).toEqual({ kind: 'cancelled', remindersCancelled: 1 });
    expect(world.scheduler.cancelled).toEqual([`${id}:thank_you`]);
    expect((await world.store.getConversation(id))?.status).toBe('cancelled');
    expect(await fireReminder(world.deps, `${id}:thank_you`)).toEqual({
      kind: 'skipped',
      reason: 'not_pending',
    });
  });

  it('reports an unknown conversation', async () => {
    const world = memoryWorld();
    expect(await cancelConversation(world.deps, 'nope')).toEqual({ kind: 'not_found' });
  });
});
