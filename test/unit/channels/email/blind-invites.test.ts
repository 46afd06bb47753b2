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

describe('the blind invite batch', () => {
  it('holds 24 invites', () => {
    expect(cases).toHaveLength(24);
  });

  it('reads at least 23 whole and 191 of 192 fields', async () => {
    const result = await scoreInvites(cases);
    const right = Object.values(result.fields).reduce((sum, [a]) => sum + a, 0);
    expect(result.failures, formatInviteScore(result)).toEqual([]);
    expect(result.perfect, formatInviteScore(result)).toBeGreaterThanOrEqual(23);
    expect(right, formatInviteScore(result)).toBeGreaterThanOrEqual(191);
  });
});
