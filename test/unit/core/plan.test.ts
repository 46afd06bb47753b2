import { describe, expect, it } from 'vitest';
import { TIER_OF, type Category } from '../../../lambda/core/categories.js';
import { classify, type Classification } from '../../../lambda/core/classify.js';
import { parseWhen } from '../../../lambda/core/extract.js';
import { mailtoLink } from '../../../lambda/core/mailto.js';
import { plan } from '../../../lambda/core/plan.js';
import { PlanSchema, parseRequest, type RequestInput } from '../../../lambda/core/schema.js';
import { segmentInfo } from '../../../lambda/core/sms-segments.js';
import { loadTemplates } from '../../../lambda/templates.js';
import { BRIGHTWELL } from '../../fixtures/brightwell.js';

const templates = loadTemplates();
const NOW = '2026-12-01T12:00:00Z';
const fixed = (category: Category) => (): Classification => ({
  category,
  tier: TIER_OF[category],
  confidence: 0.9,
  cues: [],
});

function request(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    id: 'req-1',
    channel: 'email',
    text: "I'm unwell and can't make it. I'm free any time next week.",
    receivedAt: NOW,
    interview: {
      ...BRIGHTWELL,
      start: '2026-12-03T20:00:00Z',
      timezone: 'America/New_York',
    },
    candidate: {
      name: 'Sam Lee',
      email: 'sam@example.org',
      phone: '+15550199',
      timezone: 'America/Chicago',
    },
    ...overrides,
  };
}

const run = (input: RequestInput, category: Category = 'health', now = NOW) =>
  PlanSchema.parse(plan(parseRequest(input), now, templates, { classifier: fixed(category) }));

describe('plan', () => {
  it('returns a Plan that satisfies the contract, with the request id', () => {
    const result = run(request());
    expect(result.id).toBe('req-1');
    expect(result.reason).toEqual({ category: 'health', tier: 'forgivable', confidence: 0.9 });
    expect(result.notice).toEqual({ hoursLeft: 56, urgency: 'ample' });
    expect(result.candidate).toEqual({
      name: 'Sam Lee',
      email: 'sam@example.org',
      phone: '+15550199',
    });
  });

  it('classifies with the real classifier by default and reports what it decided', () => {
    const input = parseRequest(request());
    const result = plan(input, NOW, templates);
    const decided = classify(input.text);
    expect(result.reason).toEqual({
      category: decided.category,
      tier: decided.tier,
      confidence: decided.confidence,
    });
    expect(PlanSchema.safeParse(result).success).toBe(true);
  });

  it('keeps explicit interview fields over anything read from the text', () => {
    const result = run(
      request({
        text: 'Interview with Bob Jones at Other Corp tomorrow at 9am Pacific. I have the flu.',
        interview: {
          ...request().interview,
          details: 'Interviewer: Carol King <carol@other.example.com>, Friday 4pm ET',
        },
      }),
    );
    expect(result.interview).toEqual({
      ...BRIGHTWELL,
      start: '2026-12-03T20:00:00Z',
      timezone: 'America/New_York',
    });
  });

  it("never reads the candidate's own name in the details as the company", () => {
    const result = run(
      request({
        interview: {
          details:
            'Subject: Interview Invitation - Data Analyst - Sam Lee\n\nDear Sam, greetings from Harlow Logistics! We look forward to meeting you.',
        },
      }),
    );
    expect(result.interview.company).toBe('Harlow Logistics');
  });

  it('reads interview.when through parseWhen in the interview zone', () => {
    const base = request();
    const input = request({
      interview: { company: 'Acme', when: 'Thursday 3pm', timezone: 'America/New_York' },
    });
    const expected = parseWhen('Thursday 3pm', { now: NOW, timezone: 'America/New_York' });
    const result = run(input);
    expect(result.interview.start).toBe(expected?.start ?? null);
    expect(result.interview.company).toBe('Acme');
    expect(base.interview?.company).toBe('Brightwell Analytics');
  });

  it('leaves unknowns null and never renders them', () => {
    const result = run({
      id: 'bare',
      channel: 'cli',
      text: 'I have the flu',
      receivedAt: NOW,
      deliver: 'none',
    });
    expect(result.interview.interviewer).toEqual({ name: null, email: null, phone: null });
    expect(result.candidate).toEqual({ name: null, email: null, phone: null });
    const texts = [
      ...Object.values(result.drafts.reschedule),
      ...Object.values(result.drafts.thankYou),
      ...result.advice,
    ];
    for (const text of texts) expect(text).not.toMatch(/null|undefined|NaN/);
    expect(result.drafts.callScript).toBeNull();
  });

  it('drops an interview zone that is not an IANA zone', () => {
    expect(
      run(request({ interview: { ...request().interview, timezone: 'Mars/Olympus' } })).interview
        .timezone,
    ).toBeNull();
  });

  it('answers an email with one reply: the draft, a mailto link, the advice and what happens next', () => {
    const result = run(
      request({ interview: { ...request().interview, start: '2026-12-01T20:00:00Z' } }),
    );
    expect(result.replies).toHaveLength(1);
    const [reply] = result.replies;
    expect(reply).toMatchObject({ channel: 'email', to: 'sam@example.org' });
    expect(reply?.subject).toBe(`Ready to send: ${result.drafts.reschedule.subject}`);
    expect(reply?.text).toContain(result.drafts.reschedule.text);
    expect(reply?.text).toContain(
      mailtoLink(
        'dana@brightwell.example.com',
        result.drafts.reschedule.subject,
        result.drafts.reschedule.text,
      ),
    );
    for (const line of result.advice) expect(reply?.text).toContain(line);
    expect(reply?.text).toContain(result.drafts.callScript ?? 'a call script');
    expect(reply?.text).toContain(
      "on Wednesday, 2 December at 10:00 AM CST I'll remind you to thank Dana",
    );
    expect(reply?.html).toContain(
      '<a href="mailto:dana@brightwell.example.com?subject=Rescheduling%20our%20interview',
    );
    expect(reply?.html).toContain('&amp;body=');
  });

  it('builds the mailto link RFC 6068 style: percent-encoded with CRLF line breaks', () => {
    const link = mailtoLink('dana+hr@example.com', 'Re: a & b', 'Line one\nLine two?');
    expect(link).toBe(
      'mailto:dana%2Bhr@example.com?subject=Re%3A%20a%20%26%20b&body=Line%20one%0D%0ALine%20two%3F',
    );
  });

  it('leaves the mailto link out when the interviewer email is unknown', () => {
    const result = run(
      request({ interview: { company: 'Acme', interviewer: { name: 'Dana Whitfield' } } }),
    );
    expect(result.replies[0]?.text).not.toContain('mailto:');
    expect(result.replies[0]?.html).not.toContain('mailto:');
  });

  it('answers an SMS with the draft, then one line of advice, each within two segments', () => {
    const result = run(
      request({
        channel: 'sms',
        interview: { ...request().interview, start: '2026-12-01T20:00:00Z' },
      }),
    );
    expect(result.replies.map((r) => [r.channel, r.to])).toEqual([
      ['sms', '+15550199'],
      ['sms', '+15550199'],
    ]);
    expect(result.replies[0]?.text).toBe(result.drafts.reschedule.sms);
    expect(result.replies[1]?.text).toContain(result.advice[0] ?? 'advice');
    for (const reply of result.replies)
      expect(segmentInfo(reply.text).segments).toBeLessThanOrEqual(2);
  });

  it('delivers CLI and webhook plans only as asked', () => {
    expect(run(request({ channel: 'webhook', deliver: 'none' })).replies).toEqual([]);
    expect(run(request({ channel: 'cli', deliver: 'none' })).reminders).toEqual([]);
    expect(run(request({ channel: 'webhook', deliver: 'email' })).replies.map((r) => r.to)).toEqual(
      ['sam@example.org'],
    );
    expect(
      run(request({ channel: 'webhook', deliver: 'sms' })).reminders.map((r) => [r.channel, r.to]),
    ).toEqual([['sms', '+15550199']]);
  });

  it('sends nothing and schedules nothing when the candidate cannot be reached', () => {
    const result = run(request({ channel: 'email', candidate: { name: 'Sam Lee' } }));
    expect(result.replies).toEqual([]);
    expect(result.reminders).toEqual([]);
  });

  it('schedules the thank-you reminder for 10:00 the next day in the candidate zone', () => {
    expect(run(request()).reminders).toEqual([
      {
        kind: 'thank_you',
        at: '2026-12-02T10:00:00-06:00',
        channel: 'email',
        to: 'sam@example.org',
      },
    ]);
  });

  it('falls back to the interview zone, then UTC, for the reminder, and never lands in quiet hours', () => {
    const interviewZone = run(request({ candidate: { email: 'sam@example.org' } }));
    expect(interviewZone.reminders[0]?.at).toBe('2026-12-02T10:00:00-05:00');
    const utc = run(
      request({ candidate: { email: 'sam@example.org' }, interview: { company: 'Acme' } }),
    );
    expect(utc.reminders[0]?.at).toBe('2026-12-02T10:00:00Z');
    // Late evening in Tokyo: the reminder is the next morning there, not in the middle of the night.
    const late = run(
      request({ candidate: { email: 'sam@example.org', timezone: 'Asia/Tokyo' } }),
      'health',
      '2026-12-01T14:30:00Z',
    );
    expect(late.reminders[0]?.at).toBe('2026-12-02T10:00:00+09:00');
  });

  it('tells the candidate to call first when the interview is under a day away', () => {
    const result = run(
      request({ interview: { ...request().interview, start: '2026-12-01T15:00:00Z' } }),
    );
    expect(result.notice.urgency).toBe('short');
    expect(result.advice[0]).toBe(
      "Call Dana first (+1 555 0100): it's less than a day away; send the email right after.",
    );
    expect(result.drafts.callScript).not.toBeNull();
  });
});
