/**
 * What the use case needs, bundled: the ports, the policy, the templates, a logger, and
 * the pure core's functions. Entry points build one `Deps` at cold start; tests build one
 * from the in-memory adapters.
 */
import type { Plan, ReminderKind, Request } from '../core/schema.js';
import type { TemplateSet } from '../core/templates.js';
import type { Policy } from './policy.js';
import type { Clock, Log, Mailer, ReminderScheduler, Store, Texter } from './ports.js';

/** One message rendered for both channels: the email parts and the SMS body. */
export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sms: string;
}

/** What the core decides when the candidate reports the rescheduled time. */
export interface NewTimePlan {
  /** The thank-you to send right away. */
  readonly thankYouNow: RenderedMessage;
  /** When the prep reminder should fire (ISO-8601), or null when there is no time left for one. */
  readonly prepReminderAt: string | null;
}

/**
 * The pure core's functions the app calls (lambda/core). Passed in rather than imported so
 * the app's tests can pin the core's output; `coreFunctions` in ./core.ts is the real set.
 */
export interface CoreFunctions {
  plan(request: Request, now: string, templates: TemplateSet): Plan;
  renderReminder(
    input: { readonly plan: Plan; readonly kind: ReminderKind; readonly newStart?: string | null },
    templates: TemplateSet,
  ): RenderedMessage;
  planNewTime(
    plan: Plan,
    newStart: string,
    now: string,
    templates: TemplateSet,
    options?: { readonly candidateTimezone?: string | null },
  ): NewTimePlan;
}

export interface Deps {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly texter: Texter;
  readonly scheduler: ReminderScheduler;
  readonly clock: Clock;
  readonly templates: TemplateSet;
  readonly policy: Policy;
  readonly logger: Log;
  readonly core: CoreFunctions;
}
