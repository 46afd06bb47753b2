/**
 * Who may get replies, and how often. This service must never be a spam relay or a
 * backscatter source: only senders on the allowlist get answers, an opted-out contact
 * gets nothing, and each sender has a budget per window.
 */

/** What the app enforces before it plans anything. Built once from config. */
export interface Policy {
  /**
   * Exact addresses (`ana@example.com`), whole domains (`@example.com`), E.164 numbers
   * (`+15551234567`), or `*` for anyone (local development only).
   */
  readonly allowlist: readonly string[];
  /** Requests per sender per window; past it the request is rejected `rate_limited`. */
  readonly rateLimit: { readonly limit: number; readonly windowSeconds: number };
}

/** 10 an hour: a candidate rescheduling one interview writes a handful of times at most. */
export const DEFAULT_RATE_LIMIT = { limit: 10, windowSeconds: 60 * 60 } as const;

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^@[^\s@]+\.[^\s@]+$/;

/**
 * The canonical form a contact is stored and compared under: email addresses lower-cased,
 * phone numbers as E.164 without separators. Anything else is returned trimmed.
 */
export function normalizeContact(contact: string): string {
  const trimmed = contact.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  const compact = trimmed.replace(/[\s().-]/g, '');
  return E164.test(compact) ? compact : trimmed;
}

/** Reads an allowlist entry; returns an error message when it is none of the four forms. */
export function checkAllowlistEntry(entry: string): string | null {
  if (entry === '*') return null;
  const normalized = normalizeContact(entry);
  if (DOMAIN.test(normalized) || EMAIL.test(normalized) || E164.test(normalized)) return null;
  return `"${entry}" is not an email address, an @domain, an E.164 number or *`;
}

/**
 * Splits a comma-, semicolon- or newline-separated allowlist into its normalized entries
 * (spaces inside an entry are kept: "+1 555 123 0000" is one number).
 */
export function parseAllowlist(value: string): string[] {
  return value
    .split(/[,;\n]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => (entry === '*' ? entry : normalizeContact(entry)));
}

/** True when `sender` matches an entry: exactly, by its domain, or through `*`. */
export function isAllowed(allowlist: readonly string[], sender: string): boolean {
  const contact = normalizeContact(sender);
  const at = contact.lastIndexOf('@');
  const domain = at > 0 ? contact.slice(at) : null;
  return allowlist.some((raw) => {
    const entry = raw === '*' ? raw : normalizeContact(raw);
    return entry === '*' || entry === contact || (domain !== null && entry === domain);
  });
}
