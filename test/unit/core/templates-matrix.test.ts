/**
 * Renders every template for every category x channel x notice x (interviewer known or not)
 * x (candidate named or not), and the dev set's texts with every notice, and fails on
 * anything a reader should never see: leftover Liquid, "undefined"/"null"/"NaN", a missing
 * apology or thanks, an exclamation mark or emoji addressed to the interviewer, a body or
 * SMS over budget, or a private phrase from the dev set or the blind batch.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, TIER_OF, type Category } from '../../../lambda/core/categories.js';
import {
  CALL_SCRIPT_MAX_WORDS,
  EMAIL_MAX_WORDS,
  EMAIL_MIN_WORDS,
  SMS_MAX_SEGMENTS,
  phrasesFor,
} from '../../../lambda/core/compose.js';
import { phrasesOf, renderPhrase } from '../../../lambda/core/liquid.js';
import { plan } from '../../../lambda/core/plan.js';
import { renderReminder } from '../../../lambda/core/reminders.js';
import {
  PlanSchema,
  parseRequest,
  type Plan,
  type RequestInput,
  type Urgency,
} from '../../../lambda/core/schema.js';
import { segmentInfo } from '../../../lambda/core/sms-segments.js';
import { hasCue, wordCount } from '../../../lambda/core/wording.js';
import { loadTemplates } from '../../../lambda/templates.js';
import { BRIGHTWELL } from '../../fixtures/brightwell.js';

const templates = loadTemplates();
const phrases = phrasesOf(templates);
const NOW = '2026-12-01T12:00:00Z';
const STARTS: Readonly<Record<Urgency, string | null>> = {
  past: '2026-11-30T15:00:00Z',
  urgent: '2026-12-01T13:00:00Z',
  short: '2026-12-01T20:00:00Z',
  ample: '2026-12-03T20:00:00Z',
  unknown: null,
};
const URGENCIES = Object.keys(STARTS) as Urgency[];
const CHANNELS = [
  { channel: 'email', deliver: 'none' },
  { channel: 'sms', deliver: 'none' },
  { channel: 'webhook', deliver: 'email' },
  { channel: 'webhook', deliver: 'sms' },
  { channel: 'cli', deliver: 'none' },
] as const;
const NEW_START = '2026-12-08T15:00:00Z';

const LEFTOVER = /\{\{|\{%|%\}|\}\}|\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/;
const EMOJI = /\p{Extended_Pictographic}/u;
const fixed = (category: Category) => () => ({
  category,
  tier: TIER_OF[category],
  confidence: 1,
  cues: [],
});
const withoutDoctype = (html: string): string => html.replace(/^<!DOCTYPE html>/i, '');

function request(
  category: Category,
  channel: (typeof CHANNELS)[number],
  urgency: Urgency,
  interviewerKnown: boolean,
  candidateNamed: boolean,
  text = "Sorry, I can't make it.",
): RequestInput {
  const start = STARTS[urgency];
  return {
    id: `${category}-${channel.channel}-${channel.deliver}-${urgency}-${interviewerKnown}-${candidateNamed}`,
    channel: channel.channel,
    deliver: channel.deliver,
    text,
    receivedAt: NOW,
    interview: {
      ...(interviewerKnown
        ? {
            ...BRIGHTWELL,
            timezone: 'America/New_York',
          }
        : {}),
      ...(start ? { start } : {}),
    },
    candidate: {
      ...(candidateNamed ? { name: 'Sam Lee' } : {}),
      email: 'sam@example.org',
      phone: '+15550199',
      timezone: 'America/Chicago',
    },
  };
}

/** Everything in a plan a reader sees, with where it came from. */
function outputs(p: Plan): [string, string][] {
  const d = p.drafts;
  return [
    ['reschedule.subject', d.reschedule.subject],
    ['reschedule.text', d.reschedule.text],
    ['reschedule.html', d.reschedule.html],
    ['reschedule.sms', d.reschedule.sms],
    ['thankYou.subject', d.thankYou.subject],
    ['thankYou.text', d.thankYou.text],
    ['thankYou.sms', d.thankYou.sms],
    ['callScript', d.callScript ?? ''],
    ...p.advice.map((a, i): [string, string] => [`advice.${i}`, a]),
    ...p.replies.flatMap((r, i): [string, string][] => [
      [`replies.${i}.subject`, r.subject ?? ''],
      [`replies.${i}.text`, r.text],
      [`replies.${i}.html`, r.html ?? ''],
    ]),
  ];
}

const rendered = new WeakMap<Plan, [string, string][]>();

/** Every reminder the plan can lead to, rendered once per plan. */
function reminderOutputs(p: Plan): [string, string][] {
  const hit = rendered.get(p);
  if (hit) return hit;
  const out = (['thank_you', 'prep'] as const).flatMap((kind) =>
    [null, NEW_START].flatMap((newStart) =>
      Object.entries(renderReminder({ plan: p, kind, newStart }, templates)).map(
        ([k, v]): [string, string] => [`${kind}${newStart ? '+new' : ''}.${k}`, v],
      ),
    ),
  );
  rendered.set(p, out);
  return out;
}

function checkPlan(p: Plan, category: Category, urgency: Urgency, text: string): void {
  const where = p.id;
  for (const [name, text] of [...outputs(p), ...reminderOutputs(p)]) {
    expect(
      text,
      `${where} ${name}: leftover template syntax or an unknown value in ${JSON.stringify(text)}`,
    ).not.toMatch(LEFTOVER);
  }
  const d = p.drafts;
  const toInterviewer = [
    d.reschedule.subject,
    d.reschedule.text,
    withoutDoctype(d.reschedule.html),
    d.reschedule.sms,
    d.thankYou.subject,
    d.thankYou.text,
    d.thankYou.sms,
    d.callScript ?? '',
  ];
  for (const text of toInterviewer) {
    expect(
      text,
      `${where}: an exclamation mark in a draft for the interviewer: ${text}`,
    ).not.toContain('!');
    expect(text, `${where}: an emoji in a draft for the interviewer: ${text}`).not.toMatch(EMOJI);
  }
  const apology = renderPhrase(templates, phrases.apology[urgency], {
    interview: 'our interview',
  }).slice(0, 12);
  for (const [name, text] of [
    ['text', d.reschedule.text],
    ['html', d.reschedule.html.replace(/&#39;/g, "'")],
    ['sms', d.reschedule.sms],
    ['callScript', d.callScript],
  ] as const) {
    if (text === null) continue;
    expect(text, `${where} reschedule ${name}: expected the apology "${apology}…"`).toContain(
      apology,
    );
    expect(text, `${where} reschedule ${name}: expected a thank-you`).toContain('Thank you');
  }
  // Honest: the draft says the category's disclosure (the variant the text supports), and nothing else.
  const chosen = phrasesFor(phrases.categories[category], text);
  const reason = renderPhrase(templates, chosen.reason, {});
  const disclosure =
    urgency === 'past'
      ? renderPhrase(templates, chosen.past, { reason, interview: 'our interview' })
      : reason;
  expect(
    d.reschedule.text.toLowerCase(),
    `${where}: expected the disclosure "${disclosure}"`,
  ).toContain(disclosure.toLowerCase());
  for (const [name, text] of [
    ['reschedule', d.reschedule.text],
    ['thankYou', d.thankYou.text],
  ] as const) {
    const words = wordCount(text);
    expect(words, `${where} ${name}: expected 50–160 words, got ${words}`).toBeGreaterThanOrEqual(
      EMAIL_MIN_WORDS,
    );
    expect(words, `${where} ${name}: expected 50–160 words, got ${words}`).toBeLessThanOrEqual(
      EMAIL_MAX_WORDS,
    );
  }
  const smsTexts = [
    d.reschedule.sms,
    d.thankYou.sms,
    ...p.replies.filter((r) => r.channel === 'sms').map((r) => r.text),
    ...reminderOutputs(p)
      .filter(([n]) => n.endsWith('.sms'))
      .map(([, t]) => t),
  ];
  for (const sms of smsTexts)
    expect(
      segmentInfo(sms).segments,
      `${where}: expected at most 2 segments for ${JSON.stringify(sms)}`,
    ).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
  if (urgency === 'ample' || urgency === 'unknown')
    expect(d.callScript, `${where}: expected no call script`).toBeNull();
  else
    expect(
      wordCount(d.callScript ?? ''),
      `${where}: expected a call script of 1–60 words`,
    ).toBeGreaterThan(0);
  expect(
    wordCount(d.callScript ?? ''),
    `${where}: expected a call script of at most 60 words`,
  ).toBeLessThanOrEqual(CALL_SCRIPT_MAX_WORDS);
}

describe('templates matrix', () => {
  const grid = CATEGORIES.flatMap((category) =>
    CHANNELS.map((channel) => [category, channel] as const),
  );

  it.each(grid)(
    '%s via %o renders clean for every notice and every known/unknown person',
    (category, channel) => {
      for (const urgency of URGENCIES) {
        for (const interviewerKnown of [true, false]) {
          for (const candidateNamed of [true, false]) {
            const input = parseRequest(
              request(category, channel, urgency, interviewerKnown, candidateNamed),
            );
            const p = PlanSchema.parse(
              plan(input, NOW, templates, { classifier: fixed(category) }),
            );
            expect(p.notice.urgency).toBe(urgency);
            checkPlan(p, category, urgency, input.text);
          }
        }
      }
    },
  );
});

interface DevLine {
  readonly id: string;
  readonly text: string;
  readonly category: Category;
  readonly private: readonly string[];
}

const readLines = (path: string): DevLine[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DevLine);

const devSet = readLines(resolve(process.cwd(), '../shared/data/reasons-dev.jsonl'));
/** Written blind (test/unit/core/classify.test.ts): phrasing the wording was never tuned on. */
const blindSet = readLines(resolve(process.cwd(), 'test/fixtures/reasons-unseen-3.jsonl'));

describe('private phrases never reach the interviewer', () => {
  it('reads all 172 dev lines and 165 blind ones', () => {
    expect(devSet).toHaveLength(172);
    expect(blindSet).toHaveLength(165);
  });

  it.each([...devSet, ...blindSet].map((line) => [line.id, line] as const))(
    '%s leaks nothing, with its labelled category at every notice and with the classifier',
    (_id, line) => {
      const runs = [
        ...URGENCIES.map((urgency) => [urgency, fixed(line.category)] as const),
        ['short', undefined] as const,
      ];
      for (const [urgency, classifier] of runs) {
        const input = parseRequest({
          ...request(
            line.category,
            { channel: 'email', deliver: 'none' },
            urgency,
            true,
            true,
            line.text,
          ),
          id: line.id,
        });
        const p = plan(input, NOW, templates, classifier ? { classifier } : {});
        for (const [name, text] of [...outputs(p), ...reminderOutputs(p)]) {
          for (const phrase of line.private) {
            expect(
              hasCue(text, phrase),
              `${line.id} (${urgency}, ${classifier ? 'labelled' : 'classified'}) ${name} leaks "${phrase}": ${text}`,
            ).toBe(false);
          }
          expect(text).not.toMatch(LEFTOVER);
        }
        // With no start given, the extractor may read one from the text: check against the notice the plan found.
        if (classifier) checkPlan(p, line.category, p.notice.urgency, line.text);
      }
    },
  );
});

describe('user text is inert in every template', () => {
  const hostile = '{{ 7*7 }} {% raw %}<script>alert(1)</script>\r\nBcc: evil@example.com';

  it.each(CATEGORIES)(
    '%s: a hostile name, company and text come out as plain characters',
    (category) => {
      for (const channel of CHANNELS) {
        const input = parseRequest({
          ...request(
            category,
            channel,
            'short',
            true,
            true,
            `${hostile} I'm free {{ 7*7 }} Thursday`,
          ),
          interview: {
            company: hostile,
            role: hostile,
            interviewer: { name: hostile, phone: '{{ 7*7 }}<b>\r\n' },
            start: STARTS.short ?? undefined,
          },
          candidate: { name: hostile, email: 'sam@example.org', phone: '+15550199' },
        });
        const p = plan(input, NOW, templates, { classifier: fixed(category) });
        for (const [name, text] of [...outputs(p), ...reminderOutputs(p)]) {
          expect(text, `${name}: evaluated template syntax`).not.toContain('49');
          expect(text, `${name}: CR/LF from a value`).not.toContain('\r');
          expect(text, `${name}: a header line smuggled in`).not.toMatch(/\nBcc:/);
          if (name.endsWith('html'))
            expect(text, `${name}: unescaped markup`).not.toContain('<script>');
          if (name.endsWith('subject'))
            expect(text, `${name}: a line break in a subject`).not.toMatch(/[\r\n]/);
        }
        expect(p.drafts.reschedule.text).toContain('{{ 7*7 }} {% raw %}<script>');
        expect(p.drafts.reschedule.html).toContain('{{ 7*7 }} {% raw %}&lt;script&gt;');
      }
    },
  );
});
