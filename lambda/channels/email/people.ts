/**
 * Who runs the interview, and for which company and role. The interviewer can differ from
 * the forwarded mail's sender and from the calendar ORGANIZER: a recruiting coordinator
 * sends "Interviewer: Dana Whitfield", or the interviewer is an ATTENDEE who is neither the
 * candidate nor a coordinator. Unknown stays null, never a guess from thin air.
 */
import {
  addressNames,
  findEmails,
  HONORIFIC,
  TITLE_OF_DEPARTMENT,
} from '../../core/extract/words.js';
import type { CalendarInvite, CalendarPerson } from './calendar.js';
import type { Mailbox } from './forward.js';

export interface Person {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

export interface InviteContext {
  /** The candidate's addresses (the forwarder, the forwarded mail's recipient) and name. */
  readonly candidateEmails: ReadonlySet<string>;
  readonly candidateName: string | null;
  /** The forwarded mail's sender. */
  readonly sender: Mailbox | null;
  readonly calendar: CalendarInvite | null;
  /** The forwarded body (or, without a forward, the mail's text). */
  readonly body: string;
  /** The forwarded mail's subject (or the calendar's SUMMARY). */
  readonly subject: string | null;
}

const COORDINATOR_ADDRESS =
  /(?:^|[._+-])(?:recruit\w*|talent\w*|careers?|jobs?|hiring|hr|people|noreply|no-reply|donotreply|calendar|scheduling|scheduler|notifications?|ats|staffing|interviews?)(?:$|[._+-])/i;
const COORDINATOR_TITLE =
  /\b(?:recruit\w*|talent|coordinator|human resources|HR|people (?:team|ops|operations|partner)|hiring team|sourc\w+|staffing|scheduler|executive assistant|assistant to)\b/i;

/** A capitalized word of a name, accents included ("Róisín"). */
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const NOT_NAMES = new Set(
  [
    'our',
    'the',
    'my',
    'your',
    'team',
    'us',
    'me',
    'you',
    'a',
    'an',
    'panel',
    'hiring',
    'manager',
    'interview',
    'video',
    'zoom',
    'teams',
    'google',
    'meet',
    'microsoft',
    'phone',
    'call',
  ].map((w) => w.toLowerCase()),
);

const lower = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase();

/**
 * Capitalized words at the start of `text`, at most three, after any title: "Dana Whitfield,
 * Engineering" -> "Dana Whitfield"; "Ms Wei Ling Tan, Head of Risk" -> "Ms Wei Ling Tan".
 */
function leadingName(text: string): string | null {
  const words: string[] = [];
  let titled = false;
  // A name ends with its line ("Keziah Mensah\nAudit Manager").
  for (const raw of (text.split('\n', 1)[0] ?? '').split(/\s+/)) {
    if (raw === '') continue;
    if (words.length === 0 && !titled && HONORIFIC.test(raw)) {
      titled = true;
      words.push(raw);
      continue;
    }
    const word = raw.replace(/(?<![,.;:!?)])[,.;:!?)]+$/, ''); // lookbehind: linear (ReDoS)
    if (!NAME_WORD.test(word) || NOT_NAMES.has(word.toLowerCase())) break;
    words.push(word);
    if (raw !== word || words.length === (titled ? 4 : 3)) break;
  }
  const named = titled ? words.length - 1 : words.length;
  return named > 0 ? words.join(' ') : null;
}

/** The signature lines that follow a name in the body (title, company). */
function signatureAfter(body: string, name: string | null): string[] {
  if (!name) return [];
  const lines = body.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lower(lines[i]) === lower(name)) return lines.slice(i + 1, i + 3).filter(Boolean);
  }
  return [];
}

function isCoordinator(
  person: { name: string | null; email: string | null },
  body: string,
): boolean {
  const local = (person.email ?? '').split('@')[0] ?? '';
  if (local && COORDINATOR_ADDRESS.test(local)) return true;
  return signatureAfter(body, person.name).some((l) => COORDINATOR_TITLE.test(l));
}

function isCandidate(
  ctx: InviteContext,
  p: { name: string | null; email: string | null },
): boolean {
  if (p.email && ctx.candidateEmails.has(lower(p.email))) return true;
  return !!p.name && !!ctx.candidateName && lower(p.name) === lower(ctx.candidateName);
}

/** People the invite names with an address: sender, organizer, attendees. */
function knownPeople(ctx: InviteContext): Array<{ name: string | null; email: string | null }> {
  const out: Array<{ name: string | null; email: string | null }> = [];
  if (ctx.sender) out.push(ctx.sender);
  if (ctx.calendar?.organizer) out.push(ctx.calendar.organizer);
  for (const a of ctx.calendar?.attendees ?? []) out.push(a);
  return out.filter((p) => !isCandidate(ctx, p));
}

/**
 * The address of a person named in the text: from the people the invite lists, else an
 * address written in the body that spells their name ("Nadia Rahman, our Director
 * (nadia.rahman@…)").
 */
function emailFor(ctx: InviteContext, name: string): { name: string; email: string | null } {
  const parts = lower(name).split(/\s+/);
  for (const p of knownPeople(ctx)) {
    if (p.name && lower(p.name) === lower(name)) return { name: p.name, email: p.email };
  }
  for (const p of knownPeople(ctx)) {
    const pname = lower(p.name);
    if (parts.length === 1 && pname.split(/\s+/)[0] === parts[0])
      return { name: p.name ?? name, email: p.email };
    const local = lower(p.email).split('@')[0] ?? '';
    if (parts.length > 1 && parts.every((w) => local.includes(w.replace(/[^a-z]/g, '')))) {
      return { name, email: p.email };
    }
  }
  const written = findEmails(ctx.body).find(
    ({ email }) => !ctx.candidateEmails.has(lower(email)) && addressNames(email, name),
  );
  return { name, email: written?.email ?? null };
}

type Cue = { readonly kind: 'self' } | { readonly kind: 'named'; readonly name: string };

const SELF_CUES = [
  /\binterview(?:ing)? with me\b/i,
  /\b(?:meet|meeting|chat|speak|speaking|talk|talking) with me\b/i,
  /\bpanel will be (?:myself|me)\b/i,
  /\bI(?:'ll| will) be (?:interviewing|conducting|running|leading) (?:you|the interview)\b/i,
  /\bI(?:'ll|’ll| will) (?:run|conduct|lead|do|take) the interview\b/i,
];

const LABEL_CUES = [
  // "Interviewer: Dana Whitfield", "Who: Oliver Brandt, Head of Design", and a heading
  // over a list ("Interviewers\n * Katrin Vogel — Senior Engineer"): bullets are skipped.
  /\b(?:interviewers?|interviewing|who|panel)[ \t]*:[\s*•·–—-]*/gi,
  /^[ \t]*(?:your[ \t]+)?interviewers?[ \t]*\n[\s*•·–—-]*/gim,
];

const NAMED_CUES = [
  /\binterview(?:ing)?\s+(?:will be\s+)?with\s+(?:(?:our|my|the)\s+[^,.\n]{2,60},\s+)?/gi,
  /\b(?:meet|meeting|chat|speak|speaking|talk|talking)\s+with\s+(?:(?:our|my|the)\s+[^,.\n]{2,60},\s+)?/gi,
  /\byou(?:'ll| will)\s+(?:be\s+)?(?:meeting|meet|speaking with|talking with|interviewing with)\s+(?:(?:our|my|the)\s+[^,.\n]{2,60},\s+)?/gi,
  /\b(?:interviewed|hosted|led|conducted) by\s+(?:(?:our|my|the)\s+[^,.\n]{2,60},\s+)?/gi,
  // A recruiter's confirmation: "confirming tomorrow 3pm PT with Dana Li", "You're all set
  // for Friday at 2:30pm with Liam Donnelly, our Head of Mobile".
  /\b(?:confirm(?:ed|ing)?|scheduled|booked|all set|set up)\b[^.\n]{0,80}?\bwith\s+(?:(?:our|my|the)\s+[^,.\n]{2,60},\s+)?/gi,
  /\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)[^.\n]{0,60}?\bwith\s+(?:(?:our|my|the)\s+[^,.\n]{2,60},\s+)?/gi,
  // "Siobhan will meet Róisín Hughes, our Support Operations Manager".
  /\b(?:will|'ll|’ll)\s+meet\s+(?:with\s+)?/gi,
  // "You'll pair with Kofi", "You'll spend the first hour with Anouk".
  /\b(?:pair(?:ing)?|spend[^.\n]{0,40}?)\s+with\s+/gi,
];

const CALENDAR_WORD =
  /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/**
 * The full name a first name stands for, when the body writes it out somewhere ("pair with
 * Kofi" … "Kofi Mensah, Staff Engineer"), or null.
 */
function fullNameOf(body: string, first: string): string | null {
  const escaped = first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}])${escaped}[ \\t]+(\\p{Lu}[\\p{L}'’-]{1,30})`, 'gu');
  for (const m of body.matchAll(pattern)) {
    const last = m[1] ?? '';
    if (CALENDAR_WORD.test(last) || NOT_NAMES.has(last.toLowerCase())) continue;
    return `${first} ${last}`;
  }
  return null;
}

/** "Interviewer: Dana Whitfield", "an interview with our VP, Gabriel Moreno", "interview with me". */
function bodyCue(ctx: InviteContext): Cue | null {
  const text = ctx.body;
  // A label ("Interviewer: …", "Who: …", an "Interviewers" list) says it outright: it wins
  // over "with me", which may be about another call ("Thanks for speaking with me last week").
  const labelled = namedCue(ctx, LABEL_CUES);
  if (labelled) return labelled;
  for (const cue of SELF_CUES) if (cue.test(text)) return { kind: 'self' };
  return namedCue(ctx, NAMED_CUES);
}

/** The first person one of `cues` names in the body, or null. */
function namedCue(ctx: InviteContext, cues: readonly RegExp[]): Cue | null {
  const text = ctx.body;
  for (const cue of cues) {
    cue.lastIndex = 0;
    for (let m = cue.exec(text); m !== null; m = cue.exec(text)) {
      const name = leadingName(text.slice(m.index + m[0].length, m.index + m[0].length + 80));
      if (!name) continue;
      const known = knownPeople(ctx).some(
        (p) => p.name && lower(p.name).split(/\s+/)[0] === lower(name).split(/\s+/)[0],
      );
      // One capitalized word is a name only when the invite lists someone by it ("with
      // Dana") or writes their full name out elsewhere ("Kofi" … "Kofi Mensah").
      const full = name.includes(' ') || known ? name : fullNameOf(text, name);
      if (full) {
        if (isCandidate(ctx, { name: full, email: null })) continue;
        return { kind: 'named', name: full };
      }
    }
  }
  return null;
}

const PHONE = /(?<![\w+])(\+?\(?\d[\d\s().-]{7,18}\d)(?![\w])/g;

/** The first phone number in the text (a signature's), or null. Dates and ids are not phones. */
export function findPhone(text: string): string | null {
  PHONE.lastIndex = 0;
  for (let m = PHONE.exec(text); m !== null; m = PHONE.exec(text)) {
    const raw = (m[1] ?? '').trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 10 || digits.length > 15) continue;
    if (
      /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(raw) ||
      (/^\d{8}T?/.test(raw.replace(/\s/g, '')) === true && !/[\s().-]/.test(raw))
    )
      continue;
    if (/\d{1,2}:\d{2}/.test(raw)) continue;
    return raw;
  }
  return null;
}

function fromCalendar(p: CalendarPerson): { name: string | null; email: string | null } {
  return { name: p.name, email: p.email };
}

/** Who runs the interview. */
export function findInterviewer(ctx: InviteContext): Person {
  const phone = findPhone(ctx.body);
  const cue = bodyCue(ctx);
  const sender = ctx.sender && !isCandidate(ctx, ctx.sender) ? ctx.sender : null;
  const organizer =
    ctx.calendar?.organizer && !isCandidate(ctx, ctx.calendar.organizer)
      ? ctx.calendar.organizer
      : null;
  if (cue?.kind === 'named') {
    const found = emailFor(ctx, cue.name);
    const fromSender = sender && found.email && lower(found.email) === lower(sender.email);
    return { name: found.name, email: found.email, phone: fromSender || !sender ? phone : phone };
  }
  if (cue?.kind === 'self') {
    const self = sender ?? organizer;
    if (self) return { name: self.name, email: self.email, phone };
  }
  if (organizer && !isCoordinator(organizer, ctx.body))
    return { ...fromCalendar(organizer), phone };
  const others = (ctx.calendar?.attendees ?? []).filter(
    (a) =>
      !isCandidate(ctx, a) &&
      lower(a.email) !== lower(organizer?.email) &&
      lower(a.email) !== lower(sender?.email) &&
      !isCoordinator(a, ctx.body) &&
      a.role !== 'NON-PARTICIPANT',
  );
  const first = others[0];
  if (first) return { ...fromCalendar(first), phone };
  if (sender && !isCoordinator(sender, ctx.body))
    return { name: sender.name, email: sender.email, phone };
  if (organizer && !sender) return { ...fromCalendar(organizer), phone };
  return { name: null, email: null, phone };
}

const ROLE_WORDS = /\b(?:role|position|opening|vacancy|job|post)\b/i;
// The lookbehind starts the trailing match where its run starts: linear on any input (ReDoS).
const TRIM = (s: string): string =>
  s.replace(/^[\s"'“”‘’:–—-]+|(?<![\s"'“”‘’:.,;!–—-])[\s"'“”‘’:.,;!–—-]+$/g, '').trim();
const CLEAN_ROLE = (s: string): string =>
  TRIM(
    s
      .replace(/\b(?:the|a|an|our|your)\s+/gi, '')
      .replace(/(?<!\s)\s+(?:role|position|opening|vacancy|job|post)$/i, ''),
  );

/** "Interview", "Invitation", "Confirmation" and friends: words that are neither role nor company. */
const NOISE =
  /\b(?:(?:technical|final|panel|phone|video|onsite|on-site|in-person|first|second|initial|virtual)\s+)?(?:interview|invitation|invite|confirmation|confirmed|scheduled|updated|reminder|chat|call|meeting)\b|\b(?:(?:zoom|teams|meet|webex|video|joining|dial-in)\s+)?(?:details|link|info|information|instructions)\b/gi;

function isNoise(s: string): boolean {
  return TRIM(s.replace(NOISE, ' ').replace(/\s+/g, ' ')) === '';
}

/** "Technical Interview - Backend Engineer": the words before "interview" name its kind, not a role. */
const INTERVIEW_KIND =
  /^(?:(?:technical|final|phone|video|onsite|on-site|in-person|first|second|third|initial|panel|virtual|behaviou?ral|hr|screening|intro(?:ductory)?|follow-up|coding|case|culture|team|hiring manager)(?:\s+|$))+(?:round\s*)?(?:interview)?$/i;

/**
 * "Thu 17 Dec", "Thursday", "Dec 3, 2pm", "12/10": a date or time, never a role or a
 * company. A short weekday counts only beside a number ("Sun Life" is a company).
 */
// One literal, so test/unit/redos.test.ts runs it: weekdays, month names, d/m, clock times.
const WHEN_WORDS =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s*\d|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?\s+\d|\d\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b\d{1,2}[:/.]\d{1,2}\b|\b\d{1,2}\s*(?:am|pm)\b/i;
const looksLikeWhen = (s: string): boolean => WHEN_WORDS.test(s);

interface CompanyRole {
  readonly company: string | null;
  readonly role: string | null;
}

/** Subject shapes recruiters use, most specific first. */
function fromSubject(subjectIn: string): CompanyRole {
  const subject = subjectIn
    // Lookbehinds and bounded runs keep these linear on a huge subject (ReDoS).
    .replace(/(?<!\s)\s+@\s+.*$/, '')
    .replace(/(?<!\s)\s*\([^()@]{0,200}@[^()]{0,200}\)\s*$/, '')
    // A requisition number: "Financial Analyst II (R-10482)", "… [Req #5512]".
    .replace(
      /(?<![\s([])\s*[([](?:(?:req|ref|job)\w{0,9}\.?\s{0,3}[#:]?\s{0,3})?[A-Z]{0,5}[-_#]?\d[\d-]{1,12}[)\]]\s*$/i,
      '',
    )
    // "Kingfisher Analytics | Technical interview | Data Engineer": pipes part it like dashes.
    .replace(/[ \t]\|[ \t]/g, ' – ')
    .replace(
      /^(?:updated\s+|new\s+)?(?:invitation|invite|event)(?:\s+from\s+google\s+calendar)?\s*:\s*/i,
      '',
    )
    .trim();
  const patterns: ReadonlyArray<readonly [RegExp, 'rc' | 'cr' | 'r' | 'c']> = [
    // Bounded runs ({0,200}): unbounded ones backtrack quadratically on a huge subject (ReDoS).
    [
      /^(?:[^:]{0,200}\b(?:interview|invitation)\b[^:]{0,200}):\s*(.+?)\s+(?:at|with)\s+(.+)$/i,
      'rc',
    ],
    [/^(?:[^:–—-]*\binterview\b[^:–—-]*)[:–—-]\s*(.+?)\s*\(([^()]+)\)$/i, 'rc'],
    [/^(.{1,200}?)\s{1,20}[–—-]\s+[^()]{0,200}\binterview\b[^()]{0,200}\(([^()]{1,200})\)$/i, 'cr'],
    [/^(?:[^:–—-]*\binterview\b[^:–—-]*)[:–—-]\s*(.+?)\s*,\s*(.+)$/i, 'rc'],
    [/^(?:[^:–—-]*\binterview\b[^:–—-]*)[:–—-]\s*(.+?)\s+[–—-]\s+(.+)$/i, 'rc'],
    [/^(.{1,200}?)\s{1,20}interview\s*[–—-]\s*(.+)$/i, 'rc'],
    [
      /^(?:[^:–—-]{0,200}\b(?:interview|invitation)\b[^:–—-]{0,200})[:–—-]\s*(?:[^–—-]{0,200}\binterview\b\s*[–—-]\s*)?(.+)$/i,
      'r',
    ],
    [/^(?:chat|call|meeting|coffee|interview)\s+with\s+(.+)$/i, 'c'],
  ];
  for (const [pattern, shape] of patterns) {
    const m = pattern.exec(subject);
    if (!m) continue;
    const a = dropWhen(TRIM(m[1] ?? ''));
    const b = dropWhen(TRIM(m[2] ?? ''));
    if (shape === 'rc' && INTERVIEW_KIND.test(a) && b && !isNoise(b)) return oneOf(b);
    // "Interview – VP, Customer Success": a title and its department, one role.
    if (
      shape === 'rc' &&
      TITLE_OF_DEPARTMENT.test(a) &&
      b &&
      !looksLikeCompany(b) &&
      m[0].includes(`${a},`)
    )
      return { role: `${a}, ${b}`, company: null };
    if ((shape === 'rc' || shape === 'cr') && a && b && !isNoise(a) && !isNoise(b)) {
      const [role, company] = shape === 'rc' ? [a, b] : [b, a];
      // "Interview - Acme Corp (Senior Engineer)": the shape says role first, the words disagree.
      const swapped =
        (looksLikeCompany(role) && !looksLikeCompany(company)) ||
        (looksLikeRole(company) && !looksLikeRole(role));
      return swapped
        ? { role: CLEAN_ROLE(company), company: withoutKind(role) }
        : { role: CLEAN_ROLE(role), company: withoutKind(company) };
    }
    if (shape === 'r' && a && !isNoise(a)) {
      return oneOf(a.replace(NOISE, '').replace(/^\s*[–—-]\s*/, ''));
    }
    if (shape === 'c' && a && !isNoise(a)) return { company: a, role: null };
  }
  return { company: null, role: null };
}

/** " – " between the parts of a subject; the lookbehind keeps it linear on long blank runs (ReDoS). */
const SUBJECT_PART_BREAK = /(?<!\s)\s+[–—-]\s+/;

/** "Kingfisher Analytics – Technical": the kind of interview is no part of the company. */
const withoutKind = (company: string): string =>
  company
    .split(SUBJECT_PART_BREAK)
    .filter((part) => !INTERVIEW_KIND.test(TRIM(part)))
    .join(' – ');

/** "R-10482", "Req #5512", "JR-2291": a requisition number, never a role or a company. */
const REQUISITION =
  /^(?:(?:req(?:uisition)?|ref(?:erence)?|job)\.?\s*(?:id|no\.?)?\s*[#:]?\s*)?[A-Z]{0,5}[-_#]?\d[\d-]{1,12}$/i;

/** A subject part that is a date, a time or a requisition number says nothing of the role or the company. */
const dropWhen = (part: string): string =>
  looksLikeWhen(part) || REQUISITION.test(part) ? '' : part;

const COMPANY_SUFFIX =
  /\b(?:inc|llc|llp|ltd|limited|corp|corporation|co|company|plc|gmbh|ag|sa|sas|sarl|bv|nv|as|asa|ab|oy|oyj|spa|srl|pty|kk|group|holdings|partners|labs|technologies|systems|software|solutions|analytics|bank|university|college|hospital|foods|logistics|robotics|ventures|capital|consulting)\.?$/i;
const ROLE_WORD =
  /\b(?:engineer|developer|manager|analyst|designer|coordinator|lead|director|specialist|associate|intern|internship|assistant|officer|consultant|scientist|architect|administrator|representative|executive|accountant|nurse|teacher|technician|advisor|adviser|agent|clerk|editor|writer|producer|owner|head|president|vp|partner|solicitor|lawyer|attorney|paralegal|recruiter|researcher|fellow|trainee|apprentice|operator|supervisor|strategist|marketer|programmer|tester|sre|devops|chef|driver|cashier|planner|buyer|controller|auditor|economist|physician|pharmacist|therapist|counsel)s?\b/i;

const looksLikeCompany = (s: string): boolean => COMPANY_SUFFIX.test(s.trim());
const looksLikeRole = (s: string): boolean => ROLE_WORD.test(s);

/** One name after "Interview –": a role when it reads like one, a company when it ends like one. */
function oneOf(text: string): CompanyRole {
  // "Site Reliability Engineer – Zoom details": the parts that name nothing go.
  const t = TRIM(
    text
      .split(SUBJECT_PART_BREAK)
      .filter((part) => !isNoise(part) && dropWhen(TRIM(part)) !== '')
      .join(' – '),
  );
  if (!t) return { company: null, role: null };
  // "Junior Product Designer at Atelier Moreau": both, when the first part reads as a role.
  const at = /^(.{1,200}?)\s+(?:at|with)\s+([A-Z].{0,200})$/.exec(t);
  if (at && looksLikeRole(at[1] ?? '') && !looksLikeRole(at[2] ?? ''))
    return { role: CLEAN_ROLE(at[1] ?? ''), company: TRIM(at[2] ?? '') };
  if (looksLikeCompany(t) && !looksLikeRole(t)) return { company: t, role: null };
  if (looksLikeRole(t)) return { company: null, role: CLEAN_ROLE(t) };
  return { company: null, role: null };
}

const COMPANY = "([A-Z][\\w&'’.-]*(?:\\s+(?:[A-Z&][\\w&'’.-]*|of|and|&))*)";

function fromBody(body: string): CompanyRole {
  const text = body.replace(/\s+/g, ' ');
  let role: string | null = null;
  let company: string | null = null;
  const roleAt = new RegExp(
    `\\b(?:the|our|your)\\s+([A-Z][\\w/&+'’ -]{2,60}?)\\s+(?:role|position|opening|vacancy)\\s+(?:at|with)\\s+${COMPANY}`,
  ).exec(text);
  if (roleAt) {
    role = CLEAN_ROLE(roleAt[1] ?? '');
    company = TRIM(roleAt[2] ?? '');
  }
  if (!role) {
    const m =
      /\b(?:for|as)\s+(?:the|our|a|an)\s+([A-Z][\w/&+'’ -]{2,60}?)\s+(?:role|position|opening|vacancy|job)\b/.exec(
        text,
      ) ??
      // "an interview for the position of Risk Analyst."
      /\b(?:position|role|post|vacancy)\s+of\s+([A-Z][\w/&+'’ -]{2,60}?)(?=\s*[.,;:!?(]|\s+(?:at|with|in|on)\s)/.exec(
        text,
      );
    if (m) role = CLEAN_ROLE(m[1] ?? '');
  }
  if (!company) {
    const m = new RegExp(
      `\\b(?:interest in (?:joining )?|joining |applying (?:to|at) |(?:role|position|interview) at |here at |welcome to )${COMPANY}`,
    ).exec(text);
    if (m) company = TRIM(m[1] ?? '');
  }
  if (role && ROLE_WORDS.test(role)) role = null;
  return { company: company && endAtSentence(company), role };
}

/** Words that start a sentence, not a company's next word. */
const SENTENCE_STARTS = new Set([
  'we',
  'our',
  'i',
  'you',
  'your',
  'the',
  'this',
  'please',
  'thank',
  'thanks',
  'it',
  'they',
  'kindly',
  'looking',
  'as',
  'in',
  'if',
  'he',
  'she',
  "he'll",
  "she'll",
  "we'll",
  "i'll",
  "they'll",
  "you'll",
  "it'll",
  'there',
  'here',
  'let',
  'see',
  'feel',
]);

/** "Meridian Straits Capital. We are pleased" -> "Meridian Straits Capital". */
function endAtSentence(name: string): string | null {
  const words = name.split(' ');
  for (let i = 0; i < words.length - 1; i++) {
    if ((words[i] ?? '').endsWith('.') && SENTENCE_STARTS.has((words[i + 1] ?? '').toLowerCase())) {
      return (
        TRIM(
          words
            .slice(0, i + 1)
            .join(' ')
            .replace(/\.$/, ''),
        ) || null
      );
    }
  }
  return name;
}

export interface CompanyRoleFound extends CompanyRole {
  /** Where each was read: the subject's shape (reliable) or a phrase in the body. */
  readonly companyFrom: 'subject' | 'body' | null;
  readonly roleFrom: 'subject' | 'body' | null;
}

/** The company and role, from the subject's shape first, then phrases in the body. */
export function findCompanyRole(ctx: InviteContext): CompanyRoleFound {
  const subjects = [ctx.subject, ctx.calendar?.summary].filter((s): s is string => !!s);
  let company: string | null = null;
  let role: string | null = null;
  for (const s of subjects) {
    const found = fromSubject(s);
    company ??=
      found.company &&
      !/[@]/.test(found.company) &&
      !isCandidate(ctx, { name: found.company, email: null })
        ? found.company
        : null;
    role ??= found.role && !isCandidate(ctx, { name: found.role, email: null }) ? found.role : null;
  }
  const body = fromBody(
    ctx.body + (ctx.calendar?.description ? `\n${ctx.calendar.description}` : ''),
  );
  return {
    company: company ?? body.company,
    role: role ?? body.role,
    companyFrom: company ? 'subject' : body.company ? 'body' : null,
    roleFrom: role ? 'subject' : body.role ? 'body' : null,
  };
}
