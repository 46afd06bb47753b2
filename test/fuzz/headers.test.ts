/**
 * Header injection: whatever a subject, recipient or thread id holds (CR, LF, unicode,
 * encoded words, "Bcc:" lines), the SES mailer's raw MIME has exactly one header block
 * and only the headers it sets; the subject reads back as what was given, on one line.
 */
import { SESClient } from '@aws-sdk/client-ses';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '../../lambda/adapters/ses/ses-mailer.js';
import { fuzzRuns, hostileText, seedFor, timeoutFor } from '../support/arbitraries.js';

const RUNS = fuzzRuns(150, 0.1);
const mailer = new SesMailer({
  client: new SESClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  }),
  fromAddress: 'assistant@example.com',
  fromName: 'Interview assistant',
});

/** The headers the composer writes; anything else in the block was injected. */
const ALLOWED = new Set([
  'from',
  'to',
  'subject',
  'message-id',
  'in-reply-to',
  'references',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

const withBreaks = fc.oneof(
  hostileText(80),
  fc.constantFrom(
    'Hello\r\nBcc: victim@example.net',
    'Hi\nX-Injected: yes\n\nbody',
    '\r\n\r\n<html>',
    '=?utf-8?Q?=0D=0ABcc:_x@y.z?=',
    'a\u2028b\u0085c',
  ),
);

/** The raw header block: everything before the first blank line. */
function headerBlock(raw: string): string {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? raw : raw.slice(0, end);
}

describe('SesMailer.compose under hostile header values', () => {
  it(
    'writes one header block with only its own headers, whatever subject, to and thread ids hold',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          withBreaks,
          fc.oneof(
            fc.constant('candidate@example.org'),
            withBreaks.map((s) => `a${s}@example.org`),
          ),
          fc.option(
            withBreaks.map((s) => `<${s}@mail.example>`),
            { nil: undefined },
          ),
          fc.array(
            withBreaks.map((s) => `<id${s}@mail.example>`),
            { maxLength: 3 },
          ),
          fc.string({ maxLength: 200 }),
          async (subject, to, inReplyTo, references, text) => {
            const raw = (
              await mailer.compose(
                { to, subject, text, html: `<p>${text}</p>`, inReplyTo, references },
                '<fixed-id@example.com>',
              )
            ).toString('utf8');
            const block = headerBlock(raw);
            // Every line of the header block is a header or a folded continuation.
            for (const line of block.split('\r\n')) {
              expect(line, 'expected a header line or a folded continuation').toMatch(
                /^(?:[A-Za-z-]+:|[ \t])/,
              );
            }
            const names = block
              .split('\r\n')
              .filter((l) => !/^[ \t]/.test(l))
              .map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
            expect(
              names.filter((n) => !ALLOWED.has(n)),
              'expected no injected header',
            ).toEqual([]);
            expect(new Set(names).size, 'expected each header once').toBe(names.length);
            expect(raw, 'expected no bare CR or LF in the message').not.toMatch(
              /\r(?!\n)|(?<!\r)\n/,
            );

            const parsed = await simpleParser(raw);
            expect(parsed.headers.has('bcc'), 'expected no Bcc').toBe(false);
            expect(parsed.headers.has('x-injected'), 'expected no X-Injected').toBe(false);
            expect(parsed.messageId).toBe('<fixed-id@example.com>');
            const wanted = subject.replace(/[\r\n]+/g, ' ').trim();
            // mailparser normalises some whitespace and lone surrogates; compare what survives.
            const norm = (s: string): string =>
              s
                .replace(/[\uD800-\uDFFF\uFFFD]/g, '')
                .replace(/\s+/g, ' ')
                .trim();
            // A subject that itself looks like an RFC 2047 encoded word ("=?utf-8?Q?…?=") is
            // sent as typed and decoded by the reader (known, display only: no header appears).
            if (!subject.includes('=?')) {
              expect(norm(parsed.subject ?? ''), 'expected the subject back on one line').toBe(
                norm(wanted),
              );
            }
          },
        ),
        { numRuns: RUNS, seed: seedFor(7101) },
      );
    },
    timeoutFor(RUNS, 10),
  );

  it('keeps a subject with CRLF and a Bcc line as one Subject header (regression shape)', async () => {
    const raw = (
      await mailer.compose(
        {
          to: 'candidate@example.org',
          subject: 'Interview\r\nBcc: victim@example.net\r\n\r\nInjected body',
          text: 'Hello',
          inReplyTo: '<a@b>\r\nX-Injected: yes',
        },
        '<fixed@example.com>',
      )
    ).toString('utf8');
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Interview Bcc: victim@example.net Injected body');
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.text?.trim()).toBe('Hello');
  });
});
