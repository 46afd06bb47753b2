/**
 * The reminder Lambda: EventBridge Scheduler invokes it with `{"reminderId"}` at the
 * reminder's time, and it runs the app's `fireReminder` (at most one message, ever).
 * Retryable failures are rethrown so the invocation is retried and, past the retry budget,
 * lands in the reminders DLQ; anything else is logged, since retrying cannot help.
 */
import '../v8-flags.js';
import type { Context } from 'aws-lambda';
import { lazyMailer, lazyTexter } from '../adapters/lazy.js';
import { DynamoStore } from '../adapters/dynamodb/index.js';
import { systemClock } from '../adapters/memory/fixed-clock.js';
import { fireReminder, type FireDeps, type FireOutcome } from '../app/follow-up.js';
import { loadReminderConfig, policyFrom } from '../config.js';
import { isRetryable } from '../core/errors.js';
import { toIssues } from '../core/schema.js';
import * as z from '../core/zod.js';
import { renderReminder } from '../core/reminders.js';
import { createLogger } from '../logger.js';
import { loadTemplates } from '../templates.js';

const ReminderEventSchema = z.object({
  reminderId: z.string().check(z.minLength(1), z.maxLength(512)),
});

const config = loadReminderConfig();
const logger = createLogger({ serviceName: 'reminder' });
// A reminder goes out by email or by SMS: only that channel's client is loaded, on first use.
const delivery = () => import('../adapters/aws-delivery.js');
// Firing a reminder renders it and sends it: no classifier, extractor or scheduler loads.
const deps: FireDeps = {
  store: new DynamoStore({ tableName: config.TABLE_NAME }),
  mailer: lazyMailer(async () => (await delivery()).mailerFrom(config)),
  texter: lazyTexter(async () => (await delivery()).texterFrom(config)),
  clock: systemClock,
  templates: loadTemplates(),
  policy: policyFrom(config),
  logger,
  core: { renderReminder },
};

export async function handler(
  event: unknown,
  context?: Context,
): Promise<FireOutcome['kind'] | 'rejected'> {
  if (context) logger.addContext(context);
  const parsed = ReminderEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('reminder event rejected', { issues: toIssues(parsed.error) });
    return 'rejected';
  }
  try {
    return (await fireReminder(deps, parsed.data.reminderId)).kind;
  } catch (error) {
    const retryable = isRetryable(error);
    logger.error('reminder failed', {
      reminderId: parsed.data.reminderId,
      retryable,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    if (retryable) throw error;
    return 'failed';
  }
}
