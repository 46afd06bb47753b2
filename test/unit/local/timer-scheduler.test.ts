import { describe, expect, it } from 'vitest';
import { FixedClock, MemoryStore } from '../../../lambda/adapters/memory/index.js';
import type { ReminderRecord } from '../../../lambda/app/ports.js';
import { TimerReminderScheduler } from '../../../lambda/local/timer-scheduler.js';

const NOW = new Date('2026-12-05T12:00:00Z');

const reminder = (id: string, at: string): ReminderRecord => ({
  id,
  conversationId: 'c1',
  kind: 'thank_you',
  at,
  channel: 'email',
  to: 'sam@example.org',
  status: 'pending',
  timezone: null,
});

/** A store whose reads fail `failures` times first (a table not ready yet, a lost connection). */
class FlakyStore extends MemoryStore {
  constructor(private failures: number) {
    super();
  }

  override async listReminders(...args: Parameters<MemoryStore['listReminders']>) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('ResourceNotFoundException');
    }
    return super.listReminders(...args);
  }
}

function recordingLog() {
  const warnings: string[] = [];
  const log = { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) };
  return { log, warnings };
}

describe('TimerReminderScheduler', () => {
  it('logs a failed read of the store and fires the due reminder on the next tick', async () => {
    const store = new FlakyStore(1);
    await store.putReminder(reminder('r1', '2026-12-05T11:00:00Z'));
    const { log, warnings } = recordingLog();
    const timer = new TimerReminderScheduler({ store, clock: new FixedClock(NOW), logger: log });
    const fired: string[] = [];
    timer.start(async (id) => void fired.push(id));
    await timer.tick();
    expect(warnings, 'expected the failed read to be logged, not thrown').toEqual([
      'reminders not read; will retry',
    ]);
    expect(fired).toEqual([]);

    await timer.tick();
    await timer.stop();
    expect(fired, 'expected the next tick to fire the due reminder').toEqual(['r1']);
  });

  it('fires only reminders that are due', async () => {
    const store = new MemoryStore();
    await store.putReminder(reminder('due', '2026-12-05T11:59:00Z'));
    await store.putReminder(reminder('later', '2026-12-05T13:00:00Z'));
    const timer = new TimerReminderScheduler({
      store,
      clock: new FixedClock(NOW),
      logger: recordingLog().log,
    });
    const fired: string[] = [];
    timer.start(async (id) => void fired.push(id));
    await timer.tick();
    await timer.stop();
    expect(fired).toEqual(['due']);
  });
});
