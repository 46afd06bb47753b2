/**
 * The drafts addressed to the interviewer: the reschedule message (email subject, text and
 * HTML, and an SMS), the thank-you for once they agree, and a call script when a call should
 * come first. Honest (the category's disclosure phrase, never another reason), discreet (the
 * candidate's words are never echoed, except the availability they offered, read through a
 * whitelist) and within budget (email 50–160 words, SMS 2 segments, call script 60 words).
 */
import type { Category } from './categories.js';
import { TemplateError } from './errors.js';
import {
  phrasesOf,
  renderPhrase,
  renderTemplate,
  type CategoryPhrases,
  type Vars,
} from './liquid.js';
import { extractAvailability } from './availability.js';
import type { Notice } from './notice.js';
import type { Person } from './schema.js';
import { segmentInfo } from './sms-segments.js';
import type { TemplateSet } from './templates.js';
import {
  cleanValue,
  describeWhen,
  firstName,
  formalName,
  matchesAll,
  oneLine,
  wordCount,
  type WhenText,
} from './wording.js';

export interface InterviewFacts {
  readonly company: string | null;
  readonly role: string | null;
  readonly interviewer: Person;
  /** ISO-8601 instant, or null. */
  readonly start: string | null;
  /** IANA zone of the interviewer, or null. */
  readonly timezone: string | null;
}

export interface ComposeInput {
  readonly category: Category;
  /** What the candidate wrote: read for the disclosure variant and their availability, never echoed. */
  readonly text: string;
  readonly interview: InterviewFacts;
  readonly candidate: Person;
  readonly notice: Notice;
}

export interface RescheduleDraft {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sms: string;
}

export interface ThankYouDraft {
  readonly subject: string;
  readonly text: string;
  readonly sms: string;
}

export interface Drafts {
  readonly reschedule: RescheduleDraft;
  readonly thankYou: ThankYouDraft;
  /** What to say on the phone; null unless the interview is under a day away or has passed. */
  readonly callScript: string | null;
}

/** WORDING.md's budgets. */
export const EMAIL_MIN_WORDS = 50;
export const EMAIL_MAX_WORDS = 160;
/** Two concatenated parts: 306 GSM-7 or 134 UCS-2 characters. */
export const SMS_MAX_SEGMENTS = 2;
export const CALL_SCRIPT_MAX_WORDS = 60;

/** The disclosure variant of a category that the candidate's text supports (the default when none). */
export function phrasesFor(
  category: CategoryPhrases,
  text: string,
): Omit<CategoryPhrases, 'variants'> {
  const { variants, ...base } = category;
  const variant = variants.find((v) => matchesAll(text, v.when));
  if (!variant) return base;
  const { id: _id, when: _when, ...overrides } = variant;
  return {
    ...base,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
}

/** People and facts as the templates see them: cleaned, with null for unknown. */
export interface People {
  readonly interviewer: {
    readonly name: string | null;
    /** "Dr. Weiss" when the name carries a title, else null. */
    readonly formal: string | null;
    readonly first: string | null;
    readonly email: string | null;
    readonly phone: string | null;
  };
  readonly candidate: {
    readonly name: string | null;
    readonly first: string | null;
    readonly email: string | null;
    readonly phone: string | null;
  };
  readonly company: string | null;
  readonly role: string | null;
  /** "Dear Dana Whitfield" or "Hello". */
  readonly greeting: string;
}

/** Names a time in the interviewer's zone with the formats of phrases.json. */
export function whenOf(
  templates: TemplateSet,
  start: string | null,
  zone: string | null,
): WhenText | null {
  return describeWhen(start, zone, phrasesOf(templates).time);
}

const greetingFor = (templates: TemplateSet, interviewer: People['interviewer']): string =>
  renderPhrase(templates, phrasesOf(templates).greeting, { interviewer }).trim();

export function peopleOf(
  interview: InterviewFacts,
  candidate: Person,
  templates: TemplateSet,
): People {
  const interviewerName = cleanValue(interview.interviewer.name);
  const candidateName = cleanValue(candidate.name);
  const interviewer = {
    name: interviewerName,
    formal: formalName(interviewerName),
    first: firstName(interviewerName),
    email: cleanValue(interview.interviewer.email),
    phone: cleanValue(interview.interviewer.phone),
  };
  return {
    interviewer,
    candidate: {
      name: candidateName,
      first: firstName(candidateName),
      email: cleanValue(candidate.email),
      phone: cleanValue(candidate.phone),
    },
    company: cleanValue(interview.company),
    role: cleanValue(interview.role),
    greeting: greetingFor(templates, interviewer),
  };
}

const GSM_FOLD: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
};

/**
 * A value made GSM-7 where that is lossless enough (accents dropped: "José" -> "Jose"), so a
 * name does not turn the whole SMS into UCS-2 and halve its budget. Characters with no Latin
 * base (CJK, Cyrillic) stay, and the SMS budget ladder handles them.
 */
export function toGsmFriendly(value: string | null): string | null {
  if (value === null) return null;
  return Array.from(value, (ch) => {
    if (GSM_FOLD[ch] !== undefined) return GSM_FOLD[ch];
    if (segmentInfo(ch).encoding === 'GSM-7') return ch;
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    return base !== '' && segmentInfo(base).encoding === 'GSM-7' ? base : ch;
  }).join('');
}

/** Plain text tidied after rendering: no trailing spaces, at most one blank line, no doubled spaces. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One line (call script, subject). */
const flat = (text: string): string => oneLine(text);

/** An SMS keeps its line breaks (they cost one character each) but no blank lines. */
export function smsTidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Renders `path` with the fullest set of variables whose output fits its budget; `levels`
 * run from fullest to barest, and the barest is used when none fits.
 */
export function fitted(
  templates: TemplateSet,
  path: string,
  levels: readonly Vars[],
  finish: (rendered: string) => string,
  fits: (text: string) => boolean,
): { readonly text: string; readonly vars: Vars } {
  let last: { text: string; vars: Vars } | null = null;
  for (const vars of levels) {
    last = { text: finish(renderTemplate(templates, path, vars)), vars };
    if (fits(last.text)) return last;
  }
  if (last === null) throw new TemplateError(`${path}: no variables to render with`);
  return last;
}

export const smsFits = (text: string): boolean => segmentInfo(text).segments <= SMS_MAX_SEGMENTS;

interface Sentences {
  readonly lead: string;
  readonly smsLead: string;
  readonly callLead: string;
  readonly callApology: string;
  readonly apology: string;
  readonly smsApology: string;
  readonly pastReason: string;
  readonly availability: string | null;
  readonly openOffer: string;
  readonly extraOffer: string | null;
  readonly smsExtraOffer: string | null;
}

function sentences(
  input: ComposeInput,
  templates: TemplateSet,
  when: WhenText | null,
  smsWhen: WhenText | null,
): Sentences {
  const phrases = phrasesOf(templates);
  const chosen = phrasesFor(phrases.categories[input.category], input.text);
  const reason = renderPhrase(templates, chosen.reason, {});
  const interview = renderPhrase(templates, phrases.interview, { when: when?.long ?? null });
  const smsInterview = renderPhrase(templates, phrases.interview, { when: smsWhen?.short ?? null });
  const phrase = (source: string, iv: string): string =>
    renderPhrase(templates, source, { reason, interview: iv });
  const stated = extractAvailability(input.text, phrases.availability);
  return {
    lead: phrase(chosen.lead, interview),
    smsLead: phrase(chosen.smsLead, smsInterview),
    callLead: phrase(chosen.lead, 'it'),
    callApology: phrase(phrases.apology[input.notice.urgency], 'it'),
    apology: phrase(phrases.apology[input.notice.urgency], interview),
    smsApology: phrase(phrases.apology[input.notice.urgency], smsInterview),
    pastReason: phrase(chosen.past, interview),
    availability:
      stated === null
        ? null
        : renderPhrase(templates, phrases.availability.sentence, { availability: stated }),
    openOffer: renderPhrase(templates, phrases.availability.open, {}),
    extraOffer: chosen.offer === undefined ? null : phrase(chosen.offer, interview),
    smsExtraOffer: chosen.smsOffer === undefined ? null : phrase(chosen.smsOffer, smsInterview),
  };
}

/** Writes the drafts for the interviewer. `input.category` is taken as given (plan passes the classifier's). */
export function compose(input: ComposeInput, templates: TemplateSet): Drafts {
  const people = peopleOf(input.interview, input.candidate, templates);
  const when = whenOf(templates, input.interview.start, input.interview.timezone);
  const said = sentences(input, templates, when, when);
  const urgency = input.notice.urgency;
  const base: Vars = {
    ...people,
    when,
    urgency,
    past: urgency === 'past',
    lead: said.lead,
    apology: said.apology,
    past_reason: said.pastReason === '' ? null : said.pastReason,
    offer: said.availability ?? said.openOffer,
    extra_offer: said.extraOffer,
  };

  const anonymous = { ...people.interviewer, name: null, formal: null, first: null };
  const emailLevels = [
    base,
    { ...base, offer: said.openOffer },
    { ...base, offer: said.openOffer, company: null, role: null },
    {
      ...base,
      offer: said.openOffer,
      company: null,
      role: null,
      greeting: greetingFor(templates, anonymous),
      interviewer: anonymous,
      candidate: { ...people.candidate, name: null, first: null },
    },
  ];
  const email = fitted(
    templates,
    'email/reschedule.text.liquid',
    emailLevels,
    tidy,
    (text) => wordCount(text) <= EMAIL_MAX_WORDS,
  );
  const reschedule: RescheduleDraft = {
    subject: flat(renderTemplate(templates, 'email/reschedule.subject.liquid', email.vars)),
    text: email.text,
    html: renderTemplate(templates, 'email/reschedule.html.liquid', email.vars).trim(),
    sms: smsDraft(input, templates, people, when),
  };
  return {
    reschedule,
    thankYou: thankYouDraft(people, when, null, templates),
    callScript: callScript(input, templates, base, said),
  };
}

function smsPeople(people: People): People {
  return {
    ...people,
    interviewer: { ...people.interviewer, first: toGsmFriendly(people.interviewer.first) },
    candidate: { ...people.candidate, first: toGsmFriendly(people.candidate.first) },
  };
}

function smsDraft(
  input: ComposeInput,
  templates: TemplateSet,
  people: People,
  when: WhenText | null,
): string {
  const gsm = smsPeople(people);
  const noNames = {
    ...gsm,
    interviewer: { ...gsm.interviewer, first: null },
    candidate: { ...gsm.candidate, first: null },
  };
  const vars = (p: People, said: Sentences, withOffer: boolean): Vars => ({
    ...p,
    urgency: input.notice.urgency,
    past: input.notice.urgency === 'past',
    lead: said.smsLead,
    apology: said.smsApology,
    past_reason: said.pastReason === '' ? null : said.pastReason,
    offer: withOffer ? toGsmFriendly(said.availability) : null,
    extra_offer: said.smsExtraOffer,
  });
  const said = sentences(input, templates, when, when);
  // The last resort drops the time: "our interview" still makes the point within budget.
  const untimed = sentences(input, templates, when, null);
  const levels = [
    vars(gsm, said, true),
    vars(gsm, said, false),
    vars(noNames, said, false),
    vars(noNames, untimed, false),
  ];
  return fitted(templates, 'sms/reschedule.liquid', levels, smsTidy, smsFits).text;
}

/** The thank-you for moving the interview (to `newWhen` when known). */
export function thankYouDraft(
  people: People,
  when: WhenText | null,
  newWhen: WhenText | null,
  templates: TemplateSet,
): ThankYouDraft {
  const vars: Vars = { ...people, when, new_when: newWhen };
  const text = fitted(
    templates,
    'email/thank-you.text.liquid',
    [vars, { ...vars, company: null, role: null }],
    tidy,
    (t) => wordCount(t) <= EMAIL_MAX_WORDS,
  );
  const gsm = smsPeople(people);
  const noNames = {
    ...gsm,
    interviewer: { ...gsm.interviewer, first: null },
    candidate: { ...gsm.candidate, first: null },
  };
  const smsLevels = [
    { ...gsm, when, new_when: newWhen },
    { ...noNames, when, new_when: newWhen },
    { ...noNames, when: null, new_when: null },
  ];
  return {
    subject: flat(renderTemplate(templates, 'email/thank-you.subject.liquid', text.vars)),
    text: text.text,
    sms: fitted(templates, 'sms/thank-you.liquid', smsLevels, smsTidy, smsFits).text,
  };
}

function callScript(
  input: ComposeInput,
  templates: TemplateSet,
  base: Vars,
  said: Sentences,
): string | null {
  const { urgency } = input.notice;
  if (urgency !== 'urgent' && urgency !== 'short' && urgency !== 'past') return null;
  const vars: Vars = { ...base, lead: said.callLead, apology: said.callApology };
  const levels = [
    vars,
    { ...vars, offer: null },
    { ...vars, offer: null, company: null },
    { ...vars, offer: null, company: null, extra_offer: null },
  ];
  return fitted(
    templates,
    'call-script.liquid',
    levels,
    flat,
    (script) => wordCount(script) <= CALL_SCRIPT_MAX_WORDS,
  ).text;
}
