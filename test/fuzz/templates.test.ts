/**
 * Template inputs: whatever the candidate's text, names, company and role hold (Liquid
 * syntax, HTML, CR/LF, bidi and zero-width characters, 100 KB strings), `plan` returns a
 * PlanSchema-valid Plan, Liquid never evaluates user text, HTML escapes it, and subjects
 * stay on one line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../lambda/core/plan.js';
import { parseRequest, PlanSchema, type Plan } from '../../lambda/core/schema.js';
import { loadTemplates } from '../../lambda/templates.js';
import { fuzzRuns, hostileText, hugeText, seedFor, timeoutFor } from '../support/arbitraries.js';

const NOW = '2026-11-23T12:00:00.000Z';
const templates = loadTemplates();

/** Markers the property plants: their evaluated forms must never appear. */
const EVALUATED = ['49', 'EVALUATED', 'xy'];
const PLANTED = [
  '{{ 7*7 }}',
  '{{ 7 | times: 7 }}',
  '{% if true %}EVALUATED{% endif %}',
  '{%- raw -%}{{ 7 | times: 7 }}',
  '{{ "x" | append: "y" }}',
  '{% assign z = 7 | times: 7 %}{{ z }}',
];

const field = (max: number) =>
  fc.oneof(
    hostileText(max),
    fc.constantFrom(...PLANTED),
    fc.tuple(fc.constantFrom(...PLANTED), hostileText(max)).map(([a, b]) => `${b}${a}${b}`),
  );

/** Strips characters a value may be cleaned of, to check it is not evaluated but shown (or dropped). */
function allText(p: Plan): string {
  return [
    p.drafts.reschedule.subject,
    p.drafts.reschedule.text,
    p.drafts.reschedule.html,
    p.drafts.reschedule.sms,
    p.drafts.thankYou.subject,
    p.drafts.thankYou.text,
    p.drafts.thankYou.sms,
    p.drafts.callScript ?? '',
    ...p.advice,
    ...p.replies.flatMap((r) => [r.subject ?? '', r.text, r.html ?? '']),
  ].join('\n');
}

function checkPlan(p: Plan, inputs: readonly string[]): void {
  expect(PlanSchema.safeParse(p).success, 'expected a PlanSchema-valid plan').toBe(true);
  const typed = inputs.join('\n');
  // Percent-encoded mailto links and numeric entities may spell digits ("$9" -> "%249").
  const out = allText(p)
    .replace(/mailto:[^\s"<>]*/g, '')
    .replace(/&#\d+;/g, '');
  for (const marker of EVALUATED) {
    if (!typed.includes(marker)) {
      expect(out, `expected Liquid never to evaluate user text into ${marker}`).not.toContain(
        marker,
      );
    }
  }
  for (const html of [p.drafts.reschedule.html, ...p.replies.map((r) => r.html ?? '')]) {
    expect(html, 'expected HTML to escape user markup').not.toMatch(/<script|<img|<svg/i);
  }
  for (const subject of [
    p.drafts.reschedule.subject,
    p.drafts.thankYou.subject,
    ...p.replies.map((r) => r.subject ?? ''),
  ]) {
    expect(subject, 'expected a subject on one line').not.toMatch(/[\r\n\u2028\u2029\u0085]/);
  }
}

describe('plan with hostile user values', () => {
  const runs = fuzzRuns(60, 0.1);

  it(
    'returns a valid plan that shows user text literally, escaped in HTML, subjects on one line',
    () => {
      fc.assert(
        fc.property(
          fc.record({
            text: field(300),
            company: field(80),
            role: field(80),
            interviewer: field(60),
            candidate: field(60),
            deliver: fc.constantFrom('email' as const, 'sms' as const, 'none' as const),
            when: fc.option(fc.constantFrom('tomorrow 10am', 'Thu 2pm', '{{ 7*7 }}pm'), {
              nil: undefined,
            }),
          }),
          (v) => {
            const nonBlank = (s: string) => (s.trim() ? s.slice(0, 200) : undefined);
            const request = parseRequest({
              id: 'fuzz',
              channel: 'cli',
              text: v.text,
              receivedAt: NOW,
              interview: {
                company: nonBlank(v.company),
                role: nonBlank(v.role),
                interviewer: { name: nonBlank(v.interviewer), email: 'dana@acme.example' },
                when: v.when,
              },
              candidate: {
                name: nonBlank(v.candidate),
                email: 'sam@example.org',
                phone: '+447700900123',
              },
              deliver: v.deliver,
            });
            const p = plan(request, NOW, templates);
            checkPlan(p, [v.text, v.company, v.role, v.interviewer, v.candidate, v.when ?? '']);
          },
        ),
        { numRuns: runs, seed: seedFor(4101) },
      );
    },
    timeoutFor(runs, 200),
  );

  it(
    'plans 100 KB of hostile text within the schema',
    () => {
      const bigRuns = fuzzRuns(4, 0.001);
      fc.assert(
        fc.property(hugeText(100_000), (text) => {
          const request = parseRequest({
            id: 'fuzz-big',
            channel: 'cli',
            text,
            receivedAt: NOW,
            candidate: { email: 'sam@example.org' },
            deliver: 'email',
          });
          checkPlan(plan(request, NOW, templates), [text]);
        }),
        { numRuns: bigRuns, seed: seedFor(4102) },
      );
    },
    timeoutFor(fuzzRuns(4, 0.001), 5000),
  );

  it('keeps a name of {{ 7*7 }} and a company of {% if true %} literal (regression shape)', () => {
    const request = parseRequest({
      id: 'literal',
      channel: 'cli',
      text: "I'm sick and can't make it",
      receivedAt: NOW,
      interview: {
        company: '{% if true %}x{% endif %}',
        interviewer: { name: '{{ 7*7 }}', email: 'dana@acme.example' },
      },
      candidate: { name: '<script>alert(1)</script>', email: 'sam@example.org' },
      deliver: 'email',
    });
    const p = plan(request, NOW, templates);
    expect(p.drafts.reschedule.text).toContain('{{ 7*7 }}');
    expect(p.drafts.reschedule.text).toContain('{% if true %}x{% endif %}');
    expect(p.drafts.reschedule.html).toContain('&lt;script&gt;');
    expect(allText(p)).not.toContain('49');
  });

  it('plans for a candidate whose name holds a lone surrogate (found by this property: mailto threw URIError)', () => {
    const request = parseRequest({
      id: 'surrogate',
      channel: 'cli',
      text: "I'm sick and can't make it",
      receivedAt: NOW,
      interview: { interviewer: { name: 'Dana', email: 'dana@acme.example' } },
      candidate: { name: 'Sam \ud83d', email: 'sam@example.org' },
      deliver: 'email',
    });
    const p = plan(request, NOW, templates);
    expect(PlanSchema.safeParse(p).success).toBe(true);
    expect(p.replies[0]?.text).toContain('mailto:dana@acme.example?subject=');
  });

  it('keeps a role of "$9{{ 7*7 }}$9" literal (a percent-encoded "$9" in the mailto link is not 49)', () => {
    const request = parseRequest({
      id: 'dollar',
      channel: 'cli',
      text: '{{ 7*7 }}',
      receivedAt: NOW,
      interview: { role: '$9{{ 7*7 }}$9', interviewer: { email: 'dana@acme.example' } },
      candidate: { name: '{{ 7*7 }}', email: 'sam@example.org' },
      deliver: 'email',
    });
    const p = plan(request, NOW, templates);
    checkPlan(p, ['{{ 7*7 }}', '$9{{ 7*7 }}$9']);
    expect(p.drafts.reschedule.text).toContain('$9{{ 7*7 }}$9');
  });
});
