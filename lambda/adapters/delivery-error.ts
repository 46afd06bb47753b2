/**
 * Failures of the outside world while delivering a message (SES, Twilio) or scheduling a
 * reminder (EventBridge Scheduler), translated from SDK errors into the project's
 * hierarchy. `retryable` decides whether a handler rethrows so that Lambda / Scheduler
 * retry; the SDK error is kept as `cause` and never echoed to a caller.
 */
import { AppError } from '../core/errors.js';

/** Which outside service failed: logs and metrics carry it, never the message. */
export type DeliveryProvider = 'ses' | 'twilio' | 'scheduler';

export class DeliveryError extends AppError {
  readonly provider: DeliveryProvider;
  /** The provider's own error code (`Throttling`, `MessageRejected`, `21211`), when it gave one. */
  readonly providerCode: string | null;

  constructor(
    provider: DeliveryProvider,
    message: string,
    options: { cause?: unknown; retryable: boolean; providerCode?: string | null },
  ) {
    super('DELIVERY', message, { cause: options.cause, retryable: options.retryable });
    this.provider = provider;
    this.providerCode = options.providerCode ?? null;
  }
}

export const isDeliveryError = (e: unknown): e is DeliveryError => e instanceof DeliveryError;

/** AWS error names that mean "slow down", whatever the HTTP status says. */
const THROTTLING_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
]);

interface AwsErrorShape {
  readonly name?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/**
 * True when an AWS SDK error is worth retrying later: throttling, a 5xx / server fault, or
 * no HTTP answer at all (connection refused, reset, timeout). A 4xx with a named error
 * (`MessageRejected`, `ValidationException`) is the request's fault and is not.
 */
export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const e = error as AwsErrorShape;
  if (typeof e.name === 'string' && THROTTLING_NAMES.has(e.name)) return true;
  if (e.$fault === 'server') return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status !== 'number') return true;
  return status === 429 || status >= 500;
}

/** The AWS error's name (its error code), or null for a network failure. */
export function awsErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as AwsErrorShape & { readonly code?: unknown };
  if (e.$metadata !== undefined && typeof e.name === 'string') return e.name;
  return typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : null;
}
