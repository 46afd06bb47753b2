/**
 * The human-readable form of a Plan for `reschedule draft` / `email` without --json:
 * what the candidate reads first (the notice and the advice), then what they send.
 */
import { DateTime } from 'luxon';
import type { Plan } from '../core/schema.js';

const RULE = '─'.repeat(60);

function heading(title: string): string {
  return `── ${title} ${'─'.repeat(Math.max(3, 56 - title.length))}`;
}

/** "Thu 3 Dec 2026, 3:00 PM EST (America/New_York)", or null when the plan has no start. */
export function describeStart(start: string | null, timezone: string | null): string | null {
  if (start === null) return null;
  let dt = DateTime.fromISO(start, { setZone: true });
  if (!dt.isValid) return start;
  if (timezone) {
    const zoned = dt.setZone(timezone);
    if (zoned.isValid) dt = zoned;
  }
  const when = dt.toFormat('ccc d LLL yyyy, h:mm a ZZZZ');
  return timezone ? `${when} (${timezone})` : when;
}

function describeNotice(plan: Plan): string {
  const { hoursLeft, urgency } = plan.notice;
  if (hoursLeft === null) return `${urgency} (the interview time is not known)`;
  if (hoursLeft < 0)
    return `${urgency}: the interview was ${Math.abs(hoursLeft).toFixed(1)} hours ago`;
  return `${urgency}: ${hoursLeft.toFixed(1)} hours left`;
}

function describeInterview(plan: Plan): string {
  const { company, role, interviewer, start, timezone } = plan.interview;
  const parts: string[] = [];
  if (company) parts.push(role ? `${role} at ${company}` : company);
  else if (role) parts.push(role);
  if (interviewer.name) parts.push(`with ${interviewer.name}`);
  const when = describeStart(start, timezone);
  if (when) parts.push(when);
  return parts.length > 0 ? parts.join(', ') : 'no details known';
}

/** Renders a Plan as the text a candidate reads in a terminal. */
export function renderPlan(plan: Plan): string {
  const { reason, drafts } = plan;
  const lines: string[] = [
    `Reason:    ${reason.category} (${reason.tier}, confidence ${reason.confidence.toFixed(2)})`,
    `Interview: ${describeInterview(plan)}`,
    `Notice:    ${describeNotice(plan)}`,
  ];
  if (plan.interview.interviewer.phone)
    lines.push(`Phone:     ${plan.interview.interviewer.phone}`);
  lines.push('', heading('Advice'));
  if (plan.advice.length === 0) lines.push('(none)');
  for (const item of plan.advice) lines.push(`• ${item}`);

  if (drafts.callScript !== null) lines.push('', heading('Call script'), drafts.callScript);

  lines.push(
    '',
    heading('Email to the interviewer'),
    `Subject: ${drafts.reschedule.subject}`,
    '',
    drafts.reschedule.text.trimEnd(),
    '',
    heading('SMS'),
    drafts.reschedule.sms,
    '',
    heading('Thank-you, once they agree'),
    `Subject: ${drafts.thankYou.subject}`,
    '',
    drafts.thankYou.text.trimEnd(),
  );

  if (plan.reminders.length > 0) {
    lines.push('', heading('Reminders'));
    for (const r of plan.reminders) lines.push(`• ${r.kind} at ${r.at} by ${r.channel}`);
  }
  lines.push(RULE);
  return `${lines.join('\n')}\n`;
}
