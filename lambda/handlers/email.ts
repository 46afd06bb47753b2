/**
 * The SES inbound Lambda: the receipt rule stored the raw mail in S3, then invoked this
 * function asynchronously with the SES event. Verdicts, allowlist, parsing and replies live
 * in lambda/channels/email; retryable failures are rethrown so Lambda retries the async
 * invocation (and, past its retries, sends it to the function's DLQ).
 */
import '../v8-flags.js';
import type { Context } from 'aws-lambda';
import { handleSesEvent } from '../channels/email/inbound.js';
import { emailDepsFrom, loadEmailConfig } from '../channels/email/runtime.js';
import { isRetryable } from '../core/errors.js';
import { createLogger } from '../logger.js';

const logger = createLogger({ serviceName: 'email' });
const deps = emailDepsFrom(loadEmailConfig(), logger);

export async function handler(event: unknown, context?: Context): Promise<string[]> {
  if (context) logger.addContext(context);
  try {
    const outcomes = await handleSesEvent(deps, event);
    return outcomes.map((o) => o.kind);
  } catch (error) {
    const retryable = isRetryable(error);
    logger.error('email failed', {
      retryable,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    if (retryable) throw error;
    return ['failed'];
  }
}
