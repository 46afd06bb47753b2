/**
 * Malformed mail never crashes the email flow: truncated MIME, random bytes, broken base64,
 * huge headers and random byte flips all end in a typed outcome (an answer asking for
 * something readable, a planned request, or a drop), never an exception.
 * FUZZ_RUNS raises the number of cases (default 100 per shape, 500 in all).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseInboundEmail,
  processRawMail,
  type EmailInboundOutcome,
} from '../../lambda/channels/email/index.js';
import { memoryWorld } from '../support/app-deps.js';
import { devInvitesDir } from '../unit/channels/email/shared-paths.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const invites = readdirSync(devInvitesDir)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => readFileSync(resolve(devInvitesDir, f)));
const KINDS = new Set(['dropped', 'answered_problem', 'new_time', 'request']);

let counter = 0;
async function run(raw: Buffer): Promise<EmailInboundOutcome> {
  const { deps } = memoryWorld({
    policy: { allowlist: ['@example.org'], rateLimit: { limit: 1_000_000, windowSeconds: 3600 } },
  });
  counter += 1;
  return processRawMail(
    { app: deps },
    {
      messageId: `fuzz-${counter}`,
      raw,
      sender: 'candidate@example.org',
      subject: 'Fwd: Interview',
      timestamp: '2026-12-01T12:00:00.000Z',
    },
  );
}

async function typed(raw: Buffer): Promise<boolean> {
  const outcome = await run(raw);
  return KINDS.has(outcome.kind);
}

const invite = fc.constantFrom(...invites);

describe('the email flow on malformed mail', () => {
  it('types every truncated MIME message', async () => {
    await fc.assert(
      fc.asyncProperty(invite, fc.double({ min: 0, max: 1, noNaN: true }), async (raw, cut) =>
        typed(raw.subarray(0, Math.floor(raw.length * cut))),
      ),
      { numRuns: RUNS, seed: 4242 },
    );
  });

  it('types random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 8000 }), async (bytes) =>
        typed(Buffer.from(bytes)),
      ),
      { numRuns: RUNS, seed: 4243 },
    );
  });

  it('types mail whose base64 parts are broken', async () => {
    const withBase64 = invites.filter((r) => r.toString('latin1').includes('base64'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBase64),
        fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
        fc.constantFrom('!', '=', '\r\n', '--', '\u0000', '====\r\n'),
        async (raw, positions, junk) => {
          const text = raw.toString('latin1');
          const start = text.indexOf('base64') + 10;
          const chars = text.split('');
          for (const p of positions) chars[start + (p % (text.length - start))] = junk;
          return typed(Buffer.from(chars.join(''), 'latin1'));
        },
      ),
      { numRuns: RUNS, seed: 4244 },
    );
  });

  it('types mail with huge or endless headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        invite,
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 0, max: 3000 }),
        async (raw, width, count) => {
          const huge = `X-Huge: ${'a'.repeat(width)}\r\n`;
          const many = Array.from({ length: count }, (_, i) => `X-Many-${i}: v\r\n`).join('');
          return typed(Buffer.concat([Buffer.from(huge + many, 'latin1'), raw]));
        },
      ),
      { numRuns: Math.max(10, Math.floor(RUNS / 2)), seed: 4245 },
    );
  });

  it('types mail with random byte flips', async () => {
    await fc.assert(
      fc.asyncProperty(
        invite,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        async (raw, flips) => {
          const copy = Buffer.from(raw);
          for (const [at, byte] of flips) copy[at % copy.length] = byte;
          return typed(copy);
        },
      ),
      { numRuns: RUNS, seed: 4246 },
    );
  });

  it('parses an empty message to a typed result with no invite', async () => {
    const { meta, request } = await parseInboundEmail(Buffer.alloc(0), {
      now: '2026-12-01T00:00:00Z',
    });
    expect(meta.hasInvite).toBe(false);
    expect(request.text).toBe('');
    expect((await run(Buffer.alloc(0))).kind).toBe('answered_problem');
  });
});
