/**
 * The local outbox: every message the local service "sends" (email, SMS, and the TwiML
 * replies to inbound texts) lands here, appended to `<data>/outbox.jsonl`, so it survives
 * a restart. It implements the app's Mailer and Texter ports; when real delivery is
 * configured, the message is recorded here and then handed to the real adapter.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock, Mailer, OutboundEmail, OutboundSms, Texter } from '../app/ports.js';

/** One message in the outbox, as `GET /api/outbox` returns it (DESIGN.md). */
export interface OutboxEntry {
  readonly id: string;
  readonly channel: 'email' | 'sms';
  readonly to: string;
  readonly subject?: string;
  readonly text: string;
  readonly html?: string;
  readonly at: string;
  /** What the entry answers: set for TwiML replies and threaded email replies. */
  readonly inReplyTo?: string;
}

export class Outbox {
  private readonly entries: OutboxEntry[] = [];

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          this.entries.push(JSON.parse(line) as OutboxEntry);
        } catch {
          // A torn last line after a crash: skip it, keep the rest.
        }
      }
    }
  }

  record(entry: Omit<OutboxEntry, 'id' | 'at'>): OutboxEntry {
    const full: OutboxEntry = { id: randomUUID(), at: this.clock.now().toISOString(), ...entry };
    appendFileSync(this.file, `${JSON.stringify(full)}\n`);
    this.entries.push(full);
    return full;
  }

  /** Newest first. */
  list(): OutboxEntry[] {
    return [...this.entries].reverse();
  }
}

/** A Mailer that records into the outbox, then (optionally) sends for real. */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly outbox: Outbox,
    private readonly next?: Mailer,
  ) {}

  async send(message: OutboundEmail): Promise<{ messageId: string }> {
    const sent = this.next ? await this.next.send(message) : null;
    const entry = this.outbox.record({
      channel: 'email',
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
      ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
    });
    return { messageId: sent?.messageId ?? `<${entry.id}@reschedule.local>` };
  }
}

/** A Texter that records into the outbox, then (optionally) sends for real. */
export class OutboxTexter implements Texter {
  constructor(
    private readonly outbox: Outbox,
    private readonly next?: Texter,
  ) {}

  async send(message: OutboundSms): Promise<{ sid: string }> {
    const sent = this.next ? await this.next.send(message) : null;
    const entry = this.outbox.record({ channel: 'sms', to: message.to, text: message.body });
    return { sid: sent?.sid ?? `SM${entry.id.replace(/-/g, '')}` };
  }
}
