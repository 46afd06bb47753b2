/**
 * One contract, two stores: every case runs against MemoryStore and against DynamoStore on
 * dynalite (started here on loopback), so the local service and AWS behave the same.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../lambda/adapters/memory/memory-store.js';
import { DynamoStore } from '../../lambda/adapters/dynamodb/dynamo-store.js';
import { StoreError } from '../../lambda/adapters/dynamodb/store-error.js';
import { ConflictError } from '../../lambda/app/errors.js';
import type { Conversation, ReminderRecord, Store } from '../../lambda/app/ports.js';
import { INBOUND_LEASE_SECONDS } from '../../lambda/app/retention.js';
import { parseRequest } from '../../lambda/core/schema.js';
import { pinnedPlan } from '../support/app-deps.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';

let dynamo: DynaliteHandle;
let tables = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo.stop();
});

const stores: [string, () => Promise<Store>][] = [
  ['MemoryStore', async () => new MemoryStore()],
  [
    'DynamoStore',
    async () => {
      tables += 1;
      const tableName = `contract-${tables}`;
      await dynamo.createTable(tableName);
      return new DynamoStore({ tableName, client: dynamo.client });
    },
  ],
];

const NOW = new Date('2026-11-23T12:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

function conversation(id: string, overrides: Partial<Conversation> = {}): Conversation {
  const request = parseRequest({
    id,
    channel: 'email',
    text: 'I have a fever. '.repeat(2000),
    receivedAt: NOW.toISOString(),
    candidate: { email: 'ana@example.com' },
  });
  return {
    id,
    contact: { channel: 'email', address: 'ana@example.com' },
    request,
    plan: pinnedPlan(request, NOW.toISOString()),
    status: 'open',
    awaiting: null,
    newStart: null,
    thread: { messageId: '<m1@mail.test>', references: [], subject: 'Interview' },
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 0,
    ...overrides,
  };
}

function reminder(id: string, overrides: Partial<ReminderRecord> = {}): ReminderRecord {
  return {
    id,
    conversationId: 'c1',
    kind: 'thank_you',
    at: '2026-11-24T10:00:00.000Z',
    channel: 'email',
    to: 'ana@example.com',
    status: 'pending',
    timezone: 'America/New_York',
    ...overrides,
  };
}

describe.each(stores)('%s', (_name, makeStore) => {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });

  describe('inbound dedupe', () => {
    it('claims a new key, then answers a duplicate with the stored result', async () => {
      expect(await store.claimInbound('k1', 'fp', NOW)).toEqual({ status: 'new' });
      await store.completeInbound('k1', '{"id":"k1"}');

      expect(await store.claimInbound('k1', 'fp', later(60))).toEqual({
        status: 'duplicate',
        result: '{"id":"k1"}',
      });
    });

    it('reports a conflict for the same key with another fingerprint', async () => {
      await store.claimInbound('k1', 'fp-a', NOW);
      expect(await store.claimInbound('k1', 'fp-b', NOW)).toEqual({ status: 'conflict' });
    });

    it('reports an in-flight claim as a duplicate without a result, and hands it over once the lease ends', async () => {
      await store.claimInbound('k1', 'fp', NOW);

      expect(await store.claimInbound('k1', 'fp', later(INBOUND_LEASE_SECONDS - 1))).toEqual({
        status: 'duplicate',
        result: null,
      });
      expect(await store.claimInbound('k1', 'fp', later(INBOUND_LEASE_SECONDS + 1))).toEqual({
        status: 'new',
      });
    });

    it('forgets a released claim but never a completed one', async () => {
      await store.claimInbound('k1', 'fp', NOW);
      await store.releaseInbound('k1');
      expect(await store.claimInbound('k1', 'fp', NOW)).toEqual({ status: 'new' });

      await store.completeInbound('k1', 'done');
      await store.releaseInbound('k1');
      expect(await store.claimInbound('k1', 'fp', NOW)).toEqual({
        status: 'duplicate',
        result: 'done',
      });
    });

    it('grants exactly one of many concurrent claims of one key', async () => {
      const claims = await Promise.all(
        Array.from({ length: 8 }, () => store.claimInbound('k1', 'fp', NOW)),
      );

      expect(claims.filter((c) => c.status === 'new')).toHaveLength(1);
      expect(claims.filter((c) => c.status === 'duplicate')).toHaveLength(7);
    });

    it('fails to complete a key that was never claimed', async () => {
      await expect(store.completeInbound('nope', 'x')).rejects.toBeInstanceOf(ConflictError);
    });
  });

  describe('conversations', () => {
    it('creates at version 0 and reads back everything, large bodies included', async () => {
      const saved = await store.saveConversation(conversation('c1'), null);

      expect(saved.version).toBe(0);
      expect(await store.getConversation('c1')).toEqual(conversation('c1'));
      expect(await store.getConversation('missing')).toBeNull();
    });

    it('updates only from the version read, and fails with ConflictError otherwise', async () => {
      await store.saveConversation(conversation('c1'), null);
      const updated = await store.saveConversation(
        conversation('c1', { status: 'rescheduled' }),
        0,
      );

      expect(updated.version).toBe(1);
      await expect(store.saveConversation(conversation('c1'), 0)).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(store.saveConversation(conversation('c1'), null)).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(await store.getConversation('c1')).toMatchObject({
        status: 'rescheduled',
        version: 1,
      });
    });

    it('finds the latest conversation for a contact, by creation time', async () => {
      await store.saveConversation(
        conversation('old', { createdAt: '2026-11-20T00:00:00.000Z' }),
        null,
      );
      await store.saveConversation(
        conversation('new', { createdAt: '2026-11-22T00:00:00.000Z' }),
        null,
      );
      const old = await store.getConversation('old');
      if (old === null) throw new Error('expected the old conversation');
      await store.saveConversation({ ...old, status: 'done' }, old.version);

      expect((await store.latestConversationFor('ana@example.com'))?.id).toBe('new');
      expect(await store.latestConversationFor('nobody@example.com')).toBeNull();
    });
  });

  describe('opt-out', () => {
    it('records and lifts an opt-out', async () => {
      expect(await store.isOptedOut('+15551230000')).toBe(false);
      await store.setOptedOut('+15551230000', true, NOW);
      expect(await store.isOptedOut('+15551230000')).toBe(true);
      await store.setOptedOut('+15551230000', false, NOW);
      expect(await store.isOptedOut('+15551230000')).toBe(false);
    });
  });

  describe('rate limit', () => {
    it('grants `limit` tokens per sender per window, then refuses until the next window', async () => {
      const granted: boolean[] = [];
      for (let i = 0; i < 4; i++) granted.push(await store.takeRateToken('ana', 3, 3600, NOW));

      expect(granted).toEqual([true, true, true, false]);
      expect(
        await store.takeRateToken('lee', 3, 3600, NOW),
        'expected senders to be counted apart',
      ).toBe(true);
      expect(await store.takeRateToken('ana', 3, 3600, later(3600))).toBe(true);
    });
  });

  describe('delivery claims', () => {
    it('claims a key once, and again after a release', async () => {
      expect(await store.claimDelivery('c1:reply:0', NOW)).toBe(true);
      expect(await store.claimDelivery('c1:reply:0', NOW)).toBe(false);
      await store.releaseDelivery('c1:reply:0');
      expect(await store.claimDelivery('c1:reply:0', NOW)).toBe(true);
    });

    it('grants exactly one of many concurrent claims', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.claimDelivery('c1:reply:0', NOW)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('reminders', () => {
    it('stores, reads and moves a reminder between statuses only from the expected one', async () => {
      await store.putReminder(reminder('c1:thank_you'));

      expect(await store.getReminder('c1:thank_you')).toEqual(reminder('c1:thank_you'));
      expect(await store.transitionReminder('c1:thank_you', 'pending', 'sent')).toBe(true);
      expect(await store.transitionReminder('c1:thank_you', 'pending', 'sent')).toBe(false);
      expect(await store.getReminder('c1:thank_you')).toMatchObject({ status: 'sent' });
      expect(await store.getReminder('missing')).toBeNull();
    });

    it('replaces a pending reminder but never resurrects a sent one', async () => {
      await store.putReminder(reminder('c1:thank_you'));
      await store.putReminder(reminder('c1:thank_you', { at: '2026-11-25T10:00:00.000Z' }));
      expect(await store.getReminder('c1:thank_you')).toMatchObject({
        at: '2026-11-25T10:00:00.000Z',
      });

      await store.transitionReminder('c1:thank_you', 'pending', 'sent');
      await expect(store.putReminder(reminder('c1:thank_you'))).rejects.toBeInstanceOf(
        ConflictError,
      );
    });

    it('lists by conversation and status, soonest first', async () => {
      await store.putReminder(
        reminder('c1:prep', { kind: 'prep', at: '2026-11-26T17:00:00-05:00' }),
      );
      await store.putReminder(reminder('c1:thank_you', { at: '2026-11-24T10:00:00.000Z' }));
      await store.putReminder(reminder('c2:thank_you', { conversationId: 'c2' }));
      await store.transitionReminder('c2:thank_you', 'pending', 'cancelled');

      expect((await store.listReminders({ conversationId: 'c1' })).map((r) => r.id)).toEqual([
        'c1:thank_you',
        'c1:prep',
      ]);
      expect((await store.listReminders({ status: 'cancelled' })).map((r) => r.id)).toEqual([
        'c2:thank_you',
      ]);
      expect(await store.listReminders({ conversationId: 'c1', status: 'sent' })).toEqual([]);
      expect((await store.listReminders()).map((r) => r.id)).toEqual([
        'c1:thank_you',
        'c2:thank_you',
        'c1:prep',
      ]);
    });
  });
});

describe('DynamoStore specifics', () => {
  it('stamps transient items with an epoch-seconds expiresAt for the table TTL, and not conversations', async () => {
    const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
    await dynamo.createTable('ttl-check');
    const store = new DynamoStore({ tableName: 'ttl-check', client: dynamo.client });
    await store.claimInbound('k1', 'fp', NOW);
    await store.claimDelivery('d1', NOW);
    await store.takeRateToken('ana', 5, 3600, NOW);
    await store.saveConversation(conversation('c1'), null);
    const expiresAt = async (pk: string, sk: string) => {
      const out = await dynamo.client.send(
        new GetItemCommand({ TableName: 'ttl-check', Key: { pk: { S: pk }, sk: { S: sk } } }),
      );
      return out.Item?.expiresAt?.N === undefined ? null : Number(out.Item.expiresAt.N);
    };
    const nowSeconds = NOW.getTime() / 1000;

    expect(await expiresAt('inbound#k1', 'inbound')).toBe(nowSeconds + 7 * 24 * 3600);
    expect(await expiresAt('delivery#d1', 'delivery')).toBe(nowSeconds + 30 * 24 * 3600);
    expect(await expiresAt('rate#ana', `3600#${nowSeconds - (nowSeconds % 3600)}`)).toBeGreaterThan(
      nowSeconds,
    );
    expect(await expiresAt('conversation#c1', 'conversation')).toBeNull();
  });

  it('fails with a retryable StoreError when DynamoDB cannot be reached', async () => {
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { dynaliteClientConfig } = await import('../support/dynalite.js');
    const closed = new DynamoDBClient(dynaliteClientConfig('http://127.0.0.1:9'));
    const store = new DynamoStore({ tableName: 'unreachable', client: closed });

    const failure = await store.claimDelivery('k', NOW).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(StoreError);
    expect(failure).toMatchObject({ retryable: true, code: 'STORE' });
    closed.destroy();
  });

  it('fails with a non-retryable StoreError for a table that does not exist', async () => {
    const store = new DynamoStore({ tableName: 'no-such-table', client: dynamo.client });

    const failure = await store.getReminder('r').catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 'STORE', retryable: false });
  });
});
