import { describe, expect, it } from 'vitest';
import {
  htmlToText,
  problemReply,
  replySubject,
  replyText,
  threadedMailer,
  threadHeaders,
  type ThreadInfo,
} from '../../../../lambda/channels/email/index.js';
import type { OutboundEmail } from '../../../../lambda/app/ports.js';

describe('htmlToText', () => {
  it("keeps Gmail's forward separator and header lines on their own lines", () => {
    const text = htmlToText(
      '<div>Note</div><div class="gmail_quote">---------- Forwarded message ---------<br>From: <strong>A</strong> &lt;a@example.com&gt;<br>Subject: Hi &amp; bye</div>',
    );
    expect(text).toBe(
      'Note\n---------- Forwarded message ---------\nFrom: A <a@example.com>\nSubject: Hi & bye',
    );
  });

  it("turns Outlook's <hr> into the underscore separator its text version has", () => {
    expect(htmlToText('<p>Note</p><hr><b>From:</b> A')).toBe(
      'Note\n________________________________\nFrom: A',
    );
  });

  it('drops head, style and script, decodes entities, and keeps link targets', () => {
    const text = htmlToText(
      '<head><title>x</title><style>p{}</style></head><script>alert(1)</script><p>It&#8217;s &nbsp;<a href="https://zoom.us/j/1">Join</a></p>',
    );
    expect(text).toBe('It’s Join <https://zoom.us/j/1>');
  });
});

describe('replies on the thread', () => {
  const thread: ThreadInfo = {
    messageId: '<c2@example.org>',
    references: ['<c1@example.org>'],
    subject: 'Re: Fwd: Interview',
  };

  it('prefixes one "Re:" and strips CR/LF from the subject', () => {
    expect(replySubject('Fwd: Interview')).toBe('Re: Fwd: Interview');
    expect(replySubject('RE: Re: Interview\r\nBcc: x@example.com')).toBe(
      'Re: Interview Bcc: x@example.com',
    );
  });

  it('answers the candidate message and keeps the references before it', () => {
    expect(threadHeaders(thread)).toEqual({
      inReplyTo: '<c2@example.org>',
      references: ['<c1@example.org>', '<c2@example.org>'],
    });
  });

  it('threads messages sent through the mailer, leaving other threads alone', async () => {
    const sent: OutboundEmail[] = [];
    const mailer = threadedMailer(
      { send: async (m) => (sent.push(m), { messageId: 'x' }) },
      thread,
    );
    await mailer.send({ to: 'a@example.org', subject: 'Your draft', text: 't' });
    await mailer.send({ to: 'a@example.org', subject: 'Other', text: 't', inReplyTo: '<z@x>' });
    expect(sent[0]).toMatchObject({
      subject: 'Re: Fwd: Interview',
      inReplyTo: '<c2@example.org>',
      references: ['<c1@example.org>', '<c2@example.org>'],
    });
    expect(sent[1]).toMatchObject({ subject: 'Other', inReplyTo: '<z@x>' });
  });

  it('asks for the interview time when no invite was found', () => {
    const reply = problemReply('no_invite', 'a@example.org', thread, 'Fwd: Interview');
    expect(reply.text).toMatch(/When is the interview\?/);
    expect(reply.inReplyTo).toBe('<c2@example.org>');
    const words = reply.text.split(/\s+/).length;
    expect(words, 'expected a short answer').toBeLessThan(80);
  });

  it('reads only the new text of a reply, above the quote', () => {
    expect(
      replyText(
        "We're now on Tuesday at 10.\n\nOn Mon, Dec 7, 2026 at 9:00 AM Bot <b@x> wrote:\n> old",
      ),
    ).toBe("We're now on Tuesday at 10.");
    expect(replyText('moved to Thu 2pm\n-----Original Message-----\nFrom: x')).toBe(
      'moved to Thu 2pm',
    );
    expect(replyText('NEW Thu 2pm\n\n> quoted')).toBe('NEW Thu 2pm');
  });
});
