export { MemoryStore, type MemoryStoreSnapshot } from './memory-store.js';
export { RecordingMailer, type SentEmail } from './recording-mailer.js';
export { RecordingTexter, type SentSms } from './recording-texter.js';
export { FixedClock, systemClock } from './fixed-clock.js';
export { MemoryScheduler } from './memory-scheduler.js';
