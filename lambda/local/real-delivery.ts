/**
 * Real delivery for the local service, only when configured: SES when FROM_ADDRESS is set
 * (region and credentials from the AWS default chain), Twilio when TWILIO_ACCOUNT_SID,
 * TWILIO_AUTH_TOKEN and TWILIO_FROM are. Otherwise messages only land in the outbox.
 */
import { SESClient } from '@aws-sdk/client-ses';
import type { Mailer, Texter } from '../app/ports.js';
import { SesMailer } from '../adapters/ses/ses-mailer.js';
import { TwilioTexter } from '../adapters/twilio/twilio-texter.js';
import type { LocalConfig } from './config.js';

export function realMailer(config: LocalConfig): Mailer | undefined {
  if (config.ses === null) return undefined;
  return new SesMailer({ client: new SESClient({}), fromAddress: config.ses.fromAddress });
}

export function realTexter(config: LocalConfig, authToken: string): Texter | undefined {
  if (config.twilio === null) return undefined;
  return new TwilioTexter({
    credentials: { accountSid: config.twilio.accountSid, authToken },
    from: config.twilio.from,
  });
}
