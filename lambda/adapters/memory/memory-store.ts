/**
 * The Store in memory: the local service's embedded state and the unit tests' fake. It
 * keeps the same rules as DynamoStore (conditional writes, versions, leases), which the
 * store contract suite checks, and copies records in and out so callers never share them.
 */
import type {
  Conversation,
  InboundClaim,
  ReminderRecord,
  ReminderStatus,
  Store,
} from '../../app/ports.js';
import { ConflictError } from '../../app/errors.js';
import { INBOUND_LEASE_SECONDS, epochSeconds } from '../../app/retention.js';

interface InboundRecord {
  fingerprint: string;
  state: 'pending' | 'done';
  result: string | null;
  leaseUntil: number;
}

/** Everything a MemoryStore holds, as plain JSON (the local service persists it under --data). */
export interface MemoryStoreSnapshot {
  readonly conversations: Record<string, Conversation>;
  readonly latest: Record<string, string>;
  readonly inbound: Record<string, InboundRecord>;
  readonly optedOut: string[];
  readonly rate: Record<string, number>;
  readonly deliveries: string[];
  readonly reminders: Record<string, ReminderRecord>;
}

const copy = <T>(value: T): T => structuredClone(value);

export class MemoryStore implements Store {
  private readonly conversations = new Map<string, Conversation>();
  private readonly latest = new Map<string, string>();
  private readonly inbound = new Map<string, InboundRecord>();
  private readonly optedOut = new Set<string>();
  private readonly rate = new Map<string, number>();
  private readonly deliveries = new Set<string>();
  private readonly reminders = new Map<string, ReminderRecord>();

  constructor(snapshot?: MemoryStoreSnapshot) {
    if (!snapshot) return;
    for (const [k, v] of Object.entries(snapshot.conversations)) this.conversations.set(k, copy(v));
    for (const [k, v] of Object.entries(snapshot.latest)) this.latest.set(k, v);
    for (const [k, v] of Object.entries(snapshot.inbound)) this.inbound.set(k, copy(v));
    for (const v of snapshot.optedOut) this.optedOut.add(v);
    for (const [k, v] of Object.entries(snapshot.rate)) this.rate.set(k, v);
    for (const v of snapshot.deliveries) this.deliveries.add(v);
    for (const [k, v] of Object.entries(snapshot.reminders)) this.reminders.set(k, copy(v));
  }

  /** A JSON-safe copy of the whole state, for persisting and restoring. */
  snapshot(): MemoryStoreSnapshot {
    return copy({
      conversations: Object.fromEntries(this.conversations),
      latest: Object.fromEntries(this.latest),
      inbound: Object.fromEntries(this.inbound),
      optedOut: [...this.optedOut],
      rate: Object.fromEntries(this.rate),
      deliveries: [...this.deliveries],
      reminders: Object.fromEntries(this.reminders),
    });
  }

  async claimInbound(key: string, fingerprint: string, now: Date): Promise<InboundClaim> {
    const nowSeconds = epochSeconds(now);
    const existing = this.inbound.get(key);
    if (existing === undefined) {
      this.inbound.set(key, {
        fingerprint,
        state: 'pending',
        result: null,
        leaseUntil: nowSeconds + INBOUND_LEASE_SECONDS,
      });
      return { status: 'new' };
    }
    if (existing.fingerprint !== fingerprint) return { status: 'conflict' };
    if (existing.state === 'done') return { status: 'duplicate', result: existing.result };
    if (existing.leaseUntil > nowSeconds) return { status: 'duplicate', result: null };
    existing.leaseUntil = nowSeconds + INBOUND_LEASE_SECONDS;
    return { status: 'new' };
  }

  async completeInbound(key: string, result: string): Promise<void> {
    const existing = this.inbound.get(key);
    if (existing === undefined) throw new ConflictError(`inbound ${key} was not claimed`);
    existing.state = 'done';
    existing.result = result;
  }

  async releaseInbound(key: string): Promise<void> {
    const existing = this.inbound.get(key);
    if (existing?.state === 'pending') this.inbound.delete(key);
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const found = this.conversations.get(id);
    return found === undefined ? null : copy(found);
  }

  async saveConversation(
    conversation: Conversation,
    expectedVersion: number | null,
  ): Promise<Conversation> {
    const stored = this.conversations.get(conversation.id);
    if (expectedVersion === null && stored !== undefined) {
      throw new ConflictError(`conversation ${conversation.id} already exists`);
    }
    if (expectedVersion !== null && stored?.version !== expectedVersion) {
      throw new ConflictError(
        `conversation ${conversation.id} is at version ${stored?.version ?? 'none'}, not ${expectedVersion}`,
      );
    }
    const saved: Conversation = {
      ...copy(conversation),
      version: expectedVersion === null ? 0 : expectedVersion + 1,
    };
    this.conversations.set(saved.id, saved);
    if (saved.contact.address !== null) this.pointContactAt(saved.contact.address, saved);
    return copy(saved);
  }

  /** Points the contact at this conversation unless a newer one is already there. */
  private pointContactAt(contact: string, conversation: Conversation): void {
    const current = this.conversations.get(this.latest.get(contact) ?? '');
    if (
      current === undefined ||
      current.id === conversation.id ||
      current.createdAt <= conversation.createdAt
    ) {
      this.latest.set(contact, conversation.id);
    }
  }

  async latestConversationFor(contact: string): Promise<Conversation | null> {
    const id = this.latest.get(contact);
    return id === undefined ? null : this.getConversation(id);
  }

  async isOptedOut(contact: string): Promise<boolean> {
    return this.optedOut.has(contact);
  }

  async setOptedOut(contact: string, optedOut: boolean, _now: Date): Promise<void> {
    if (optedOut) this.optedOut.add(contact);
    else this.optedOut.delete(contact);
  }

  async takeRateToken(
    sender: string,
    limit: number,
    windowSeconds: number,
    now: Date,
  ): Promise<boolean> {
    const windowStart = Math.floor(epochSeconds(now) / windowSeconds) * windowSeconds;
    const key = `${sender}\u0000${windowSeconds}\u0000${windowStart}`;
    const count = this.rate.get(key) ?? 0;
    if (count >= limit) return false;
    this.rate.set(key, count + 1);
    return true;
  }

  async claimDelivery(key: string, _now: Date): Promise<boolean> {
    if (this.deliveries.has(key)) return false;
    this.deliveries.add(key);
    return true;
  }

  async releaseDelivery(key: string): Promise<void> {
    this.deliveries.delete(key);
  }

  async putReminder(reminder: ReminderRecord): Promise<void> {
    const stored = this.reminders.get(reminder.id);
    if (stored !== undefined && stored.status !== 'pending') {
      throw new ConflictError(`reminder ${reminder.id} is already ${stored.status}`);
    }
    this.reminders.set(reminder.id, { ...copy(reminder), timezone: reminder.timezone ?? null });
  }

  async getReminder(id: string): Promise<ReminderRecord | null> {
    const found = this.reminders.get(id);
    return found === undefined ? null : copy(found);
  }

  async transitionReminder(id: string, from: ReminderStatus, to: ReminderStatus): Promise<boolean> {
    const stored = this.reminders.get(id);
    if (stored?.status !== from) return false;
    this.reminders.set(id, { ...stored, status: to });
    return true;
  }

  async listReminders(
    filter: { readonly conversationId?: string; readonly status?: ReminderStatus } = {},
  ): Promise<ReminderRecord[]> {
    return [...this.reminders.values()]
      .filter(
        (r) => filter.conversationId === undefined || r.conversationId === filter.conversationId,
      )
      .filter((r) => filter.status === undefined || r.status === filter.status)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1))
      .map(copy);
  }
}
