/**
 * The availability the candidate offered ("I'm free Thursday or Friday afternoon"), read
 * conservatively: only after an explicit cue ("free", "available", "any time", "works for
 * me"), only words from a whitelist of times and days (so nothing private can come along),
 * and never when negated. Anything else yields null and the drafts make an open offer.
 */
import type { Phrases } from './liquid.js';
import { MONTHS, WEEKDAYS as DAYS } from './calendar-words.js';
import { foldQuotes } from './wording.js';

type AvailabilityPhrases = Phrases['availability'];

/** Clock times and dates: "2", "2pm", "3:30", "10:00am", "1-3pm", "14th". */
const TIME_TOKEN = /^(\d{1,2}(:\d{2})?(am|pm)?(-\d{1,2}(:\d{2})?(am|pm)?)?|\d{1,2}(st|nd|rd|th))$/i;
/** Words that say when: a phrase without one says nothing about availability. */
const ANCHORS = new Set([
  ...DAYS,
  ...DAYS.map((d) => `${d}s`),
  ...MONTHS,
  'today',
  'tomorrow',
  'week',
  'weekend',
  'morning',
  'mornings',
  'afternoon',
  'afternoons',
  'evening',
  'evenings',
  'noon',
  'midday',
  'lunch',
  'lunchtime',
]);
/** Words that cannot end a phrase ("Thursday or", "after the"). */
const DANGLING = new Set([
  'or',
  'and',
  'to',
  'the',
  'at',
  'on',
  'of',
  'by',
  'from',
  'until',
  'till',
  'between',
  'any',
  'all',
  'after',
  'before',
  'other',
  'same',
  'this',
  'next',
  'following',
  'that',
  'early',
  'late',
  'mid',
]);
/** Cues after which nothing more is needed: the phrase precedes them ("Thursday works for me"). */
const TRAILING_CUES = new Set(['works for me', 'work for me']);
const ZONES = new Set([
  'et',
  'pt',
  'ct',
  'mt',
  'est',
  'edt',
  'pst',
  'pdt',
  'cst',
  'cdt',
  'gmt',
  'bst',
  'utc',
  'cet',
]);

const tokenize = (sentence: string): string[] =>
  sentence.match(/[\p{L}\p{N}][\p{L}\p{N}:'.-]*|,/gu) ?? [];

function normalizeToken(token: string, phrases: AvailabilityPhrases): string {
  const lower = token.toLowerCase().replace(/\.$/, '');
  const mapped = phrases.normalize[lower] ?? lower;
  const low = mapped.toLowerCase();
  if (DAYS.includes(low.replace(/s$/, '')) || MONTHS.includes(low))
    return low.charAt(0).toUpperCase() + low.slice(1);
  if (ZONES.has(low)) return low.toUpperCase();
  if (low === 'am' || low === 'pm') return low.toUpperCase();
  return mapped;
}

function allowed(token: string, words: ReadonlySet<string>, phrases: AvailabilityPhrases): boolean {
  const lower = token.toLowerCase().replace(/\.$/, '');
  return words.has(lower) || lower in phrases.normalize || TIME_TOKEN.test(lower);
}

const isAnchor = (token: string): boolean =>
  ANCHORS.has(token.toLowerCase()) || TIME_TOKEN.test(token);

/** Trims dangling words from both ends; null unless an anchor remains and it is short enough. */
function finish(tokens: string[], phrases: AvailabilityPhrases): string | null {
  const out = tokens.map((t) => normalizeToken(t, phrases));
  while (out.length > 0 && DANGLING.has((out[out.length - 1] ?? '').toLowerCase())) out.pop();
  while (out.length > 0 && ['or', 'and', 'to', 'that', 'by'].includes((out[0] ?? '').toLowerCase()))
    out.shift();
  if (out.length === 0 || out.length > phrases.maxWords || !out.some(isAnchor)) return null;
  return out.join(' ');
}

/** The first availability the candidate stated, as a phrase to follow "I'm free ", or null. */
export function extractAvailability(text: string, phrases: AvailabilityPhrases): string | null {
  const words = new Set(phrases.words.map((w) => w.toLowerCase()));
  const cues = [...phrases.cues]
    .map((c) => c.toLowerCase().split(/\s+/))
    .sort((a, b) => b.length - a.length);
  const negations = new Set(phrases.negations.map((n) => n.toLowerCase()));
  const sentences = foldQuotes(text).split(/[?!;\n]+|\.(?=\s|$)/);
  for (const sentence of sentences) {
    const tokens = tokenize(sentence);
    const lower = tokens.map((t) => t.toLowerCase());
    for (let i = 0; i < tokens.length; i++) {
      const cue = cues.find((c) => c.every((w, k) => lower[i + k] === w));
      if (!cue) continue;
      const before = lower.slice(Math.max(0, i - 3), i);
      if (before.some((w) => negations.has(w) || w.endsWith("n't"))) continue;
      const phrase: string[] = [];
      const cueText = cue.join(' ');
      if (TRAILING_CUES.has(cueText)) {
        for (let j = i - 1; j >= 0 && allowed(tokens[j] ?? '', words, phrases); j--)
          phrase.unshift(tokens[j] ?? '');
      } else {
        if (cueText === 'any time' || cueText === 'anytime') phrase.push('any', 'time');
        for (
          let j = i + cue.length;
          j < tokens.length && allowed(tokens[j] ?? '', words, phrases);
          j++
        )
          phrase.push(tokens[j] ?? '');
      }
      const found = finish(phrase, phrases);
      if (found) return found;
      i += cue.length - 1;
    }
  }
  return null;
}
