/**
 * Whatever arrives, the webhook answers with a typed status and never throws: random JSON
 * bodies get 200 or 400 (with issues), random signature headers get 401. FUZZ_RUNS raises
 * the number of cases (`npm run fuzz` style); 200 by default keeps the unit run fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleWebhook } from '../../../lambda/channels/webhook/handle-webhook.js';
import { verifySignature } from '../../../lambda/channels/webhook/signature.js';
import { memoryWorld } from '../../support/app-deps.js';
import { signedCall, WEBHOOK_SECRET } from '../../support/webhook.js';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const numRuns = Number(process.env.FUZZ_RUNS ?? 200);

const person = fc.record(
  {
    name: fc.oneof(fc.string(), fc.integer()),
    email: fc.oneof(fc.emailAddress(), fc.string()),
    phone: fc.string(),
  },
  { requiredKeys: [] },
);
const bodyArbitrary = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      text: fc.oneof(fc.string(), fc.constant(''), fc.integer(), fc.constant(null)),
      interview: fc.oneof(
        fc.record(
          {
            company: fc.string(),
            interviewer: person,
            start: fc.oneof(
              fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              fc.string(),
            ),
            timezone: fc.constantFrom('America/New_York', 'Europe/Paris', 'Nowhere/City', ''),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue(),
      ),
      candidate: fc.oneof(person, fc.jsonValue()),
      deliver: fc.constantFrom('email', 'sms', 'none', 'fax', 3),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

describe('webhook fuzz', () => {
  it('answers any JSON body with 200 or a 400 listing issues, and never throws', async () => {
    const world = memoryWorld({
      now: NOW.toISOString(),
      policy: { allowlist: ['*'], rateLimit: { limit: 1_000_000, windowSeconds: 3600 } },
    });
    const deps = { ...world.deps, webhook: { secrets: [WEBHOOK_SECRET], smsEnabled: true } };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bodyArbitrary, async (body) => {
        n += 1;
        const response = await handleWebhook(
          deps,
          signedCall(body, { now: NOW, key: `fuzz-${n}` }),
        );
        expect([200, 400]).toContain(response.statusCode);
        const payload = JSON.parse(response.body) as {
          issues?: { path: unknown; message: unknown }[];
        };
        if (response.statusCode === 400) {
          expect(
            payload.issues?.length,
            'expected a 400 to name at least one problem',
          ).toBeGreaterThan(0);
          for (const issue of payload.issues ?? []) {
            expect(typeof issue.path).toBe('string');
            expect(typeof issue.message).toBe('string');
          }
        }
      }),
      { numRuns },
    );
  });

  it('refuses any signature header that was not made with the secret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (header, body) => {
        const check = verifySignature(header, body, [WEBHOOK_SECRET], NOW);
        expect(check.ok).toBe(false);
      }),
      { numRuns },
    );
  });
});
