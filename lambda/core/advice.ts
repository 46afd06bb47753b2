/**
 * Advice to the candidate (never sent to the interviewer): what to do first given the notice
 * left, what the reason's tier calls for, what the category's disclosure rule means in
 * practice, and what to expect at the next meeting. Short and imperative; the lines live in
 * templates/phrases.json.
 */
import { TIER_OF, type Category } from './categories.js';
import { phrasesOf, renderPhrase } from './liquid.js';
import type { Notice } from './notice.js';
import type { TemplateSet } from './templates.js';
import { cleanValue, firstName } from './wording.js';

export interface AdviceInput {
  readonly category: Category;
  readonly notice: Notice;
  readonly interviewer: { readonly name: string | null; readonly phone: string | null };
}

/** The advice lines, most urgent first, without repeats. */
export function adviceFor(input: AdviceInput, templates: TemplateSet): string[] {
  const phrases = phrasesOf(templates);
  const name = cleanValue(input.interviewer.name);
  const vars = {
    interviewer: { name, first: firstName(name), phone: cleanValue(input.interviewer.phone) },
  };
  const noticeLines = phrases.advice.notice[input.notice.urgency];
  const callsFirst = input.notice.urgency === 'urgent' || input.notice.urgency === 'short';
  // For a call-first notice the first line names the interviewer and the second stands in when nobody is named.
  const chosen = callsFirst
    ? [name !== null ? noticeLines[0] : (noticeLines[1] ?? noticeLines[0])]
    : noticeLines;
  const lines = [
    ...chosen.filter((line): line is string => line !== undefined),
    ...phrases.advice.tier[TIER_OF[input.category]],
    ...phrases.categories[input.category].advice,
    phrases.advice.closing,
  ].map((line) => renderPhrase(templates, line, vars).trim());
  return [...new Set(lines.filter(Boolean))];
}
