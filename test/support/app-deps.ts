/**
 * Builds the app's Deps from the in-memory adapters, with a core whose output the tests
 * pin (the real one is exercised by the core's own tests and the end-to-end ones).
 */
import type { CoreFunctions, Deps, NewTimePlan, RenderedMessage } from '../../lambda/app/deps.js';
import type { Policy } from '../../lambda/app/policy.js';
import type { Log, Store } from '../../lambda/app/ports.js';
import {
  FixedClock,
  MemoryScheduler,
  MemoryStore,
  RecordingMailer,
  RecordingTexter,
} from '../../lambda/adapters/memory/index.js';
import { PlanSchema, type Plan, type Reply, type Request } from '../../lambda/core/schema.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly extra: readonly Record<string, unknown>[];
}

/** A Log that keeps every entry, so tests can check what logs carry (and what they must not). */
export class RecordingLog implements Log {
  readonly entries: LogEntry[] = [];
  debug(message: string, ...extra: Record<string, unknown>[]): void {
    this.entries.push({ level: 'debug', message, extra });
  }
  info(message: string, ...extra: Record<string, unknown>[]): void {
    this.entries.push({ level: 'info', message, extra });
  }
  warn(message: string, ...extra: Record<string, unknown>[]): void {
    this.entries.push({ level: 'warn', message, extra });
  }
  error(message: string, ...extra: Record<string, unknown>[]): void {
    this.entries.push({ level: 'error', message, extra });
  }
  /** Everything logged, as one string to search. */
  text(): string {
    return JSON.stringify(this.entries);
  }
}

function repliesFor(request: Request): Reply[] {
  const target =
    request.channel === 'email' || request.channel === 'sms' ? request.channel : request.deliver;
  if (target === 'email' && request.candidate.email) {
    return [
      {
        channel: 'email',
        to: request.candidate.email,
        subject: 'Your reschedule draft',
        text: 'Here is your draft.',
        html: '<p>Here is your draft.</p>',
      },
    ];
  }
  if (target === 'sms' && request.candidate.phone) {
    return [
      { channel: 'sms', to: request.candidate.phone, text: 'Draft: I need to reschedule.' },
      { channel: 'sms', to: request.candidate.phone, text: 'Tip: call first.' },
    ];
  }
  return [];
}

/** A deterministic Plan for a Request: replies by channel/deliver, one thank-you reminder a day later. */
export function pinnedPlan(request: Request, now: string): Plan {
  const replies = repliesFor(request);
  const first = replies[0];
  const at = new Date(Date.parse(now) + 24 * 60 * 60 * 1000).toISOString();
  return PlanSchema.parse({
    id: request.id,
    reason: { category: 'health', tier: 'forgivable', confidence: 0.9 },
    interview: {
      company: request.interview.company ?? null,
      role: request.interview.role ?? null,
      interviewer: {
        name: request.interview.interviewer?.name ?? null,
        email: request.interview.interviewer?.email ?? null,
        phone: request.interview.interviewer?.phone ?? null,
      },
      start: request.interview.start ?? null,
      timezone: request.interview.timezone ?? null,
    },
    candidate: {
      name: request.candidate.name ?? null,
      email: request.candidate.email ?? null,
      phone: request.candidate.phone ?? null,
    },
    notice: { hoursLeft: null, urgency: 'unknown' },
    drafts: {
      reschedule: { subject: 'Rescheduling', text: 'Hello', html: '<p>Hello</p>', sms: 'Hello' },
      thankYou: { subject: 'Thank you', text: 'Thank you', sms: 'Thank you' },
      callScript: null,
    },
    advice: ['Call first.'],
    replies,
    reminders: first ? [{ kind: 'thank_you', at, channel: first.channel, to: first.to }] : [],
  });
}

const rendered = (kind: string): RenderedMessage => ({
  subject: `Reminder: ${kind}`,
  text: `Time for the ${kind} step.`,
  html: `<p>Time for the ${kind} step.</p>`,
  sms: `Reminder: ${kind}`,
});

export const pinnedCore: CoreFunctions = {
  plan: (request, now) => pinnedPlan(request, now),
  renderReminder: ({ kind }) => rendered(kind),
  planNewTime: (_plan, newStart): NewTimePlan => ({
    thankYouNow: rendered('thank_you'),
    prepReminderAt: new Date(Date.parse(newStart) - 2 * 60 * 60 * 1000).toISOString(),
  }),
};

export const OPEN_POLICY: Policy = {
  allowlist: ['*'],
  rateLimit: { limit: 10, windowSeconds: 3600 },
};

export interface MemoryWorld {
  readonly deps: Deps;
  readonly store: Store;
  readonly mailer: RecordingMailer;
  readonly texter: RecordingTexter;
  readonly scheduler: MemoryScheduler;
  readonly clock: FixedClock;
  readonly log: RecordingLog;
}

/** A whole app over in-memory adapters; any part can be swapped (a DynamoStore, a real core). */
export function memoryWorld(
  overrides: Partial<Omit<Deps, 'clock'>> & { readonly now?: string } = {},
): MemoryWorld {
  const store = overrides.store ?? new MemoryStore();
  const mailer = new RecordingMailer();
  const texter = new RecordingTexter();
  const scheduler = new MemoryScheduler();
  const clock = new FixedClock(overrides.now ?? '2026-11-23T12:00:00.000Z');
  const log = new RecordingLog();
  const deps: Deps = {
    store,
    mailer,
    texter,
    scheduler,
    clock,
    logger: log,
    templates: {},
    policy: OPEN_POLICY,
    core: pinnedCore,
    ...overrides,
  };
  return { deps, store, mailer, texter, scheduler, clock, log };
}
