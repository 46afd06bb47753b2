import { describe, expect, it } from 'vitest';
import type { Category } from '../../../lambda/core/categories.js';
import { compose, toGsmFriendly, type ComposeInput } from '../../../lambda/core/compose.js';
import { extractAvailability } from '../../../lambda/core/availability.js';
import { TemplateError } from '../../../lambda/core/errors.js';
import { phrasesOf } from '../../../lambda/core/liquid.js';
import { noticeFor } from '../../../lambda/core/notice.js';
import { segmentInfo } from '../../../lambda/core/sms-segments.js';
import { wordCount } from '../../../lambda/core/wording.js';
import { loadTemplates } from '../../../lambda/templates.js';
import { BRIGHTWELL } from '../../fixtures/brightwell.js';

const templates = loadTemplates();
const NOW = '2026-12-01T12:00:00Z';
const AMPLE = '2026-12-03T20:00:00Z'; // Thursday 3 December, 3:00 PM in New York
const SHORT = '2026-12-01T20:00:00Z';
const URGENT = '2026-12-01T13:00:00Z';
const PAST = '2026-11-30T15:00:00Z';

function input(
  overrides: Partial<ComposeInput> & { start?: string | null; zone?: string | null } = {},
): ComposeInput {
  const start = overrides.start === undefined ? AMPLE : overrides.start;
  return {
    category: 'health',
    text: 'I have a fever and a bad cough.',
    interview: {
      ...BRIGHTWELL,
      start,
      timezone: overrides.zone === undefined ? 'America/New_York' : overrides.zone,
    },
    candidate: { name: 'Sam Lee', email: 'sam@example.org', phone: null },
    notice: noticeFor(start, NOW),
    ...overrides,
  };
}

const body = (text: string): string => text.split('\n\n').slice(1).join(' ');
const count = (text: string, needle: RegExp): number => (text.match(needle) ?? []).length;

describe('compose: the reschedule email', () => {
  it("leads with the point, naming the time in the interviewer's zone", () => {
    const { reschedule } = compose(input(), templates);
    expect(reschedule.subject).toBe('Rescheduling our interview on Thursday, 3 December');
    expect(
      body(reschedule.text).startsWith(
        "I'm unwell and won't be able to make our interview on Thursday, 3 December at 3:00 PM EST.",
      ),
    ).toBe(true);
  });

  it('shows the same instant in another interviewer zone', () => {
    const { reschedule } = compose(input({ zone: 'America/Los_Angeles' }), templates);
    expect(reschedule.text).toContain('Thursday, 3 December at 12:00 PM PST');
  });

  it('uses the offset the start was written with when the interviewer zone is unknown', () => {
    const { reschedule } = compose(
      input({ start: '2026-12-03T15:00:00-05:00', zone: null }),
      templates,
    );
    expect(reschedule.text).toContain('Thursday, 3 December at 3:00 PM UTC-5');
  });

  it.each([
    [AMPLE, "I'm sorry for the inconvenience."],
    [SHORT, "I'm very sorry for the short notice."],
    [URGENT, "I'm very sorry for the short notice."],
    [null, "I'm sorry for the inconvenience."],
    [PAST, "I'm sorry I missed our interview on Monday, 30 November at 10:00 AM EST."],
  ])('apologises once, sized to the notice (start %s)', (start, apology) => {
    const { reschedule } = compose(input({ start }), templates);
    expect(reschedule.text).toContain(apology);
    expect(
      count(reschedule.text, /sorry|apolog/gi),
      `expected exactly one apology in: ${reschedule.text}`,
    ).toBe(1);
    expect(
      count(reschedule.sms, /sorry|apolog/gi),
      `expected exactly one apology in: ${reschedule.sms}`,
    ).toBe(1);
  });

  it('turns into a missed-interview apology once the interview has passed', () => {
    const { reschedule } = compose(input({ start: PAST }), templates);
    expect(reschedule.subject).toBe('Apologies for missing our interview on Monday, 30 November');
    expect(
      body(reschedule.text).startsWith(
        "I'm sorry I missed our interview on Monday, 30 November at 10:00 AM EST. I've been unwell.",
      ),
    ).toBe(true);
  });

  it('greets by name and signs with the candidate name when known, else "Hello" and no name', () => {
    const known = compose(input(), templates).reschedule.text;
    expect(known.startsWith('Dear Dana Whitfield,\n\n')).toBe(true);
    expect(known.endsWith('Best regards,\nSam Lee')).toBe(true);
    const unknown = compose(
      input({
        interview: { ...input().interview, interviewer: { name: null, email: null, phone: null } },
        candidate: { name: null, email: null, phone: null },
      }),
      templates,
    ).reschedule;
    expect(unknown.text.startsWith('Hello,\n\n')).toBe(true);
    expect(unknown.text.endsWith('Best regards,')).toBe(true);
    expect(unknown.sms.startsWith('Hello,')).toBe(true);
    expect(`${unknown.text}${unknown.sms}${unknown.html}`).not.toMatch(/null|undefined/);
  });

  it('greets formally when the name carries a title', () => {
    const titled = input({
      interview: {
        ...input().interview,
        interviewer: { name: 'Dr. Hanna Weiss', email: null, phone: null },
      },
    });
    const { reschedule } = compose(titled, templates);
    expect(reschedule.text.startsWith('Dear Dr. Weiss,\n\n')).toBe(true);
    expect(reschedule.sms.startsWith('Hi Dr. Weiss,')).toBe(true);
  });

  it('thanks them and stays within 50–160 words', () => {
    const { reschedule, thankYou } = compose(input(), templates);
    expect(reschedule.text).toContain('Thank you for your understanding');
    expect(wordCount(reschedule.text)).toBeGreaterThanOrEqual(50);
    expect(wordCount(reschedule.text)).toBeLessThanOrEqual(160);
    expect(wordCount(thankYou.text)).toBeGreaterThanOrEqual(50);
  });

  it('writes the HTML version with the same sentences, escaped', () => {
    const { reschedule } = compose(input(), templates);
    expect(reschedule.html).toContain('<p>Dear Dana Whitfield,</p>');
    expect(reschedule.html).toContain(
      'I&#39;m unwell and won&#39;t be able to make our interview on Thursday, 3 December at 3:00 PM EST.',
    );
  });
});

describe('compose: honest and discreet', () => {
  const cases: [Category, string, string, string[]][] = [
    [
      'health',
      'Got food poisoning from something I ate last night.',
      "I'm unwell",
      ['food poisoning'],
    ],
    [
      'health',
      'I have a scheduled outpatient procedure (knee arthroscopy) on the 14th.',
      'A medical matter',
      ['knee arthroscopy', 'outpatient procedure'],
    ],
    [
      'dependent_care',
      'cant make 2morrow, kid threw up all night. so sorry',
      'My child is unwell',
      ['threw up'],
    ],
    [
      'dependent_care',
      'my kid fell on the playground and the school wants her picked up',
      'a family matter',
      ['fell on the playground'],
    ],
    [
      'family_emergency',
      'my brother was in a car accident this morning, im at the ER',
      'a family emergency',
      ['my brother', 'car accident', 'at the ER'],
    ],
    [
      'work_commitment',
      'Our biggest client (Halvorsen Group) moved their quarterly review',
      'a commitment at my current job',
      ['Halvorsen Group'],
    ],
    ['travel_disruption', "my car won't start, waiting on AAA", 'car trouble', []],
    ['travel_disruption', 'trouble getting there', 'a travel disruption', []],
    ['obligation', 'got summoned for jury duty that week', 'a civic obligation', ['jury duty']],
    [
      'obligation',
      'our interview falls on Yom Kippur, which I observe',
      'a religious observance',
      ['Yom Kippur'],
    ],
    [
      'other_interview',
      'I have a second-round panel at Greywater Capital that afternoon',
      "a prior commitment I'm unable to move",
      ['second-round panel', 'Greywater Capital', 'interview elsewhere'],
    ],
    [
      'scheduling_conflict',
      'double booked myself for thurs 10am',
      'a scheduling mistake on my part',
      [],
    ],
    [
      'scheduling_conflict',
      'I have a prior commitment at that time that I cannot move.',
      "a conflict I'm unable to move",
      [],
    ],
    [
      'personal_event',
      "I have tix to the Taylor Swift concert and it's out of town",
      'a personal commitment',
      ['Taylor Swift', 'concert', 'tix'],
    ],
    ['unspecified', 'something came up at home', "I'm unable to attend", ['at home']],
  ];

  it.each(cases)(
    '%s: says %j, never the private detail (%s)',
    (category, text, disclosure, privates) => {
      const drafts = compose(input({ category, text, start: SHORT }), templates);
      const all = [
        drafts.reschedule.text,
        drafts.reschedule.sms,
        drafts.reschedule.html,
        drafts.callScript ?? '',
        drafts.thankYou.text,
      ];
      expect(drafts.reschedule.text.toLowerCase()).toContain(disclosure.toLowerCase());
      for (const phrase of privates)
        for (const out of all)
          expect(out.toLowerCase(), `expected no "${phrase}"`).not.toContain(phrase.toLowerCase());
    },
  );

  it.each([
    ['childcare fell through today'],
    ["my kid isn't sick, but the nanny quit this morning"],
    ["my daughter doesn't have a fever any more, but daycare is closed"],
  ])('never says a child is unwell unless the candidate said so: %j', (text) => {
    const { reschedule } = compose(input({ category: 'dependent_care', text }), templates);
    expect(reschedule.text).not.toMatch(/child is unwell/i);
    expect(reschedule.text).toContain('a family matter');
  });

  it('offers a phone call for a technical problem, and video when the phone is the problem', () => {
    const laptop = compose(
      input({ category: 'technical_issue', text: 'my laptop died this morning' }),
      templates,
    ).reschedule;
    expect(laptop.text).toContain('a problem with my computer');
    expect(laptop.text).toContain("I'd be glad to do it by phone instead");
    expect(laptop.sms).toContain('A phone call works for me too.');
    const power = compose(
      input({ category: 'technical_issue', text: "my laptop won't power on" }),
      templates,
    ).reschedule;
    expect(power.text).toContain('a problem with my computer');
    expect(
      compose(
        input({ category: 'technical_issue', text: "power's out on my whole block" }),
        templates,
      ).reschedule.text,
    ).toContain('a power outage');
    const phone = compose(
      input({ category: 'technical_issue', text: 'cell service is down in my whole area' }),
      templates,
    ).reschedule;
    expect(phone.text).toContain('by video call instead');
  });

  it('keeps exclamation marks and emoji out even when the candidate used them', () => {
    const drafts = compose(
      input({
        text: 'ugh 🤒 so sick!! free any time next week 🙏',
        candidate: { name: 'Sam 😀 Lee!', email: null, phone: null },
      }),
      templates,
    );
    for (const out of [
      drafts.reschedule.text,
      drafts.reschedule.sms,
      drafts.reschedule.subject,
      drafts.thankYou.text,
      drafts.thankYou.sms,
    ]) {
      expect(out).not.toMatch(/[!\p{Extended_Pictographic}]/u);
    }
    expect(drafts.reschedule.text).toContain('Sam Lee');
  });
});

describe('compose: availability', () => {
  const phrases = phrasesOf(templates).availability;

  it.each([
    ["I'm free Thursday or Friday afternoon.", 'Thursday or Friday afternoon'],
    [
      'hey so i have a thing at 4 i cant get out of. free any time before 2 tho',
      'any time before 2',
    ],
    [
      "I'm available any time Thursday or Friday, or I could do a phone call during her nap.",
      'any time Thursday or Friday',
    ],
    ["I'm free all of next Monday and Tuesday.", 'all of next Monday and Tuesday'],
    ['Thursday afternoon works for me', 'Thursday afternoon'],
    ['I am flexible on thurs or fri', 'Thursday or Friday'],
    [
      "I'm happy to meet any time after 4 PM that day, or tomorrow.",
      'any time after 4 PM that day',
    ],
  ])('reads %j as %j', (text, expected) => {
    expect(extractAvailability(text, phrases)).toBe(expected);
  });

  it.each([
    ["I won't be available until Wednesday."],
    ['Thursday does not work for me'],
    ['feel free to call me'],
    ["I'm free after my therapist appointment on Thursday"],
    ['Would Thursday afternoon work instead?'],
    [''],
  ])('finds nothing it can be sure of in %j', (text) => {
    expect(extractAvailability(text, phrases)).toBeNull();
  });

  it('offers what the candidate gave, else an open offer', () => {
    expect(
      compose(input({ text: 'flu. free any time next week' }), templates).reschedule.text,
    ).toContain("I'm free any time next week.");
    expect(compose(input({ text: 'flu' }), templates).reschedule.text).toContain(
      "I'm happy to work around your schedule.",
    );
  });
});

describe('compose: SMS and call script', () => {
  it('keeps the SMS within two segments, in GSM-7 where names allow it', () => {
    const { reschedule, thankYou } = compose(
      input({
        start: SHORT,
        text: 'sick. free any time Thursday or Friday afternoon or all of next week',
      }),
      templates,
    );
    expect(segmentInfo(reschedule.sms)).toMatchObject({ encoding: 'GSM-7' });
    expect(segmentInfo(reschedule.sms).segments).toBeLessThanOrEqual(2);
    expect(segmentInfo(thankYou.sms).segments).toBeLessThanOrEqual(2);
  });

  it('folds accents so a name does not force UCS-2', () => {
    expect(toGsmFriendly('José Núñez')).toBe('José Nuñez');
    const { reschedule } = compose(
      input({ candidate: { name: 'Zoë Núñez', email: null, phone: null } }),
      templates,
    );
    expect(reschedule.sms.endsWith('- Zoe')).toBe(true);
    expect(segmentInfo(reschedule.sms).encoding).toBe('GSM-7');
  });

  it('still fits two UCS-2 segments with names outside any Latin alphabet', () => {
    const people = input({
      start: SHORT,
      text: 'free any time next week',
      candidate: { name: '王芳', email: null, phone: null },
      interview: {
        ...input().interview,
        interviewer: { name: 'Дмитрий Иванов', email: null, phone: null },
      },
    });
    const { reschedule } = compose(people, templates);
    expect(segmentInfo(reschedule.sms).segments).toBeLessThanOrEqual(2);
    expect(reschedule.sms).toContain("I'm very sorry for the short notice.");
    expect(reschedule.sms).toContain('Thank you');
  });

  it('writes a call script of at most 60 words when the interview is under a day away or has passed', () => {
    for (const start of [SHORT, URGENT, PAST]) {
      const script = compose(input({ start }), templates).callScript;
      expect(script, `expected a call script for ${start}`).not.toBeNull();
      expect(wordCount(script ?? '')).toBeLessThanOrEqual(60);
      expect(script).toMatch(/^Hi Dana, this is Sam Lee/);
    }
    expect(compose(input({ start: SHORT }), templates).callScript).toContain(
      "I'm unwell and won't be able to make it.",
    );
  });

  it('writes no call script with ample or unknown notice', () => {
    expect(compose(input({ start: AMPLE }), templates).callScript).toBeNull();
    expect(compose(input({ start: null }), templates).callScript).toBeNull();
  });
});

describe('compose: user text is data', () => {
  const hostile = '{{ 7*7 }} {% raw %} <script>alert(1)</script>\r\nBcc: x@example.com';

  it('prints template syntax in names literally and never evaluates it', () => {
    const drafts = compose(
      input({
        candidate: { name: hostile, email: null, phone: null },
        interview: {
          ...input().interview,
          company: hostile,
          interviewer: { name: hostile, email: null, phone: null },
        },
      }),
      templates,
    );
    expect(drafts.reschedule.text).toContain('{{ 7*7 }} {% raw %}');
    expect(drafts.reschedule.text).not.toContain('49');
    expect(drafts.reschedule.html).not.toContain('<script>');
    expect(drafts.reschedule.html).toContain('&lt;script&gt;');
    expect(drafts.reschedule.subject).not.toMatch(/[\r\n]/);
    expect(drafts.reschedule.text).not.toMatch(/\r|\nBcc:/);
  });

  it('never echoes the candidate text, even when it holds template syntax', () => {
    const drafts = compose(input({ text: `${hostile} I'm free {{ 7*7 }} Thursday` }), templates);
    const all = JSON.stringify(drafts);
    expect(all).not.toContain('7*7');
    expect(all).not.toContain('<script');
    expect(all).not.toContain('Bcc');
  });
});

describe('compose: wording lives in templates', () => {
  it('follows a change to phrases.json without code changes', () => {
    const phrases = JSON.parse(templates['phrases.json'] ?? '{}') as {
      categories: { health: { lead: string } };
    };
    phrases.categories.health.lead = "I'm not well enough to attend {{ interview }}.";
    const edited = { ...templates, 'phrases.json': JSON.stringify(phrases) };
    expect(compose(input(), edited).reschedule.text).toContain(
      "I'm not well enough to attend our interview on Thursday, 3 December at 3:00 PM EST.",
    );
  });

  it('follows a change of greeting or time format in phrases.json', () => {
    const phrases = JSON.parse(templates['phrases.json'] ?? '{}') as {
      greeting: string;
      time: { long: string };
    };
    phrases.greeting = 'Good afternoon{% if interviewer.name %} {{ interviewer.name }}{% endif %}';
    phrases.time.long = 'EEEE d MMMM, HH:mm ZZZZ';
    const { reschedule } = compose(input(), {
      ...templates,
      'phrases.json': JSON.stringify(phrases),
    });
    expect(reschedule.text.startsWith('Good afternoon Dana Whitfield,')).toBe(true);
    expect(reschedule.text).toContain('our interview on Thursday 3 December, 15:00 EST.');
  });

  it('fails with a TemplateError naming the problem when phrases.json is malformed or a template is missing', () => {
    expect(() => compose(input(), { ...templates, 'phrases.json': '{"apology": {}}' })).toThrow(
      TemplateError,
    );
    expect(() => compose(input(), { ...templates, 'phrases.json': '{"apology": {}}' })).toThrow(
      /phrases\.json: .*apology/,
    );
    const { ['sms/reschedule.liquid']: _gone, ...withoutSms } = templates;
    expect(() => compose(input(), withoutSms)).toThrow(/sms\/reschedule\.liquid is missing/);
  });

  it('fails with a TemplateError when a template refers to an unknown variable', () => {
    const broken = { ...templates, 'email/reschedule.subject.liquid': 'About {{ no_such_thing }}' };
    expect(() => compose(input(), broken)).toThrow(TemplateError);
  });
});
