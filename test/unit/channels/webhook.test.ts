import { describe, expect, it } from 'vitest';
import {
  handleWebhook,
  MAX_BODY_BYTES,
  type WebhookDeps,
} from '../../../lambda/channels/webhook/handle-webhook.js';
import { verifySignature, signPayload } from '../../../lambda/channels/webhook/signature.js';
import { DeliveryError } from '../../../lambda/adapters/delivery-error.js';
import { memoryWorld, type MemoryWorld } from '../../support/app-deps.js';
import { signedCall, WEBHOOK_SECRET } from '../../support/webhook.js';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const CANDIDATE = 'ana.lopez@example.com';

const validBody = {
  text: "I'm sick with the flu and can't make tomorrow's interview.",
  interview: {
    company: 'Acme',
    role: 'Data Engineer',
    interviewer: { name: 'Dana Whitfield', email: 'dana@acme.test', phone: '+1 555 0100' },
    start: '2026-11-24T15:00:00-05:00',
    timezone: 'America/New_York',
  },
  candidate: {
    name: 'Ana Lopez',
    email: CANDIDATE,
    phone: '+15551230000',
    timezone: 'America/Chicago',
  },
  deliver: 'email',
};

function setup(
  overrides: Parameters<typeof memoryWorld>[0] = {},
): MemoryWorld & { webhook: WebhookDeps } {
  const world = memoryWorld({ now: NOW.toISOString(), ...overrides });
  return {
    ...world,
    webhook: { ...world.deps, webhook: { secrets: [WEBHOOK_SECRET], smsEnabled: true } },
  };
}

const json = (body: string): unknown => JSON.parse(body);

describe('handleWebhook', () => {
  it('answers a signed, valid call with 200 and the Plan, and delivers by email', async () => {
    const { webhook, mailer } = setup();

    const response = await handleWebhook(webhook, signedCall(validBody, { now: NOW, key: 'k-1' }));

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(json(response.body)).toMatchObject({
      id: 'webhook:k-1',
      interview: { company: 'Acme', start: '2026-11-24T15:00:00-05:00' },
    });
    expect(mailer.sent.map((m) => m.to)).toEqual([CANDIDATE]);
  });

  it('delivers exactly once when the same call comes three times with one key', async () => {
    const { webhook, mailer } = setup();
    const responses = [];
    for (const seconds of [0, 5, 30]) {
      const now = new Date(NOW.getTime() + seconds * 1000);
      responses.push(await handleWebhook(webhook, signedCall(validBody, { now, key: 'k-1' })));
    }

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(responses[1]?.body, 'expected the retry to replay the same Plan').toBe(
      responses[0]?.body,
    );
    expect(responses.map((r) => r.headers['idempotent-replayed'])).toEqual([
      undefined,
      'true',
      'true',
    ]);
    expect(mailer.sent, 'expected one email over three calls').toHaveLength(1);
  });

  it('derives the key from the body when Idempotency-Key is absent', async () => {
    const { webhook, mailer } = setup();

    const first = await handleWebhook(webhook, signedCall(validBody, { now: NOW }));
    const again = await handleWebhook(
      webhook,
      signedCall(validBody, { now: new Date(NOW.getTime() + 60_000) }),
    );
    const other = await handleWebhook(
      webhook,
      signedCall({ ...validBody, text: 'My flight was cancelled.' }, { now: NOW }),
    );

    expect(json(first.body)).toMatchObject({
      id: expect.stringMatching(/^webhook:body-sha256:[0-9a-f]{64}$/),
    });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(other.statusCode).toBe(200);
    expect(mailer.sent).toHaveLength(2);
  });

  it('answers 409 when a key is reused with another body, and sends nothing more', async () => {
    const { webhook, mailer } = setup();
    await handleWebhook(webhook, signedCall(validBody, { now: NOW, key: 'k-1' }));

    const reused = await handleWebhook(
      webhook,
      signedCall({ ...validBody, text: 'Something else came up.' }, { now: NOW, key: 'k-1' }),
    );

    expect(reused.statusCode).toBe(409);
    expect(json(reused.body)).toMatchObject({ error: 'idempotency_key_reused' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('answers 409 with Retry-After while the first call with the key is still running', async () => {
    const { webhook, store, mailer } = setup();
    const call = signedCall(validBody, { now: NOW, key: 'k-1' });
    const { createHash } = await import('node:crypto');
    await store.claimInbound(
      'webhook:k-1',
      createHash('sha256').update(call.body).digest('hex'),
      NOW,
    );

    const response = await handleWebhook(webhook, call);

    expect(response.statusCode).toBe(409);
    expect(json(response.body)).toMatchObject({ error: 'request_in_progress' });
    expect(response.headers['retry-after']).toBe('2');
    expect(mailer.sent).toHaveLength(0);
  });

  describe('signature', () => {
    it.each([
      [
        'missing',
        (call: ReturnType<typeof signedCall>) => ({ ...call, headers: { 'Idempotency-Key': 'k' } }),
        'missing',
      ],
      [
        'forged with another secret',
        () => signedCall(validBody, { now: NOW, secret: 'not-the-secret-at-all' }),
        'mismatch',
      ],
      [
        'six minutes old',
        () => signedCall(validBody, { now: NOW, signedAt: new Date(NOW.getTime() - 6 * 60_000) }),
        'stale',
      ],
      [
        'six minutes ahead',
        () => signedCall(validBody, { now: NOW, signedAt: new Date(NOW.getTime() + 6 * 60_000) }),
        'stale',
      ],
      [
        'malformed',
        (call: ReturnType<typeof signedCall>) => ({
          ...call,
          headers: { 'X-Signature': 'sha256=abc' },
        }),
        'malformed',
      ],
      [
        'valid for another body',
        (call: ReturnType<typeof signedCall>) => ({
          ...call,
          body: call.body.replace('flu', 'flue'),
        }),
        'mismatch',
      ],
    ])('rejects a %s signature with 401 and sends nothing', async (_case, make, reason) => {
      const { webhook, mailer, store } = setup();
      const call = make(signedCall(validBody, { now: NOW, key: 'k-1' }));

      const response = await handleWebhook(webhook, call);

      expect(response.statusCode).toBe(401);
      expect(json(response.body)).toEqual({ error: 'invalid_signature', reason });
      expect(mailer.sent).toHaveLength(0);
      expect(await store.getConversation('webhook:k-1'), 'expected nothing recorded').toBeNull();
    });

    it('accepts a signature made within the 5-minute tolerance and with a previous secret while rotating', async () => {
      const { webhook } = setup();
      const rotating = {
        ...webhook,
        webhook: { ...webhook.webhook, secrets: ['new-secret-0123456789', WEBHOOK_SECRET] },
      };

      const response = await handleWebhook(
        rotating,
        signedCall(validBody, {
          now: NOW,
          signedAt: new Date(NOW.getTime() - 4 * 60_000),
          key: 'k-1',
        }),
      );

      expect(response.statusCode).toBe(200);
    });

    it('verifies header parts in any order, ignoring unknown schemes', () => {
      const body = '{"text":"hi"}';
      const t = Math.floor(NOW.getTime() / 1000);
      const header = `v0=deadbeef, v1=${'0'.repeat(64)}, v1=${signPayload(WEBHOOK_SECRET, t, body)}, t=${t}`;

      expect(verifySignature(header, body, [WEBHOOK_SECRET], NOW)).toEqual({
        ok: true,
        timestamp: t,
      });
    });
  });

  it('answers 413 for a body over 64 KB before reading it', async () => {
    const { webhook, mailer } = setup();
    const body = JSON.stringify({ ...validBody, text: 'x'.repeat(MAX_BODY_BYTES) });

    const response = await handleWebhook(webhook, { headers: {}, body, now: NOW });

    expect(response.statusCode).toBe(413);
    expect(json(response.body)).toMatchObject({ error: 'payload_too_large' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('counts the 64 KB limit in bytes, not characters', async () => {
    const { webhook } = setup();
    const body = JSON.stringify({ text: 'é'.repeat(MAX_BODY_BYTES / 2 + 10) });

    expect((await handleWebhook(webhook, signedCall(body, { now: NOW }))).statusCode).toBe(413);
  });

  describe('bad bodies', () => {
    const cases: [string, unknown, { path: string; message: RegExp }[]][] = [
      ['not JSON', '{"text": "hi"', [{ path: '', message: /not valid JSON/ }]],
      ['JSON but not an object', '[1,2]', [{ path: '', message: /object/i }]],
      ['empty object', {}, [{ path: 'text', message: /is required/ }]],
      ['blank text', { text: '   ' }, [{ path: 'text', message: /must not be empty/ }]],
      ['text of the wrong type', { text: 42 }, [{ path: 'text', message: /is required/ }]],
      [
        'unknown top-level key',
        { text: 'sick', candiate: {} },
        [{ path: '', message: /candiate/ }],
      ],
      [
        'bad deliver',
        { text: 'sick', deliver: 'fax' },
        [{ path: 'deliver', message: /"email", "sms" or "none"/ }],
      ],
      [
        'start without an offset',
        { text: 'sick', interview: { start: '2026-11-24T15:00:00' } },
        [{ path: 'interview.start', message: /offset/ }],
      ],
      [
        'start that is not a date',
        { text: 'sick', interview: { start: 'tomorrow' } },
        [{ path: 'interview.start', message: /ISO-8601/ }],
      ],
      [
        'unknown zone',
        { text: 'sick', interview: { timezone: 'Mars/Olympus' } },
        [{ path: 'interview.timezone', message: /IANA/ }],
      ],
      [
        'bad interviewer email',
        { text: 'sick', interview: { interviewer: { email: 'dana' } } },
        [{ path: 'interview.interviewer.email', message: /email/ }],
      ],
      [
        'deliver email without an address',
        { text: 'sick', deliver: 'email' },
        [{ path: 'candidate.email', message: /required when deliver is "email"/ }],
      ],
      [
        'deliver sms without a number',
        { text: 'sick', deliver: 'sms', candidate: { email: CANDIDATE } },
        [{ path: 'candidate.phone', message: /required when deliver is "sms"/ }],
      ],
      [
        'candidate phone not E.164',
        { text: 'sick', candidate: { phone: '555-0100' } },
        [{ path: 'candidate.phone', message: /E\.164/ }],
      ],
      [
        'empty company name',
        { text: 'sick', interview: { company: '' } },
        [{ path: 'interview.company', message: /must not be empty/ }],
      ],
      [
        'several problems at once',
        {
          deliver: 'pigeon',
          interview: { start: 'soon', timezone: 'Nowhere' },
          candidate: { email: 'x', zone: 1 },
        },
        [
          { path: 'text', message: /is required/ },
          { path: 'interview.start', message: /ISO-8601/ },
          { path: 'interview.timezone', message: /IANA/ },
          { path: 'candidate.email', message: /email/ },
          { path: 'candidate', message: /zone/ },
          { path: 'deliver', message: /"email", "sms" or "none"/ },
        ],
      ],
    ];

    it.each(cases)('rejects %s with 400 naming each problem', async (_name, body, expected) => {
      const { webhook, mailer } = setup();

      const response = await handleWebhook(webhook, signedCall(body, { now: NOW, key: 'k-1' }));

      expect(response.statusCode).toBe(400);
      const payload = json(response.body) as {
        error: string;
        issues: { path: string; message: string }[];
      };
      expect(payload.error).toBe('invalid_request');
      for (const want of expected) {
        expect(
          payload.issues.some((i) => i.path === want.path && want.message.test(i.message)),
          `expected an issue at "${want.path}" matching ${want.message}, got ${JSON.stringify(payload.issues)}`,
        ).toBe(true);
      }
      expect(payload.issues).toHaveLength(expected.length);
      expect(mailer.sent).toHaveLength(0);
    });

    it('rejects a malformed Idempotency-Key together with the body problems', async () => {
      const { webhook } = setup();

      const response = await handleWebhook(
        webhook,
        signedCall({}, { now: NOW, key: 'has spaces in it' }),
      );

      expect(response.statusCode).toBe(400);
      expect(
        (json(response.body) as { issues: { path: string }[] }).issues.map((i) => i.path),
      ).toEqual(['headers.Idempotency-Key', 'text']);
    });

    it('rejects deliver "sms" when no texter is configured', async () => {
      const { webhook } = setup();
      const noSms = { ...webhook, webhook: { ...webhook.webhook, smsEnabled: false } };

      const response = await handleWebhook(
        noSms,
        signedCall({ ...validBody, deliver: 'sms' }, { now: NOW }),
      );

      expect(response.statusCode).toBe(400);
      expect(json(response.body)).toMatchObject({
        issues: [{ path: 'deliver', message: /not configured/ }],
      });
    });
  });

  describe('policy', () => {
    it('answers 403 not_allowed when the recipient is off the allowlist', async () => {
      const { webhook, mailer } = setup({
        policy: { allowlist: ['@acme.test'], rateLimit: { limit: 10, windowSeconds: 3600 } },
      });

      const response = await handleWebhook(
        webhook,
        signedCall(validBody, { now: NOW, key: 'k-1' }),
      );

      expect(response.statusCode).toBe(403);
      expect(json(response.body)).toMatchObject({ error: 'not_allowed' });
      expect(mailer.sent).toHaveLength(0);
    });

    it('answers 403 opted_out for a recipient who opted out', async () => {
      const { webhook, store, texter } = setup();
      await store.setOptedOut('+15551230000', true, NOW);

      const response = await handleWebhook(
        webhook,
        signedCall({ ...validBody, deliver: 'sms' }, { now: NOW }),
      );

      expect(response.statusCode).toBe(403);
      expect(json(response.body)).toMatchObject({ error: 'opted_out' });
      expect(texter.sent).toHaveLength(0);
    });

    it('answers 429 with Retry-After past the rate limit', async () => {
      const { webhook } = setup({
        policy: { allowlist: ['*'], rateLimit: { limit: 1, windowSeconds: 3600 } },
      });
      await handleWebhook(webhook, signedCall(validBody, { now: NOW, key: 'k-1' }));

      const limited = await handleWebhook(webhook, signedCall(validBody, { now: NOW, key: 'k-2' }));

      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('3600');
    });

    it('plans with deliver "none" without any per-sender check and sends nothing', async () => {
      const { webhook, mailer, texter } = setup({
        policy: { allowlist: [], rateLimit: { limit: 1, windowSeconds: 3600 } },
      });

      const response = await handleWebhook(
        webhook,
        signedCall({ ...validBody, deliver: 'none' }, { now: NOW }),
      );

      expect(response.statusCode).toBe(200);
      expect(mailer.sent.length + texter.sent.length).toBe(0);
    });
  });

  describe('failures', () => {
    it('answers 503 without detail on a retryable failure, and a retry with the key then succeeds once', async () => {
      const { webhook, mailer } = setup();
      mailer.failNext(
        new DeliveryError('ses', 'Throttling: rate exceeded for ana.lopez@example.com', {
          retryable: true,
        }),
      );

      const failed = await handleWebhook(webhook, signedCall(validBody, { now: NOW, key: 'k-1' }));
      const retried = await handleWebhook(webhook, signedCall(validBody, { now: NOW, key: 'k-1' }));

      expect(failed.statusCode).toBe(503);
      expect(failed.body).not.toContain('ana.lopez');
      expect(failed.body).not.toContain('Throttling');
      expect(retried.statusCode).toBe(200);
      expect(mailer.sent).toHaveLength(1);
    });

    it('answers 500 without detail on a permanent failure', async () => {
      const { webhook, mailer } = setup();
      mailer.failNext(
        new DeliveryError('ses', 'MessageRejected: Email address is not verified', {
          retryable: false,
        }),
      );

      const failed = await handleWebhook(webhook, signedCall(validBody, { now: NOW, key: 'k-1' }));

      expect(failed.statusCode).toBe(500);
      expect(json(failed.body)).toEqual({ error: 'internal_error' });
    });

    it('logs neither the body nor addresses on any path', async () => {
      const { webhook, log } = setup();
      await handleWebhook(webhook, signedCall(validBody, { now: NOW, key: 'k-1' }));
      await handleWebhook(
        webhook,
        signedCall(validBody, { now: NOW, secret: 'wrong-secret-value' }),
      );
      await handleWebhook(webhook, signedCall({ text: '' }, { now: NOW }));

      for (const secret of [CANDIDATE, 'dana@acme.test', '+15551230000', 'flu']) {
        expect(log.text(), `expected logs without "${secret}"`).not.toContain(secret);
      }
    });
  });
});

describe('handleWebhook secrets', () => {
  it('reads the secrets through a function, and answers 503 without detail when that fails', async () => {
    const world = memoryWorld({ now: NOW.toISOString() });
    const lazy = {
      ...world.deps,
      webhook: { secrets: async () => [WEBHOOK_SECRET], smsEnabled: false },
    };
    const failing = {
      ...world.deps,
      webhook: {
        secrets: async (): Promise<string[]> => {
          throw new Error('AccessDenied for arn:aws:secretsmanager:us-east-1:123:secret:webhook');
        },
        smsEnabled: false,
      },
    };

    const ok = await handleWebhook(lazy, signedCall(validBody, { now: NOW, key: 'k-1' }));
    const down = await handleWebhook(failing, signedCall(validBody, { now: NOW, key: 'k-2' }));

    expect(ok.statusCode).toBe(200);
    expect(down.statusCode).toBe(503);
    expect(down.body).not.toContain('arn:aws');
    expect(world.log.text()).not.toContain('arn:aws');
  });
});
