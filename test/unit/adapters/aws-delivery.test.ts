import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { mailerFrom, schedulerFrom, texterFrom } from '../../../lambda/adapters/aws-delivery.js';
import { DeliveryError } from '../../../lambda/adapters/delivery-error.js';
import { EventBridgeReminderScheduler } from '../../../lambda/adapters/scheduler/eventbridge-reminder-scheduler.js';
import { SesMailer } from '../../../lambda/adapters/ses/ses-mailer.js';
import { TwilioTexter } from '../../../lambda/adapters/twilio/twilio-texter.js';

const SCHEDULER_ENV = {
  SCHEDULE_GROUP: 'g-reminders',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/r',
  REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:f',
  REMINDER_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:q',
};

async function refusal(p: Promise<unknown>): Promise<DeliveryError> {
  const error: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a non-retryable DeliveryError').toBeInstanceOf(DeliveryError);
  expect((error as DeliveryError).retryable).toBe(false);
  return error as DeliveryError;
}

describe('delivery adapters from config', () => {
  it('builds an SES mailer from the sender settings', () => {
    expect(mailerFrom({ FROM_ADDRESS: 'assistant@reschedule.example' })).toBeInstanceOf(SesMailer);
  });

  it('builds a Twilio texter when the secret and a sender are set', () => {
    const texter = texterFrom({
      TWILIO_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:t',
      TWILIO_FROM: '+15005550006',
    });

    expect(texter).toBeInstanceOf(TwilioTexter);
  });

  it('refuses SMS for good when Twilio is not configured', async () => {
    const texter = texterFrom({ TWILIO_FROM: '+15005550006' });

    const error = await refusal(texter.send({ to: '+14155550123', body: 'x' }));

    expect(error).toMatchObject({ provider: 'twilio', providerCode: 'NotConfigured' });
    expect(error.message).not.toContain('+14155550123');
  });

  it('builds the EventBridge scheduler when all four settings are set', () => {
    expect(
      schedulerFrom(SCHEDULER_ENV, new SchedulerClient({ region: 'us-east-1' })),
    ).toBeInstanceOf(EventBridgeReminderScheduler);
  });

  it('refuses to schedule or cancel for good when a setting is missing', async () => {
    const scheduler = schedulerFrom({ ...SCHEDULER_ENV, REMINDER_DLQ_ARN: undefined });

    await refusal(scheduler.cancel('conv-1:prep'));
    const error = await refusal(
      scheduler.schedule({
        id: 'conv-1:prep',
        conversationId: 'conv-1',
        kind: 'prep',
        at: '2026-03-10T14:00:00Z',
        channel: 'sms',
        to: '+14155550123',
        status: 'pending',
      }),
    );
    expect(error).toMatchObject({ provider: 'scheduler', providerCode: 'NotConfigured' });
  });
});
