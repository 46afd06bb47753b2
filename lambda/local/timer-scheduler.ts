/**
 * The local stand-in for EventBridge Scheduler: reminders live in the store (the app puts
 * them there before scheduling), and a timer fires the due ones. Because the timer reads
 * the store, pending reminders survive a restart and fire once the process is back.
 */
import type { Clock, Log, ReminderRecord, ReminderScheduler, Store } from '../app/ports.js';

export interface TimerSchedulerOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Log;
  /**
   * How often to look for due reminders. Two seconds keeps a fired reminder visible in the
   * console almost at once while costing one local query per tick.
   * @default 2000
   */
  readonly intervalMs?: number;
}

export class TimerReminderScheduler implements ReminderScheduler {
  private fire: ((reminderId: string) => Promise<void>) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly inFlight = new Set<string>();

  constructor(private readonly options: TimerSchedulerOptions) {}

  /** Starts the timer; `fire` delivers one reminder (the app's fireReminder). */
  start(fire: (reminderId: string) => Promise<void>): void {
    this.fire = fire;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? 2000);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async schedule(reminder: ReminderRecord): Promise<void> {
    this.options.logger.debug('reminder scheduled', { reminderId: reminder.id, at: reminder.at });
    if (Date.parse(reminder.at) <= this.options.clock.now().getTime()) void this.tick();
  }

  async cancel(reminderId: string): Promise<void> {
    // The app moves the record to `cancelled`; the timer only ever fires `pending` ones.
    this.options.logger.debug('reminder cancelled', { reminderId });
  }

  /** Fires every due pending reminder once; overlapping ticks wait for the running one. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.fireDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async fireDue(): Promise<void> {
    const fire = this.fire;
    if (!fire) return;
    const now = this.options.clock.now().getTime();
    let pending;
    try {
      pending = await this.options.store.listReminders({ status: 'pending' });
    } catch (error) {
      // A background tick must not take the service down: the next tick reads again.
      this.options.logger.warn('reminders not read; will retry', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      return;
    }
    const due = pending.filter((r) => Date.parse(r.at) <= now && !this.inFlight.has(r.id));
    for (const reminder of due) {
      this.inFlight.add(reminder.id);
      try {
        await fire(reminder.id);
      } catch (error) {
        // Left pending: the next tick retries it, as Scheduler's retry policy would.
        this.options.logger.warn('reminder failed; will retry', {
          reminderId: reminder.id,
          error: error instanceof Error ? error.name : 'unknown',
        });
      } finally {
        this.inFlight.delete(reminder.id);
      }
    }
  }
}
