/**
 * Finds the forwarded invite in a candidate's mail with email-forward-parser (every client
 * and locale it knows), down to the innermost message of a forward of a forward, and the
 * candidate's own note wherever it is: above the forward, below it, or only in the subject.
 */
import EmailForwardParser from 'email-forward-parser';
import type { EmailForwardMailbox } from 'email-forward-parser';

export interface Mailbox {
  readonly name: string | null;
  readonly email: string | null;
}

export interface ForwardedMessage {
  readonly from: Mailbox | null;
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
  /** The date line as the client wrote it ("Mon, Nov 23, 2026 at 3:18 PM"), or null. */
  readonly date: string | null;
  readonly subject: string | null;
  readonly body: string;
}

export interface ForwardReading {
  /** What the candidate wrote (outside the forwarded block), trimmed; '' when nothing. */
  readonly note: string;
  /** Where the note was found. */
  readonly notePlace: 'above' | 'below' | 'none';
  /** The innermost forwarded message, or null when the mail forwards nothing. */
  readonly forwarded: ForwardedMessage | null;
  /** 0: not a forward; 1: a forward; 2: a forward of a forward; ... */
  readonly depth: number;
  /** Notes of the intermediate forwarders (a recruiter's "see below"), outermost first. */
  readonly relayNotes: readonly string[];
  /** Every forwarded message's headers, outermost first (the last is `forwarded`). */
  readonly chain: readonly Omit<ForwardedMessage, 'body'>[];
}

const parser = new EmailForwardParser();

/** Deepest forward we follow: real chains are 2–3 deep; more is a loop or an attack. */
const MAX_DEPTH = 5;

function mailbox(m: EmailForwardMailbox | null | undefined): Mailbox | null {
  if (!m) return null;
  const email = m.address?.trim().toLowerCase() || null;
  const name = m.name?.trim().replace(/^["']|["']$/g, '') || null;
  return email || name ? { name: name && name !== email ? name : null, email } : null;
}

function mailboxes(m: EmailForwardMailbox | EmailForwardMailbox[] | null | undefined): Mailbox[] {
  const list = Array.isArray(m) ? m : m ? [m] : [];
  return list.map(mailbox).filter((x): x is Mailbox => x !== null);
}

/** Lines a mail client adds that are not the candidate's words. */
const BOILERPLATE =
  /^(?:sent from my \w+.*|sent from (?:outlook|mail|yahoo mail|gmail).*|get outlook for \w+.*|envoyé de mon \w+.*|von meinem \w+ gesendet.*)$/i;

/** Removes client boilerplate and quoted ("> ") lines, trims blank edges. */
export function cleanNote(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => !BOILERPLATE.test(l.trim()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Markers some clients put after a forwarded message. */
const END_OF_FORWARD =
  // One line ([ \t], not \s, and one optional dash run): \s* across lines backtracks quadratically (ReDoS).
  /^[ \t]*-{2,}[ \t]*(?:end of forwarded message|end forwarded message|fin du message réexpédié|ende der weitergeleiteten nachricht)[ \t]*(?:-+[ \t]*)?$/im;

/**
 * A note written under the forwarded message: text after an end-of-forward marker, or
 * unquoted text after a block of "> " quoted lines (bottom posting).
 */
function noteBelow(body: string): { body: string; note: string } | null {
  const end = END_OF_FORWARD.exec(body);
  if (end) {
    const note = cleanNote(body.slice(end.index + end[0].length));
    if (note) return { body: body.slice(0, end.index).trimEnd(), note };
  }
  const lines = body.split(/\r?\n/);
  let lastQuoted = -1;
  for (let i = 0; i < lines.length; i++) if (/^\s*>/.test(lines[i] ?? '')) lastQuoted = i;
  if (lastQuoted >= 0) {
    const note = cleanNote(lines.slice(lastQuoted + 1).join('\n'));
    if (note) {
      const quoted = lines
        .slice(0, lastQuoted + 1)
        .map((l) => l.replace(/^\s*> ?/, ''))
        .join('\n');
      return { body: quoted, note };
    }
  }
  return null;
}

function toMessage(email: {
  body?: string;
  from: EmailForwardMailbox;
  to?: EmailForwardMailbox | EmailForwardMailbox[] | null;
  cc?: EmailForwardMailbox | EmailForwardMailbox[] | null;
  subject: string | null;
  date?: string | null;
}): ForwardedMessage {
  return {
    from: mailbox(email.from),
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    date: email.date?.trim() || null,
    subject: email.subject?.trim() || null,
    body: (email.body ?? '').replace(/\r\n/g, '\n').trim(),
  };
}

function headersOf(m: ForwardedMessage): Omit<ForwardedMessage, 'body'> {
  return { from: m.from, to: m.to, cc: m.cc, date: m.date, subject: m.subject };
}

function safeRead(body: string, subject?: string): ReturnType<EmailForwardParser['read']> | null {
  try {
    // The body's own header block first: given a subject, the library prefers it to the
    // forwarded "Subject:" line. The subject is needed only to detect some clients' forwards.
    const plain = parser.read(body);
    if (plain.forwarded) return plain;
    const r = subject ? parser.read(body, subject) : plain;
    return r.forwarded ? r : null;
  } catch {
    return null;
  }
}

/** Unquoted lines after the last "> " quoted line of the whole text (bottom posting). */
function trailingAfterQuote(text: string): string {
  const lines = text.split('\n');
  let lastQuoted = -1;
  for (let i = 0; i < lines.length; i++) if (/^\s*>/.test(lines[i] ?? '')) lastQuoted = i;
  return lastQuoted < 0 ? '' : cleanNote(lines.slice(lastQuoted + 1).join('\n'));
}

/** Reads the forward structure of a mail's text (the text/plain part, or HTML rebuilt as text). */
export function readForward(text: string, subject: string): ForwardReading {
  const normalized = text.replace(/\r\n/g, '\n');
  const outer = safeRead(normalized, subject);
  if (!outer) {
    return {
      note: cleanNote(normalized),
      notePlace: 'none',
      forwarded: null,
      depth: 0,
      relayNotes: [],
      chain: [],
    };
  }
  let current = toMessage(outer.email);
  let depth = 1;
  const relayNotes: string[] = [];
  const chain: Omit<ForwardedMessage, 'body'>[] = [headersOf(current)];
  // The library may match the innermost separator first (Gmail's), leaving a relayer's own
  // header block and note (new Outlook's "From:/Date:/To:/Subject:") in what it calls the
  // message: read that apart, so the relayer's note ("It's now Thursday at 10:00") is theirs.
  let message = outer.message ?? '';
  for (let relays = 0; relays < MAX_DEPTH; relays += 1) {
    const relay = safeRead(message, subject);
    if (!relay || !mailbox(relay.email.from)) break;
    const relayed = toMessage(relay.email);
    const relayNote = cleanNote(relayed.body);
    if (relayNote) relayNotes.unshift(relayNote);
    chain.unshift(headersOf(relayed));
    depth += 1;
    message = relay.message ?? '';
  }
  let note = cleanNote(message);
  let notePlace: ForwardReading['notePlace'] = note ? 'above' : 'none';
  while (depth < MAX_DEPTH) {
    const inner = safeRead(current.body, current.subject ?? undefined);
    // A separator alone is no forward: Outlook's underscore line also frames pasted Teams
    // and Zoom join details. A forwarded message names a sender, a date or a subject.
    if (
      !inner ||
      !(mailbox(inner.email.from) || inner.email.date?.trim() || inner.email.subject?.trim())
    )
      break;
    const relay = cleanNote(inner.message ?? '');
    if (relay) relayNotes.push(relay);
    current = toMessage(inner.email);
    chain.push(headersOf(current));
    depth += 1;
  }
  if (!note) {
    const below = noteBelow(current.body);
    const afterQuote = below ? '' : trailingAfterQuote(normalized);
    if (below) {
      note = below.note;
      notePlace = 'below';
      current = { ...current, body: below.body };
    } else if (afterQuote && current.body.endsWith(afterQuote.split('\n').pop() ?? '\u0000')) {
      note = afterQuote;
      notePlace = 'below';
      const at = current.body.lastIndexOf(afterQuote.split('\n')[0] ?? '');
      current = {
        ...current,
        body: (at >= 0 ? current.body.slice(0, at) : current.body).trimEnd(),
      };
    }
  }
  return { note, notePlace, forwarded: current, depth, relayNotes, chain };
}

const FORWARD_PREFIX =
  /^\s*(?:(?:fwd?|fw|tr|wg|rv|enc|doorst|vs|vb|i|r|re|aw|sv|antw)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** A subject without its "Fwd:", "FW:", "Re:" prefixes. */
export function stripSubjectPrefixes(subject: string): string {
  return subject.replace(FORWARD_PREFIX, '').trim();
}

/**
 * What the candidate wrote in the subject besides the forwarded subject: "Sick, need to
 * move this - Fwd: Interview ..." -> "Sick, need to move this". '' when the subject is only
 * the forward's.
 */
export function subjectNote(subject: string, originalSubject: string | null): string {
  if (!originalSubject) return '';
  let rest = subject.trim();
  const at = rest.toLowerCase().lastIndexOf(originalSubject.trim().toLowerCase());
  if (at < 0) return '';
  rest = rest.slice(0, at) + rest.slice(at + originalSubject.trim().length);
  rest = rest
    .replace(/\b(?:fwd?|fw|tr|wg|re|aw)\s*:/gi, ' ')
    .replace(/(?<![\s\-–—:|/])[\s\-–—:|/]+$/g, '') // lookbehind: linear (ReDoS)
    .replace(/^[\s\-–—:|/]+/g, '')
    .replace(/^\((.*)\)$|^\[(.*)\]$/, '$1$2')
    .trim();
  return hasWordsAfter(rest) ? rest : '';
}

/**
 * /[a-z]{2,}.*\s+\S/i without its backtracking (quadratic on a long run of words with no
 * space, ReDoS): the first two letters, then a whitespace after them, then anything not blank.
 */
function hasWordsAfter(rest: string): boolean {
  const at = rest.search(/[a-z]{2}/i);
  if (at < 0) return false;
  const gap = rest.slice(at + 2).search(/\s/);
  return gap >= 0 && /\S/.test(rest.slice(at + 2 + gap));
}
