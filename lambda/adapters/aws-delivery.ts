/**
 * The AWS/Twilio delivery adapters built from a function's parsed config (lambda/config.ts
 * key sets `sesKeys`, `twilioKeys`, `schedulerKeys`), once per container at module scope.
 * A port a function is not configured for fails closed: sending an SMS without Twilio
 * settings, or scheduling from a function without the scheduler settings, throws a
 * non-retryable DeliveryError naming what is missing, never a silent success.
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESClient } from '@aws-sdk/client-ses';
import type { Mailer, ReminderScheduler, Texter } from '../app/ports.js';
import { secretReader } from '../secrets.js';
import { DeliveryError } from './delivery-error.js';
import { EventBridgeReminderScheduler } from './scheduler/eventbridge-reminder-scheduler.js';
import { SesMailer } from './ses/ses-mailer.js';
import { TwilioTexter } from './twilio/twilio-texter.js';

export interface SesEnv {
  readonly FROM_ADDRESS: string;
  readonly FROM_NAME?: string | undefined;
  readonly SES_CONFIGURATION_SET?: string | undefined;
}

export interface TwilioEnv {
  readonly TWILIO_SECRET_ARN?: string | undefined;
  readonly TWILIO_FROM?: string | undefined;
  readonly TWILIO_MESSAGING_SERVICE_SID?: string | undefined;
  /** A stand-in's base URL (tests, local runs). @default Twilio's own */
  readonly TWILIO_API_BASE_URL?: string | undefined;
}

export interface SchedulerEnv {
  readonly SCHEDULE_GROUP?: string | undefined;
  readonly SCHEDULER_ROLE_ARN?: string | undefined;
  readonly REMINDER_FUNCTION_ARN?: string | undefined;
  readonly REMINDER_DLQ_ARN?: string | undefined;
}

export function mailerFrom(env: SesEnv, client: SESClient = new SESClient({})): Mailer {
  return new SesMailer({
    client,
    fromAddress: env.FROM_ADDRESS,
    fromName: env.FROM_NAME,
    configurationSetName: env.SES_CONFIGURATION_SET,
  });
}

/** Twilio when TWILIO_SECRET_ARN and a sender are set; otherwise a texter that refuses. */
export function texterFrom(env: TwilioEnv): Texter {
  const secretArn = env.TWILIO_SECRET_ARN;
  if (!secretArn || (!env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID)) {
    return {
      send: () =>
        Promise.reject(
          new DeliveryError(
            'twilio',
            'SMS is not configured for this function (TWILIO_SECRET_ARN, TWILIO_FROM)',
            {
              retryable: false,
              providerCode: 'NotConfigured',
            },
          ),
        ),
    };
  }
  return new TwilioTexter({
    credentials: () => secretReader().twilioCredentials(secretArn),
    from: env.TWILIO_FROM,
    messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
    baseUrl: env.TWILIO_API_BASE_URL,
  });
}

/** EventBridge Scheduler when all four settings are set; otherwise a scheduler that refuses. */
export function schedulerFrom(
  env: SchedulerEnv,
  client: SchedulerClient = new SchedulerClient({}),
): ReminderScheduler {
  const { SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, REMINDER_FUNCTION_ARN, REMINDER_DLQ_ARN } = env;
  if (!SCHEDULE_GROUP || !SCHEDULER_ROLE_ARN || !REMINDER_FUNCTION_ARN || !REMINDER_DLQ_ARN) {
    const refuse = () =>
      Promise.reject(
        new DeliveryError(
          'scheduler',
          'scheduling is not configured for this function (SCHEDULE_GROUP...)',
          {
            retryable: false,
            providerCode: 'NotConfigured',
          },
        ),
      );
    return { schedule: refuse, cancel: refuse };
  }
  return new EventBridgeReminderScheduler({
    client,
    groupName: SCHEDULE_GROUP,
    roleArn: SCHEDULER_ROLE_ARN,
    targetArn: REMINDER_FUNCTION_ARN,
    deadLetterArn: REMINDER_DLQ_ARN,
  });
}
