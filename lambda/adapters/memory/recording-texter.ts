/**
 * A Texter that records what it sends: the local outbox and the tests' fake. `failNext`
 * makes the next sends throw, to exercise the app's failure paths.
 */
import type { OutboundSms, Texter } from '../../app/ports.js';

export interface SentSms extends OutboundSms {
  readonly sid: string;
}

export class RecordingTexter implements Texter {
  readonly sent: SentSms[] = [];
  private readonly failures: Error[] = [];
  private counter = 0;

  /** The next `errors.length` sends throw these errors, in order. */
  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async send(message: OutboundSms): Promise<{ readonly sid: string }> {
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.counter += 1;
    const sid = `SM${this.counter.toString(16).padStart(32, '0')}`;
    this.sent.push({ ...message, sid });
    return { sid };
  }
}
