/**
 * SMS under arbitrary text: any Body, signed correctly, gets a 200 with well-formed TwiML
 * whose every message fits two segments (the real core plans it), never a 500. And the
 * segment arithmetic agrees with a reference built from the GSM 03.38 table by position.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreFunctions } from '../../lambda/app/core.js';
import { handleSms, type SmsDeps } from '../../lambda/channels/sms/conversation.js';
import { splitForSms } from '../../lambda/channels/sms/split.js';
import { messagesOf, twimlOf } from '../../lambda/channels/sms/twiml.js';
import { segmentInfo } from '../../lambda/core/sms-segments.js';
import { loadTemplates } from '../../lambda/templates.js';
import { signatureFor, twilioSmsForm } from '../fixtures/twilio/webhook.js';
import { memoryWorld } from '../support/app-deps.js';
import { fuzzRuns, hostileText, seedFor, timeoutFor } from '../support/arbitraries.js';

const TOKEN = 'fuzz-auth-token';
const URL = 'https://sms.example.com/sms';
const NOW = '2026-11-23T12:00:00.000Z';

/** GSM 03.38 default alphabet, by code 0x00..0x7F (0x1B is the escape, never a character). */
const GSM_TABLE = [
  '@£$¥èéùìòÇ\nØø\rÅå',
  'Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ',
  ' !"#¤%&\'()*+,-./',
  '0123456789:;<=>?',
  '¡ABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÄÖÑÜ§',
  '¿abcdefghijklmno',
  'pqrstuvwxyzäöñüà',
].join('');
/** The extension table: code after the escape -> character. */
const GSM_EXTENSION: Record<number, string> = {
  0x0a: '\f',
  0x14: '^',
  0x28: '{',
  0x29: '}',
  0x2f: '\\',
  0x3c: '[',
  0x3d: '~',
  0x3e: ']',
  0x40: '|',
  0x65: '€',
};

/** Reference: encodes to septets (GSM-7) or UTF-16 units (UCS-2) and chunks them without splitting a pair. */
function referenceSegments(text: string): { encoding: string; units: number; segments: number } {
  const basic = new Map<string, number>();
  [...GSM_TABLE].forEach((ch, code) => {
    if (code !== 0x1b) basic.set(ch, code);
  });
  const extension = new Map(Object.entries(GSM_EXTENSION).map(([code, ch]) => [ch, Number(code)]));
  const septets: number[][] = [];
  let gsm = true;
  for (const ch of text) {
    const b = basic.get(ch);
    const e = extension.get(ch);
    if (b !== undefined) septets.push([b]);
    else if (e !== undefined) septets.push([0x1b, e]);
    else {
      gsm = false;
      break;
    }
  }
  const groups: number[][] = gsm
    ? septets
    : Array.from(text, (ch) => Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i)));
  const units = groups.reduce((n, g) => n + g.length, 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  if (units <= single) return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments: 1 };
  let segments = 1;
  let room = multi;
  for (const g of groups) {
    if (g.length > room) {
      segments += 1;
      room = multi;
    }
    room -= g.length;
  }
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments };
}

const gsmChar = fc.constantFrom(
  ...[...GSM_TABLE].filter((c) => c !== '\u001B'),
  ...Object.values(GSM_EXTENSION),
);
const smsText = fc.oneof(
  fc.string({ unit: gsmChar, maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({
    unit: fc.oneof(gsmChar, fc.constantFrom('😀', '’', 'é', '中', '\uD83D')),
    maxLength: 400,
  }),
  hostileText(300),
);

describe('segmentInfo and splitForSms', () => {
  const runs = fuzzRuns(500);

  it('counts encoding, units and segments like the GSM 03.38 reference', () => {
    fc.assert(
      fc.property(smsText, (text) => {
        const info = segmentInfo(text);
        expect(info, `expected the reference's count for ${JSON.stringify(text)}`).toEqual(
          referenceSegments(text),
        );
      }),
      { numRuns: runs, seed: seedFor(3101) },
    );
  });

  it('sends any text holding an emoji as UCS-2', () => {
    fc.assert(
      fc.property(fc.string({ unit: gsmChar, maxLength: 300 }), fc.nat(), (text, at) => {
        const i = at % (text.length + 1);
        const withEmoji = `${text.slice(0, i)}😀${text.slice(i)}`;
        expect(segmentInfo(withEmoji).encoding).toBe('UCS-2');
      }),
      { numRuns: runs, seed: seedFor(3102) },
    );
  });

  it('splits any text into non-empty parts within two segments that keep every character', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          smsText,
          smsText.map((s) => s.repeat(8)),
        ),
        (text) => {
          const parts = splitForSms(text);
          for (const part of parts) {
            expect(part.trim(), 'expected no blank part').not.toBe('');
            expect(
              segmentInfo(part).segments,
              `expected ≤ 2 segments: ${part}`,
            ).toBeLessThanOrEqual(2);
          }
          expect(parts.join('').replace(/\s/gu, ''), 'expected no character lost or added').toBe(
            text.replace(/\s/gu, ''),
          );
        },
      ),
      { numRuns: runs, seed: seedFor(3103) },
    );
  });
});

describe('handleSms with arbitrary text', () => {
  const runs = fuzzRuns(60, 0.1);
  const templates = loadTemplates();
  const commandLike = fc.constantFrom(
    'STOP',
    'stop',
    ' new thu 2pm ',
    'NEW',
    'NEW ',
    'HELP',
    'START',
    'EMAIL',
    'CANCEL REMINDERS',
    'CANCEL',
    'YES',
    'new {{ 7*7 }}',
    'NEW 25:99',
    'NEW yesterday',
    '',
    ' ',
  );
  const body = fc.oneof(
    { weight: 3, arbitrary: commandLike },
    { weight: 3, arbitrary: smsText },
    {
      weight: 2,
      arbitrary: fc.tuple(commandLike, hostileText(100)).map(([c, rest]) => `${c} ${rest}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("I'm sick and can't make my Acme interview Thu 3pm 😷 ", 'a', '😀', 'x\u0000')
        .map((unit) => unit.repeat(Math.ceil(1600 / unit.length)).slice(0, 1600)),
    },
  );

  it(
    'answers every signed text with 200 and TwiML whose messages fit two segments',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(body, { minLength: 1, maxLength: 3 }),
          fc.constantFrom('+447700900123', '+15555550100', '+33612345678'),
          async (bodies, from) => {
            // A fresh number history per case: an early STOP or the rate limit would hide the rest.
            const world = memoryWorld({
              now: NOW,
              core: coreFunctions,
              templates,
              policy: { allowlist: ['*'], rateLimit: { limit: 1_000_000, windowSeconds: 3600 } },
            });
            const sms: SmsDeps = { app: world.deps, authToken: TOKEN, publicUrl: URL };
            for (const text of bodies) {
              // Twilio never sends more than 1,600 characters in one Body.
              const clipped = text.slice(0, 1600);
              const rawBody = twilioSmsForm({ from, body: clipped });
              const response = await handleSms(sms, {
                headers: { 'X-Twilio-Signature': signatureFor(TOKEN, URL, rawBody) },
                pathAndQuery: '/sms',
                rawBody,
                now: NOW,
              });
              expect(response.statusCode, `expected 200 for ${JSON.stringify(clipped)}`).toBe(200);
              expect(response.headers['Content-Type']).toMatch(/^text\/xml/);
              expect(response.body).toMatch(
                /^<\?xml version="1\.0" encoding="UTF-8"\?><Response(?:\/>|>[\s\S]*<\/Response>)$/,
              );
              const messages = messagesOf(response.body);
              expect(twimlOf(messages), 'expected the TwiML to read back to itself').toBe(
                response.body,
              );
              for (const m of messages) {
                expect(segmentInfo(m).segments, `expected ≤ 2 segments: ${m}`).toBeLessThanOrEqual(
                  2,
                );
              }
            }
          },
        ),
        { numRuns: runs, seed: seedFor(3104) },
      );
    },
    timeoutFor(runs * 2, 150),
  );

  it('answers NEW with a NUL character with 200 and the quoted text without it (found by this property)', async () => {
    const world = memoryWorld({ now: NOW, core: coreFunctions, templates });
    const sms: SmsDeps = { app: world.deps, authToken: TOKEN, publicUrl: URL };
    const post = async (text: string) => {
      const rawBody = twilioSmsForm({ from: '+447700900123', body: text });
      return handleSms(sms, {
        headers: { 'X-Twilio-Signature': signatureFor(TOKEN, URL, rawBody) },
        pathAndQuery: '/sms',
        rawBody,
        now: NOW,
      });
    };
    await post("I'm sick and can't make my Acme interview Thu 3pm");
    const response = await post('NEW  \u0000');
    expect(response.statusCode).toBe(200);
    const [message] = messagesOf(response.body);
    expect(message).toMatch(/^I couldn't read " ?" as a time\./);
    expect(message).not.toContain('\u0000');
  });
});
