/**
 * The company and the role, from the phrases invites use: "the Senior Data Analyst role at
 * Brightwell Analytics", "Interview - Operations Coordinator (Harlow Logistics)", "Kestrel
 * Robotics - Interview Confirmation (Mechanical Engineer II)", "joining Pavlova Foods", and
 * last the invite writer's signature ("Operations Manager | Harlow Logistics").
 */
import type { Document } from './document.js';
import { aboutOtherEmployer, readCompanyName, TITLE_OF_DEPARTMENT } from './words.js';

export interface Organisation {
  readonly company: string | null;
  readonly role: string | null;
}

const ROLE_WORD = /\b(?:role|position|job|opening|vacancy|internship)\b/gi;
const COMPANY_AFTER_ROLE = /^[ \t]+(?:at|with)[ \t]+/i;
const COMPANY_AFTER =
  /\b(?:(?:interview(?:ing)?|team|opportunity|career|here)[ \t]+at|interest[ \t]+in(?:[ \t]+joining)?|joining|on[ \t]+behalf[ \t]+of|welcome[ \t]+to|greetings[ \t]+from|applying[ \t]+(?:to|at)|application[ \t]+(?:to|with|at)|(?:director|manager|head|lead|vp|founder|partner|recruiter)\b[^.,\n]{0,40}?[ \t]at)[ \t]+/gi;
/** "Interview - Operations Coordinator (Harlow Logistics)". */
const SUBJECT_ROLE_COMPANY =
  /\binterview(?:[ \t]+(?:invitation|invite|request|confirmation|details))?[ \t]*[-–—:|][ \t]*([^()\n]{2,80}?)[ \t]*\(([^()\n]{2,80})\)/i;
/** "Interview: Customer Success Lead - Tidewater Software", "Interview – Trainee Solicitor, Harrow & Finch LLP". */
const SUBJECT_ROLE_THEN_COMPANY =
  /\binterview(?:[ \t]+(?:invitation|invite|request|confirmation|details))?[ \t]*[-–—:|][ \t]*/i;
/**
 * Where a title ends and the company begins: the last ", ", " at ", " @ ", " - ", " | ".
 * Runs of spaces are bounded, here and below, so no pattern turns quadratic on a long run.
 */
const TITLE_COMPANY_SEPARATOR = /,[ \t]{0,3}|[ \t]{1,3}(?:at|@|[-–—|])[ \t]{1,3}/g;
/** "Branch Manager interview - Northgate Credit Union". */
const SUBJECT_ROLE_INTERVIEW_COMPANY =
  /^(?:subject[ \t]{0,3}:[ \t]{0,3})?(?:(?:fwd?|fw|re)[ \t]{0,3}:[ \t]{0,3}){0,5}([^\n]{2,60}?)[ \t]{1,3}interview[ \t]{0,3}[-–—:|][ \t]{0,3}([^\n]{2,80})$/i;
/** "Kestrel Robotics - Interview Confirmation (Mechanical Engineer II)". */
const SUBJECT_COMPANY_ROLE =
  /^(?:subject[ \t]{0,3}:[ \t]{0,3})?(?:(?:fwd?|fw|re)[ \t]{0,3}:[ \t]{0,3}){0,5}([^\n]{2,80}?)[ \t]{0,3}[-–—:|][ \t]{0,3}interview(?:[ \t]+(?:invitation|invite|request|confirmation|details))?[ \t]{0,3}\(([^()\n]{2,80})\)/i;
const SIGNATURE_SEPARATOR = /[|,]|[ \t]{1,3}at[ \t]{1,3}|[ \t]{1,3}[-–—][ \t]{1,3}/;
const TRAILING_STOPS = /(?<![.!?])[.!?]+$/;

const ROLE_TOKEN = /^[\p{L}][\p{L}\d&/+.'’-]*$|^&$/u;
const ROLE_DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'our', 'your']);
/** Words that show the phrase before "role" is not a job title ("this role", "the open position"). */
const NOT_A_ROLE: ReadonlySet<string> = new Set([
  'this',
  'that',
  'same',
  'open',
  'new',
  'available',
  'above',
  'current',
  'following',
  'any',
  'other',
  'another',
  'interview',
  'my',
  'their',
  'his',
  'her',
  'its',
  'dream',
  'perfect',
  'exciting',
  'great',
  'full-time',
  'part-time',
  'permanent',
  'temporary',
  'contract',
  'remote',
  'hybrid',
  'in-person',
  'onsite',
  'on-site',
  'advertised',
  'posted',
  'vacant',
  'specific',
  'relevant',
  'right',
  'ideal',
  'next',
  'first',
  'second',
  'final',
  'in',
  'for',
  'to',
  'at',
  'with',
  'on',
  'by',
  'from',
  'about',
  'as',
  'is',
  'was',
  'be',
  'i',
  'me',
  'you',
  'we',
  'it',
]);

/**
 * Finds company and role; `signatureLines` are the lines under the invite writer's name.
 * A name in `people` (lower case: the candidate, the sender, the interviewer) is never the
 * company: the next source is asked instead.
 */
export function findOrganisation(
  doc: Document,
  signatureLines: readonly string[],
  people: ReadonlySet<string> = new Set(),
): Organisation {
  const paragraphs = [
    ...doc.paragraphs.filter((p) => p.invite),
    ...doc.paragraphs.filter((p) => !p.invite),
  ];
  // Wrapped lines join into sentences; "\n" -> " " keeps every index in place.
  const prose = paragraphs.map((p) => p.text.replace(/\n/g, ' '));

  const roleAt = rolesFromProse(prose);
  const read = fromSubjects(doc);
  // "Interview: Alex Moreno - Financial Analyst II": a person where the role goes means the
  // other part is the role, and no company was named.
  const subject =
    read.role !== null && people.has(read.role.toLowerCase())
      ? { role: read.company, company: null }
      : read;
  const role = roleAt.role ?? subject.role;
  // Neither a person nor the role ("Your interview for Financial Analyst II … has been scheduled").
  const aCompany = (name: string | null): name is string =>
    name !== null && !people.has(name.toLowerCase()) && name.toLowerCase() !== role?.toLowerCase();
  const sources = [
    () => roleAt.company,
    () => subject.company,
    () => firstCompanyAfterTrigger(prose),
    () => companyFromSignature(signatureLines),
  ];
  let company: string | null = null;
  for (const source of sources) {
    const found = source();
    if (aCompany(found)) {
      company = found;
      break;
    }
  }
  return { company, role };
}

/** "the ROLE position at COMPANY": the first title before a role word, and the company after it. */
function rolesFromProse(prose: readonly string[]): Organisation {
  let role: string | null = null;
  let company: string | null = null;
  for (const text of prose) {
    for (const m of text.matchAll(ROLE_WORD)) {
      if (aboutOtherEmployer(text, m.index, m.index + m[0].length + 40)) continue;
      const found = readRoleBefore(text.slice(Math.max(0, m.index - 150), m.index));
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 120);
      const link = COMPANY_AFTER_ROLE.exec(after);
      const org = link ? readCompanyName(after.slice(link[0].length)) : null;
      role ??= found;
      company ??= org;
      if (role && company) return { role, company };
    }
  }
  return { role, company };
}

/** Reads backwards from a role word to "the"/"a"/"our": "…in the Operations Coordinator" -> "Operations Coordinator". */
function readRoleBefore(before: string): string | null {
  const words = before.split(/\s+/).filter((w) => w !== '');
  const role: string[] = [];
  for (let i = words.length - 1; i >= 0 && role.length <= 6; i -= 1) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    if (ROLE_DETERMINERS.has(lower)) return role.length > 0 ? role.reverse().join(' ') : null;
    if (/[,;:!?)(]$/.test(word) || /\.$/.test(word)) return null;
    if (NOT_A_ROLE.has(lower) || !ROLE_TOKEN.test(word)) return null;
    role.push(word);
  }
  return null;
}

function fromSubjects(doc: Document): Organisation {
  const subjects = [
    ...(doc.header?.subject ? [doc.header.subject] : []),
    ...doc.lines.filter((l) => !l.header && /interview/i.test(l.text)).map((l) => l.text),
  ];
  for (const line of subjects) {
    const a = SUBJECT_ROLE_COMPANY.exec(line);
    if (a) {
      const company = wholeCompany(a[2] ?? '');
      const role = cleanRole(a[1] ?? '');
      if (company && role) return { company, role };
    }
    const b = SUBJECT_COMPANY_ROLE.exec(line);
    if (b) {
      const company = wholeCompany(b[1] ?? '');
      const role = cleanRole(b[2] ?? '');
      if (company && role) return { company, role };
    }
    const c = SUBJECT_ROLE_THEN_COMPANY.exec(line);
    if (c) {
      const rest = line.slice(c.index + c[0].length, c.index + c[0].length + 200);
      const separators = [...rest.matchAll(TITLE_COMPANY_SEPARATOR)];
      const last = separators[separators.length - 1];
      if (last) {
        const company = wholeCompany(rest.slice(last.index + last[0].length));
        const role = cleanRole(rest.slice(0, last.index));
        // "Interview – VP, Customer Success": a title and its department are one role.
        if (company && role && last[0].trim() === ',' && TITLE_OF_DEPARTMENT.test(role))
          return { company: null, role: `${role}, ${company}` };
        if (company && role) return { company, role };
      }
    }
    const d = SUBJECT_ROLE_INTERVIEW_COMPANY.exec(line);
    if (d) {
      const company = wholeCompany(d[2] ?? '');
      const role = cleanRole(d[1] ?? '');
      if (company && role) return { company, role };
    }
  }
  return { company: null, role: null };
}

function firstCompanyAfterTrigger(prose: readonly string[]): string | null {
  for (const text of prose) {
    for (const m of text.matchAll(COMPANY_AFTER)) {
      if (aboutOtherEmployer(text, m.index, m.index + m[0].length + 40)) continue;
      const company = readCompanyName(
        text.slice(m.index + m[0].length, m.index + m[0].length + 120),
      );
      if (company) return company;
    }
  }
  return null;
}

/** "Operations Manager | Harlow Logistics" or "Head of Marketing, Pavlova Foods" -> the company. */
function companyFromSignature(lines: readonly string[]): string | null {
  for (const line of lines.slice(0, 3)) {
    const parts = line.split(SIGNATURE_SEPARATOR);
    if (parts.length < 2) continue;
    const last = wholeCompany(parts[parts.length - 1] ?? '');
    if (last) return last;
  }
  return null;
}

/** A company name that is the whole of `text`, or null. */
function wholeCompany(text: string): string | null {
  const trimmed = text.trim();
  const name = readCompanyName(trimmed);
  return name !== null && name === trimmed.replace(TRAILING_STOPS, '') ? name : null;
}

/** A job title from a subject line: a few words, letters present, no sentence punctuation. */
function cleanRole(text: string): string | null {
  const role = text.trim().replace(/\s+/g, ' ');
  const words = role.split(' ');
  if (words.length > 8 || !/\p{L}/u.test(role) || /[.!?:;]$/.test(role)) return null;
  // A date, a clock time or an address is not part of a job title.
  if (/@|\d[ \t]*(?:am|pm)\b|\d:\d\d|\b\d{4}\b/i.test(role)) return null;
  return role;
}
