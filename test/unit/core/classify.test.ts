import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, TIER_OF, type Category } from '../../../lambda/core/categories.js';
import { classify } from '../../../lambda/core/classify.js';
import { fallbackClassify, features, stem } from '../../../lambda/core/classify/fallback.js';
import { normalize, withinOneEdit } from '../../../lambda/core/classify/normalize.js';
import { formatScore, readJsonl, score } from '../../../scripts/eval.js';
import { OUT, SOURCES, render, train } from '../../../scripts/train-fallback.js';

const projectRoot = resolve(import.meta.dirname, '../../..');
const DEV_SET = resolve(projectRoot, '../shared/data/reasons-dev.jsonl');
const HOLDOUT_SET = resolve(projectRoot, 'test/fixtures/reasons-holdout.jsonl');
// written without reading the lexicon (1) and without running the classifier on them (2)
const UNSEEN_SET = resolve(projectRoot, 'test/fixtures/reasons-unseen.jsonl');
const UNSEEN_2_SET = resolve(projectRoot, 'test/fixtures/reasons-unseen-2.jsonl');
/** Written blind: by an agent that read only REASONS.md, never the classifier or the other sets. */
const UNSEEN_3_SET = resolve(projectRoot, 'test/fixtures/reasons-unseen-3.jsonl');

function expectCategory(text: string, expected: Category): void {
  const got = classify(text);
  expect(
    got.category,
    `expected "${text}" to be ${expected}, got ${got.category} (cues: ${got.cues.join(', ')})`,
  ).toBe(expected);
}

describe('classify: one reason per category', () => {
  const cases: [Category, string][] = [
    [
      'health',
      'Sorry, I have a terrible migraine and can barely open my eyes. Could we do Friday?',
    ],
    ['health', 'I have a hospital appointment for a scan that morning which I cannot move.'],
    ['health', 'I slipped on ice and sprained my wrist, heading to get it x-rayed.'],
    ['dependent_care', 'My son woke up with a fever and nursery will not take him today.'],
    ['dependent_care', 'Our babysitter cancelled and I have nobody to watch the kids tomorrow.'],
    ['family_emergency', 'My grandmother passed away last night and the funeral is on Thursday.'],
    ['family_emergency', 'My dad has been rushed to hospital with a suspected heart attack.'],
    ['work_commitment', 'My manager has put me on the late shift tomorrow and I cannot swap.'],
    ['work_commitment', 'We have a product launch that day and I am the on-call engineer.'],
    ['travel_disruption', 'My train has been cancelled and the next one is two hours later.'],
    ['travel_disruption', 'The road out of our village is flooded and closed until tomorrow.'],
    ['technical_issue', 'Our broadband is down and the engineer cannot come until Thursday.'],
    ['technical_issue', 'My webcam stopped working this morning, could we do it by phone?'],
    ['obligation', 'I have been called for jury service that week.'],
    ['obligation', 'That day is Yom Kippur and I will be at synagogue.'],
    ['other_interview', 'I have a final round with another company at the same time.'],
    ['other_interview', 'I have received an offer elsewhere with a decision deadline on Friday.'],
    ['scheduling_conflict', 'I am so sorry, I double-booked myself on Tuesday morning.'],
    ['scheduling_conflict', 'I have a prior commitment that afternoon that I cannot move.'],
    ['personal_event', 'I have tickets to a concert in another city that evening.'],
    ['personal_event', 'I will be on holiday in Greece that week, booked months ago.'],
    ['unspecified', 'Can we reschedule Thursday please?'],
    ['unspecified', 'I would rather not go into the details, but I cannot make Monday.'],
  ];
  it.each(cases)('classifies as %s: %s', (category, text) => {
    expectCategory(text, category);
  });

  it('returns the tier of the category and the cues that decided it', () => {
    const got = classify('My flight was cancelled because of the storm.');
    expect(got.category).toBe('travel_disruption');
    expect(got.tier).toBe(TIER_OF.travel_disruption);
    expect(got.cues.length, 'expected at least one cue phrase').toBeGreaterThan(0);
    expect(got.cues.join(' ')).toMatch(/cancelled/);
  });
});

describe('classify: the edges of REASONS.md', () => {
  it.each([
    ['something came up at home, need to move it', 'unspecified'],
    ['family stuff, can we push to next week?', 'unspecified'],
    ['I have a thing at 4 I cannot get out of', 'scheduling_conflict'],
    ['I have a prior commitment I am unable to move', 'scheduling_conflict'],
    ['our dog was hit by a car and we are at the emergency vet', 'family_emergency'],
    [
      'my daughter fell off her bike and grazed her knee, I need to pick her up from school',
      'dependent_care',
    ],
    ['I fell off my bike and broke my wrist', 'health'],
  ] as [string, Category][])('reads "%s" as %s', (text, category) => {
    expectCategory(text, category);
  });
});

describe('classify: negation', () => {
  it.each([
    ['not sick, but my car will not start', 'travel_disruption'],
    ['No, nothing to do with work. My son is off school with chickenpox.', 'dependent_care'],
    ['It is not a work thing and I am not ill, I just cannot do Tuesday.', 'unspecified'],
    ['I am not unwell or anything, I have another interview at that time.', 'other_interview'],
    ['Childcare is not a problem, but the bridge is closed after a crash.', 'travel_disruption'],
    ['I cannot find childcare for that morning.', 'dependent_care'],
    ['I feel much better after last week\u2019s flu, but my laptop has died.', 'technical_issue'],
  ] as [string, Category][])('reads "%s" as %s', (text, category) => {
    expectCategory(text, category);
  });
});

describe('classify: several reasons in one message', () => {
  it.each([
    [
      'I had a dentist appointment that morning anyway, but that is not why I am writing. My mum has had a stroke.',
      'family_emergency',
    ],
    [
      'I know it is the week of the big game, I promise that is not what this is about! My boss needs me on site.',
      'work_commitment',
    ],
    [
      'Work has been busy, but the real reason is my flight home got cancelled.',
      'travel_disruption',
    ],
    ['I double-booked myself with another interview, my bad.', 'other_interview'],
    [
      'My kids have a cold too, but I am the one who is properly ill and can barely talk.',
      'health',
    ],
    ['My uncle passed away and I will be travelling abroad for the funeral.', 'family_emergency'],
    ['I am flying out for my best friend\u2019s wedding that weekend.', 'personal_event'],
  ] as [string, Category][])('reads "%s" as %s', (text, category) => {
    expectCategory(text, category);
  });
});

describe('classify: euphemisms, texting and typos', () => {
  it.each([
    ['feeling a bit under the weather today, sorry', 'health'],
    ['my little one is poorly, can we rearrange', 'dependent_care'],
    ['lost my nan this morning, cant do today', 'family_emergency'],
    ['sry cant make 2morrow, got the flu', 'health'],
    ['cant do tmrw bc my kid threw up all nite', 'dependent_care'],
    ['im stuck in traffic, ppl say theres a crash ahead', 'travel_disruption'],
    ['my grandmother is in the hospitol', 'family_emergency'],
    ['I have a docter apointment that morning', 'health'],
    ['my intrenet is down, can we do phone', 'technical_issue'],
    ['got a 2nd interveiw elsewhere at 10', 'other_interview'],
    ['ugh \u{1F912} been throwing up all night', 'health'],
  ] as [string, Category][])('reads "%s" as %s', (text, category) => {
    expectCategory(text, category);
  });

  it('repairs a one-letter typo of a cue word but leaves ordinary words alone', () => {
    expect(withinOneEdit('hospitol', 'hospital')).toBe(true);
    expect(withinOneEdit('hsopital', 'hospital')).toBe(true);
    expect(withinOneEdit('hostel', 'hospital')).toBe(false);
    expect(normalize('I cant go, my laptp died')).toBe('i can not go, my laptop died');
    expect(normalize('the closer one')).toBe('the closer one');
    expect(normalize('constructor toString __proto__')).toBe('constructor tostring __proto__');
  });
});

describe('classify: what must not count as a reason', () => {
  it('ignores greetings and sign-offs', () => {
    expectCategory(
      'Dear Dr. Hale,\n\nI hope this email finds you well. I can no longer make Thursday; could we find another time?\n\nKind regards,\nGrace Hope',
      'unspecified',
    );
  });

  it('ignores the quoted invite below the note even when it mentions travel, offices and teams', () => {
    const text = [
      'Hi, I cannot make the time below, sorry. Could we find another?',
      '',
      '---------- Forwarded message ---------',
      'From: Talent <jobs@example.com>',
      'Subject: Interview invitation',
      '',
      'You will meet the team at our office; travel expenses are reimbursed. If you are unwell, let us know.',
      'Your meeting with the hiring manager is at 10am. Flights and trains can be booked via our travel desk.',
    ].join('\n');
    expectCategory(text, 'unspecified');
  });

  it('reads the reason above a quoted reply and not the reply', () => {
    const text =
      'My car broke down on the motorway, so sorry.\n\nOn Mon, 7 Dec 2026 at 09:12, Talent <jobs@example.com> wrote:\n> Looking forward to meeting you. Our office is closed on Friday for a team party.';
    expectCategory(text, 'travel_disruption');
  });

  it('does not take the job title, the venue or a pasted subject line for a reason', () => {
    expectCategory(
      'Hi Sarah,\n\nAbout my interview for the Registered Nurse post on the Emergency Department team (Thursday 10am, Training Room 2, Main Hospital Building): unfortunately I cannot make that time. Could we find another slot?\n\nBest,\nAnna\nSent from my iPhone',
      'unspecified',
    );
    expectCategory(
      'Re: Interview - Travel Operations Manager - Tuesday 2pm at our London office\n\nCan we move this to Wednesday? Thanks',
      'unspecified',
    );
  });

  it('does not take the hiring company or the interview format for a reason', () => {
    expectCategory(
      'Hi, it is Sam re: the 10am at Riverside Dental. I cannot make it, sorry.',
      'unspecified',
    );
    expectCategory('Can we move the phone screen at 2pm?', 'unspecified');
    expectCategory(
      'Voicemail transcript: hi, um, this is Greg, uh, I need to move the interview, call me back',
      'unspecified',
    );
  });
});

describe('classify: any input', () => {
  it.each(['', '   \n\t  ', '\u{1F600}\u{1F44D}\u{1F3FD}', '?!?!', '\u0000\u0001'])(
    'returns unspecified without throwing for %j',
    (text) => {
      const got = classify(text);
      expect(got.category).toBe('unspecified');
      expect(got.cues).toEqual([]);
    },
  );

  it('returns quickly on 100 KB of text', () => {
    const text =
      'I am so sorry to ask, but could we possibly find another time for the interview? '.repeat(
        1250,
      );
    expect(text.length).toBeGreaterThan(100_000);
    const started = performance.now();
    const got = classify(text);
    const ms = performance.now() - started;
    expect(got.category).toBe('unspecified');
    expect(
      ms,
      `expected 100 KB to classify in under 500 ms, took ${ms.toFixed(0)} ms`,
    ).toBeLessThan(500);
  });

  it('gives the same answer for the same text every time', () => {
    const text = 'my son has croup and we were at urgent care until 3am, can we do next week?';
    const first = classify(text);
    for (let i = 0; i < 5; i++) expect(classify(text)).toEqual(first);
  });

  it('never throws and always returns a well-formed classification', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const got = classify(text);
        expect(CATEGORIES).toContain(got.category);
        expect(got.tier).toBe(TIER_OF[got.category]);
        expect(got.confidence).toBeGreaterThanOrEqual(0);
        expect(got.confidence).toBeLessThanOrEqual(1);
        expect(classify(text)).toEqual(got);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('is more confident when the reason is plain than when it is faint', () => {
    const plain = classify(
      'My flight was cancelled, the airline has grounded every plane because of the blizzard.',
    );
    const faint = classify('There is a storm here.');
    expect(plain.confidence, `expected ${plain.confidence} > ${faint.confidence}`).toBeGreaterThan(
      faint.confidence,
    );
  });
});

describe('classify: labelled sets', () => {
  it.each([
    ['the dev set', DEV_SET],
    ['the held-out set', HOLDOUT_SET],
    ['the first unseen batch', UNSEEN_SET],
    ['the second unseen batch', UNSEEN_2_SET],
    ['the third unseen batch, written blind', UNSEEN_3_SET],
  ])('scores macro-F1 >= 0.90 on %s', (_name, path) => {
    const rows = readJsonl(path);
    const result = score(rows, (t) => classify(t).category);
    expect(
      result.macroF1,
      `fails: expected macro-F1 >= 0.90 on ${path}, got ${result.macroF1.toFixed(3)}\n${formatScore(result)}`,
    ).toBeGreaterThanOrEqual(0.9);
  });

  // CPU time, not wall time: the CI box is shared, and a busy neighbour must not fail this.
  // Measured about 8k texts per CPU-second with the concept cues and the fallback.
  it('classifies more than 5,000 texts per CPU-second', () => {
    const texts = readJsonl(DEV_SET).map((r) => r.text);
    for (const t of texts) classify(t);
    // the best of three trials: a garbage collection or a busy neighbour slows one, not all
    const rounds = 5;
    let perSecond = 0;
    for (let trial = 0; trial < 3; trial++) {
      const before = process.cpuUsage();
      for (let i = 0; i < rounds; i++) for (const t of texts) classify(t);
      const used = process.cpuUsage(before);
      perSecond = Math.max(perSecond, (rounds * texts.length) / ((used.user + used.system) / 1e6));
    }
    expect(
      perSecond,
      `expected > 5000 texts per CPU-second, measured ${perSecond.toFixed(0)}`,
    ).toBeGreaterThan(5000);
  });
});

describe('classify: wording beyond the labelled sets', () => {
  it.each([
    ['my mother-in-law expired this morning and I must attend the last rites', 'family_emergency'],
    ['my nan has taken a turn for the worse, heading to the hospice now', 'family_emergency'],
    ['my brother was in a road accident and is now in intensive care', 'family_emergency'],
    ['computer got a virus and is stuck in a reboot loop', 'technical_issue'],
    ['loadshedding in my area from 10 to 12, no power or internet', 'technical_issue'],
    ['the ferry has been held up by rough seas', 'travel_disruption'],
    ['stuck on the M6 behind a lorry fire', 'travel_disruption'],
    ['I teach and have to invigilate an exam that morning', 'work_commitment'],
    ['there is stock-taking at my present company that day', 'work_commitment'],
    ['my visa biometrics appointment at the consulate is that morning', 'obligation'],
    ['I am a polling station clerk on election day', 'obligation'],
    ['I am interviewing with a competitor on the 12th', 'other_interview'],
    ['shortlisted for a government job, the written exam is that day', 'other_interview'],
    ['I assumed it was in GMT but the invite says CET', 'scheduling_conflict'],
    ['my cousin engagement ceremony is that day', 'personal_event'],
    ['off camping for the long weekend with no signal', 'personal_event'],
    ['my son school has announced a closure due to a burst pipe', 'dependent_care'],
    [
      'my daughter has an upset stomach and vomiting, taking her to the paediatrician',
      'dependent_care',
    ],
    ['I did my back in and can not sit up straight', 'health'],
  ] as [string, Category][])('reads "%s" as %s', (text, category) => {
    expectCategory(text, category);
  });
});

describe('classify: the statistical fallback', () => {
  it('stems plurals and verb forms to one feature and pairs neighbouring content words', () => {
    expect(['delayed', 'delaying', 'delays'].map(stem)).toEqual(['delay', 'delay', 'delay']);
    expect(['cancelled', 'cancelling', 'cancels'].map(stem)).toEqual([
      'cancel',
      'cancel',
      'cancel',
    ]);
    expect(['called', 'missed'].map(stem)).toEqual(['call', 'miss']);
    expect(stem('babies')).toBe('baby');
    expect(features('my train was cancelled')).toEqual(['train', 'cancel', 'train+cancel']);
  });

  it('names a reason the rules have no cue for when the words behind it are known', () => {
    const got = classify('my mum is in a bad way, I need to go to her');
    expect(got.category, `expected family_emergency from the fallback, got ${got.category}`).toBe(
      'family_emergency',
    );
    expect(
      got.confidence,
      'expected a fallback answer to stay modestly confident',
    ).toBeLessThanOrEqual(0.6);
    expect(got.cues).toContain('mum');
  });

  it('keeps a vague note unspecified even when the model leans somewhere', () => {
    for (const text of [
      "Something's come up at home and I need to sort it out. Is next week ok?",
      'family stuff going on rn, need to move it, sorry',
      'I am dealing with some personal matters at the moment, could we postpone?',
    ]) {
      const got = classify(text);
      expect(got.category, `expected "${text}" to stay unspecified, got ${got.category}`).toBe(
        'unspecified',
      );
    }
  });

  it('returns a probability and its supporting words for any input, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const got = fallbackClassify(normalize(text));
        expect(CATEGORIES).toContain(got.category);
        expect(got.posterior).toBeGreaterThan(0);
        expect(got.posterior).toBeLessThanOrEqual(1);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });

  it('scores macro-F1 >= 0.75 alone on the unseen batches it was never trained on', () => {
    for (const path of [UNSEEN_SET, UNSEEN_2_SET, UNSEEN_3_SET]) {
      const result = score(readJsonl(path), (t) => fallbackClassify(normalize(t)).category);
      expect(
        result.macroF1,
        `expected the fallback alone to reach 0.75 on ${path}, got ${result.macroF1.toFixed(3)}`,
      ).toBeGreaterThanOrEqual(0.75);
    }
  });

  it('is trained deterministically on dev + held-out only, and the committed weights are current', () => {
    expect(
      SOURCES.some((p) => /unseen/.test(p)),
      'expected no unseen batch among the sources',
    ).toBe(false);
    expect(() => train([...SOURCES, UNSEEN_SET])).toThrow(/unseen/);
    const text = render(train(SOURCES));
    expect(render(train(SOURCES))).toBe(text);
    expect(
      readFileSync(OUT, 'utf8') === text,
      'expected lambda/core/classify/fallback-weights.ts to match a fresh training run: run npx tsx scripts/train-fallback.ts',
    ).toBe(true);
  });
});
