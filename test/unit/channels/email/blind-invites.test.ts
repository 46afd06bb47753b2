/**
 * The second invite batch (test/fixtures/invites-blind): 24 forwarded invites from Gmail,
 * Outlook (desktop, new, Live), Apple Mail, Thunderbird and Yahoo, half with a calendar
 * (Google, Exchange with Windows zone names, Apple, UTC), half with the time in the prose,
 * three HTML-only. An agent that read only the data README, REASONS.md and the real
 * forward fixtures wrote them, blind to the parser. Scored once before any change: 13 of 24
 * read whole, 174 of 192 fields (90.6%); the fixes that followed bring it to 23 of 24
 * whole and 191 of 192 fields.
 * It is no longer blind; it guards those fixes.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatInviteScore,
  readInviteCases,
  scoreInvites,
} from '../../../../scripts/eval-invites.js';
import { projectRoot } from './shared-paths.js';

const cases = readInviteCases(resolve(projectRoot, 'test/fixtures/invites-blind'));

describe('the second invite batch', () => {
  it('holds 24 invites', () => {
    expect(cases).toHaveLength(24);
  });

  it('reads at least 23 whole and 191 of 192 fields', async () => {
    const result = await scoreInvites(cases);
    const right = Object.values(result.fields).reduce((sum, [a]) => sum + a, 0);
    expect(result.failures, formatInviteScore(result)).toEqual([]);
    expect(result.perfect, formatInviteScore(result)).toBeGreaterThanOrEqual(23);
    expect(right, formatInviteScore(result)).toBeGreaterThanOrEqual(191);
    const wrongCompanies = result.misses.filter((m) => m.field === 'company' && m.got !== null);
    expect(wrongCompanies, 'a company read must be the right one').toEqual([]);
  });
});

/**
 * The third invite batch (test/fixtures/invites-ats): 20 invites as hiring tools send them
 * (Greenhouse, Lever, Workday, Ashby, SmartRecruiters, Calendly, GoodTime, pasted Zoom and
 * Teams details, recruiters' notes from a phone), forwarded from six clients, written blind
 * the same way. Scored once before any change: 5 of 20 read whole, 128 of 160 fields
 * (80.0%); after the fixes, 16 of 20 and 156 of 160. The four left are companies named
 * only in a logo line or a signature, read as null, never wrong.
 */
const atsCases = readInviteCases(resolve(projectRoot, 'test/fixtures/invites-ats'));

describe('the ATS invite batch', () => {
  it('holds 20 invites', () => {
    expect(atsCases).toHaveLength(20);
  });

  it('reads at least 16 whole and 156 of 160 fields, and no company it names is wrong', async () => {
    const result = await scoreInvites(atsCases);
    const right = Object.values(result.fields).reduce((sum, [a]) => sum + a, 0);
    expect(result.failures, formatInviteScore(result)).toEqual([]);
    expect(result.perfect, formatInviteScore(result)).toBeGreaterThanOrEqual(16);
    expect(right, formatInviteScore(result)).toBeGreaterThanOrEqual(156);
    const wrongCompanies = result.misses.filter((m) => m.field === 'company' && m.got !== null);
    expect(wrongCompanies, 'a company read must be the right one').toEqual([]);
  });
});

/**
 * The fourth invite batch (test/fixtures/invites-hard): 20 invites written blind, after the
 * fixes above, to be hard: several people in one mail, interviews already moved once (the
 * old time still in the text), times as "14h30", "half past two", "noon", "15/12/2026",
 * forwards of forwards, tricky company names. Scored once, blind: 5 of 20 whole, 129 of 160
 * fields (80.6%); with the general fixes that followed, 11 of 20 and 149 of 160. What it
 * still misses is listed in the README (Email channel); this guards what it reads.
 */
const hardCases = readInviteCases(resolve(projectRoot, 'test/fixtures/invites-hard'));

describe('the hard invite batch', () => {
  it('holds 20 invites', () => {
    expect(hardCases).toHaveLength(20);
  });

  it('reads at least 11 whole and 149 of 160 fields, and no company it names is wrong', async () => {
    const result = await scoreInvites(hardCases);
    const right = Object.values(result.fields).reduce((sum, [a]) => sum + a, 0);
    expect(result.failures, formatInviteScore(result)).toEqual([]);
    expect(result.perfect, formatInviteScore(result)).toBeGreaterThanOrEqual(11);
    expect(right, formatInviteScore(result)).toBeGreaterThanOrEqual(149);
    const wrongCompanies = result.misses.filter((m) => m.field === 'company' && m.got !== null);
    expect(wrongCompanies, 'a company read must be the right one').toEqual([]);
  });
});

/**
 * The fifth invite batch (test/fixtures/invites-typical): 24 invites as a service would
 * receive them day to day (recruiters, ATS tools, hiring managers; half with a calendar),
 * written blind after every fix above and scored once: 13 of 24 whole, 173 of 192 fields
 * (90.1%), every start right. Nothing was changed for it: it is the current measure, and
 * this test only keeps it from getting worse.
 */
const typicalCases = readInviteCases(resolve(projectRoot, 'test/fixtures/invites-typical'));

describe('the typical invite batch', () => {
  it('holds 24 invites', () => {
    expect(typicalCases).toHaveLength(24);
  });

  it('reads at least 13 whole, 173 of 192 fields and every start', async () => {
    const result = await scoreInvites(typicalCases);
    const right = Object.values(result.fields).reduce((sum, [a]) => sum + a, 0);
    expect(result.failures, formatInviteScore(result)).toEqual([]);
    expect(result.perfect, formatInviteScore(result)).toBeGreaterThanOrEqual(13);
    expect(right, formatInviteScore(result)).toBeGreaterThanOrEqual(173);
    expect(result.fields.start, formatInviteScore(result)).toEqual([24, 24]);
  });
});
