/**
 * MIME with the real core (test/integration/email-fuzz.test.ts covers the dev invites with a
 * pinned core): every dev invite and third-party .eml (mailparser, postal-mime, SES forwarder),
 * mutated, and generated messages (deep multipart nesting, dropped boundaries, broken base64
 * and quoted-printable, enormous header lines, non-UTF-8 and unknown charsets, hostile
 * From/Reply-To) always end in a typed outcome, and any answer goes to the allowed sender only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreFunctions } from '../../lambda/app/core.js';
import {
  parseInboundEmail,
  processRawMail,
  type EmailInboundOutcome,
} from '../../lambda/channels/email/index.js';
import { loadTemplates } from '../../lambda/templates.js';
import { memoryWorld } from '../support/app-deps.js';
import {
  applyEdits,
  byteEdit,
  fuzzRuns,
  hostileText,
  realMessages,
  seedFor,
  timeoutFor,
} from '../support/arbitraries.js';

const SENDER = 'candidate@example.org';
const KINDS = new Set(['dropped', 'answered_problem', 'new_time', 'request']);
const messages = realMessages();
const templates = loadTemplates();

let counter = 0;
async function run(raw: Buffer): Promise<{ outcome: EmailInboundOutcome; sentTo: string[] }> {
  const world = memoryWorld({
    core: coreFunctions,
    templates,
    policy: { allowlist: [SENDER], rateLimit: { limit: 1_000_000, windowSeconds: 3600 } },
  });
  counter += 1;
  const outcome = await processRawMail(
    { app: world.deps },
    {
      messageId: `mime-fuzz-${counter}`,
      raw,
      sender: SENDER,
      subject: 'Fwd: Interview',
      timestamp: '2026-11-23T12:00:00.000Z',
    },
  );
  return {
    outcome,
    sentTo: [...world.mailer.sent.map((m) => m.to), ...world.texter.sent.map((m) => m.to)],
  };
}

async function checkTyped(raw: Buffer): Promise<void> {
  const { outcome, sentTo } = await run(raw);
  expect(KINDS.has(outcome.kind), `expected a typed outcome, got ${outcome.kind}`).toBe(true);
  expect(
    sentTo.filter((to) => to !== SENDER),
    'expected answers to go to the allowed sender only',
  ).toEqual([]);
}

const CHARSETS = [
  'utf-8',
  'iso-8859-1',
  'windows-1252',
  'koi8-r',
  'shift_jis',
  'iso-2022-jp',
  'utf-16',
  'utf-7',
  'x-unknown-garbage',
  '',
];
const ENCODINGS = ['7bit', '8bit', 'base64', 'quoted-printable', 'x-uuencode', 'binary', 'garbage'];

const leafPart = fc
  .record({
    type: fc.constantFrom(
      'text/plain',
      'text/html',
      'text/calendar; method=REQUEST',
      'application/ics',
    ),
    charset: fc.constantFrom(...CHARSETS),
    encoding: fc.constantFrom(...ENCODINGS),
    body: fc.oneof(
      hostileText(200),
      fc.constantFrom(
        '---------- Forwarded message ---------\r\nFrom: Dana <dana@acme.example>\r\nSubject: Interview\r\n\r\nSee you Thu 2pm',
        'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Nowhere:20261203T100000\r\nEND:VEVENT\r\nEND:VCALENDAR',
        '=ZZ=\r\n=4',
        '!!!!====',
        'SGVsbG8gd29ybGQ',
      ),
    ),
    bytes: fc.uint8Array({ maxLength: 64 }),
  })
  .map(
    (p) =>
      `Content-Type: ${p.type}${p.charset ? `; charset="${p.charset}"` : ''}\r\nContent-Transfer-Encoding: ${p.encoding}\r\n\r\n${p.body}${Buffer.from(p.bytes).toString('latin1')}\r\n`,
  );

/** A multipart tree `depth` deep; `dropBoundary` omits closing delimiters. */
const nested = fc
  .record({
    depth: fc.integer({ min: 0, max: 120 }),
    leaves: fc.array(leafPart, { minLength: 1, maxLength: 3 }),
    dropBoundary: fc.boolean(),
    boundary: fc.constantFrom('b', '', '"', 'x y', '--', '=_weird_=', 'a'.repeat(200)),
  })
  .map(({ depth, leaves, dropBoundary, boundary }) => {
    let body = leaves.join('');
    for (let level = depth; level > 0; level--) {
      const b = `${boundary}${level}`;
      body =
        `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n` +
        leaves.map((leaf, i) => `--${b}\r\n${i === 0 ? body : leaf}`).join('') +
        (dropBoundary ? '' : `--${b}--\r\n`);
    }
    return body;
  });

const headers = fc
  .record({
    from: fc.oneof(
      fc.constant(`Sam <${SENDER}>`),
      hostileText(80),
      fc.constant('attacker@evil.example'),
    ),
    replyTo: fc.option(fc.constantFrom('attacker@evil.example', 'a@b, c@d', '<>'), {
      nil: undefined,
    }),
    subject: hostileText(120),
    hugeHeader: fc.integer({ min: 0, max: 300_000 }),
    inReplyTo: fc.option(hostileText(40), { nil: undefined }),
  })
  .map(
    (h) =>
      `From: ${h.from}\r\nTo: assistant@example.com\r\n${h.replyTo ? `Reply-To: ${h.replyTo}\r\n` : ''}Subject: ${h.subject.replace(/\r?\n/g, ' ')}\r\nDate: Mon, 23 Nov 2026 11:00:00 +0000\r\nMessage-ID: <m${counter}@example.org>\r\n${h.inReplyTo ? `In-Reply-To: ${h.inReplyTo.replace(/\r?\n/g, ' ')}\r\n` : ''}X-Huge: ${'a'.repeat(h.hugeHeader)}\r\nMIME-Version: 1.0\r\n`,
  );

describe('the email flow with the real core on mutated and generated MIME', () => {
  const runs = fuzzRuns(40, 0.05);

  it(
    'types every mutated real message and answers only the allowed sender',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...messages),
          fc.array(byteEdit, { minLength: 1, maxLength: 5 }),
          async (message, edits) => checkTyped(applyEdits(message.raw, edits)),
        ),
        { numRuns: runs, seed: seedFor(6101) },
      );
    },
    timeoutFor(runs, 500),
  );

  it(
    'types generated messages: deep nesting, dropped boundaries, odd charsets and encodings, huge headers',
    async () => {
      await fc.assert(
        fc.asyncProperty(headers, nested, async (head, body) =>
          checkTyped(Buffer.from(head + body, 'latin1')),
        ),
        { numRuns: runs, seed: seedFor(6102) },
      );
    },
    timeoutFor(runs, 500),
  );

  it('parses every real message, unchanged, to request-shaped data without throwing', async () => {
    for (const message of messages) {
      const { request, meta } = await parseInboundEmail(message.raw, {
        now: '2026-11-23T12:00:00.000Z',
      });
      expect(typeof request.text, `expected text for ${message.name}`).toBe('string');
      expect(Array.isArray(meta.problems)).toBe(true);
    }
    expect(messages.length, 'expected dev invites and fixtures').toBeGreaterThan(20);
  }, 120_000);

  it('answers a message whose From and Reply-To name someone else only at the verified sender', async () => {
    const raw = Buffer.from(
      'From: Attacker <attacker@evil.example>\r\nReply-To: other@evil.example\r\nSubject: Fwd: Interview\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello',
      'latin1',
    );
    const { outcome, sentTo } = await run(raw);
    expect(KINDS.has(outcome.kind)).toBe(true);
    expect(sentTo.length, 'expected an answer').toBeGreaterThan(0);
    expect(new Set(sentTo), 'expected every answer at the verified sender').toEqual(
      new Set([SENDER]),
    );
  });
});
