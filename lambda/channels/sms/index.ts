/** The SMS channel: Twilio's messaging webhook in, TwiML out, quiet hours for reminders. */
export {
  handleSms,
  candidateZoneFor,
  SMS_TEXT,
  type ParseWhen,
  type SmsDeps,
  type SmsHttpRequest,
  type SmsHttpResponse,
} from './conversation.js';
export {
  parseCommand,
  OPT_OUT_KEYWORDS,
  OPT_IN_KEYWORDS,
  HELP_KEYWORDS,
  type SmsCommand,
} from './commands.js';
export { parseInboundSms, type InboundSms } from './inbound.js';
export {
  formParams,
  headerValue,
  isValidTwilioSignature,
  publicUrlOf,
  type TwilioParams,
} from './signature.js';
export { splitForSms, fitsSms, SMS_SEGMENT_BUDGET } from './split.js';
export { twimlOf, messagesOf } from './twiml.js';
export {
  isQuietHours,
  sendableAt,
  sendableBefore,
  reminderZones,
  QuietHoursScheduler,
  type QuietHoursSchedulerOptions,
  type ZonesForReminder,
} from './quiet-hours.js';
export { zonesForNumber, candidateZones, zoneFromAnswer } from './zones.js';
