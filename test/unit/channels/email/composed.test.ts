import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseInboundEmail, requestFromMime } from '../../../../lambda/channels/email/index.js';
import { composeEml, gmailForward, inviteIcs, OUTLOOK_PACIFIC } from './compose.js';
import { readShared } from './shared-paths.js';

const instant = (iso: string | undefined): string | null =>
  iso ? new Date(iso).toISOString() : null;

describe('parseInboundEmail on composed mail', () => {
  it('reads an HTML-only Gmail forward, keeping the separator, with a Windows-zone invite', async () => {
    const html =
      '<div dir="ltr"><div>I have a fever and can&#39;t make Wednesday&#39;s interview.</div><div><br></div><div>Jo</div><br>' +
      '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>' +
      'From: <strong class="gmail_sendername">Gabriel Moreno</strong> <span>&lt;<a href="mailto:gabriel.moreno@tidewater.example.com">gabriel.moreno@tidewater.example.com</a>&gt;</span><br>' +
      'Date: Thu, Dec 10, 2026 at 4:31 PM<br>Subject: Interview: Customer Success Lead - Tidewater Software<br>' +
      'To: Jo Park &lt;<a href="mailto:jo.park@example.org">jo.park@example.org</a>&gt;<br></div><br><br>' +
      '<div dir="ltr"><div>Hi Jo,</div><div><br></div><div>Looking forward to our interview. The Teams link is in the invite.</div>' +
      '<div><br></div><div>Gabriel Moreno</div><div>VP Customer Success, Tidewater Software</div></div></div></div>';
    const ics = inviteIcs({
      vtimezone: OUTLOOK_PACIFIC,
      dtstart: 'DTSTART;TZID=Pacific Standard Time:20261216T130000',
      organizer: 'ORGANIZER;CN=Gabriel Moreno:mailto:gabriel.moreno@tidewater.example.com',
      attendees: ['ATTENDEE;CN=Jo Park;ROLE=REQ-PARTICIPANT:mailto:jo.park@example.org'],
      location: 'Microsoft Teams Meeting',
      description: 'Join: https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc',
    });
    const raw = await composeEml({
      from: 'Jo Park <jo.park@example.org>',
      to: 'reschedule@example.com',
      subject: 'Fwd: Interview: Customer Success Lead - Tidewater Software',
      date: new Date('2026-12-14T12:50:05Z'),
      messageId: '<html-only-1@example.org>',
      html,
      attachments: [
        { filename: 'invite.ics', content: ics, contentType: 'text/calendar; method=REQUEST' },
      ],
    });
    const { request, meta } = await parseInboundEmail(raw);
    expect(meta.forwardDepth).toBe(1);
    expect(request.text).toContain('fever');
    expect(request.text).not.toContain('Forwarded message');
    expect(request.interview.start).toBe('2026-12-16T13:00:00-08:00');
    expect(request.interview.timezone).toBe('America/Los_Angeles');
    expect(request.interview.interviewer).toMatchObject({
      name: 'Gabriel Moreno',
      email: 'gabriel.moreno@tidewater.example.com',
    });
    expect(request.interview.company).toBe('Tidewater Software');
    expect(request.interview.role).toBe('Customer Success Lead');
    expect(request.interview.meetingUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(request.candidate.email).toBe('jo.park@example.org');
  });

  it('takes the innermost invite and the outer note from a forward of a forward', async () => {
    const inner =
      gmailForward({
        from: 'Dana Whitfield <dana.whitfield@kestrel.example.com>',
        date: 'Mon, Dec 7, 2026 at 9:00 AM',
        subject: 'Interview for the Mechanical Engineer II role',
        to: 'Holly Brandt <recruiting@kestrel.example.com>',
      }) +
      'Holly, please pass this on to Sienna.\n\nSienna, our interview for the Mechanical Engineer II position at Kestrel Robotics is on Thursday, December 10 at 2:00 PM Pacific Time.\n\nDana Whitfield\nEngineering Manager, Kestrel Robotics\n';
    const middle =
      gmailForward({
        from: 'Holly Brandt <recruiting@kestrel.example.com>',
        date: 'Mon, Dec 7, 2026 at 10:00 AM',
        subject: 'Fwd: Interview for the Mechanical Engineer II role',
        to: 'Sienna Park <sienna.park@example.org>',
      }) + `Hi Sienna, see Dana's note below.\n\nHolly\n\n${inner}`;
    const text = `My car broke down on the highway and I can't get there Thursday.\n\nSienna\n\n${middle}`;
    const raw = await composeEml({
      from: 'Sienna Park <sienna.park@example.org>',
      to: 'reschedule@example.com',
      subject: 'Fwd: Fwd: Interview for the Mechanical Engineer II role',
      date: new Date('2026-12-08T04:11:02Z'),
      messageId: '<fwd-of-fwd@example.org>',
      text,
    });
    const { request, meta } = await parseInboundEmail(raw);
    expect(meta.forwardDepth).toBe(2);
    expect(request.text).toBe(
      "My car broke down on the highway and I can't get there Thursday.\n\nSienna",
    );
    expect(meta.original?.from?.email).toBe('dana.whitfield@kestrel.example.com');
    expect(request.interview.interviewer).toMatchObject({
      name: 'Dana Whitfield',
      email: 'dana.whitfield@kestrel.example.com',
    });
    expect(request.interview.details).toContain('Thursday, December 10 at 2:00 PM');
    expect(request.interview.details).not.toContain('see Dana');
    expect(instant(request.interview.start)).toBe('2026-12-10T22:00:00.000Z');
    expect(request.interview.timezone).toBe('America/Los_Angeles');
  });

  it('finds a note written below the quoted forward', async () => {
    const text = [
      '---------- Forwarded message ---------',
      'From: Erik Lindqvist <erik.lindqvist@harlow.example.com>',
      'Date: Fri, Dec 4, 2026 at 11:02 AM',
      'Subject: Interview - Operations Coordinator (Harlow Logistics)',
      'To: Mei Chen <mei.chen@example.org>',
      '',
      '> Hi Mei,',
      '> We would like to invite you for an interview on Thursday, December 10, at 2:30 PM Central Time.',
      '> Erik Lindqvist',
      '',
      'My daughter is sick and daycare is closed, so I need to move this.',
      'Mei',
    ].join('\n');
    const raw = await composeEml({
      from: 'Mei Chen <mei.chen@example.org>',
      to: 'reschedule@example.com',
      subject: 'Fwd: Interview - Operations Coordinator (Harlow Logistics)',
      date: new Date('2026-12-09T12:15:33Z'),
      text,
    });
    const { request, meta } = await parseInboundEmail(raw);
    expect(meta.notePlace).toBe('below');
    expect(request.text).toBe(
      'My daughter is sick and daycare is closed, so I need to move this.\nMei',
    );
    expect(request.interview.details).toContain('2:30 PM Central Time');
    expect(request.interview.details).not.toContain('daycare');
    expect(request.interview.interviewer?.email).toBe('erik.lindqvist@harlow.example.com');
    expect(request.interview.company).toBe('Harlow Logistics');
    expect(request.interview.role).toBe('Operations Coordinator');
  });

  it('takes the note from the subject when the body is only the forward', async () => {
    const text =
      gmailForward({
        from: 'Daniel Okafor <daniel.okafor@brightwell.example.com>',
        date: 'Mon, Nov 23, 2026 at 3:18 PM',
        subject: 'Interview invitation: Senior Data Analyst at Brightwell Analytics',
        to: 'Maya Fernandes <maya.fernandes@example.org>',
      }) +
      'Hi Maya,\n\nYour interview is on Thursday, December 3 at 10:00 AM Eastern.\n\nDaniel Okafor\n';
    const raw = await composeEml({
      from: 'Maya Fernandes <maya.fernandes@example.org>',
      to: 'reschedule@example.com',
      subject:
        'Down with the flu, need to reschedule - Fwd: Interview invitation: Senior Data Analyst at Brightwell Analytics',
      date: new Date('2026-12-01T12:42:10Z'),
      text,
    });
    const { request, meta } = await parseInboundEmail(raw);
    expect(meta.notePlace).toBe('subject');
    expect(request.text).toBe('Down with the flu, need to reschedule');
    expect(request.interview.company).toBe('Brightwell Analytics');
    expect(request.interview.role).toBe('Senior Data Analyst');
    expect(request.interview.interviewer?.name).toBe('Daniel Okafor');
  });

  it('reads an invite forwarded as an attachment (message/rfc822)', async () => {
    const original = await composeEml({
      from: 'Priyanka Rao <priyanka.rao@northgate.example.org>',
      to: 'Terrence Gaines <terrence.gaines@example.com>',
      subject: 'Branch Manager interview - Northgate Credit Union',
      date: new Date('2027-03-01T16:14:00Z'),
      text: 'Dear Terrence,\n\nThe calendar invitation is attached.\n\nPriyanka Rao\nRegional Operations Director\n',
      attachments: [
        {
          filename: 'invite.ics',
          contentType: 'text/calendar; method=REQUEST',
          content: inviteIcs({
            dtstart: 'DTSTART;TZID=Mountain Standard Time:20270316T093000',
            organizer: 'ORGANIZER;CN=Priyanka Rao:mailto:priyanka.rao@northgate.example.org',
          }),
        },
      ],
    });
    const raw = await composeEml({
      from: 'Terrence Gaines <terrence.gaines@example.com>',
      to: 'reschedule@example.com',
      subject: 'FW: Branch Manager interview - Northgate Credit Union',
      date: new Date('2027-03-05T05:30:17Z'),
      text: 'My father is in hospital; I need to move this interview.',
      attachments: [{ filename: 'original.eml', contentType: 'message/rfc822', content: original }],
    });
    const { request, meta } = await parseInboundEmail(raw);
    expect(meta.hasInvite).toBe(true);
    expect(request.text).toBe('My father is in hospital; I need to move this interview.');
    expect(request.interview.start).toBe('2027-03-16T09:30:00-06:00');
    expect(request.interview.timezone).toBe('America/Denver');
    expect(request.interview.interviewer?.email).toBe('priyanka.rao@northgate.example.org');
    expect(request.interview.company).toBe('Northgate Credit Union');
    expect(request.interview.role).toBe('Branch Manager');
  });

  it('reports no invite for a mail that forwards nothing and names no time', async () => {
    const raw = await composeEml({
      from: 'Sam Lee <sam.lee@example.org>',
      to: 'reschedule@example.com',
      subject: 'Interview',
      date: new Date('2026-12-01T09:00:00Z'),
      messageId: '<no-invite@example.org>',
      text: "Hi, I'm sick and can't make my interview. What should I do?",
    });
    const { request, meta } = await parseInboundEmail(raw);
    expect(meta.hasInvite).toBe(false);
    expect(meta.forwardDepth).toBe(0);
    expect(request.interview.start).toBeUndefined();
    expect(request.text).toBe("Hi, I'm sick and can't make my interview. What should I do?");
    expect(request.id).toBe('<no-invite@example.org>');
    expect(meta.thread).toEqual({
      messageId: '<no-invite@example.org>',
      references: [],
      subject: 'Interview',
    });
  });

  it('reads threading headers of a reply', async () => {
    const raw = await composeEml({
      from: 'Sam Lee <sam.lee@example.org>',
      to: 'reschedule@example.com',
      subject: 'Re: Fwd: Interview',
      inReplyTo: '<reply-1@amazonses.com>',
      references: ['<orig-1@example.org>', '<reply-1@amazonses.com>'],
      messageId: '<reply-2@example.org>',
      text: "We're now on Tuesday at 10am.\n\nOn Tue, Dec 1, 2026 at 9:00 AM Reschedule <reschedule@example.com> wrote:\n> Here is your draft",
    });
    const { meta } = await parseInboundEmail(raw);
    expect(meta.isReply).toBe(true);
    expect(meta.inReplyTo).toBe('<reply-1@amazonses.com>');
    expect(meta.references).toEqual(['<orig-1@example.org>', '<reply-1@amazonses.com>']);
  });

  it('uses the SES message id as the request id when given', async () => {
    const raw = await composeEml({
      from: 'a@example.org',
      to: 'b@example.com',
      subject: 'x',
      text: 'hello',
    });
    const request = await requestFromMime(raw, {
      now: '2026-12-01T00:00:00Z',
      id: 'o3vrnil0e2ic28tr',
    });
    expect(request.id).toBe('o3vrnil0e2ic28tr');
    expect(request.channel).toBe('email');
    expect(request.deliver).toBe('email');
  });
});

describe('parseInboundEmail on real mail', () => {
  it('reads a real Google Calendar invitation (postal-mime calendar-event.eml)', async () => {
    const { request, meta } = await parseInboundEmail(
      readShared('fixtures/postal-mime/calendar-event.eml'),
    );
    expect(meta.calendar?.method).toBe('REQUEST');
    expect(request.interview.start).toBe('2024-04-11T11:00:00+03:00');
    expect(request.interview.timezone).toBe('Europe/Tallinn');
    expect(meta.calendar?.organizer?.name).toBe('Andris Reinman');
    expect(meta.calendar?.organizer?.email).toBe('andris@postalsys.com');
  });

  it('reads raw messages as SES stores them in S3 (aws-lambda-ses-forwarder)', async () => {
    for (const file of [
      'message.txt',
      'message.from_multiline.source.txt',
      'message.replyto_case.txt',
    ]) {
      const { request, meta } = await parseInboundEmail(
        readShared('fixtures/aws-lambda-ses-forwarder/test/assets', file),
        { now: '2026-12-01T00:00:00Z' },
      );
      expect(meta.from?.email, `expected a sender in ${file}`).toMatch(/@/);
      expect(DateTime.fromISO(request.receivedAt).isValid).toBe(true);
    }
  });
});

describe('parseInboundEmail across mail clients', () => {
  it('reads a Thunderbird forward with a Zoom .ics in UTC', async () => {
    const raw = await composeEml({
      from: 'Ana Ruiz <ana.ruiz@example.org>',
      to: 'reschedule@example.com',
      subject: 'Fwd: Interview: Product Designer at Orbit Labs',
      date: new Date('2026-12-05T15:00:00Z'),
      text: 'I have jury duty that week, sorry.\n\nAna\n\n-------- Forwarded Message --------\nSubject: \tInterview: Product Designer at Orbit Labs\nDate: \tThu, 3 Dec 2026 10:00:00 -0500\nFrom: \tLena Fox <lena.fox@orbit.example.com>\nTo: \tAna Ruiz <ana.ruiz@example.org>\n\nHi Ana, invite attached.\nLena Fox\nDesign Lead, Orbit Labs\n',
      attachments: [
        {
          filename: 'meeting.ics',
          contentType: 'text/calendar',
          content: inviteIcs({
            dtstart: 'DTSTART:20261208T200000Z',
            organizer: 'ORGANIZER;CN=Lena Fox:mailto:lena.fox@orbit.example.com',
            description: 'Join Zoom Meeting\\nhttps://us02web.zoom.us/j/81234567890?pwd=xyz',
          }),
        },
      ],
    });
    const { request } = await parseInboundEmail(raw);
    expect(request.text).toBe('I have jury duty that week, sorry.\n\nAna');
    expect(instant(request.interview.start)).toBe('2026-12-08T20:00:00.000Z');
    expect(request.interview.company).toBe('Orbit Labs');
    expect(request.interview.role).toBe('Product Designer');
    expect(request.interview.interviewer?.email).toBe('lena.fox@orbit.example.com');
    expect(request.interview.meetingUrl).toBe('https://us02web.zoom.us/j/81234567890?pwd=xyz');
  });

  it('reads an Outlook forward of a forward: the recruiter relays, the interviewer is an attendee', async () => {
    const raw = await composeEml({
      from: 'Kim Lo <kim.lo@example.org>',
      to: 'reschedule@example.com',
      subject: 'FW: FW: Interview',
      date: new Date('2026-12-05T15:00:00Z'),
      text: "My mum is in hospital, I need to move this.\nKim\n\n________________________________\nFrom: Jo Recruiter <talent@zeta.example.com>\nSent: Friday, December 4, 2026 8:00 AM\nTo: Kim Lo <kim.lo@example.org>\nSubject: FW: Interview\n\nHi Kim, forwarding Raj's invite.\n\n________________________________\nFrom: Raj Patel <raj.patel@zeta.example.com>\nSent: Thursday, December 3, 2026 5:00 PM\nTo: Jo Recruiter <talent@zeta.example.com>\nSubject: Interview\n\nPlease invite Kim Lo for an interview with me for the Staff Engineer role at Zeta Systems on Wednesday, December 9 at 10:00 AM Pacific Time.\nRaj\n",
      attachments: [
        {
          filename: 'invite.ics',
          contentType: 'text/calendar; method=REQUEST',
          content: inviteIcs({
            vtimezone: OUTLOOK_PACIFIC,
            dtstart: 'DTSTART;TZID=Pacific Standard Time:20261209T100000',
            organizer: 'ORGANIZER;CN=Jo Recruiter:mailto:talent@zeta.example.com',
            attendees: [
              'ATTENDEE;CN=Raj Patel:mailto:raj.patel@zeta.example.com',
              'ATTENDEE;CN=Kim Lo:mailto:kim.lo@example.org',
            ],
            summary: 'Interview: Kim Lo',
          }),
        },
      ],
    });
    const { request, meta } = await parseInboundEmail(raw);
    expect(meta.forwardDepth).toBe(2);
    expect(request.text).toBe('My mum is in hospital, I need to move this.\nKim');
    expect(request.interview.start).toBe('2026-12-09T10:00:00-08:00');
    expect(request.interview.timezone).toBe('America/Los_Angeles');
    expect(request.interview.interviewer).toMatchObject({
      name: 'Raj Patel',
      email: 'raj.patel@zeta.example.com',
    });
    expect(request.interview.company).toBe('Zeta Systems');
    expect(request.interview.role).toBe('Staff Engineer');
  });

  it('reads an HTML-only Apple Mail forward inside a blockquote', async () => {
    const raw = await composeEml({
      from: 'Ola Berg <ola.berg@example.org>',
      to: 'reschedule@example.com',
      subject: 'Fwd: Final interview – Nordlys AS',
      date: new Date('2026-12-05T15:00:00Z'),
      html: '<html><body><div>I’m ill with a fever, sorry.</div><div><br><blockquote type="cite"><div>Begin forwarded message:</div><br class="Apple-interchange-newline"><div><span><b>From: </b></span><span>Eva Lind &lt;eva.lind@nordlys.example.no&gt;<br></span></div><div><span><b>Subject: </b></span><span><b>Final interview – Nordlys AS</b><br></span></div><div><span><b>Date: </b></span><span>2 December 2026 at 14:00:00 CET<br></span></div><div><span><b>To: </b></span><span>Ola Berg &lt;ola.berg@example.org&gt;<br></span></div><br><div><div>Hi Ola,</div><div>Your final interview for the Product Owner position is on Friday 11 December at 10:00 at our Oslo office.</div><div>Eva Lind</div><div>CTO, Nordlys AS</div></div></blockquote></div></body></html>',
    });
    const { request, meta } = await parseInboundEmail(raw);
    expect(meta.forwardDepth).toBe(1);
    expect(request.text).toBe('I’m ill with a fever, sorry.');
    expect(request.interview.company).toBe('Nordlys AS');
    expect(request.interview.interviewer).toMatchObject({
      name: 'Eva Lind',
      email: 'eva.lind@nordlys.example.no',
    });
    expect(request.interview.details).toContain('Friday 11 December at 10:00');
  });
});
