/**
 * A ReminderScheduler that only remembers what is due: the tests' fake, and the state a
 * local timer polls (`due(now)`). Scheduling the same reminder id again replaces it, as
 * an EventBridge schedule named after the reminder would.
 */
import type { ReminderRecord, ReminderScheduler } from '../../app/ports.js';

export class MemoryScheduler implements ReminderScheduler {
  private readonly scheduled = new Map<string, ReminderRecord>();
  readonly cancelled: string[] = [];

  async schedule(reminder: ReminderRecord): Promise<void> {
    this.scheduled.set(reminder.id, reminder);
  }

  async cancel(reminderId: string): Promise<void> {
    if (this.scheduled.delete(reminderId)) this.cancelled.push(reminderId);
  }

  /** Everything still scheduled, soonest first. */
  pending(): ReminderRecord[] {
    return [...this.scheduled.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  /** Scheduled reminders whose time has come, soonest first (a local timer fires these). */
  due(now: Date): ReminderRecord[] {
    return this.pending().filter((r) => Date.parse(r.at) <= now.getTime());
  }

  /** Forgets a reminder once it has fired. */
  markFired(reminderId: string): void {
    this.scheduled.delete(reminderId);
  }
}
