import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../lambda/config.js';
import { loadSmsConfig, NO_EMAIL } from '../../../../lambda/channels/sms/runtime.js';
import { isRetryable } from '../../../../lambda/core/errors.js';

const VALID = {
  TABLE_NAME: 'reschedule',
  SENDER_ALLOWLIST: '+447700900123, @example.com',
  SCHEDULE_GROUP: 'reminders',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:reminder',
  REMINDER_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:dlq',
  TWILIO_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:twilio',
};

describe('loadSmsConfig', () => {
  it('reads a complete environment, PUBLIC_URL and the sending number optional', () => {
    const config = loadSmsConfig({
      ...VALID,
      PUBLIC_URL: 'https://sms.example.com/sms?v=1',
      TWILIO_FROM: '',
    });
    expect(config.TABLE_NAME).toBe('reschedule');
    expect(config.SENDER_ALLOWLIST).toEqual(['+447700900123', '@example.com']);
    expect(config.PUBLIC_URL).toBe('https://sms.example.com/sms?v=1');
    expect(config.TWILIO_FROM).toBeUndefined();
    expect(loadSmsConfig(VALID).PUBLIC_URL).toBeUndefined();
  });

  it('rejects an incomplete environment naming every key at fault', () => {
    let error: unknown;
    try {
      loadSmsConfig({
        SENDER_ALLOWLIST: '*',
        TWILIO_SECRET_ARN: 'twilio',
        PUBLIC_URL: 'not a url',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((i) => i.path).sort();
    expect(paths).toEqual([
      'PUBLIC_URL',
      'REMINDER_DLQ_ARN',
      'REMINDER_FUNCTION_ARN',
      'SCHEDULER_ROLE_ARN',
      'SCHEDULE_GROUP',
      'TABLE_NAME',
      'TWILIO_SECRET_ARN',
    ]);
  });
});

describe('the SMS function mailer', () => {
  it('refuses to email, for good: the SMS function has no mail rights', async () => {
    const error = await NO_EMAIL.send({ to: 'a@example.com', subject: 's', text: 't' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'DELIVERY', providerCode: 'NotConfigured' });
    expect(isRetryable(error)).toBe(false);
  });
});
