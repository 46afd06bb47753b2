/**
 * A Mailer that records what it sends: the local outbox and the tests' fake. `failNext`
 * makes the next sends throw, to exercise the app's failure paths.
 */
import type { Mailer, OutboundEmail } from '../../app/ports.js';

export interface SentEmail extends OutboundEmail {
  readonly messageId: string;
}

export class RecordingMailer implements Mailer {
  readonly sent: SentEmail[] = [];
  private readonly failures: Error[] = [];
  private counter = 0;

  /** The next `errors.length` sends throw these errors, in order. */
  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async send(message: OutboundEmail): Promise<{ readonly messageId: string }> {
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    this.counter += 1;
    const messageId = `<memory-${this.counter}@outbox.local>`;
    this.sent.push({ ...message, messageId });
    return { messageId };
  }
}
