import { describe, expect, it } from 'vitest';
import { adviceFor } from '../../../lambda/core/advice.js';
import type { Category } from '../../../lambda/core/categories.js';
import type { Notice } from '../../../lambda/core/notice.js';
import { loadTemplates } from '../../../lambda/templates.js';

const templates = loadTemplates();
const DANA = { name: 'Dana Whitfield', phone: '+1 555 0100' };
const notice = (urgency: Notice['urgency']): Notice => ({
  hoursLeft: urgency === 'unknown' ? null : 5,
  urgency,
});
const advise = (
  category: Category,
  urgency: Notice['urgency'],
  interviewer: { name: string | null; phone: string | null } = DANA,
): string[] => adviceFor({ category, notice: notice(urgency), interviewer }, templates);

describe('adviceFor', () => {
  it('says to call the interviewer first, with their number, when it is less than a day away', () => {
    expect(advise('health', 'short')[0]).toBe(
      "Call Dana first (+1 555 0100): it's less than a day away; send the email right after.",
    );
    expect(advise('health', 'urgent')[0]).toBe(
      "Call Dana now (+1 555 0100): it's less than two hours away; send the email right after.",
    );
  });

  it('leaves the number out when it is unknown, and names the company when nobody is named', () => {
    expect(advise('health', 'short', { name: 'Dana Whitfield', phone: null })[0]).toBe(
      "Call Dana first: it's less than a day away; send the email right after.",
    );
    expect(advise('health', 'short', { name: null, phone: null })[0]).toBe(
      "Call the company first: it's less than a day away; send the email right after.",
    );
  });

  it('does not ask for a call with ample notice', () => {
    expect(advise('health', 'ample').join(' ')).not.toMatch(/\bcall\b/i);
  });

  it('turns into a missed-interview apology once it has passed', () => {
    expect(advise('health', 'past')[0]).toBe(
      'It has passed: send the apology today and call Dana (+1 555 0100); no excuses beyond one line.',
    );
    expect(advise('health', 'past', { name: null, phone: null })[0]).toBe(
      'It has passed: send the apology today; no excuses beyond one line.',
    );
  });

  it('tells the candidate not to overshare health or family details', () => {
    expect(advise('health', 'ample')).toContain(
      'You don\'t need to share details of your health; "I\'m unwell" is enough.',
    );
    expect(advise('dependent_care', 'ample').join(' ')).toMatch(/family details private/);
    expect(advise('family_emergency', 'ample').join(' ')).toMatch(/a family emergency/);
  });

  it('warns about another interview and asks to reconsider an event', () => {
    expect(advise('other_interview', 'ample')).toContain(
      "Don't mention the other interview; recruiters talk.",
    );
    expect(advise('personal_event', 'ample')).toContain(
      'Think twice: skipping an interview for an event can cost you the slot.',
    );
  });

  it('asks for a reason when none was given', () => {
    expect(advise('unspecified', 'ample').join(' ')).toMatch(/^.*Consider giving a reason/);
  });

  it('always ends with what to expect at the next meeting, each line once', () => {
    for (const urgency of ['past', 'urgent', 'short', 'ample', 'unknown'] as const) {
      const lines = advise('work_commitment', urgency);
      expect(lines[lines.length - 1]).toBe(
        'Expect them to ask at the next meeting; one sentence and a thank-you is enough.',
      );
      expect(new Set(lines).size).toBe(lines.length);
    }
  });

  it('keeps each line short and imperative', () => {
    for (const category of [
      'health',
      'other_interview',
      'personal_event',
      'unspecified',
    ] as const) {
      for (const line of advise(category, 'short'))
        expect(line.split(/\s+/).length, `expected a short line: ${line}`).toBeLessThanOrEqual(22);
    }
  });

  it('prints an interviewer name as data', () => {
    const [first] = advise('health', 'short', { name: '{{7*7}} Smith', phone: '{% raw %}' });
    expect(first).toBe(
      "Call {{7*7}} first ({% raw %}): it's less than a day away; send the email right after.",
    );
  });
});
