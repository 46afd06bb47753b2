import { describe, expect, it } from 'vitest';
import { TIER_OF, type Category } from '../../../lambda/core/categories.js';
import { plan } from '../../../lambda/core/plan.js';
import { planNewTime, renderReminder } from '../../../lambda/core/reminders.js';
import { prepAt } from '../../../lambda/core/schedule.js';
import { parseRequest, type Plan, type RequestInput } from '../../../lambda/core/schema.js';
import { segmentInfo } from '../../../lambda/core/sms-segments.js';
import { loadTemplates } from '../../../lambda/templates.js';

const templates = loadTemplates();
const NOW = '2026-12-01T12:00:00Z';

function planFor(category: Category, overrides: Partial<RequestInput> = {}): Plan {
  const input: RequestInput = {
    id: 'conv-1',
    channel: 'sms',
    text: 'my brother was in a car accident, at the ER with him',
    receivedAt: NOW,
    interview: {
      company: 'Brightwell Analytics',
      interviewer: { name: 'Dana Whitfield', email: 'dana@brightwell.example.com' },
      start: '2026-12-01T20:00:00Z',
      timezone: 'America/New_York',
    },
    candidate: { name: 'Sam Lee', phone: '+15550199', timezone: 'America/Chicago' },
    ...overrides,
  };
  return plan(parseRequest(input), NOW, templates, {
    classifier: () => ({ category, tier: TIER_OF[category], confidence: 1, cues: [] }),
  });
}

describe('renderReminder', () => {
  it('reminds the candidate to thank the interviewer for their flexibility and understanding, with a draft', () => {
    const reminder = renderReminder(
      { plan: planFor('family_emergency'), kind: 'thank_you' },
      templates,
    );
    expect(reminder.subject).toBe('Reminder: thank Dana Whitfield for rescheduling');
    expect(reminder.text).toContain(
      'Once Dana agrees a new time, a short note to thank them for their flexibility and understanding',
    );
    expect(reminder.text).toContain(
      'Thank you for your flexibility and understanding in rescheduling our interview.',
    );
    expect(reminder.text).toContain(
      'mailto:dana@brightwell.example.com?subject=Thank%20you%20for%20rescheduling',
    );
    expect(reminder.html).toContain(
      '<a href="mailto:dana@brightwell.example.com?subject=Thank%20you',
    );
    expect(reminder.sms).toContain('thank them for their flexibility and understanding');
    expect(segmentInfo(reminder.sms).segments).toBeLessThanOrEqual(2);
  });

  it('names the new time in the thank-you once it is known', () => {
    const reminder = renderReminder(
      { plan: planFor('health'), kind: 'thank_you', newStart: '2026-12-08T15:00:00Z' },
      templates,
    );
    expect(reminder.text).toContain(
      'Your interview at Brightwell Analytics is now on Tuesday, 8 December at 10:00 AM EST.',
    );
    expect(reminder.text).toContain(
      'rescheduling our interview to Tuesday, 8 December at 10:00 AM EST.',
    );
    expect(reminder.sms).toContain('Tue 8 Dec, 10:00 AM EST');
  });

  it('prepares the candidate with the new time and one sentence to address the cancellation', () => {
    const reminder = renderReminder(
      { plan: planFor('family_emergency'), kind: 'prep', newStart: '2026-12-08T15:00:00Z' },
      templates,
    );
    expect(reminder.subject).toBe(
      'Your interview at Brightwell Analytics on Tuesday, 8 December at 10:00 AM EST',
    );
    expect(reminder.text).toContain(
      '"I had a family emergency, and thank you for your patience while I dealt with it."',
    );
    expect(reminder.sms).toContain('one sentence is enough: "I had a family emergency');
    expect(segmentInfo(reminder.sms).segments).toBeLessThanOrEqual(2);
  });

  it('never brings back the private detail the plan left out', () => {
    for (const kind of ['thank_you', 'prep'] as const) {
      const reminder = renderReminder(
        { plan: planFor('family_emergency'), kind, newStart: '2026-12-08T15:00:00Z' },
        templates,
      );
      expect(JSON.stringify(reminder).toLowerCase()).not.toMatch(/brother|car accident|\ber\b/);
    }
  });

  it('keeps reminder texts within two segments with names outside any Latin alphabet', () => {
    const foreign = planFor('health', {
      interview: {
        company: 'Brightwell Analytics',
        interviewer: { name: 'Дмитрий Иванов' },
        start: '2026-12-01T20:00:00Z',
        timezone: 'America/New_York',
      },
      candidate: { name: '王芳', phone: '+15550199' },
    });
    for (const kind of ['thank_you', 'prep'] as const) {
      for (const newStart of [null, '2026-12-08T15:00:00Z']) {
        const { sms } = renderReminder({ plan: foreign, kind, newStart }, templates);
        expect(
          segmentInfo(sms).segments,
          `expected at most 2 segments: ${sms}`,
        ).toBeLessThanOrEqual(2);
        expect(sms).toMatch(/flexibility and understanding|one sentence is enough/);
      }
    }
  });

  it('reads well with nobody named and no new time', () => {
    const bare = planFor('unspecified', { interview: {}, candidate: { phone: '+15550199' } });
    for (const kind of ['thank_you', 'prep'] as const) {
      const reminder = renderReminder({ plan: bare, kind }, templates);
      for (const text of Object.values(reminder))
        expect(text).not.toMatch(/null|undefined|\{\{|\{%/);
    }
    expect(renderReminder({ plan: bare, kind: 'prep' }, templates).text).toContain(
      'Your rescheduled interview is coming up.',
    );
  });
});

describe('planNewTime', () => {
  it('sends the thank-you now and schedules the prep reminder two hours before', () => {
    const decided = planNewTime(
      planFor('health'),
      '2026-12-08T15:00:00Z',
      '2026-12-02T12:00:00Z',
      templates,
      { candidateTimezone: 'America/Chicago' },
    );
    expect(decided.thankYouNow.text).toContain(
      'rescheduling our interview to Tuesday, 8 December at 10:00 AM EST',
    );
    // 10:00 EST is 09:00 in Chicago: two hours before is 07:00, quiet, so it moves to 20:00 the evening before.
    expect(decided.prepReminderAt).toBe('2026-12-07T20:00:00-06:00');
    expect(decided.prep).toEqual({
      kind: 'prep',
      at: '2026-12-07T20:00:00-06:00',
      channel: 'sms',
      to: '+15550199',
    });
  });

  it('keeps the two hours when that is in waking hours', () => {
    const decided = planNewTime(
      planFor('health'),
      '2026-12-08T19:00:00Z',
      '2026-12-02T12:00:00Z',
      templates,
      { candidateTimezone: 'America/Chicago' },
    );
    expect(decided.prepReminderAt).toBe('2026-12-08T11:00:00-06:00');
  });

  it('uses the interview zone when the candidate zone is not given', () => {
    const decided = planNewTime(
      planFor('health'),
      '2026-12-08T19:00:00Z',
      '2026-12-02T12:00:00Z',
      templates,
    );
    expect(decided.prepReminderAt).toBe('2026-12-08T12:00:00-05:00');
  });

  it('has no prep reminder once the new time has passed', () => {
    const decided = planNewTime(planFor('health'), '2026-12-01T10:00:00Z', NOW, templates);
    expect(decided.prepReminderAt).toBeNull();
    expect(decided.prep).toBeNull();
  });
});

describe('prepAt', () => {
  it('moves a late-evening time back to 20:00 the same day', () => {
    expect(prepAt('2026-12-08T23:30:00-05:00', NOW, 'America/New_York')).toBe(
      '2026-12-08T20:00:00-05:00',
    );
  });

  it('fires now when two hours before has already gone by', () => {
    expect(prepAt('2026-12-01T13:00:00Z', NOW, 'UTC')).toBe('2026-12-01T12:00:00Z');
  });

  it('is never inside 21:00-08:00 local for any hour of the day', () => {
    for (let hour = 0; hour < 24; hour++) {
      const start = `2026-12-10T${String(hour).padStart(2, '0')}:30:00+01:00`;
      const at = prepAt(start, NOW, 'Europe/Berlin') ?? '';
      const local = Number(at.slice(11, 13));
      expect(local >= 8 && local < 21, `expected ${at} (for ${start}) in waking hours`).toBe(true);
      expect(at < start || at.slice(0, 10) < start.slice(0, 10)).toBe(true);
    }
  });
});
