/**
 * The webhook channel and the follow-ups on DynamoStore over dynalite with the real core:
 * concurrent retries of one call, then the reminder, the new time and a cancel, all against
 * the same table the Lambdas use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../lambda/adapters/dynamodb/dynamo-store.js';
import { coreFunctions } from '../../lambda/app/core.js';
import { cancelConversation, fireReminder, recordNewTime } from '../../lambda/app/follow-up.js';
import { handleWebhook, type WebhookDeps } from '../../lambda/channels/webhook/handle-webhook.js';
import { loadTemplates } from '../../lambda/templates.js';
import { memoryWorld, type MemoryWorld } from '../support/app-deps.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';
import { signedCall, WEBHOOK_SECRET } from '../support/webhook.js';

const NOW = new Date('2026-11-23T15:00:00.000Z');
const CANDIDATE = 'ana.lopez@example.org';
let db: DynaliteHandle;
let world: MemoryWorld;
let deps: WebhookDeps;

beforeAll(async () => {
  db = await startDynalite('webhook-follow-up');
  world = memoryWorld({
    store: new DynamoStore({ tableName: db.tableName, client: db.client }),
    core: coreFunctions,
    templates: loadTemplates(),
    policy: { allowlist: ['@example.org'], rateLimit: { limit: 10, windowSeconds: 3600 } },
    now: NOW.toISOString(),
  });
  deps = { ...world.deps, webhook: { secrets: [WEBHOOK_SECRET], smsEnabled: true } };
});
afterAll(async () => {
  await db.stop();
});

const body = {
  text: 'My flight was cancelled and I cannot make the interview on Thursday.',
  interview: { company: 'Acme', start: '2026-11-26T15:00:00-05:00', timezone: 'America/New_York' },
  candidate: { name: 'Ana Lopez', email: CANDIDATE, timezone: 'America/New_York' },
  deliver: 'email',
};

describe('webhook on DynamoStore', () => {
  it('sends once when the same call arrives five times at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        handleWebhook(deps, signedCall(body, { now: NOW, key: 'burst' })),
      ),
    );

    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200).length, `got ${codes.join(',')}`).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      codes.every((c) => c === 200 || c === 409),
      `got ${codes.join(',')}`,
    ).toBe(true);
    expect(world.mailer.sent, 'expected one email for five concurrent calls').toHaveLength(1);

    const settled = await handleWebhook(deps, signedCall(body, { now: NOW, key: 'burst' }));
    expect(settled.statusCode).toBe(200);
    expect(settled.headers['idempotent-replayed']).toBe('true');
  });

  it('fires the reminder once, records the new time with a prep reminder, and cancels', async () => {
    const id = 'webhook:burst';
    const [reminder] = await world.store.listReminders({ conversationId: id, status: 'pending' });
    expect(reminder?.kind).toBe('thank_you');

    world.clock.set(reminder?.at ?? '');
    const fired = await Promise.all([
      fireReminder(world.deps, reminder?.id ?? ''),
      fireReminder(world.deps, reminder?.id ?? ''),
    ]);
    expect(fired.map((f) => f.kind).sort()).toEqual(['sent', 'skipped']);
    expect(world.mailer.sent).toHaveLength(2);

    const moved = await recordNewTime(world.deps, id, '2026-12-01T10:00:00-05:00');
    expect(moved.kind).toBe('recorded');
    expect(await world.store.getConversation(id)).toMatchObject({
      status: 'rescheduled',
      newStart: '2026-12-01T10:00:00-05:00',
      version: 1,
    });
    expect(world.mailer.sent).toHaveLength(3);

    const cancelled = await cancelConversation(world.deps, id);
    expect(cancelled).toEqual({ kind: 'cancelled', remindersCancelled: 1 });
    expect(await world.store.listReminders({ conversationId: id, status: 'pending' })).toEqual([]);
  });
});
