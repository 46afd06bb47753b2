/**
 * The reminder Lambda: EventBridge Scheduler invokes it with `{"reminderId"}` at the
 * reminder's time, and it runs the app's `fireReminder` (at most one message, ever).
 * Retryable failures are rethrown so the invocation is retried and, past the retry budget,
 * lands in the reminders DLQ; anything else is logged, since retrying cannot help.
 */
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { mailerFrom, schedulerFrom, texterFrom } from '../adapters/aws-delivery.js';
import { DynamoStore } from '../adapters/dynamodb/index.js';
import { systemClock } from '../adapters/memory/fixed-clock.js';
import { fireReminder, type Deps, type FireOutcome } from '../app/index.js';
import { loadReminderConfig, policyFrom } from '../config.js';
import { isRetryable, plan, planNewTime, renderReminder, toIssues } from '../core/index.js';
import { createLogger } from '../logger.js';
import { loadTemplates } from '../templates.js';

const ReminderEventSchema = z.object({ reminderId: z.string().min(1).max(512) });

const config = loadReminderConfig();
const logger = createLogger({ serviceName: 'reminder' });
const deps: Deps = {
  store: new DynamoStore({ tableName: config.TABLE_NAME }),
  mailer: mailerFrom(config),
  texter: texterFrom(config),
  scheduler: schedulerFrom({}), // fires reminders, never schedules: refuses if asked
  clock: systemClock,
  templates: loadTemplates(),
  policy: policyFrom(config),
  logger,
  core: { plan, renderReminder, planNewTime },
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
