import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadReminderConfig,
  loadWebhookConfig,
  policyFrom,
} from '../../../lambda/config.js';

const complete = {
  TABLE_NAME: 'reschedule',
  SENDER_ALLOWLIST: 'ana@example.com, @corp.test, +1 555 123 0000',
  FROM_ADDRESS: 'assistant@reschedule.example',
  SCHEDULE_GROUP: 'reminders',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:reminder',
  REMINDER_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:dlq',
  WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webhook',
};

function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('reads a complete webhook environment, with defaults and a normalized allowlist', () => {
    const config = loadWebhookConfig(complete);

    expect(config.SENDER_ALLOWLIST).toEqual(['ana@example.com', '@corp.test', '+15551230000']);
    expect(config.RATE_LIMIT_PER_HOUR).toBe(10);
    expect(config.TWILIO_SECRET_ARN).toBeUndefined();
    expect(policyFrom(config)).toEqual({
      allowlist: ['ana@example.com', '@corp.test', '+15551230000'],
      rateLimit: { limit: 10, windowSeconds: 3600 },
    });
  });

  it('fails at once naming every missing or invalid key', () => {
    const error = configError(() =>
      loadWebhookConfig({
        SENDER_ALLOWLIST: 'ana@example.com, example.com',
        RATE_LIMIT_PER_HOUR: 'lots',
        FROM_ADDRESS: 'not-an-address',
        SCHEDULER_ROLE_ARN: 'scheduler-role',
        TWILIO_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:twilio',
      }),
    );

    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'FROM_ADDRESS',
      'RATE_LIMIT_PER_HOUR',
      'REMINDER_DLQ_ARN',
      'REMINDER_FUNCTION_ARN',
      'SCHEDULER_ROLE_ARN',
      'SCHEDULE_GROUP',
      'SENDER_ALLOWLIST',
      'TABLE_NAME',
      'TWILIO_FROM',
      'WEBHOOK_SECRET_ARN',
    ]);
    expect(error.message).toContain('"example.com" is not an email address');
    expect(error.code).toBe('CONFIG');
  });

  it('accepts WEBHOOK_SECRET for local runs, but not a short one', () => {
    const { WEBHOOK_SECRET_ARN: _arn, ...local } = complete;

    expect(
      loadWebhookConfig({ ...local, WEBHOOK_SECRET: 'a-long-enough-secret' }).WEBHOOK_SECRET,
    ).toBe('a-long-enough-secret');
    expect(
      configError(() => loadWebhookConfig({ ...local, WEBHOOK_SECRET: 'short' })).issues,
    ).toEqual([{ path: 'WEBHOOK_SECRET', message: 'must be 16 characters or more' }]);
  });

  it('treats empty values as missing', () => {
    const error = configError(() => loadWebhookConfig({ ...complete, TABLE_NAME: '  ' }));

    expect(error.issues.map((i) => i.path)).toEqual(['TABLE_NAME']);
  });

  it('reads the reminder function without scheduler or webhook keys', () => {
    const config = loadReminderConfig({
      TABLE_NAME: 'reschedule',
      SENDER_ALLOWLIST: '*',
      RATE_LIMIT_PER_HOUR: '20',
      FROM_ADDRESS: 'assistant@reschedule.example',
    });

    expect(config).toMatchObject({
      TABLE_NAME: 'reschedule',
      SENDER_ALLOWLIST: ['*'],
      RATE_LIMIT_PER_HOUR: 20,
    });
  });
});
