/**
 * The whole pure pipeline: classify the reason, gather the interview's details (explicit
 * fields win over what the extractor reads from the text and the forwarded invite), compose
 * the drafts, advise, and decide the replies to send and the reminders to schedule.
 */
import { classify, type Classification } from './classify.js';
import { adviceFor } from './advice.js';
import {
  compose,
  peopleOf,
  whenOf,
  smsTidy,
  tidy,
  SMS_MAX_SEGMENTS,
  type Drafts,
  type InterviewFacts,
} from './compose.js';
import { extract, parseWhen, type Extracted } from './extract.js';
import { renderTemplate } from './liquid.js';
import { noticeFor } from './notice.js';
import { followUpAt, zoneOf } from './schedule.js';
import type { Person, Plan, Reminder, Reply, Request } from './schema.js';
import { segmentInfo } from './sms-segments.js';
import type { TemplateSet } from './templates.js';
import { mailtoLink } from './mailto.js';
import { isZone, oneLine } from './wording.js';

/** Where the candidate is answered: their channel, or what a CLI/webhook caller asked for. */
export interface Contact {
  readonly channel: 'email' | 'sms';
  readonly to: string;
}

export function contactFor(request: Request): Contact | null {
  const { email, phone } = request.candidate;
  const via =
    request.channel === 'email' || request.channel === 'sms' ? request.channel : request.deliver;
  if (via === 'email') return email ? { channel: 'email', to: email } : null;
  if (via === 'sms') return phone ? { channel: 'sms', to: phone } : null;
  return null;
}

const firstOf = <T>(...values: readonly (T | null | undefined)[]): T | null =>
  values.find((v) => v !== null && v !== undefined) ?? null;

/** The interview as far as it is known: explicit fields, then the invite's text, then the candidate's. */
export function interviewFacts(request: Request): InterviewFacts {
  const given = request.interview;
  const context = {
    now: request.receivedAt,
    timezone: request.candidate.timezone,
    // The candidate's own name, in a subject line of the details, is never the company.
    people: request.candidate.name ? [request.candidate.name] : [],
  };
  const when = given.when
    ? parseWhen(given.when, {
        now: request.receivedAt,
        timezone: firstOf(given.timezone, request.candidate.timezone) ?? undefined,
      })
    : null;
  // The prose is searched for a time only when the start or its zone is still unknown.
  const known =
    firstOf(given.start, when?.start) !== null && firstOf(given.timezone, when?.timezone) !== null;
  const options = { start: !known };
  const fromDetails: Extracted | null = given.details
    ? extract(given.details, context, { ...options, invite: true })
    : null;
  const fromText = extract(request.text, context, options);
  const timezone = firstOf(
    given.timezone,
    when?.timezone,
    fromDetails?.timezone,
    fromText.timezone,
  );
  return {
    company: firstOf(given.company, fromDetails?.company, fromText.company),
    role: firstOf(given.role, fromDetails?.role, fromText.role),
    interviewer: {
      name: firstOf(
        given.interviewer?.name,
        fromDetails?.interviewer.name,
        fromText.interviewer.name,
      ),
      email: firstOf(
        given.interviewer?.email,
        fromDetails?.interviewer.email,
        fromText.interviewer.email,
      ),
      phone: firstOf(
        given.interviewer?.phone,
        fromDetails?.interviewer.phone,
        fromText.interviewer.phone,
      ),
    },
    start: firstOf(given.start, when?.start, fromDetails?.start, fromText.start),
    timezone: isZone(timezone) ? timezone : null,
  };
}

interface ReplyInput {
  readonly contact: Contact;
  readonly interview: InterviewFacts;
  readonly candidate: Person;
  readonly drafts: Drafts;
  readonly advice: readonly string[];
  readonly followUp: string | null;
  readonly zone: string;
}

function replies(input: ReplyInput, templates: TemplateSet): Reply[] {
  const people = peopleOf(input.interview, input.candidate, templates);
  const follow = whenOf(templates, input.followUp, input.zone);
  const vars = {
    ...people,
    when: whenOf(templates, input.interview.start, input.interview.timezone),
    draft: input.drafts.reschedule,
    call_script: input.drafts.callScript,
    advice: input.advice,
    mailto: people.interviewer.email
      ? mailtoLink(
          people.interviewer.email,
          input.drafts.reschedule.subject,
          input.drafts.reschedule.text,
        )
      : null,
    follow_up: follow,
  };
  const { contact } = input;
  if (contact.channel === 'email') {
    return [
      {
        channel: 'email',
        to: contact.to,
        subject: oneLine(renderTemplate(templates, 'email/reply.subject.liquid', vars)),
        text: tidy(renderTemplate(templates, 'email/reply.text.liquid', vars)),
        html: renderTemplate(templates, 'email/reply.html.liquid', vars).trim(),
      },
    ];
  }
  const tip = [
    { ...vars, advice: input.advice.slice(0, 1) },
    { ...vars, advice: input.advice.slice(0, 1), follow_up: null },
  ]
    .map((v) => smsTidy(renderTemplate(templates, 'sms/reply.liquid', v)))
    .find((text) => segmentInfo(text).segments <= SMS_MAX_SEGMENTS);
  return [
    { channel: 'sms', to: contact.to, text: input.drafts.reschedule.sms },
    ...(tip ? [{ channel: 'sms' as const, to: contact.to, text: tip }] : []),
  ];
}

export interface PlanOptions {
  /** The classifier to use (default `classify`); tests of wording pass a fixed category through it. */
  readonly classifier?: (text: string) => Classification;
}

/** The whole pure pipeline: classify, extract, compose, advise, and decide replies and reminders. */
export function plan(
  request: Request,
  now: string,
  templates: TemplateSet,
  options: PlanOptions = {},
): Plan {
  const classification = (options.classifier ?? classify)(request.text);
  const interview = interviewFacts(request);
  const candidate: Person = {
    name: request.candidate.name ?? null,
    email: request.candidate.email ?? null,
    phone: request.candidate.phone ?? null,
  };
  const notice = noticeFor(interview.start, now);
  const drafts = compose(
    { category: classification.category, text: request.text, interview, candidate, notice },
    templates,
  );
  const advice = adviceFor(
    { category: classification.category, notice, interviewer: interview.interviewer },
    templates,
  );
  const contact = contactFor(request);
  const zone = zoneOf(request.candidate.timezone, interview.timezone);
  const reminders: Reminder[] = contact
    ? [{ kind: 'thank_you', at: followUpAt(now, zone), channel: contact.channel, to: contact.to }]
    : [];
  return {
    id: request.id,
    reason: {
      category: classification.category,
      tier: classification.tier,
      confidence: classification.confidence,
    },
    interview,
    candidate,
    notice,
    drafts,
    advice,
    replies: contact
      ? replies(
          {
            contact,
            interview,
            candidate,
            drafts,
            advice,
            followUp: reminders[0]?.at ?? null,
            zone,
          },
          templates,
        )
      : [],
    reminders,
  };
}
