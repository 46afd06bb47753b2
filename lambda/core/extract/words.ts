/**
 * Small readers shared by the people and organisation extractors: person names, company
 * names, e-mail addresses and phone numbers. Each reads forward from a known position a
 * bounded number of tokens, so the cost stays linear in the text whatever it holds.
 */
import { MONTHS, WEEKDAYS } from '../calendar-words.js';

/** Capitalised words that start or continue neither a person's nor a company's name. */
const NOT_A_NAME: ReadonlySet<string> = new Set([
  ...WEEKDAYS,
  ...WEEKDAYS.map((d) => d.slice(0, 3)),
  ...MONTHS,
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'today',
  'tomorrow',
  'tonight',
  'next',
  'this',
  'that',
  'the',
  'our',
  'your',
  'my',
  'me',
  'us',
  'we',
  'you',
  'i',
  'he',
  'she',
  'they',
  'please',
  'thanks',
  'thank',
  'hi',
  'hello',
  'dear',
  'on',
  'at',
  'in',
  'for',
  'from',
  'to',
  'by',
  'and',
  'or',
  'a',
  'an',
  'zoom',
  'teams',
  'video',
  'phone',
  'call',
  'interview',
  'am',
  'pm',
]);

/**
 * Words of holidays, observances and events, never of a person's name: "my interview
 * coincides with Rosh Hashanah" names a day, not the interviewer.
 */
const EVENT_WORDS: ReadonlySet<string> = new Set([
  'rosh',
  'hashanah',
  'hashana',
  'yom',
  'kippur',
  'passover',
  'pesach',
  'sukkot',
  'shavuot',
  'hanukkah',
  'chanukah',
  'purim',
  'shabbat',
  'sabbath',
  'eid',
  'ramadan',
  'diwali',
  'deepavali',
  'holi',
  'navratri',
  'vaisakhi',
  'christmas',
  'easter',
  'lent',
  'advent',
  'pentecost',
  'thanksgiving',
  'halloween',
  'hogmanay',
  'juneteenth',
  'new',
  'year',
  'years',
  "year's",
  'holiday',
  'holidays',
  'festival',
  'conference',
  'summit',
  'expo',
  'marathon',
  'championship',
  'championships',
  'olympics',
  'wimbledon',
  'glastonbury',
  'coachella',
  'bowl',
  'cup',
  'final',
  'finals',
  'party',
  'wedding',
  'funeral',
  'ceremony',
  'service',
  'mass',
]);

/** Words that end company names and never person names: "Pavlova Foods" is not a person. */
const COMPANY_WORDS: ReadonlySet<string> = new Set([
  'inc',
  'llc',
  'ltd',
  'limited',
  'plc',
  'gmbh',
  'corp',
  'corporation',
  'co',
  'company',
  'group',
  'holdings',
  'partners',
  'associates',
  'foods',
  'food',
  'robotics',
  'logistics',
  'analytics',
  'labs',
  'lab',
  'technologies',
  'technology',
  'tech',
  'systems',
  'solutions',
  'software',
  'services',
  'consulting',
  'capital',
  'bank',
  'health',
  'healthcare',
  'media',
  'studios',
  'studio',
  'industries',
  'ventures',
  'agency',
  'university',
  'college',
  'school',
  'hospital',
  'clinic',
  'team',
  'recruiting',
  'recruitment',
  'talent',
  'hiring',
  'hr',
  'resources',
  'energy',
  'motors',
  'airlines',
  'insurance',
  'foundation',
  'institute',
  'network',
  'networks',
  'digital',
  'design',
  'games',
  'pharma',
  'bio',
  'financial',
  'finance',
  'markets',
  'retail',
  'stores',
  'brands',
  'manufacturing',
  'construction',
  'engineering',
  'international',
  'global',
  'worldwide',
  'manager',
  'director',
  'coordinator',
  'recruiter',
  'lead',
  'head',
  'engineer',
  'officer',
]);

/** Titles written before their department with a comma: "VP, Customer Success" is one role. */
export const TITLE_OF_DEPARTMENT =
  /^(?:s?vp|evp|avp|vice president|(?:senior |associate )?director|head|(?:general )?manager|lead|chief|principal|partner)$/i;

/** A title before a name: "Ms", "Dr.". */
export const HONORIFIC = /^(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?$/;
const NAME_TOKEN = /^(?:Mc|Mac|O['’])?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$/u;
const PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'da',
  'di',
  'van',
  'von',
  'der',
  'den',
  'la',
  'le',
  'du',
  'bin',
  'al',
]);
// The lookbehind starts a match only where a run of punctuation starts: linear on any input.
const TRAILING_PUNCT = /(?<![,.;:!?)\]"'’])[,.;:!?)\]"'’]+$/;

interface Token {
  readonly word: string;
  /** Punctuation that followed the word ("Whitfield," -> ","): it ends a name. */
  readonly trail: string;
}

/** The first `max` whitespace-separated tokens of `text`, with their trailing punctuation split off. */
export function tokens(text: string, max: number): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while (out.length < max && (m = re.exec(text)) !== null) {
    const raw = m[0];
    const trail = TRAILING_PUNCT.exec(raw)?.[0] ?? '';
    out.push({ word: raw.slice(0, raw.length - trail.length).replace(/^[("'“‘]+/, ''), trail });
  }
  return out;
}

/**
 * Reads a person's name at the start of `text` ("Dana Whitfield, Engineering Manager" ->
 * "Dana Whitfield"). Two or three capitalised words (particles like "van" allowed inside),
 * or an honorific and a surname. Null when it is not clearly a person's name.
 */
export function readPersonName(text: string): string | null {
  const toks = tokens(text, 6);
  const words: string[] = [];
  let honorific = false;
  for (const [i, tok] of toks.entries()) {
    if (i === 0 && HONORIFIC.test(tok.word + (tok.trail.startsWith('.') ? '.' : ''))) {
      honorific = true;
      words.push(tok.word.endsWith('.') ? tok.word : `${tok.word}.`);
      if (tok.trail.replace(/^\./, '') !== '') break;
      continue;
    }
    const lower = tok.word.toLowerCase();
    const isParticle = PARTICLES.has(lower) && words.length > 0;
    if (!isParticle && (!NAME_TOKEN.test(tok.word) || NOT_A_NAME.has(lower))) break;
    words.push(tok.word);
    if (tok.trail !== '' || words.length >= 4) break;
  }
  while (words.length > 0 && PARTICLES.has((words[words.length - 1] ?? '').toLowerCase()))
    words.pop();
  const nameWords = words.filter((w) => !HONORIFIC.test(w));
  if (nameWords.length === 0 || (!honorific && nameWords.length < 2)) return null;
  if (nameWords.some((w) => COMPANY_WORDS.has(w.toLowerCase()) || EVENT_WORDS.has(w.toLowerCase())))
    return null;
  return words.join(' ');
}

/** True when the whole of `line` is a person's name. */
export function isNameLine(line: string): boolean {
  const name = readPersonName(line);
  return name !== null && name.length === line.replace(TRAILING_PUNCT, '').trim().length;
}

const ABBREVIATION_END = /^(?:Inc|Co|Corp|Ltd|Bros|Jr|Sr|St)\.$/;
const COMPANY_TOKEN = /^[\p{Lu}\d][\p{L}\d&'’.+-]*$/u;
const COMPANY_JOINERS: ReadonlySet<string> = new Set([
  '&',
  'and',
  'of',
  'de',
  'du',
  'der',
  'for',
  '+',
]);

/**
 * Reads a company name at the start of `text` ("Harlow Logistics. We'd…" -> "Harlow
 * Logistics"): up to six capitalised words, "&"/"of"/"and" allowed between them. It stops
 * at a date word, a lower-case word or punctuation. Null when none is there.
 */
export function readCompanyName(text: string): string | null {
  const toks = tokens(text, 8);
  const words: string[] = [];
  for (const tok of toks) {
    let word = tok.word;
    let trail = tok.trail;
    if (trail.startsWith('.') && ABBREVIATION_END.test(`${word}.`)) {
      word = `${word}.`;
      trail = trail.slice(1);
    }
    // "Wattle & Co. He'll call you": a legal-form suffix ends the name (St., Bros. do not).
    if (words.length > 0 && /^(?:Inc|Co|Corp|Ltd)\.$/.test(word)) {
      words.push(word.slice(0, -1));
      break;
    }
    const lower = word.toLowerCase();
    const joiner = COMPANY_JOINERS.has(lower) && words.length > 0;
    if (!joiner) {
      if (!COMPANY_TOKEN.test(word) || NOT_A_NAME.has(lower.replace(/\.$/, ''))) break;
      if (words.length === 0 && !/^\p{Lu}/u.test(word)) break;
    }
    words.push(word);
    if (trail !== '' || words.length >= 6) break;
  }
  while (words.length > 0 && COMPANY_JOINERS.has((words[words.length - 1] ?? '').toLowerCase()))
    words.pop();
  if (words.length === 0) return null;
  const name = words.join(' ');
  return name.length >= 2 && name.length <= 80 ? name : null;
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;
const EMAIL_SHAPE = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$/;

/**
 * True when an address's local part spells the person's name: "wei.ling.tan", "weilingtan",
 * "wtan", "tan.wei", "liam.oconnor" for "Liam O'Connor". Titles ("Ms.") are left out; one
 * word is not enough to tell.
 */
export function addressNames(email: string, name: string): boolean {
  const parts = name
    .split(/\s+/)
    .filter((p) => p !== '' && !HONORIFIC.test(p))
    .map((p) => p.toLowerCase().replace(/[^\p{L}]/gu, ''))
    .filter(Boolean);
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || !last || parts.length < 2) return false;
  const local = (email.split('@')[0] ?? '').toLowerCase().replace(/[^a-z]/g, '');
  return (
    local === parts.join('') ||
    local === `${first}${last}` ||
    local === `${first[0]}${last}` ||
    local === `${last}${first}`
  );
}

/** Every e-mail address in `text`, in order, with where it starts. Linear: it grows around each "@". */
export function findEmails(text: string): { email: string; index: number }[] {
  const out: { email: string; index: number }[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && at - start < 64 && EMAIL_LOCAL.test(text[start - 1] ?? '')) start -= 1;
    let end = at + 1;
    while (end < text.length && end - at < 254 && EMAIL_DOMAIN.test(text[end] ?? '')) end += 1;
    const candidate = text
      .slice(start, end)
      .replace(/^[.]+/, '')
      .replace(/(?<![.-])[.-]+$/, '');
    if (EMAIL_SHAPE.test(candidate)) out.push({ email: candidate, index: start });
    at = text.indexOf('@', end > at ? end : at + 1);
  }
  return out;
}

const PHONE =
  /(?<![\w+])(?:\+\d{7,15}|(?:\+?\d{1,4}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){0,3})(?![\w@])/g;

/** Every phone number in `text` (E.164 or national formats, 7 to 15 digits), as written. */
export function findPhones(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 5_000).matchAll(PHONE)) {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    // Dates ("2026-12-10") and bare runs of digits without a "+" are not phone numbers.
    if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(raw)) continue;
    if (/^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(raw)) continue;
    if (/^\d+$/.test(raw)) continue;
    out.push(raw);
  }
  return out;
}

const OTHER_BEFORE = /\b(?:another|other|different|elsewhere)\b[^.!?\n]{0,80}$/i;
const OTHER_AFTER = /^[^.!?\n]{0,60}\belsewhere\b/i;

/**
 * True when the phrase at `index` speaks of another employer's interview ("another
 * interview with …", "a second interview elsewhere"): its names must never be read as
 * this interview's, and must not reach the message to the interviewer.
 */
export function aboutOtherEmployer(text: string, index: number, end: number): boolean {
  return (
    OTHER_BEFORE.test(text.slice(Math.max(0, index - 90), index)) ||
    OTHER_AFTER.test(text.slice(end, end + 60))
  );
}
