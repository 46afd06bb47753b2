import { describe, expect, it } from 'vitest';
import { lazyMailer, lazyScheduler, lazyTexter, once } from '../../../lambda/adapters/lazy.js';
import type { ReminderRecord } from '../../../lambda/app/ports.js';

const reminder: ReminderRecord = {
  id: 'r1',
  conversationId: 'c1',
  kind: 'thank_you',
  at: '2026-12-01T15:00:00Z',
  channel: 'email',
  to: 'mei@example.com',
  status: 'pending',
  timezone: null,
};

describe('lazy delivery ports', () => {
  it('builds nothing until the first send, then builds once for every later send', async () => {
    let loads = 0;
    const sent: string[] = [];
    const mailer = lazyMailer(async () => {
      loads += 1;
      return {
        send: async (m) => {
          sent.push(m.subject);
          return { messageId: `m-${sent.length}` };
        },
      };
    });
    expect(loads, 'expected no load before the first send').toBe(0);
    const results = await Promise.all([
      mailer.send({ to: 'a@example.com', subject: 'one', text: 't' }),
      mailer.send({ to: 'a@example.com', subject: 'two', text: 't' }),
    ]);
    await mailer.send({ to: 'a@example.com', subject: 'three', text: 't' });
    expect(loads, 'expected one load for three sends').toBe(1);
    expect(results.map((r) => r.messageId)).toEqual(['m-1', 'm-2']);
    expect(sent).toEqual(['one', 'two', 'three']);
  });

  it('passes a failed load to the caller and tries the load again on the next call', async () => {
    let attempts = 0;
    const texter = lazyTexter(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('secret unreadable');
      return { send: async () => ({ sid: 'SM1' }) };
    });
    await expect(texter.send({ to: '+15005550006', body: 'hi' })).rejects.toThrow(
      'secret unreadable',
    );
    await expect(texter.send({ to: '+15005550006', body: 'hi' })).resolves.toEqual({ sid: 'SM1' });
    expect(attempts, 'expected a second load after the failed one').toBe(2);
  });

  it('passes schedule and cancel through to the scheduler it builds', async () => {
    const calls: string[] = [];
    const scheduler = lazyScheduler(async () => ({
      schedule: async (r) => {
        calls.push(`schedule ${r.id}`);
      },
      cancel: async (id) => {
        calls.push(`cancel ${id}`);
      },
    }));
    await scheduler.schedule(reminder);
    await scheduler.cancel('r1');
    expect(calls).toEqual(['schedule r1', 'cancel r1']);
  });

  it('once() shares one pending load between concurrent callers', async () => {
    let loads = 0;
    const get = once(async () => {
      loads += 1;
      return loads;
    });
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });
});
