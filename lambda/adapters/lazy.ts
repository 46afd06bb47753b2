/**
 * Delivery ports whose adapter is built on first use. A handler passes a loader that
 * `await import()`s the adapter module (lambda/adapters/aws-delivery.js: the SES, Scheduler
 * and Twilio clients, nodemailer's composer), so the Lambda bundle keeps that code in a lazy
 * chunk: a cold start that sends nothing (a webhook with `deliver: "none"`, an SMS answered
 * inline) never reads or compiles it. The first call pays the load once per container; a
 * failed load is not cached, the next call tries again.
 */
import type {
  Mailer,
  OutboundEmail,
  OutboundSms,
  ReminderScheduler,
  Texter,
} from '../app/ports.js';
import type { ReminderRecord } from '../app/ports.js';

/** `load()` once; a rejection is forgotten so the next call retries. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

export function lazyMailer(load: () => Promise<Mailer>): Mailer {
  const get = once(load);
  return { send: async (message: OutboundEmail) => (await get()).send(message) };
}

export function lazyTexter(load: () => Promise<Texter>): Texter {
  const get = once(load);
  return { send: async (message: OutboundSms) => (await get()).send(message) };
}

export function lazyScheduler(load: () => Promise<ReminderScheduler>): ReminderScheduler {
  const get = once(load);
  return {
    schedule: async (reminder: ReminderRecord) => (await get()).schedule(reminder),
    cancel: async (reminderId: string) => (await get()).cancel(reminderId),
  };
}
