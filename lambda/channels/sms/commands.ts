/**
 * The SMS commands. A message is a command when its whole text (trimmed, case-insensitive,
 * trailing punctuation ignored) is one; anything else is conversation text.
 *
 * Opt-out keywords follow Twilio's defaults (STOP, STOPALL, STOP ALL, UNSUBSCRIBE, CANCEL,
 * END, QUIT, OPTOUT, REVOKE): Twilio and the carriers opt a number out on these before our
 * webhook sees them and block anything we send afterwards, so our record must agree.
 * That is why a bare `CANCEL` is an opt-out here too (it also drops pending reminders), and
 * dropping reminders while staying subscribed is `CANCEL REMINDERS` (two words: not an
 * opt-out keyword for Twilio).
 */
export type SmsCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'stop'; readonly keyword: string }
  | { readonly kind: 'start'; readonly keyword: string }
  /** The rescheduled time as the candidate wrote it ("Thu 2pm"); empty when none was given. */
  | { readonly kind: 'new'; readonly when: string }
  | { readonly kind: 'cancel-reminders' }
  | { readonly kind: 'email' }
  | { readonly kind: 'text'; readonly text: string };

/** Twilio's default opt-out keywords (Advanced Opt-Out off or on). */
export const OPT_OUT_KEYWORDS: readonly string[] = [
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REVOKE',
];
/** Twilio's default opt-in keywords. `YES` only counts while the number is opted out. */
export const OPT_IN_KEYWORDS: readonly string[] = ['START', 'UNSTOP', 'YES'];
export const HELP_KEYWORDS: readonly string[] = ['HELP', 'INFO'];

function normalise(text: string): string {
  return text
    .trim()
    .replace(/(?<![.!?\s])[.!?\s]+$/u, '') // lookbehind: linear (ReDoS)
    .replace(/\s+/gu, ' ')
    .toUpperCase();
}

/** Reads what an inbound text asks for. */
export function parseCommand(text: string): SmsCommand {
  const word = normalise(text);
  if (HELP_KEYWORDS.includes(word)) return { kind: 'help' };
  if (OPT_OUT_KEYWORDS.includes(word)) return { kind: 'stop', keyword: word };
  if (OPT_IN_KEYWORDS.includes(word)) return { kind: 'start', keyword: word };
  if (word === 'EMAIL') return { kind: 'email' };
  if (/^CANCEL REMINDERS?$/u.test(word)) return { kind: 'cancel-reminders' };
  const newTime = /^NEW\b[\s:,-]*(.*)$/isu.exec(text.trim());
  if (newTime) return { kind: 'new', when: (newTime[1] ?? '').trim() };
  return { kind: 'text', text: text.trim() };
}
