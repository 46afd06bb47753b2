/**
 * fast-check arbitraries shared by the property tests (test/fuzz): hostile text (Liquid,
 * HTML, CR/LF, bidi and zero-width characters, emoji, controls), byte-level mutations of real
 * messages, and the run counts. `npm test` runs each property a few hundred times at most;
 * `npm run fuzz` sets FUZZ_RUNS=10000 and every property scales from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { devInvitesDir, fixturesDir } from '../unit/channels/email/shared-paths.js';

/**
 * How many runs a property gets: `defaultRuns` under `npm test`; under FUZZ_RUNS, that many
 * times `share` (expensive properties, such as a whole plan per case, take a share of it so
 * `npm run fuzz` finishes in minutes, not hours).
 */
export function fuzzRuns(defaultRuns: number, share = 1): number {
  const raw = process.env.FUZZ_RUNS;
  const fromEnv = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(fromEnv) || fromEnv <= 0) return defaultRuns;
  return Math.max(1, Math.ceil(fromEnv * share));
}

/** A vitest timeout for `runs` cases of about `msPerRun` each, never under 30 s. */
export function timeoutFor(runs: number, msPerRun: number): number {
  return Math.max(30_000, Math.ceil(runs * msPerRun * 3));
}

/** Fixed seeds: a failure in CI reproduces locally; FUZZ_SEED explores other ones. */
export function seedFor(base: number): number {
  const extra = Number(process.env.FUZZ_SEED ?? 0);
  return Number.isFinite(extra) ? base + extra : base;
}

/** Every `.eml` of the dev invites and the third-party fixtures (mailparser, postal-mime, SES forwarder). */
export function realMessages(): { readonly name: string; readonly raw: Buffer }[] {
  const out: { name: string; raw: Buffer }[] = [];
  for (const f of readdirSync(devInvitesDir)
    .filter((n) => n.endsWith('.eml'))
    .sort()) {
    out.push({ name: `invites-dev/${f}`, raw: readFileSync(resolve(devInvitesDir, f)) });
  }
  for (const dir of ['mailparser', 'postal-mime']) {
    const full = resolve(fixturesDir, dir);
    for (const f of readdirSync(full)
      .filter((n) => n.endsWith('.eml'))
      .sort()) {
      out.push({ name: `${dir}/${f}`, raw: readFileSync(resolve(full, f)) });
    }
  }
  const ses = resolve(fixturesDir, 'aws-lambda-ses-forwarder/test/assets');
  for (const f of readdirSync(ses)
    .filter((n) => /^message.*\.txt$/.test(n))
    .sort()) {
    out.push({ name: `aws-lambda-ses-forwarder/${f}`, raw: readFileSync(resolve(ses, f)) });
  }
  return out;
}

/** Every `.ics` of the node-ical, python-icalendar and ical.js fixture folders. */
export function realCalendars(): { readonly name: string; readonly text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of ['node-ical', 'python-icalendar', 'ical.js']) {
    const full = resolve(fixturesDir, dir);
    for (const f of readdirSync(full)
      .filter((n) => n.endsWith('.ics'))
      .sort()) {
      out.push({ name: `${dir}/${f}`, text: readFileSync(resolve(full, f), 'utf8') });
    }
  }
  return out;
}

/** Characters that break naive code: bidi overrides, zero-width, BOM, controls, separators. */
export const TRICKY_CHARS = [
  '\u202E', // RIGHT-TO-LEFT OVERRIDE
  '\u202D',
  '\u2066',
  '\u2069',
  '\u200B', // ZERO WIDTH SPACE
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00A0',
  '\u2028',
  '\u2029',
  '\u0085',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\uD83D', // a lone high surrogate
  '\uDE00', // a lone low surrogate
  '😀',
  '👩‍👩‍👧',
  '🇬🇧',
  '\u0301', // a combining accent
  'ﷺ',
  'ש',
  'ع',
  '€',
  '[',
  '\\',
  '^',
];

/** Template syntax and markup a user might type (or an attacker might try). */
export const INJECTIONS = [
  '{{ 7*7 }}',
  '{{7*7}}',
  '{{ 7 | times: 7 }}',
  '{{ "x" | append: "y" }}',
  '{% if true %}EVALUATED{% endif %}',
  '{%- raw -%}',
  '{% endraw %}',
  '{% raw %}{{ 7 | times: 7 }}{% endraw %}',
  '{% assign x = 7 | times: 7 %}{{ x }}',
  '{% include "phrases.json" %}',
  '{% render "call-script.liquid" %}',
  '{{ candidate.email }}',
  '{{',
  '}}',
  '{%',
  '%}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE x; --",
  '&amp;&lt;',
  '\r\nBcc: victim@example.net',
  '\nX-Injected: yes',
  '=?utf-8?B?PHNjcmlwdD4=?=',
  '${7*7}',
  '#{7*7}',
  '%0d%0aX-Injected: yes',
];

/** A short hostile string: printable text mixed with injections and tricky characters. */
export const hostileText = (maxLength = 60): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
        { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
        { weight: 3, arbitrary: fc.constantFrom(...TRICKY_CHARS) },
      ),
      { maxLength: 10 },
    )
    .map((parts) => parts.join('').slice(0, maxLength));

/** Hostile text repeated to `bytes` or so (the 100 KB inputs). */
export const hugeText = (bytes: number): fc.Arbitrary<string> =>
  hostileText(80)
    .filter((s) => s.length > 0)
    .map((s) => s.repeat(Math.ceil(bytes / s.length)).slice(0, bytes));

/** One edit of a byte buffer: cut, flip, insert junk, duplicate a slice, delete a slice. */
export type ByteEdit =
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly byte: number }
  | { readonly kind: 'insert'; readonly at: number; readonly junk: string }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number };

/** Positions are fractions of the length, so one edit list fits any message. */
export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    junk: fc.oneof(
      hostileText(40),
      fc.constantFrom(
        '\r\n\r\n',
        '\r\n--',
        '=\r\n',
        '=ZZ',
        '====',
        '\r\nContent-Type: multipart/mixed; boundary=""\r\n',
        '\r\nContent-Transfer-Encoding: base64\r\n',
        '\r\n.\r\n',
        '\u0000\u0000',
      ),
    ),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 4000 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 4000 }),
  }),
);

/** Applies the edits in order (each position is a fraction of the current length). */
export function applyEdits(input: Buffer, edits: readonly ByteEdit[]): Buffer {
  let buf = input;
  for (const edit of edits) {
    const at = Math.min(buf.length, Math.floor(edit.at * buf.length));
    switch (edit.kind) {
      case 'cut':
        buf = buf.subarray(0, at);
        break;
      case 'flip':
        if (buf.length > 0) {
          buf = Buffer.from(buf);
          buf[Math.min(at, buf.length - 1)] = edit.byte;
        }
        break;
      case 'insert':
        buf = Buffer.concat([
          buf.subarray(0, at),
          Buffer.from(edit.junk, 'utf8'),
          buf.subarray(at),
        ]);
        break;
      case 'duplicate':
        buf = Buffer.concat([
          buf.subarray(0, at),
          buf.subarray(at, at + edit.length),
          buf.subarray(at),
        ]);
        break;
      case 'delete':
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + edit.length)]);
        break;
    }
  }
  return buf;
}

/** The same edits on text (for .ics, read as UTF-8 by the code under test). */
export function applyTextEdits(input: string, edits: readonly ByteEdit[]): string {
  return applyEdits(Buffer.from(input, 'utf8'), edits).toString('utf8');
}
