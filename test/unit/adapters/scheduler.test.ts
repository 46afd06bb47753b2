import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderRecord } from '../../../lambda/app/ports.js';
import { DeliveryError } from '../../../lambda/adapters/delivery-error.js';
import {
  EventBridgeReminderScheduler,
  REMINDER_RETRY_POLICY,
  scheduleNameFor,
} from '../../../lambda/adapters/scheduler/eventbridge-reminder-scheduler.js';

const NOW = new Date('2026-03-06T15:00:00Z');
const OPTIONS = {
  groupName: 'reschedule-reminders',
  roleArn: 'arn:aws:iam::123456789012:role/SchedulerInvokeReminder',
  targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:Reminder',
  deadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:ReminderDlq',
};

const reminder = (overrides: Partial<ReminderRecord> = {}): ReminderRecord => ({
  id: 'conv-7f3a:thank_you',
  conversationId: 'conv-7f3a',
  kind: 'thank_you',
  at: '2026-03-10T14:30:00Z',
  channel: 'email',
  to: 'candidate@example.org',
  status: 'pending',
  ...overrides,
});

const sdk = mockClient(SchedulerClient);
let scheduler: EventBridgeReminderScheduler;

beforeEach(() => {
  sdk.reset();
  scheduler = new EventBridgeReminderScheduler({
    client: new SchedulerClient({}),
    ...OPTIONS,
    now: () => NOW,
  });
});
afterEach(() => {
  sdk.reset();
});

const metadata = { httpStatusCode: 400 };

describe('EventBridgeReminderScheduler.schedule', () => {
  it('retries for at most an hour, ten attempts', () => {
    expect(REMINDER_RETRY_POLICY).toEqual({
      MaximumRetryAttempts: 10,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('creates a one-time, self-deleting schedule targeting the reminder Lambda', async () => {
    sdk.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:::schedule/x' });

    await scheduler.schedule(reminder());

    const calls = sdk.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      Name: scheduleNameFor('conv-7f3a:thank_you'),
      GroupName: 'reschedule-reminders',
      ScheduleExpression: 'at(2026-03-10T14:30:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Description: 'interview-reschedule thank_you reminder',
      ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      Target: {
        Arn: OPTIONS.targetArn,
        RoleArn: OPTIONS.roleArn,
        Input: '{"reminderId":"conv-7f3a:thank_you"}',
        RetryPolicy: { ...REMINDER_RETRY_POLICY },
        DeadLetterConfig: { Arn: OPTIONS.deadLetterArn },
      },
    });
  });

  it('writes the time in the candidate’s zone when the reminder has one', async () => {
    sdk.on(CreateScheduleCommand).resolves({});

    await scheduler.schedule(
      reminder({ at: '2026-03-10T14:30:00Z', timezone: 'America/New_York' }),
    );

    const input = sdk.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input?.ScheduleExpression).toBe('at(2026-03-10T10:30:00)');
    expect(input?.ScheduleExpressionTimezone).toBe('America/New_York');
  });

  it('falls back to UTC for an unknown zone', async () => {
    sdk.on(CreateScheduleCommand).resolves({});

    await scheduler.schedule(
      reminder({ at: '2026-03-10T09:30:00-05:00', timezone: 'Mars/Olympus_Mons' }),
    );

    const input = sdk.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input?.ScheduleExpression).toBe('at(2026-03-10T14:30:00)');
    expect(input?.ScheduleExpressionTimezone).toBe('UTC');
  });

  it('moves a time already past to one minute after now', async () => {
    sdk.on(CreateScheduleCommand).resolves({});

    await scheduler.schedule(reminder({ at: '2026-03-06T14:00:00Z' }));

    expect(sdk.commandCalls(CreateScheduleCommand)[0]?.args[0].input.ScheduleExpression).toBe(
      'at(2026-03-06T15:01:00)',
    );
  });

  it('uses the same name and client token for the same reminder', async () => {
    sdk.on(CreateScheduleCommand).resolves({});

    await scheduler.schedule(reminder());
    await scheduler.schedule(reminder());

    const [a, b] = sdk.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(a?.Name).toBe(b?.Name);
    expect(a?.ClientToken).toBe(b?.ClientToken);
  });

  it('treats ConflictException (already scheduled) as success', async () => {
    sdk
      .on(CreateScheduleCommand)
      .rejects(
        new ConflictException({ message: 'exists', Message: 'exists', $metadata: metadata }),
      );

    await expect(scheduler.schedule(reminder())).resolves.toBeUndefined();
  });

  it('maps throttling to a retryable DeliveryError', async () => {
    sdk.on(CreateScheduleCommand).rejects(
      new ThrottlingException({
        message: 'Rate exceeded',
        Message: 'Rate exceeded',
        $metadata: metadata,
      }),
    );

    const error: unknown = await scheduler.schedule(reminder()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({
      retryable: true,
      provider: 'scheduler',
      providerCode: 'ThrottlingException',
    });
  });

  it('maps a validation error to a non-retryable DeliveryError', async () => {
    sdk
      .on(CreateScheduleCommand)
      .rejects(new ValidationException({ message: 'bad', Message: 'bad', $metadata: metadata }));

    const error: unknown = await scheduler.schedule(reminder()).catch((e: unknown) => e);

    expect(error).toMatchObject({ retryable: false, providerCode: 'ValidationException' });
  });

  it('rejects a reminder whose time is not ISO-8601 without calling Scheduler', async () => {
    const error: unknown = await scheduler
      .schedule(reminder({ at: 'next Tuesday' }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ retryable: false, provider: 'scheduler' });
    expect(sdk.commandCalls(CreateScheduleCommand)).toHaveLength(0);
  });
});

describe('EventBridgeReminderScheduler.cancel', () => {
  it('deletes the schedule named after the reminder in the group', async () => {
    sdk.on(DeleteScheduleCommand).resolves({});

    await scheduler.cancel('conv-7f3a:prep');

    expect(sdk.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: scheduleNameFor('conv-7f3a:prep'), GroupName: 'reschedule-reminders' },
    ]);
  });

  it('ignores a schedule that is already gone', async () => {
    sdk.on(DeleteScheduleCommand).rejects(
      new ResourceNotFoundException({
        message: 'gone',
        Message: 'gone',
        $metadata: { httpStatusCode: 404 },
      }),
    );

    await expect(scheduler.cancel('conv-7f3a:prep')).resolves.toBeUndefined();
  });

  it('maps a 5xx on delete to a retryable DeliveryError', async () => {
    const error = Object.assign(new Error('boom'), {
      name: 'InternalServerException',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
    sdk.on(DeleteScheduleCommand).rejects(error);

    await expect(scheduler.cancel('conv-7f3a:prep')).rejects.toMatchObject({ retryable: true });
  });
});

describe('scheduleNameFor', () => {
  it('keeps an id that is already a valid name', () => {
    expect(scheduleNameFor('conv-7f3a.thank_you')).toBe('conv-7f3a.thank_you');
  });

  it('sanitises other characters and appends a hash of the whole id', () => {
    const name = scheduleNameFor('conv-7f3a:thank_you');

    expect(name).toMatch(/^conv-7f3a_thank_you-[0-9a-f]{16}$/);
  });

  it('keeps names within 64 characters of [0-9a-zA-Z-_.] for long ids', () => {
    const id = `${'x'.repeat(80)}:prep:2`;

    const name = scheduleNameFor(id);

    expect(name).toHaveLength(64);
    expect(name).toMatch(/^[0-9A-Za-z_.-]+$/);
  });

  it('gives different ids different names even when they sanitise alike', () => {
    expect(scheduleNameFor('a:b')).not.toBe(scheduleNameFor('a/b'));
    expect(scheduleNameFor(`${'y'.repeat(70)}1`)).not.toBe(scheduleNameFor(`${'y'.repeat(70)}2`));
  });
});
