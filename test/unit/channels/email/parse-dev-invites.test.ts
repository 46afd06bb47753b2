import { describe, expect, it } from 'vitest';
import { parseInboundEmail } from '../../../../lambda/channels/email/index.js';
import { readInviteCases, sameStart } from '../../../../scripts/eval-invites.js';
import { devInvitesDir } from './shared-paths.js';

const cases = readInviteCases(devInvitesDir).map(({ name, raw, expected }) => ({
  file: `${name}.eml`,
  raw,
  expected,
}));

describe('parseInboundEmail on the dev invites', () => {
  it('finds eight dev invites', () => {
    expect(cases.length, 'expected the 8 invites of data/invites-dev').toBe(8);
  });

  describe.each(cases)('$file', ({ raw, expected }) => {
    it('reads the candidate, the interviewer, the company and the role', async () => {
      const { request } = await parseInboundEmail(raw);
      expect({
        company: request.interview.company ?? null,
        role: request.interview.role ?? null,
        interviewer_name: request.interview.interviewer?.name ?? null,
        interviewer_email: request.interview.interviewer?.email ?? null,
        candidate_email: request.candidate.email ?? null,
      }).toEqual({
        company: expected.company,
        role: expected.role,
        interviewer_name: expected.interviewer_name,
        interviewer_email: expected.interviewer_email,
        candidate_email: expected.candidate_email,
      });
    });

    it('reads the start instant with its offset and IANA zone', async () => {
      const { request } = await parseInboundEmail(raw);
      expect(
        sameStart(request.interview.start, expected.start),
        `expected start ${expected.start}, got ${request.interview.start ?? 'none'}`,
      ).toBe(true);
      expect(request.interview.timezone ?? null).toBe(expected.timezone);
    });

    it("keeps only the candidate's note as the text, and the invite as details", async () => {
      const { request, meta } = await parseInboundEmail(raw);
      expect(meta.notePlace).toBe('above');
      expect(request.text.length).toBeGreaterThan(20);
      expect(request.text).not.toMatch(/^From:|Forwarded message|Begin forwarded message/m);
      expect(request.interview.details ?? '').not.toContain(request.text.slice(0, 40));
      expect(request.interview.details?.length ?? 0).toBeGreaterThan(100);
    });
  });
});
