/**
 * The invite batches written blind (README, "Email channel"): agents that read only the data
 * README, REASONS.md and the real forward fixtures wrote them, never the parser, and each
 * was scored once before any change. The first three were then read better and now guard
 * those fixes; the typical one was written after every fix and left untuned. Each test keeps
 * its batch from getting worse (`npm run eval -- --invites DIR` prints the misses).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatInviteScore,
  readInviteCases,
  scoreInvites,
} from '../../../../scripts/eval-invites.js';
import { projectRoot } from './shared-paths.js';

interface Batch {
  /** Under test/fixtures/. */
  readonly dir: string;
  readonly what: string;
  readonly invites: number;
  /** Invites read whole, and fields read right, at least. */
  readonly whole: number;
  readonly fields: number;
  /** No company read wrong (null is allowed). */
  readonly noWrongCompany: boolean;
  /** Every start read right. */
  readonly everyStart: boolean;
}

const BATCHES: readonly Batch[] = [
  {
    // Blind: 13/24 whole, 174/192 fields (90.6%).
    dir: 'invites-blind',
    what: 'recruiter invites from six clients, half with a calendar, three HTML-only',
    invites: 24,
    whole: 23,
    fields: 191,
    noWrongCompany: true,
    everyStart: true,
  },
  {
    // Blind: 5/20 whole, 128/160 fields (80.0%).
    dir: 'invites-ats',
    what: 'ATS and scheduling-tool invites, pasted Zoom and Teams details, notes from a phone',
    invites: 20,
    whole: 16,
    fields: 156,
    noWrongCompany: true,
    everyStart: true,
  },
  {
    // Blind: 5/20 whole, 129/160 fields (80.6%).
    dir: 'invites-hard',
    what: 'invites built to be hard: several people, moved interviews, forwards of forwards',
    invites: 20,
    whole: 11,
    fields: 149,
    noWrongCompany: true,
    everyStart: true,
  },
  {
    // Blind, after every fix, and not tuned on: 13/24 whole, 173/192 fields (90.1%).
    dir: 'invites-typical',
    what: 'typical invites, the day-to-day mix',
    invites: 24,
    whole: 13,
    fields: 173,
    noWrongCompany: false,
    everyStart: true,
  },
];

describe.each(BATCHES)('the $dir batch ($what)', (batch) => {
  const cases = readInviteCases(resolve(projectRoot, 'test/fixtures', batch.dir));

  it(`holds ${batch.invites} invites`, () => {
    expect(cases).toHaveLength(batch.invites);
  });

  it(`reads at least ${batch.whole} whole and ${batch.fields} fields right`, async () => {
    const result = await scoreInvites(cases);
    const report = formatInviteScore(result);
    const right = Object.values(result.fields).reduce((sum, [a]) => sum + a, 0);
    expect(result.failures, report).toEqual([]);
    expect(result.perfect, report).toBeGreaterThanOrEqual(batch.whole);
    expect(right, report).toBeGreaterThanOrEqual(batch.fields);
    if (batch.everyStart)
      expect(result.fields.start, report).toEqual([batch.invites, batch.invites]);
    if (batch.noWrongCompany) {
      const wrong = result.misses.filter((m) => m.field === 'company' && m.got !== null);
      expect(wrong, 'a company read must be the right one').toEqual([]);
    }
  });
});
