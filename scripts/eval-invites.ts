/**
 * `npm run eval -- --invites [DIR]`: scores the email channel's reading of forwarded invites
 * (default ../shared/data/invites-dev): each `NAME.eml` goes through `parseInboundEmail`, its
 * note through the classifier, and the fields are compared with `NAME.expected.json` (the
 * format of ../shared/data/README.md). Prints per-field accuracy and every miss. Always exits
 * 0: it reports, the tests gate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { parseInboundEmail } from '../lambda/channels/email/index.js';
import { classify } from '../lambda/core/classify.js';

/** One invite's expected reading (../shared/data/README.md, `invites-dev/`). */
export interface ExpectedInvite {
  readonly category?: string;
  readonly company: string | null;
  readonly role: string | null;
  readonly interviewer_name: string | null;
  readonly interviewer_email: string | null;
  readonly start: string | null;
  readonly timezone: string | null;
  readonly candidate_email: string | null;
}

export const INVITE_FIELDS = [
  'category',
  'company',
  'role',
  'interviewer_name',
  'interviewer_email',
  'start',
  'timezone',
  'candidate_email',
] as const;
export type InviteField = (typeof INVITE_FIELDS)[number];

export interface InviteCase {
  readonly name: string;
  readonly raw: Buffer;
  readonly expected: ExpectedInvite;
}

/** The `NAME.eml` files of `dir`, each with its `NAME.expected.json`. */
export function readInviteCases(dir: string): InviteCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => ({
      name: basename(file, '.eml'),
      raw: readFileSync(resolve(dir, file)),
      expected: JSON.parse(
        readFileSync(resolve(dir, file.replace(/\.eml$/, '.expected.json')), 'utf8'),
      ) as ExpectedInvite,
    }));
}

/** Same instant and same wall clock: "2026-12-03T10:00:00-05:00" both ways. */
export function sameStart(actual: string | null | undefined, expected: string | null): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  const a = DateTime.fromISO(actual, { setZone: true });
  const e = DateTime.fromISO(expected, { setZone: true });
  return a.isValid && a.toMillis() === e.toMillis() && a.offset === e.offset;
}

const loose = (s: string | null | undefined) =>
  s === null || s === undefined ? null : s.replace(/\s+/g, ' ').trim().toLowerCase();
/** A name with its title or without ("Ms. Wei Ling Tan", "Wei Ling Tan") is the same name. */
const untitled = (s: string | null) => s && s.replace(/^(?:dr|mr|mrs|ms|miss|mx|prof)\.?\s+/i, '');

/** What the channel read from one invite, in the expected file's terms. */
export async function readInvite(raw: Buffer): Promise<Record<InviteField, string | null>> {
  const { request } = await parseInboundEmail(raw);
  return {
    category: classify(request.text).category,
    company: request.interview.company ?? null,
    role: request.interview.role ?? null,
    interviewer_name: request.interview.interviewer?.name ?? null,
    interviewer_email: request.interview.interviewer?.email ?? null,
    start: request.interview.start ?? null,
    timezone: request.interview.timezone ?? null,
    candidate_email: request.candidate.email ?? null,
  };
}

/**
 * Whether `got` matches the expected value of `field`: text fields ignore case and spacing,
 * names a title, starts compare instant and offset.
 */
export function fieldMatches(
  field: InviteField,
  got: string | null,
  expected: string | null,
): boolean {
  if (field === 'start') return sameStart(got, expected);
  if (field === 'interviewer_name') return loose(untitled(got)) === loose(untitled(expected));
  return loose(got) === loose(expected);
}

export interface InviteScore {
  readonly cases: number;
  /** Per field: [matched, scored]; `category` is scored only where the expected file has one. */
  readonly fields: Readonly<Record<InviteField, readonly [number, number]>>;
  /** Cases with every scored field right. */
  readonly perfect: number;
  readonly misses: readonly {
    name: string;
    field: InviteField;
    got: string | null;
    expected: string | null;
  }[];
  readonly failures: readonly { name: string; error: string }[];
}

export async function scoreInvites(cases: readonly InviteCase[]): Promise<InviteScore> {
  const fields = Object.fromEntries(INVITE_FIELDS.map((f) => [f, [0, 0]])) as Record<
    InviteField,
    [number, number]
  >;
  const misses: InviteScore['misses'][number][] = [];
  const failures: InviteScore['failures'][number][] = [];
  let perfect = 0;
  for (const { name, raw, expected } of cases) {
    let got: Record<InviteField, string | null>;
    try {
      got = await readInvite(raw);
    } catch (error) {
      failures.push({ name, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    let allRight = true;
    for (const field of INVITE_FIELDS) {
      const want = expected[field];
      if (want === undefined) continue;
      fields[field][1] += 1;
      if (fieldMatches(field, got[field], want)) fields[field][0] += 1;
      else {
        allRight = false;
        misses.push({ name, field, got: got[field], expected: want });
      }
    }
    if (allRight) perfect += 1;
  }
  return { cases: cases.length, fields, perfect, misses, failures };
}

export function formatInviteScore(result: InviteScore): string {
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);
  const lines = [
    `cases with every field right: ${result.perfect}/${result.cases}`,
    '',
    `${'field'.padEnd(20)} ${'right'.padStart(7)} ${'share'.padStart(7)}`,
  ];
  let right = 0;
  let scored = 0;
  for (const field of INVITE_FIELDS) {
    const [a, b] = result.fields[field];
    right += a;
    scored += b;
    lines.push(`${field.padEnd(20)} ${`${a}/${b}`.padStart(7)} ${pct(a, b).padStart(7)}`);
  }
  lines.push(
    `${'all fields'.padEnd(20)} ${`${right}/${scored}`.padStart(7)} ${pct(right, scored).padStart(7)}`,
  );
  if (result.failures.length) {
    lines.push('', `failed to read (${result.failures.length})`);
    for (const f of result.failures) lines.push(`  ${f.name}: ${f.error}`);
  }
  if (result.misses.length) {
    lines.push('', `misses (${result.misses.length})`);
    for (const m of result.misses)
      lines.push(
        `  ${m.name} ${m.field}: got ${JSON.stringify(m.got)}, expected ${JSON.stringify(m.expected)}`,
      );
  }
  return lines.join('\n');
}
