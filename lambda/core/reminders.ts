/**
 * The follow-ups to the candidate: the thank-you reminder (with a thank-you draft "for their
 * flexibility and understanding"), and, once the candidate reports the new time, the
 * thank-you now plus a prep reminder before the new interview with one sentence to address
 * the cancellation. Rendered from the stored Plan alone: the candidate's own words are not
 * needed, so the prep sentence is the category's least specific one.
 */
import { DateTime } from 'luxon';
import { fitted, peopleOf, smsFits, smsTidy, thankYouDraft, tidy, whenOf } from './compose.js';
import { phrasesOf, renderPhrase, renderTemplate } from './liquid.js';
import { mailtoLink } from './mailto.js';
import { prepAt } from './schedule.js';
import type { Plan, Reminder, ReminderKind } from './schema.js';
import type { TemplateSet } from './templates.js';
import { isZone, oneLine } from './wording.js';

export interface RenderedReminder {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sms: string;
}

export interface ReminderInput {
  readonly plan: Plan;
  readonly kind: ReminderKind;
  /** The rescheduled start (ISO-8601 instant), once known. */
  readonly newStart?: string | null;
}

const FILE: Readonly<Record<ReminderKind, string>> = {
  thank_you: 'reminder-thank-you',
  prep: 'reminder-prep',
};

/** Renders a reminder to the candidate for email (subject, text, HTML) and SMS. */
export function renderReminder(input: ReminderInput, templates: TemplateSet): RenderedReminder {
  const { plan, kind } = input;
  const people = peopleOf(plan.interview, plan.candidate, templates);
  const when = whenOf(templates, plan.interview.start, plan.interview.timezone);
  const newWhen = whenOf(templates, input.newStart ?? null, plan.interview.timezone);
  const thankYou = thankYouDraft(people, when, newWhen, templates);
  const address = renderPhrase(
    templates,
    phrasesOf(templates).categories[plan.reason.category].address,
    {},
  );
  const vars = {
    ...people,
    when,
    new_when: newWhen,
    thank_you: thankYou,
    address,
    mailto: people.interviewer.email
      ? mailtoLink(people.interviewer.email, thankYou.subject, thankYou.text)
      : null,
  };
  const name = FILE[kind];
  const anonymous = { ...people.interviewer, first: null };
  const smsLevels = [
    vars,
    { ...vars, interviewer: anonymous },
    // Last resort: the advice without the embedded draft (the email carries it in full).
    { ...vars, interviewer: anonymous, thank_you: { ...thankYou, sms: null } },
  ];
  const sms = fitted(templates, `sms/${name}.liquid`, smsLevels, smsTidy, smsFits).text;
  return {
    subject: oneLine(renderTemplate(templates, `email/${name}.subject.liquid`, vars)),
    text: tidy(renderTemplate(templates, `email/${name}.text.liquid`, vars)),
    html: renderTemplate(templates, `email/${name}.html.liquid`, vars).trim(),
    sms,
  };
}

export interface NewTimePlan {
  readonly newStart: string;
  /** Sent right away: the thank-you draft naming the new time. */
  readonly thankYouNow: RenderedReminder;
  /**
   * When the prep reminder fires: 2 hours before `newStart` in the candidate's zone, moved
   * out of 21:00–08:00 quiet hours to 20:00 the evening before, never before `now`; null
   * when the new time has already passed.
   */
  readonly prepReminderAt: string | null;
  /** The prep reminder to schedule, addressed like the plan's follow-up; null when there is none or nowhere to send it. */
  readonly prep: Reminder | null;
}

/** What to do once the candidate reports the new time (SMS `NEW Thu 2pm`, email "moved to Thu 2pm"). */
export function planNewTime(
  plan: Plan,
  newStart: string,
  now: string,
  templates: TemplateSet,
  options: { readonly candidateTimezone?: string | null } = {},
): NewTimePlan {
  // The candidate's zone, else the interview's, else the offset the new time was written with.
  const zone =
    [options.candidateTimezone, plan.interview.timezone].find(isZone) ??
    DateTime.fromISO(newStart, { setZone: true }).zoneName ??
    'UTC';
  const prepReminderAt = prepAt(newStart, now, zone);
  const contact = plan.reminders[0] ?? plan.replies[0] ?? null;
  return {
    newStart,
    thankYouNow: renderReminder({ plan, kind: 'thank_you', newStart }, templates),
    prepReminderAt,
    prep:
      prepReminderAt && contact
        ? { kind: 'prep', at: prepReminderAt, channel: contact.channel, to: contact.to }
        : null,
  };
}
