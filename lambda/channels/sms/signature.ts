/**
 * Twilio webhook authenticity: `X-Twilio-Signature` is an HMAC-SHA1 (auth token) over the
 * URL Twilio called plus the sorted form parameters. We check it with Twilio's own
 * validator, loaded by deep import (the package root costs ~160 ms and 3.6 MB; this ~15 ms),
 * over the PUBLIC URL: behind API Gateway or a proxy the Lambda sees another host and
 * scheme than the one Twilio signed.
 */
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';

/** Header lookup that ignores case (API Gateway lower-cases, Node keeps both). */
export function headerValue(
  headers: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** The first value of a comma-separated forwarded header (`X-Forwarded-Proto: https, http`). */
function firstForwarded(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first ? first : undefined;
}

/**
 * The URL Twilio called. A configured `publicUrl` (the exact webhook URL set in the Twilio
 * console, query included) wins; otherwise it is rebuilt from `X-Forwarded-Proto`,
 * `X-Forwarded-Host` (or `Host`), a non-default `X-Forwarded-Port`, and the path and query
 * exactly as received (re-encoding them would change what was signed).
 * Returns null when there is no host to rebuild from.
 */
export function publicUrlOf(request: {
  readonly publicUrl?: string | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly pathAndQuery: string;
}): string | null {
  if (request.publicUrl) return request.publicUrl;
  const proto = (
    firstForwarded(headerValue(request.headers, 'x-forwarded-proto')) ?? 'https'
  ).toLowerCase();
  const host =
    firstForwarded(headerValue(request.headers, 'x-forwarded-host')) ??
    headerValue(request.headers, 'host')?.trim();
  if (!host) return null;
  const port = firstForwarded(headerValue(request.headers, 'x-forwarded-port'));
  const defaultPort = proto === 'https' ? '443' : '80';
  const hostWithPort =
    port && port !== defaultPort && !/:\d+$/.test(host) ? `${host}:${port}` : host;
  const path = request.pathAndQuery.startsWith('/')
    ? request.pathAndQuery
    : `/${request.pathAndQuery}`;
  return `${proto}://${hostWithPort}${path}`;
}

/** Form parameters as Twilio signs them: a repeated key becomes an array. */
export type TwilioParams = Record<string, string | string[]>;

/** Decodes an `application/x-www-form-urlencoded` body into Twilio's parameter map. */
export function formParams(rawBody: string): TwilioParams {
  const out: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[key] = [seen, value];
  }
  return out;
}

/**
 * True when `signature` is Twilio's signature of `url` + `params` under `authToken`.
 * A missing signature or empty token is never valid.
 */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: TwilioParams,
): boolean {
  if (!authToken || !signature) return false;
  try {
    return validateRequest(authToken, signature, url, params);
  } catch {
    // validateRequest parses the URL with `new URL()`: a malformed URL is simply not valid.
    return false;
  }
}
