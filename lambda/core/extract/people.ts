/**
 * Who runs the interview, and how to reach them. The interviewer is named by a label
 * ("Interviewer: Dana Whitfield"), by a phrase ("interview with Dana Whitfield", "you'll be
 * meeting Priya Nair"), or is the writer of the invite when the writer says so ("an
 * interview with me", "I'd love to have a chat"). The sender of an invite is not taken for
 * the interviewer otherwise: a coordinator often sends it for someone else.
 */
import type { Document, Line } from './document.js';
import {
  aboutOtherEmployer,
  addressNames,
  findEmails,
  findPhones,
  isNameLine,
  readPersonName,
} from './words.js';

export interface PersonFound {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

const NONE: PersonFound = { name: null, email: null, phone: null };

/** Phrases after which the interviewer's name follows. Checked in this order of trust. */
const LABEL = /\binterviewers?[ \t]*:[ \t]*/gi;
const NAMING_PHRASES: readonly RegExp[] = [
  /\b(?:your|the)[ \t]+interviewer[ \t]+(?:is|will[ \t]+be)[ \t]+/gi,
  /\b(?:interviewed|interviewing)[ \t]+by[ \t]+/gi,
  /\b(?:you['’]ll|you[ \t]+will)[ \t]+(?:be[ \t]+)?(?:meeting(?:[ \t]+with)?|meet(?:[ \t]+with)?|speaking[ \t]+(?:with|to)|talking[ \t]+(?:with|to)|interviewing[ \t]+with)[ \t]+/gi,
  /\b(?:interview(?:s|ing)?|meeting|meet|speak(?:ing)?|talk(?:ing)?|chat(?:ting)?|conversation|call|session|screen(?:ing)?)[ \t]+(?:with)[ \t]+/gi,
];
/** Last resort: "with NAME" anywhere on a line that speaks of the interview ("on Monday at 10am with Dana Whitfield"). */
const WITH = /\bwith[ \t]+/gi;
/**
 * The writer says they run the interview themselves. Each names the interview or the
 * candidate ("interview with me", "chat about your experience"): a candidate's own "home
 * with me" or "I'd love to chat about another time" must not make them the interviewer.
 */
const FIRST_PERSON = [
  /\b(?:interview|chat|call|meeting|conversation|session)\b[^.\n]{0,40}\bwith[ \t]+me\b/i,
  /\bI(?:['’]d|[ \t]+would)[ \t]+(?:love|like)[ \t]+to[ \t]+(?:have[ \t]+a[ \t]+)?(?:chat|talk|speak|meet)[ \t]+(?:you\b|with[ \t]+you\b|about[ \t]+your\b)/i,
  /\bI(?:['’]ll|[ \t]+will)[ \t]+be[ \t]+(?:interviewing|meeting|speaking[ \t]+with|talking[ \t]+(?:with|to))[ \t]+you/i,
  /\b(?:panel|interviewers?)\b[^.\n]{0,60}\bmyself\b/i,
];
/** "interview with our VP of Customer Success, Gabriel Moreno": the name follows a title. */
const TITLE_THEN_NAME = /^(?:our|the|your)[ \t]+[^,.\n]{2,60},[ \t]+/i;
const CLOSING =
  /^(?:best(?:[ \t]+(?:regards|wishes))?|kind[ \t]+regards|warm(?:est)?[ \t]+regards|regards|cheers|thanks(?:[ \t]+again)?|thank[ \t]+you|many[ \t]+thanks|sincerely|yours[ \t]+sincerely|all[ \t]+the[ \t]+best|talk[ \t]+soon|speak[ \t]+soon|warmly|respectfully)[ \t]*[,.!]?$/i;
const END_OF_SIGNATURE = /^(?:-{2,}|_{4,}|From:|Sent:|Begin forwarded|On .{1,200} wrote:$)/i;

/** Finds the interviewer in a read document. */
export function findInterviewer(doc: Document): PersonFound {
  const prose = doc.lines.filter((l) => !l.header);
  const inviteText = prose
    .filter((l) => l.invite)
    .map((l) => l.text)
    .join('\n');
  const noteText = prose
    .filter((l) => !l.invite)
    .map((l) => l.text)
    .join('\n');
  // One string, invite first: every phrase is one pass over it, whatever the number of lines.
  const text = noteText === '' ? inviteText : `${inviteText}\n${noteText}`;
  const candidate = doc.header?.toName?.toLowerCase() ?? null;

  const named = findNamed(text, LABEL, null) ?? firstNamed(text, candidate);
  if (named) return { name: named, ...contactFor(doc, named) };

  if (FIRST_PERSON.some((re) => re.test(inviteText))) {
    const signer = findSigner(doc);
    if (signer) return { name: signer, ...contactFor(doc, signer) };
  }
  return NONE;
}

function findNamed(
  text: string,
  phrase: RegExp,
  excluded: string | null,
  onLine: (line: string) => boolean = () => true,
): string | null {
  for (const m of text.matchAll(phrase)) {
    const at = m.index + m[0].length;
    if (aboutOtherEmployer(text, m.index, at + 40)) continue;
    const lineEnd = text.indexOf('\n', at);
    const rest = text.slice(
      at,
      lineEnd === -1 ? Math.min(text.length, at + 200) : Math.min(lineEnd, at + 200),
    );
    if (!onLine(lineAround(text, m.index))) continue;
    const title = TITLE_THEN_NAME.exec(rest);
    const name =
      readPersonName(rest) ?? (title ? readPersonName(rest.slice(title[0].length)) : null);
    if (name && name.toLowerCase() !== excluded) return name;
  }
  return null;
}

function firstNamed(text: string, excluded: string | null): string | null {
  for (const phrase of NAMING_PHRASES) {
    const name = findNamed(text, phrase, excluded);
    if (name) return name;
  }
  return findNamed(text, WITH, excluded, (line) => /\binterview/i.test(line));
}

/** The line of `text` that holds `index`. */
function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}

/**
 * The full name under the invite's sign-off ("Regards,\nErik Lindqvist\n…"), or the
 * forward header's sender when the sign-off gives only a first name that matches it.
 */
export function findSigner(doc: Document): string | null {
  const lines = doc.lines;
  const fromName = doc.header?.fromName ?? null;
  const fromIsPerson = fromName !== null && isNameLine(fromName);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i];
    if (!line || !line.invite || line.header || !CLOSING.test(line.text)) continue;
    let firstName: string | null = null;
    for (const next of nonEmptyAfter(lines, i, 4)) {
      if (END_OF_SIGNATURE.test(next.text)) break;
      if (isNameLine(next.text)) return readPersonName(next.text);
      if (firstName === null && /^\p{Lu}\p{Ll}+$/u.test(next.text)) firstName = next.text;
    }
    if (firstName && fromIsPerson && fromName.split(/\s+/)[0] === firstName) return fromName;
  }
  return fromIsPerson ? fromName : null;
}

/** E-mail and phone for a named person: the forward header, their signature block, or the line naming them. */
function contactFor(doc: Document, name: string): { email: string | null; phone: string | null } {
  const lower = name.toLowerCase();
  const header = doc.header;
  let email: string | null = null;
  if (header?.fromName && header.fromEmail && header.fromName.toLowerCase() === lower)
    email = header.fromEmail;

  const block = signatureBlock(doc.lines, name);
  const sameLine = doc.lines
    .filter((l) => !l.header && l.text.toLowerCase().includes(lower))
    .map((l) => {
      const at = l.text.toLowerCase().indexOf(lower);
      return l.text.slice(at + name.length, at + name.length + 100);
    })
    .join('\n');

  email ??= findEmails(block)[0]?.email ?? findEmails(sameLine)[0]?.email ?? emailByName(doc, name);
  const phone = findPhones(block)[0] ?? findPhones(sameLine)[0] ?? null;
  return { email, phone };
}

/** The few lines under a line that is exactly `name` (a signature): title, company, phone, e-mail. */
export function signatureLines(lines: readonly Line[], name: string): string[] {
  return signatureBlock(lines, name)
    .split('\n')
    .filter((l) => l !== '');
}

function signatureBlock(lines: readonly Line[], name: string): string {
  const lower = name.toLowerCase();
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i];
    if (!line || line.header || line.text.toLowerCase() !== lower) continue;
    const out: string[] = [];
    for (const next of nonEmptyAfter(lines, i, 5)) {
      if (END_OF_SIGNATURE.test(next.text) || CLOSING.test(next.text)) break;
      out.push(next.text);
    }
    return out.join('\n');
  }
  return '';
}

/** An address in the text whose local part is the person's name ("dana.whitfield@…", "dwhitfield@…"). */
function emailByName(doc: Document, name: string): string | null {
  const text = doc.lines.map((l) => l.text).join('\n');
  return findEmails(text).find(({ email }) => addressNames(email, name))?.email ?? null;
}

function nonEmptyAfter(lines: readonly Line[], index: number, count: number): Line[] {
  const out: Line[] = [];
  for (let j = index + 1; j < lines.length && out.length < count; j += 1) {
    const line = lines[j];
    if (line && line.text !== '') out.push(line);
  }
  return out;
}
