/**
 * Reading who, where and what from forwarded invites the way recruiters write them: an
 * interviewer's address written beside their name, a title before it, ATS detail tables,
 * subjects that end in a date or the candidate's own name, and sentences that run on after
 * the company's name. (Kinds of invite the blind batch of `npm run eval -- --invites` showed
 * were read wrong; the mail here is new.)
 */
import { describe, expect, it } from 'vitest';
import { parseInboundEmail } from '../../../../lambda/channels/email/index.js';
import { htmlToText } from '../../../../lambda/channels/email/html-to-text.js';
import { composeEml, gmailForward } from './compose.js';

const CANDIDATE = 'Jordan Blake <jordan.blake@example.org>';
const NOTE =
  "Hi, I've got a high fever and can't make this one. Could you help me move it?\n\nJordan";

async function forwarded(options: {
  subject: string;
  body?: string;
  html?: string;
  from?: string;
}) {
  const header = gmailForward({
    from: options.from ?? 'Priya Raman <priya.raman@corbelpike.example.com>',
    date: 'Mon, Dec 7, 2026 at 9:12 AM',
    subject: options.subject,
    to: CANDIDATE,
  });
  const raw = await composeEml({
    from: CANDIDATE,
    to: 'reschedule@example.com',
    subject: `Fwd: ${options.subject}`,
    date: new Date('2026-12-08T15:00:00Z'),
    ...(options.body !== undefined ? { text: `${NOTE}\n\n${header}${options.body}` } : {}),
    ...(options.html !== undefined
      ? {
          html: `<div>${NOTE.replace(/\n/g, '<br>')}</div><div class="gmail_quote">${header.replace(/\n/g, '<br>')}${options.html}</div>`,
        }
      : {}),
  });
  return (await parseInboundEmail(raw)).request.interview;
}

describe('reading the interviewer from a forwarded invite', () => {
  it('takes the address written beside the named interviewer, not the sender', async () => {
    const interview = await forwarded({
      subject: 'Your interview with Corbel & Pike',
      body: 'Hi Jordan,\n\nYou will be meeting Tomasz Wilk, our Finance Director (tomasz.wilk@corbelpike.example.com), on Wednesday 16 December at 11:00 am GMT.\n\nPriya Raman\nTalent Partner, Corbel & Pike',
    });

    expect(interview.interviewer).toEqual({
      name: 'Tomasz Wilk',
      email: 'tomasz.wilk@corbelpike.example.com',
    });
  });

  it('keeps a title with the whole name after it', async () => {
    const interview = await forwarded({
      subject: 'Interview arrangement',
      body: 'Dear Jordan,\n\nDate/Time: Thursday 17 December, 3:00 pm (London time)\nInterviewer: Dr Ana Lucia Ferreira, Head of Research (a.ferreira@corbelpike.example.com)\n\nPriya Raman\nHuman Resources',
    });

    expect(interview.interviewer?.name).toBe('Dr Ana Lucia Ferreira');
  });

  it('reads a detail table of an HTML-only invite as "label: value" lines', async () => {
    const table =
      '<p>Dear Jordan,</p><p>Your interview is booked as below:</p><table border="1"><tr><td><b>When</b></td><td>Friday, December 18, 2026 at 2:00 PM Eastern</td></tr><tr><td><b>Interviewer</b></td><td>Helen Ostrowski, Controller (<a href="mailto:helen.ostrowski@corbelpike.example.com">helen.ostrowski@corbelpike.example.com</a>)</td></tr></table><p>Regards,<br>Priya Raman<br>Recruiter, Corbel &amp; Pike</p>';

    const interview = await forwarded({ subject: 'Interview booked', html: table });

    expect(htmlToText(table)).toContain('Interviewer: Helen Ostrowski, Controller');
    expect(interview.interviewer).toEqual({
      name: 'Helen Ostrowski',
      email: 'helen.ostrowski@corbelpike.example.com',
    });
    expect(interview.start).toBe('2026-12-18T14:00:00-05:00');
  });
});

describe('reading the interviewer from scheduling notes and ATS mail', () => {
  it.each([
    [
      'a confirmation "with NAME (address)"',
      'Hi Jordan, confirming Thursday 2pm GMT with Ravi Menon (ravi.menon@corbelpike.example.com) for the Analyst role. Thx!\nPriya',
      { name: 'Ravi Menon', email: 'ravi.menon@corbelpike.example.com' },
    ],
    [
      'a time "with NAME, our TITLE"',
      "You're set for Thursday 17 December at 11am GMT with Elena Sokolova, our Finance Lead.\n\nPriya",
      { name: 'Elena Sokolova' },
    ],
    [
      'a "Who:" line',
      'When: Thursday 17 December, 11:00 GMT\nWho: Marcus Oyelaran, Head of Audit\n\nPriya Raman\nRecruiter',
      { name: 'Marcus Oyelaran' },
    ],
    [
      'a bulleted list under "Interviewers:"',
      'Date: Thursday 17 December 2026, 11:00 GMT\nInterviewers:\n * Keziah Mensah, Audit Manager\n * Tom Reilly, Partner\n\nSent via an ATS. Please do not reply.',
      { name: 'Keziah Mensah' },
    ],
    [
      'a list under an "Interviewers" heading',
      'Monday, December 14, 2026\n11:00 – 12:00 GMT\nInterviewers\nKeziah Mensah — Audit Manager\nTom Reilly — Partner\nNeed to reschedule? Lena Park from our recruiting team will help.',
      { name: 'Keziah Mensah' },
    ],
    [
      'a "Who:" line, over a "with me" about another call',
      'Thanks for speaking with me last week!\n\nWhen: Thursday 17 December, 11:00 GMT\nWho: Marcus Oyelaran, Head of Audit\n\nPriya Raman\nRecruiter',
      { name: 'Marcus Oyelaran' },
    ],
    [
      'a first name, written out in full elsewhere',
      "Your interview is set for Thursday 17 December at 11:00 GMT. You'll pair with Nadia on a short exercise.\n\nAgenda:\n• Intro – Nadia Okonjo, Lead Engineer\n• Exercise – 45 min\n\nPriya Raman\nRecruiter",
      { name: 'Nadia Okonjo' },
    ],
    [
      'a first name with their address written out later',
      "It's on Thursday 17 December at 11:00 GMT. You'll meet Tomas and Ines from the audit team.\n\nTomas Reyes (tomas.reyes@corbelpike.example.com) will send the link.\n\nPriya",
      { name: 'Tomas Reyes', email: 'tomas.reyes@corbelpike.example.com' },
    ],
    [
      'a third person meeting a named interviewer with an accented name',
      "I'm away that week, so Jordan will meet Siobhán Ó Briain, our Head of Audit, on Thursday 17 December at 11:00 GMT.\n\nPriya Raman\nDirector, Corbel & Pike",
      { name: 'Siobhán Ó Briain' },
    ],
  ])('finds who runs it from %s', async (_what, body, interviewer) => {
    const interview = await forwarded({
      subject: 'Interview',
      body,
      from: 'Corbel & Pike <no-reply@ats-mail.example.com>',
    });
    expect(interview.interviewer).toEqual(interviewer);
  });
});

describe('the sender who runs it', () => {
  it('takes the sender for "I\'ll run the interview myself", not the coordinator who sent the invite', async () => {
    const interview = await forwarded({
      subject: 'Interview',
      from: 'Tomasz Wilk <tomasz.wilk@corbelpike.example.com>',
      body: "Hi Jordan,\n\nI'll run the interview myself: Thursday 17 December, 10:00 GMT, over Teams. Grace Liu, our coordinator, has sent the Teams invitation.\n\nTomasz Wilk\nFinance Director",
    });
    expect(interview.interviewer).toEqual({
      name: 'Tomasz Wilk',
      email: 'tomasz.wilk@corbelpike.example.com',
    });
  });
});

describe('reading ATS tables', () => {
  it('reads a table under column headings as "Heading: value" lines, and a one-cell row as it is', () => {
    const html =
      '<table><tr><td><h2>Your schedule</h2></td></tr><tr><td>' +
      '<table><tr><th>When</th><th>Session</th><th>Interviewer</th></tr>' +
      '<tr><td>Monday, December 14, 2026<br>9:30 AM – 10:30 AM GMT</td><td>Case study (60 min)</td><td>Keziah Mensah<br><span>Audit Manager</span></td></tr></table>' +
      '</td></tr><tr><td>Sent with an ATS</td></tr></table>';

    const text = htmlToText(html);

    expect(text).toContain('When: Monday, December 14, 2026\n9:30 AM – 10:30 AM GMT');
    expect(text).toContain('Session: Case study (60 min)');
    expect(text).toContain('Interviewer: Keziah Mensah\nAudit Manager');
    expect(text).toContain('Your schedule\n');
    expect(text).toMatch(/Sent with an ATS$/);
  });

  it('finds the interviewer in the Interviewer column of an HTML-only invite', async () => {
    const interview = await forwarded({
      subject: 'Interview confirmation',
      from: 'Corbel & Pike Recruiting <no-reply@ats-mail.example.com>',
      html: '<p>Hi Jordan, your interview is confirmed:</p><table><tr><th>Time</th><th>Interviewer</th></tr><tr><td>Monday, December 14, 2026 9:30 AM GMT</td><td>Keziah Mensah<br>Audit Manager</td></tr></table><p>Questions? Contact Lena Park, Recruiting Coordinator, at lena.park@corbelpike.example.com.</p>',
    });

    expect(interview.interviewer?.name).toBe('Keziah Mensah');
  });
});

describe('a moved interview', () => {
  it('takes the new time from the note of the recruiter who forwarded the invite on', async () => {
    const text = [
      'Hi, my father is in hospital and I am flying home tonight, so I cannot make it.',
      '',
      'From: Mia Ruiz <mia@agency.example.com>',
      'Date: Tuesday, 8 December 2026 at 16:08',
      'To: jordan.blake@example.org <jordan.blake@example.org>',
      'Subject: Fwd: Interview with Corbel & Pike',
      'Hi Jordan, heads-up: Tomasz had to move this. It is now Thursday 17 December at 10:00 (GMT).',
      '',
      '---------- Forwarded message ---------',
      'From: Tomasz Wilk <tomasz.wilk@corbelpike.example.com>',
      'Date: Wed, Dec 2, 2026 at 11:14 AM',
      'Subject: Interview with Corbel & Pike',
      'To: Mia Ruiz <mia@agency.example.com>',
      '',
      "Hi Mia, I'd like to interview Jordan for the Staff Accountant role on Tuesday 15 December 2026 at 15:00 GMT.",
      '',
      'Tomasz Wilk',
    ].join('\n');
    const raw = await composeEml({
      from: CANDIDATE,
      to: 'reschedule@example.com',
      subject: 'FW: Fwd: Interview with Corbel & Pike',
      date: new Date('2026-12-09T09:00:00Z'),
      text,
    });

    const { request } = await parseInboundEmail(raw);

    expect(request.interview.start).toBe('2026-12-17T10:00:00+00:00');
    expect(request.text).toBe(
      'Hi, my father is in hospital and I am flying home tonight, so I cannot make it.',
    );
  });
});

describe('reading the company and the role', () => {
  it('never takes a date at the end of the subject for the role', async () => {
    const interview = await forwarded({
      subject: 'Corbel & Pike - Staff Accountant interview (Tue 15 Dec)',
      body: 'Hi Jordan,\n\nWe would like to invite you to interview for the Staff Accountant role at Corbel & Pike on Tuesday 15 December at 10:00 am GMT.\n\nPriya',
    });

    expect(interview.role).toBe('Staff Accountant');
    expect(interview.company).toBe('Corbel & Pike');
  });

  it('splits "ROLE at COMPANY" after "Interview –" in the subject', async () => {
    const interview = await forwarded({
      subject: 'Interview – Payroll Specialist at Harbour Point Bank',
      body: 'Hi Jordan,\n\nLooking forward to meeting you on Monday 14 December at 9:30 am GMT.\n\nPriya',
    });

    expect(interview.role).toBe('Payroll Specialist');
    expect(interview.company).toBe('Harbour Point Bank');
  });

  it("does not take the candidate's name at the end of the subject for the company", async () => {
    const interview = await forwarded({
      subject: 'Interview Invitation - Payroll Specialist - Jordan Blake',
      body: 'Dear Jordan,\n\nGreetings from Harbour Point Bank!\n\nYour interview is on Monday 14 December at 9:30 am GMT.\n\nRegards,\nPriya Raman',
    });

    expect(interview.company).toBe('Harbour Point Bank');
    expect(interview.role).toBe('Payroll Specialist');
  });

  it('reads "VP, Customer Success" as one role, and leaves the kind of interview off the company', async () => {
    const a = await forwarded({
      subject: 'Interview – Director, Internal Audit',
      body: 'Dear Jordan,\n\nThank you for your interest in Harbour Point Bank. Your interview is on Monday 14 December at 9:30 am GMT.\n\nPriya',
    });
    const b = await forwarded({
      subject: 'Harbour Point Bank | Technical interview – Treasury Analyst',
      body: 'Dear Jordan,\n\nYour interview is on Monday 14 December at 9:30 am GMT.\n\nPriya',
    });
    const c = await forwarded({
      subject: 'Interview – Director, Harbour Point Bank Ltd',
      body: 'Dear Jordan,\n\nYour interview is on Monday 14 December at 9:30 am GMT.\n\nPriya',
    });

    expect([a.role, a.company]).toEqual(['Director, Internal Audit', 'Harbour Point Bank']);
    expect([b.role, b.company]).toEqual(['Treasury Analyst', 'Harbour Point Bank']);
    expect([c.role, c.company]).toEqual(['Director', 'Harbour Point Bank Ltd']);
  });

  it('drops a requisition number and "Zoom details" from the subject', async () => {
    const a = await forwarded({
      subject: 'Interview Scheduled - Treasury Analyst (ref TA-20931)',
      body: 'Dear Jordan,\n\nYour interview is on Monday 14 December at 9:30 am GMT.\n\nTalent Acquisition',
    });
    const b = await forwarded({
      subject: 'Panel interview – Treasury Analyst – Zoom details',
      body: 'Dear Jordan,\n\nYour interview is on Monday 14 December at 9:30 am GMT.\n\nTalent Acquisition',
    });

    expect(a.role).toBe('Treasury Analyst');
    expect(a.company).toBeUndefined();
    expect(b.role).toBe('Treasury Analyst');
    expect(b.company).toBeUndefined();
  });

  it('keeps the company an ATS sends as, and ends a name at its legal suffix', async () => {
    const interview = await forwarded({
      subject: 'Interview invitation – Treasury Analyst',
      from: 'Harbour Point Bank <noreply@ats-mail.example.com>',
      body: 'Dear Jordan,\n\nThank you for your application for the Treasury Analyst position at Harbour Point Bank. We are pleased to invite you on Monday 14 December at 9:30 am GMT.\n\nHarbour Point Bank Recruitment',
    });
    const suffix = await forwarded({
      subject: 'next steps',
      body: "Hi Jordan, you're all set for Monday 14 December at 9:30am GMT with Ravi Menon for the Analyst role at Pike & Co. He'll call your mobile.\n\nPriya",
    });

    expect(interview.company).toBe('Harbour Point Bank');
    expect(suffix.company).toBe('Pike & Co');
  });

  it('reads a time in a forwarded note that never says "interview"', async () => {
    const interview = await forwarded({
      subject: 'next steps',
      body: "Hi Jordan, you're all set for Monday 14 December at 9:30am Sydney time with Ravi Menon. He'll give you a ring.\n\nPriya",
    });

    expect(interview.start).toBe('2026-12-14T09:30:00+11:00');
    expect(interview.timezone).toBe('Australia/Sydney');
  });

  it('ends the company at the end of its sentence and reads "the position of ROLE"', async () => {
    const interview = await forwarded({
      subject: 'Interview arrangement',
      body: 'Dear Jordan,\n\nThank you for your interest in Harbour Point Bank. We are pleased to invite you to an interview for the position of Credit Analyst.\n\nDate/Time: Monday 14 December at 9:30 am (London time)\n\nPriya Raman',
    });

    expect(interview.company).toBe('Harbour Point Bank');
    expect(interview.role).toBe('Credit Analyst');
  });
});
