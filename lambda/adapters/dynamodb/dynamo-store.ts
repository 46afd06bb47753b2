/**
 * The Store on one DynamoDB table (layout in ./table.ts). Conditional Put/Update only, no
 * transactions (dynalite has none, STACK.md trap 9, and nothing here needs two items to
 * change atomically). Conversations carry a version for optimistic concurrency and are
 * stored gzipped (a forwarded invite can be large; an item holds 400 KB at most).
 * Transient items carry `expiresAt` (epoch seconds) for DynamoDB's TTL.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Conversation,
  InboundClaim,
  ReminderRecord,
  ReminderStatus,
  Store,
} from '../../app/ports.js';
import { ConflictError } from '../../app/errors.js';
import {
  DELIVERY_RETENTION_SECONDS,
  INBOUND_LEASE_SECONDS,
  INBOUND_RETENTION_SECONDS,
  epochSeconds,
} from '../../app/retention.js';
import { REMINDERS_INDEX } from './table.js';
import { StoreError, isConditionFailed } from './store-error.js';

export interface DynamoStoreOptions {
  readonly tableName: string;
  /** A DocumentClient, or a plain client to wrap; built from the default chain when absent. */
  readonly client?: DynamoDBDocumentClient | DynamoDBClient;
}

type Item = Record<string, unknown>;

const key = (pk: string, sk: string) => ({ pk, sk });
const conversationKey = (id: string) => key(`conversation#${id}`, 'conversation');
const reminderKey = (id: string) => key(`reminder#${id}`, 'reminder');

function toReminder(item: Item): ReminderRecord {
  return {
    id: String(item.id),
    conversationId: String(item.conversationId),
    kind: item.kind as ReminderRecord['kind'],
    at: String(item.at),
    channel: item.channel as ReminderRecord['channel'],
    to: String(item.to),
    status: item.status as ReminderStatus,
    timezone: typeof item.timezone === 'string' ? item.timezone : null,
  };
}

function toConversation(item: Item): Conversation {
  const doc = item.doc;
  if (!(doc instanceof Uint8Array)) throw new StoreError('read conversation', new Error('no doc'));
  const body = JSON.parse(gunzipSync(doc).toString('utf8')) as Omit<Conversation, 'version'>;
  return { ...body, version: Number(item.version) };
}

export class DynamoStore implements Store {
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;

  constructor(options: DynamoStoreOptions) {
    this.tableName = options.tableName;
    const client = options.client ?? new DynamoDBClient({});
    this.client =
      client instanceof DynamoDBDocumentClient
        ? client
        : DynamoDBDocumentClient.from(client, {
            marshallOptions: { removeUndefinedValues: true },
          });
  }

  /** Runs one SDK call; a failed condition is `null`, any other error a StoreError. */
  private async run<T>(operation: string, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      if (isConditionFailed(error)) return null;
      throw new StoreError(operation, error);
    }
  }

  private async get(pk: string, sk: string, operation: string): Promise<Item | null> {
    const out = await this.run(operation, () =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: key(pk, sk), ConsistentRead: true }),
      ),
    );
    return (out?.Item as Item | undefined) ?? null;
  }

  async claimInbound(key: string, fingerprint: string, now: Date): Promise<InboundClaim> {
    return this.claimInboundOnce(key, fingerprint, now, 0);
  }

  private async claimInboundOnce(
    key: string,
    fingerprint: string,
    now: Date,
    attempt: number,
  ): Promise<InboundClaim> {
    const pk = `inbound#${key}`;
    const nowSeconds = epochSeconds(now);
    const created = await this.run('claim inbound', () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk,
            sk: 'inbound',
            fingerprint,
            state: 'pending',
            leaseUntil: nowSeconds + INBOUND_LEASE_SECONDS,
            expiresAt: nowSeconds + INBOUND_RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (created !== null) return { status: 'new' };

    const existing = await this.get(pk, 'inbound', 'read inbound');
    if (existing === null) {
      // Released between our put and our get: start over, a few times at most (a claim
      // released three times in a row is a live attempt failing fast: report it in flight).
      return attempt < 3
        ? this.claimInboundOnce(key, fingerprint, now, attempt + 1)
        : { status: 'duplicate', result: null };
    }
    if (existing.fingerprint !== fingerprint) return { status: 'conflict' };
    if (existing.state === 'done') {
      return {
        status: 'duplicate',
        result: typeof existing.result === 'string' ? existing.result : null,
      };
    }
    if (Number(existing.leaseUntil) > nowSeconds) return { status: 'duplicate', result: null };
    const taken = await this.run('take over inbound', () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk: 'inbound' },
          UpdateExpression: 'SET leaseUntil = :lease',
          ConditionExpression: '#state = :pending AND leaseUntil = :seen',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':lease': nowSeconds + INBOUND_LEASE_SECONDS,
            ':pending': 'pending',
            ':seen': existing.leaseUntil,
          },
        }),
      ),
    );
    // Someone else took it over or finished it first: theirs is the live attempt.
    return taken !== null ? { status: 'new' } : { status: 'duplicate', result: null };
  }

  async completeInbound(key: string, result: string): Promise<void> {
    const done = await this.run('complete inbound', () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `inbound#${key}`, sk: 'inbound' },
          UpdateExpression: 'SET #state = :done, #result = :result',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#state': 'state', '#result': 'result' },
          ExpressionAttributeValues: { ':done': 'done', ':result': result },
        }),
      ),
    );
    if (done === null) throw new ConflictError(`inbound ${key} was not claimed`);
  }

  async releaseInbound(key: string): Promise<void> {
    await this.run('release inbound', () =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: `inbound#${key}`, sk: 'inbound' },
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      ),
    );
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const { pk, sk } = conversationKey(id);
    const item = await this.get(pk, sk, 'get conversation');
    return item === null ? null : toConversation(item);
  }

  async saveConversation(
    conversation: Conversation,
    expectedVersion: number | null,
  ): Promise<Conversation> {
    const version = expectedVersion === null ? 0 : expectedVersion + 1;
    const saved: Conversation = { ...conversation, version };
    const { version: _version, ...body } = saved;
    const written = await this.run('save conversation', () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...conversationKey(saved.id),
            version,
            status: saved.status,
            createdAt: saved.createdAt,
            updatedAt: saved.updatedAt,
            doc: gzipSync(JSON.stringify(body)),
          },
          ...(expectedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      ),
    );
    if (written === null) {
      throw new ConflictError(
        expectedVersion === null
          ? `conversation ${saved.id} already exists`
          : `conversation ${saved.id} is no longer at version ${expectedVersion}`,
      );
    }
    if (saved.contact.address !== null) await this.pointContactAt(saved);
    return saved;
  }

  /** Points the contact at this conversation unless a newer one is already there. */
  private async pointContactAt(conversation: Conversation): Promise<void> {
    await this.run('point contact', () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `contact#${conversation.contact.address}`,
            sk: 'latest',
            conversationId: conversation.id,
            createdAt: conversation.createdAt,
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR conversationId = :id OR createdAt <= :createdAt',
          ExpressionAttributeValues: {
            ':id': conversation.id,
            ':createdAt': conversation.createdAt,
          },
        }),
      ),
    );
  }

  async latestConversationFor(contact: string): Promise<Conversation | null> {
    const pointer = await this.get(`contact#${contact}`, 'latest', 'get contact');
    return pointer === null ? null : this.getConversation(String(pointer.conversationId));
  }

  async isOptedOut(contact: string): Promise<boolean> {
    return (await this.get(`optout#${contact}`, 'optout', 'get opt-out')) !== null;
  }

  async setOptedOut(contact: string, optedOut: boolean, now: Date): Promise<void> {
    const Key = { pk: `optout#${contact}`, sk: 'optout' };
    await this.run('set opt-out', () =>
      optedOut
        ? this.client.send(
            new PutCommand({ TableName: this.tableName, Item: { ...Key, at: now.toISOString() } }),
          )
        : this.client.send(new DeleteCommand({ TableName: this.tableName, Key })),
    );
  }

  async takeRateToken(
    sender: string,
    limit: number,
    windowSeconds: number,
    now: Date,
  ): Promise<boolean> {
    const windowStart = Math.floor(epochSeconds(now) / windowSeconds) * windowSeconds;
    const taken = await this.run('take rate token', () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `rate#${sender}`, sk: `${windowSeconds}#${windowStart}` },
          UpdateExpression: 'ADD #count :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            // Kept one window past its end: long enough to count, short enough to vanish.
            ':expires': windowStart + 2 * windowSeconds,
          },
        }),
      ),
    );
    return taken !== null;
  }

  async claimDelivery(key: string, now: Date): Promise<boolean> {
    const claimed = await this.run('claim delivery', () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `delivery#${key}`,
            sk: 'delivery',
            claimedAt: now.toISOString(),
            expiresAt: epochSeconds(now) + DELIVERY_RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return claimed !== null;
  }

  async releaseDelivery(key: string): Promise<void> {
    await this.run('release delivery', () =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: `delivery#${key}`, sk: 'delivery' },
        }),
      ),
    );
  }

  async putReminder(reminder: ReminderRecord): Promise<void> {
    const written = await this.run('put reminder', () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...reminderKey(reminder.id),
            [REMINDERS_INDEX.partitionKey.name]: `conversation#${reminder.conversationId}`,
            [REMINDERS_INDEX.sortKey.name]: `${new Date(reminder.at).toISOString()}#${reminder.id}`,
            id: reminder.id,
            conversationId: reminder.conversationId,
            kind: reminder.kind,
            at: reminder.at,
            channel: reminder.channel,
            to: reminder.to,
            status: reminder.status,
            timezone: reminder.timezone ?? undefined,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      ),
    );
    if (written === null) throw new ConflictError(`reminder ${reminder.id} is no longer pending`);
  }

  async getReminder(id: string): Promise<ReminderRecord | null> {
    const { pk, sk } = reminderKey(id);
    const item = await this.get(pk, sk, 'get reminder');
    return item === null ? null : toReminder(item);
  }

  async transitionReminder(id: string, from: ReminderStatus, to: ReminderStatus): Promise<boolean> {
    const moved = await this.run('transition reminder', () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: reminderKey(id),
          UpdateExpression: 'SET #status = :to',
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      ),
    );
    return moved !== null;
  }

  /**
   * By conversation: one query on the reminders index. Without one (the local console,
   * operations): a scan of reminder items, fine at this service's size.
   */
  async listReminders(
    filter: { readonly conversationId?: string; readonly status?: ReminderStatus } = {},
  ): Promise<ReminderRecord[]> {
    const status =
      filter.status === undefined
        ? {}
        : {
            FilterExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
          };
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const exclusive = startKey;
      const page = await this.run('list reminders', () =>
        filter.conversationId !== undefined
          ? this.client.send(
              new QueryCommand({
                TableName: this.tableName,
                IndexName: REMINDERS_INDEX.indexName,
                KeyConditionExpression: `${REMINDERS_INDEX.partitionKey.name} = :conversation`,
                ...status,
                ExpressionAttributeValues: {
                  ':conversation': `conversation#${filter.conversationId}`,
                  ...(filter.status === undefined ? {} : { ':status': filter.status }),
                },
                ExclusiveStartKey: exclusive,
              }),
            )
          : this.client.send(
              new ScanCommand({
                TableName: this.tableName,
                FilterExpression:
                  'sk = :reminder' + (filter.status === undefined ? '' : ' AND #status = :status'),
                ...(filter.status === undefined
                  ? {}
                  : { ExpressionAttributeNames: { '#status': 'status' } }),
                ExpressionAttributeValues: {
                  ':reminder': 'reminder',
                  ...(filter.status === undefined ? {} : { ':status': filter.status }),
                },
                ExclusiveStartKey: exclusive,
              }),
            ),
      );
      items.push(...((page?.Items as Item[] | undefined) ?? []));
      startKey = page?.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items
      .map(toReminder)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
  }
}
