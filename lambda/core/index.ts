export * from './categories.js';
export * from './errors.js';
export * from './schema.js';
export * from './templates.js';
export { classify, type Classification } from './classify.js';
export { extract, parseWhen, type Extracted, type ExtractContext } from './extract.js';
export { plan } from './plan.js';
export { noticeFor, URGENT_HOURS, SHORT_HOURS, type Notice } from './notice.js';
export { segmentInfo, isGsm7, type SegmentInfo, type SmsEncoding } from './sms-segments.js';
export {
  compose,
  EMAIL_MIN_WORDS,
  EMAIL_MAX_WORDS,
  SMS_MAX_SEGMENTS,
  CALL_SCRIPT_MAX_WORDS,
  type ComposeInput,
  type Drafts,
  type InterviewFacts,
} from './compose.js';
export { adviceFor, type AdviceInput } from './advice.js';
export { contactFor, interviewFacts, type Contact, type PlanOptions } from './plan.js';
export { mailtoLink } from './mailto.js';
export {
  renderReminder,
  planNewTime,
  type RenderedReminder,
  type ReminderInput,
  type NewTimePlan,
} from './reminders.js';
export { followUpAt, prepAt, QUIET_FROM_HOUR, QUIET_UNTIL_HOUR } from './schedule.js';
export { phrasesOf, PhrasesSchema, type Phrases } from './liquid.js';
