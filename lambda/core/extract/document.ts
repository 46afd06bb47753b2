/**
 * The shape of a prose text: the candidate's note, the forwarded invite below it, the
 * invite's header block ("From: / Sent: / Subject:") and its paragraphs. Everything here is
 * line-based and linear in the input: no regex runs over more than one line.
 */
import { isNameLine } from './words.js';

/** Texts longer than this are cut: an invite that matters fits in far less. */
export const MAX_TEXT = 100_000;
/** Lines longer than this are cut before any pattern looks at them. */
const MAX_LINE = 1_000;
/** Lines past this are dropped: 100 KB of real mail is about 2,000 lines. */
const MAX_LINES = 5_000;

export interface Line {
  readonly text: string;
  /** True for lines of a forwarded message's header block ("From: …", "Sent: …"). */
  readonly header: boolean;
  /** True for lines of the forwarded invite (or of the whole text when nothing was forwarded). */
  readonly invite: boolean;
}

export interface Paragraph {
  /** The paragraph's lines joined with "\n". */
  readonly text: string;
  readonly invite: boolean;
  /** Index in `Document.lines` of the paragraph's first line. */
  readonly firstLine: number;
}

export interface ForwardHeader {
  readonly fromName: string | null;
  readonly fromEmail: string | null;
  readonly toName: string | null;
  readonly subject: string | null;
}

export interface Document {
  readonly lines: readonly Line[];
  readonly paragraphs: readonly Paragraph[];
  /** True when the text holds a forwarded message below the candidate's note. */
  readonly forwarded: boolean;
  /** The forwarded invite's header block, when there is one. */
  readonly header: ForwardHeader | null;
}

const HEADER_LINE = /^\*{0,2}(From|Sent|Date|To|Cc|Subject|Reply-To)\*{0,2}[ \t]*:\*{0,2}[ \t]*\S/i;
const HEADER_FIELD = /^\*{0,2}(From|To|Subject)\*{0,2}[ \t]*:\*{0,2}[ \t]*(.*)$/i;
/** A reply's quote line: "On Mon, Dec 7, 2026 at 9:47 AM Holly Brandt <holly@x.com> wrote:". */
const WROTE_LINE = /^On[ \t].{1,200}[ \t]wrote:$/;
const SEPARATOR_LINES: readonly RegExp[] = [
  /^-{2,}[ \t]*(?:Forwarded message|Original Message)[ \t]*-{2,}$/i,
  /^Begin forwarded message:?$/i,
  /^_{8,}$/,
  /^-{5,}$/,
  WROTE_LINE,
];

/** Splits a text into lines, the header block of a forward, and paragraphs. */
export function readDocument(input: string): Document {
  const raw = input
    .slice(0, MAX_TEXT)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u202f\u2007]/g, ' ');
  const texts = dropBlankRuns(raw.split('\n', MAX_LINES * 4).map(cleanLine)).slice(0, MAX_LINES);

  const headerRuns = findHeaderRuns(texts);
  const headerSet = new Set<number>();
  for (const run of headerRuns) for (let i = run.start; i < run.end; i += 1) headerSet.add(i);

  const separator = texts.findIndex((t) => t !== '' && SEPARATOR_LINES.some((re) => re.test(t)));
  const firstRun = headerRuns[0]?.start ?? -1;
  const candidates = [separator, firstRun].filter((i) => i >= 0);
  const inviteStart = candidates.length > 0 ? Math.min(...candidates) : 0;
  const forwarded = candidates.length > 0 && inviteStart > 0;

  const lines: Line[] = texts.map((text, i) => ({
    text,
    header: headerSet.has(i),
    invite: !forwarded || i >= inviteStart,
  }));

  const run = headerRuns.find((r) => r.start >= inviteStart) ?? headerRuns[0];
  const wrote = texts.findIndex((t) => WROTE_LINE.test(t));
  const header = run
    ? parseHeader(texts.slice(run.start, run.end))
    : wrote >= 0
      ? parseWroteLine(texts[wrote] ?? '')
      : null;

  return { lines, paragraphs: toParagraphs(lines), forwarded, header };
}

/** Keeps one blank line of each run: paragraphs only need to know where one ends. */
function dropBlankRuns(lines: readonly string[]): string[] {
  return lines.filter((line, i) => line !== '' || i === 0 || lines[i - 1] !== '');
}

/** Cuts a line to MAX_LINE, drops "> " quote marks and outer spaces. */
function cleanLine(line: string): string {
  if (line === '') return line;
  const cut = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  return (cut.startsWith('>') ? cut.replace(/^(?:>[ \t]?)+/, '') : cut).trim();
}

interface Run {
  readonly start: number;
  readonly end: number;
}

/** Runs of two or more header lines that include a "From:" line: a forward's header block. */
function findHeaderRuns(texts: readonly string[]): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < texts.length) {
    if (!HEADER_LINE.test(texts[i] ?? '')) {
      i += 1;
      continue;
    }
    let end = i;
    let hasFrom = false;
    while (end < texts.length && HEADER_LINE.test(texts[end] ?? '')) {
      if (/^\*{0,2}From\b/i.test(texts[end] ?? '')) hasFrom = true;
      end += 1;
    }
    if (hasFrom && end - i >= 2) runs.push({ start: i, end });
    i = end;
  }
  return runs;
}

function parseHeader(block: readonly string[]): ForwardHeader {
  const fields = new Map<string, string>();
  // A header block has a handful of lines; a long run of "From:" lines is not worth reading.
  for (const line of block.slice(0, 12)) {
    const m = HEADER_FIELD.exec(line);
    const key = m?.[1]?.toLowerCase();
    if (key && m?.[2] && !fields.has(key)) fields.set(key, m[2].replace(/\*+/g, '').trim());
  }
  const from = fields.get('from') ?? null;
  const to = fields.get('to') ?? null;
  const { name: fromName, email: fromEmail } = splitAddress(from);
  return {
    fromName,
    fromEmail,
    toName: splitAddress(to).name,
    subject: fields.get('subject') ?? null,
  };
}

/** The quoted writer of an "On …, NAME <EMAIL> wrote:" line: the address, and the name if it reads as one. */
function parseWroteLine(line: string): ForwardHeader | null {
  const m = /<([^<>\s@]{1,64}@[^<>\s]{1,255})>[ \t]*wrote:$/.exec(line);
  if (!m?.[1]) return null;
  const before = line.slice(0, m.index).replace(/["“”]/g, ' ').trim();
  const words = before.split(/\s+/).slice(-4);
  let fromName: string | null = null;
  for (let take = words.length; take >= 2 && fromName === null; take -= 1) {
    const candidate = words
      .slice(words.length - take)
      .join(' ')
      .replace(/^,/, '')
      .trim();
    if (isNameLine(candidate)) fromName = candidate;
  }
  return { fromName, fromEmail: m[1], toName: null, subject: null };
}

/** "Erik Lindqvist <erik@x.com>" -> name and address; either may be null. */
export function splitAddress(value: string | null): { name: string | null; email: string | null } {
  if (!value) return { name: null, email: null };
  const angle = /^([^<[]{0,200}?)[<[](?:mailto:)?([^<>[\]\s@]{1,64}@[^<>[\]\s]{1,255})[>\]<]/.exec(
    value,
  );
  if (angle) {
    const name = (angle[1] ?? '').replace(/^["']|["']$/g, '').trim();
    return { name: name === '' ? null : name, email: angle[2] ?? null };
  }
  const bare = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/.exec(value.trim());
  if (bare) return { name: null, email: bare[0] };
  return { name: value.replace(/^["']|["']$/g, '').trim() || null, email: null };
}

function toParagraphs(lines: readonly Line[]): Paragraph[] {
  const out: Paragraph[] = [];
  let buffer: string[] = [];
  let first = -1;
  let invite = false;
  const flush = (): void => {
    if (buffer.length > 0) out.push({ text: buffer.join('\n'), invite, firstLine: first });
    buffer = [];
    first = -1;
  };
  lines.forEach((line, i) => {
    if (line.header || line.text === '' || SEPARATOR_LINES.some((re) => re.test(line.text))) {
      flush();
      return;
    }
    if (buffer.length > 0 && line.invite !== invite) flush();
    if (buffer.length === 0) {
      first = i;
      invite = line.invite;
    }
    buffer.push(line.text);
  });
  flush();
  return out;
}
