// STUB: replaced by the extractor work. Signatures are the contract.
export interface ExtractContext {
  /** ISO-8601 instant the text was written at: relative times ("tmrw") are read against it. */
  readonly now: string;
  /** IANA zone to read bare clock times in (the candidate's), when the text names none. */
  readonly timezone?: string | undefined;
}

export interface Extracted {
  readonly company: string | null;
  readonly role: string | null;
  readonly interviewer: { readonly name: string | null; readonly email: string | null; readonly phone: string | null };
  /** ISO-8601 with the offset in force in `timezone`, or null. */
  readonly start: string | null;
  /** IANA zone, or null. */
  readonly timezone: string | null;
}

/** Reads interview details from prose; `null` where unknown, never a guess. */
export function extract(_text: string, _context: ExtractContext): Extracted {
  return { company: null, role: null, interviewer: { name: null, email: null, phone: null }, start: null, timezone: null };
}

/** Reads one time expression ("tmrw 10am", "Thu 2:30pm ET"); null when there is none. */
export function parseWhen(_text: string, _context: ExtractContext): { start: string; timezone: string } | null {
  return null;
}
