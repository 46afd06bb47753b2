/**
 * The webhook's request signature: `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">`, keyed with the webhook secret (the Stripe scheme). Signing the
 * timestamp with the body makes a captured request useless after the tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How far the signed time may be from ours, either way: 5 minutes covers client clock skew
 * and a slow retry, and bounds how long a captured request could be replayed (the
 * idempotency key bounds what a replay could do inside that window).
 */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureCheck =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** The `v1` value for `body` signed at `timestamp` (clients and tests sign with this). */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** A complete `X-Signature` header value. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (!/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return null;
      signatures.push(value.toLowerCase());
    }
    // Other schemes (v0, future vN) are ignored, as Stripe's clients do.
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks `header` against the raw `body` with any of `secrets` (more than one while a
 * secret is being rotated). Compares in constant time on equal-length buffers.
 */
export function verifySignature(
  header: string | undefined,
  body: string,
  secrets: readonly string[],
  now: Date,
  toleranceSeconds: number = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  const parsed = parseHeader(header);
  if (parsed === null) return { ok: false, reason: 'malformed' };
  if (Math.abs(Math.floor(now.getTime() / 1000) - parsed.timestamp) > toleranceSeconds) {
    return { ok: false, reason: 'stale' };
  }
  for (const secret of secrets) {
    const expected = Buffer.from(signPayload(secret, parsed.timestamp, body), 'hex');
    for (const signature of parsed.signatures) {
      const given = Buffer.from(signature, 'hex');
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        return { ok: true, timestamp: parsed.timestamp };
      }
    }
  }
  return { ok: false, reason: 'mismatch' };
}
