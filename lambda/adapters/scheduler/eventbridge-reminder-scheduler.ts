/**
 * `ReminderScheduler` on EventBridge Scheduler: one one-time `at()` schedule per reminder,
 * in a dedicated group, targeting the reminder Lambda with `{"reminderId": "..."}`. The
 * schedule deletes itself after it fires. Creating a schedule that exists is a no-op
 * (idempotent: a retried request schedules once); cancelling one that is gone is too.
 */
import { createHash } from 'node:crypto';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DateTime } from 'luxon';
import type { ReminderRecord, ReminderScheduler } from '../../app/ports.js';
import { DeliveryError, awsErrorCode, isTransientAwsError } from '../delivery-error.js';

export interface EventBridgeReminderSchedulerOptions {
  /** Built once per Lambda at module scope. */
  readonly client: SchedulerClient;
  /** The schedule group (SCHEDULE_GROUP): IAM scopes create/delete to it. */
  readonly groupName: string;
  /** The role Scheduler assumes to invoke the target (SCHEDULER_ROLE_ARN). */
  readonly roleArn: string;
  /** The reminder Lambda (REMINDER_FUNCTION_ARN). */
  readonly targetArn: string;
  /** The SQS queue for invocations that failed every retry (REMINDER_DLQ_ARN). */
  readonly deadLetterArn: string;
  /** The adapter's clock, only to move a time already past to just ahead. @default the system clock */
  readonly now?: () => Date;
}

/**
 * Scheduler's retry budget for one reminder invocation. Scheduler retries with exponential
 * backoff and jitter while both hold: 10 attempts outlast a throttled or briefly failing
 * SES / Twilio (minutes), and one hour is the most a reminder may be late: a prep reminder
 * fires a few hours before the interview and must not arrive after it. Past either limit
 * the event goes to the DLQ, where an operator sees it.
 */
export const REMINDER_RETRY_POLICY = {
  MaximumRetryAttempts: 10,
  MaximumEventAgeInSeconds: 3600,
} as const;

/**
 * A reminder whose time passed while the request was handled (or retried) is not dropped:
 * its `at()` moves to this long after now, so it still fires, once. A minute leaves room
 * for Scheduler's 60-second precision.
 */
const PAST_DUE_DELAY_SECONDS = 60;

const NAME_LIMIT = 64;
const HASH_LENGTH = 16;

/**
 * A schedule name for a reminder id: the id itself when it is already valid
 * ([0-9a-zA-Z-_.], at most 64 chars), otherwise a readable sanitised prefix and a hash
 * of the whole id, so two ids never share a name.
 */
export function scheduleNameFor(reminderId: string): string {
  if (/^[0-9A-Za-z_.-]{1,64}$/.test(reminderId)) return reminderId;
  const hash = createHash('sha256').update(reminderId).digest('hex').slice(0, HASH_LENGTH);
  const prefix = reminderId
    .replace(/[^0-9A-Za-z_.-]+/g, '_')
    .slice(0, NAME_LIMIT - HASH_LENGTH - 1);
  return `${prefix}-${hash}`;
}

/** The zone the expression is written in: the candidate's when valid, else UTC. */
function zoneFor(reminder: ReminderRecord): string {
  const zone = reminder.timezone;
  if (zone && DateTime.now().setZone(zone).isValid) return zone;
  return 'UTC';
}

export class EventBridgeReminderScheduler implements ReminderScheduler {
  private readonly options: EventBridgeReminderSchedulerOptions;
  private readonly now: () => Date;

  constructor(options: EventBridgeReminderSchedulerOptions) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  /** The `at(...)` expression for `reminder`, in `zone`, never in the past. */
  expressionFor(reminder: ReminderRecord, zone: string): string {
    const at = DateTime.fromISO(reminder.at, { setZone: true });
    if (!at.isValid)
      throw new DeliveryError('scheduler', 'reminder time is not ISO-8601', { retryable: false });
    const earliest = DateTime.fromJSDate(this.now()).plus({ seconds: PAST_DUE_DELAY_SECONDS });
    const when = at < earliest ? earliest : at;
    return `at(${when.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss")})`;
  }

  async schedule(reminder: ReminderRecord): Promise<void> {
    const zone = zoneFor(reminder);
    const name = scheduleNameFor(reminder.id);
    const command = new CreateScheduleCommand({
      Name: name,
      GroupName: this.options.groupName,
      ScheduleExpression: this.expressionFor(reminder, zone),
      ScheduleExpressionTimezone: zone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      // Kind only: the description is visible in the console and holds no contact details.
      Description: `interview-reschedule ${reminder.kind} reminder`,
      // Same reminder, same token: a retried CreateSchedule is deduplicated by Scheduler too.
      ClientToken: createHash('sha256').update(reminder.id).digest('hex').slice(0, 64),
      Target: {
        Arn: this.options.targetArn,
        RoleArn: this.options.roleArn,
        Input: JSON.stringify({ reminderId: reminder.id }),
        RetryPolicy: { ...REMINDER_RETRY_POLICY },
        DeadLetterConfig: { Arn: this.options.deadLetterArn },
      },
    });
    try {
      await this.options.client.send(command);
    } catch (error) {
      if (error instanceof ConflictException) return;
      throw this.translate('CreateSchedule', error);
    }
  }

  async cancel(reminderId: string): Promise<void> {
    try {
      await this.options.client.send(
        new DeleteScheduleCommand({
          Name: scheduleNameFor(reminderId),
          GroupName: this.options.groupName,
        }),
      );
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return;
      throw this.translate('DeleteSchedule', error);
    }
  }

  private translate(operation: string, error: unknown): DeliveryError {
    const code = awsErrorCode(error);
    return new DeliveryError('scheduler', `Scheduler ${operation} failed (${code ?? 'network'})`, {
      cause: error,
      retryable: isTransientAwsError(error),
      providerCode: code,
    });
  }
}
