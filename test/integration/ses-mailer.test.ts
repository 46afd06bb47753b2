import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESClient } from '@aws-sdk/client-ses';
import { SesMailer } from '../../lambda/adapters/ses/ses-mailer.js';
import { DeliveryError } from '../../lambda/adapters/delivery-error.js';
import { startSesLocal, type SesLocal } from '../support/ses-local.js';

let ses: SesLocal;

beforeAll(async () => {
  ses = await startSesLocal();
});
afterAll(async () => {
  await ses.close();
});
beforeEach(async () => {
  await ses.clear();
});

function mailer(client = ses.client()): SesMailer {
  return new SesMailer({
    client,
    fromAddress: 'assistant@reschedule.example',
    fromName: 'Reschedule Assistant',
  });
}

async function sendError(m: SesMailer): Promise<DeliveryError> {
  const error: unknown = await m
    .send({ to: 'candidate@example.org', subject: 'Hi', text: 'Hello' })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error, 'expected the send to fail with a DeliveryError').toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('SesMailer against aws-ses-v2-local', () => {
  it('sends a multipart/alternative UTF-8 message with threading headers', async () => {
    const { messageId } = await mailer().send({
      to: 'candidate@example.org',
      subject: 'Re: Entretien reporté — merci',
      text: 'Bonjour Zoë,\n\nVoici le brouillon ☕.',
      html: '<p>Bonjour Zoë,</p><p>Voici le brouillon ☕.</p>',
      inReplyTo: '<CAF=abc123@mail.gmail.com>',
      references: ['<root-1@mail.gmail.com>'],
    });

    const stored = await ses.emails();
    expect(stored.map((e) => e.messageId)).toEqual([messageId]);
    const raw = ses.raw(messageId).toString('utf8');
    const parsed = await simpleParser(ses.raw(messageId));

    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(parsed.subject).toBe('Re: Entretien reporté — merci');
    expect(parsed.from?.value).toEqual([
      { name: 'Reschedule Assistant', address: 'assistant@reschedule.example' },
    ]);
    expect(
      parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : [],
    ).toEqual(['candidate@example.org']);
    expect(parsed.messageId).toMatch(/^<[0-9a-f-]{36}@reschedule\.example>$/);
    expect(parsed.inReplyTo).toBe('<CAF=abc123@mail.gmail.com>');
    expect(parsed.references).toEqual(['<root-1@mail.gmail.com>', '<CAF=abc123@mail.gmail.com>']);
    expect(parsed.text?.trim()).toBe('Bonjour Zoë,\n\nVoici le brouillon ☕.');
    expect(parsed.html).toContain('<p>Bonjour Zoë,</p>');
    expect(raw).toMatch(
      /Content-Type: text\/plain; charset=utf-8\r?\nContent-Transfer-Encoding: quoted-printable/i,
    );
    expect(raw).toMatch(
      /Content-Type: text\/html; charset=utf-8\r?\nContent-Transfer-Encoding: quoted-printable/i,
    );
    expect(stored[0]?.body.text?.trim()).toBe('Bonjour Zoë,\n\nVoici le brouillon ☕.');
    expect(stored[0]?.subject).toBe('Re: Entretien reporté — merci');
    expect(await ses.eml(messageId)).toContain('Subject:');
  });

  it('sends a text-only message without an HTML part or threading headers', async () => {
    const { messageId } = await mailer().send({
      to: 'candidate@example.org',
      subject: 'Plain',
      text: 'Just text.',
    });

    const raw = ses.raw(messageId).toString('utf8');
    const parsed = await simpleParser(ses.raw(messageId));
    expect(parsed.html).toBe(false);
    expect(parsed.text?.trim()).toBe('Just text.');
    expect(raw).toMatch(/^Subject: Plain\r?$/m);
    expect(raw).not.toMatch(/^In-Reply-To:/m);
    expect(raw).not.toMatch(/^References:/m);
  });

  it('keeps CR/LF in the subject and threading ids from starting new headers', async () => {
    const { messageId } = await mailer().send({
      to: 'candidate@example.org',
      subject: 'Hello\r\nBcc: attacker@evil.example\r\nX-Injected: yes',
      text: 'Body',
      inReplyTo: '<a@b>\r\nBcc: attacker@evil.example',
      references: ['not a message id', '<ok@mail.example>'],
    });

    const raw = ses.raw(messageId).toString('utf8');
    const parsed = await simpleParser(ses.raw(messageId));
    expect(raw).not.toMatch(/^Bcc:/im);
    expect(raw).not.toMatch(/^X-Injected:/im);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('Hello Bcc: attacker@evil.example X-Injected: yes');
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBe('<ok@mail.example>');
    const [stored] = await ses.emails();
    expect(stored?.destination.bcc).toEqual([]);
  });

  it('rejects a recipient that is not one plain address without calling SES', async () => {
    const error: unknown = await mailer()
      .send({ to: 'a@example.org, attacker@evil.example', subject: 'x', text: 'y' })
      .then(
        () => null,
        (e: unknown) => e,
      );

    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(false);
    expect((error as DeliveryError).providerCode).toBe('InvalidRecipient');
    expect(ses.calls).toBe(0);
  });

  it('maps SES throttling to a retryable DeliveryError', async () => {
    ses.failNext(1, { status: 400, code: 'Throttling', message: 'Maximum sending rate exceeded.' });

    const error = await sendError(mailer());

    expect(error.retryable).toBe(true);
    expect(error.provider).toBe('ses');
    expect(error.providerCode).toBe('Throttling');
    expect(error.message).not.toContain('candidate@example.org');
  });

  it('maps an SES 5xx to a retryable DeliveryError', async () => {
    ses.failNext(1, { status: 500, code: 'InternalFailure' });

    const error = await sendError(mailer());

    expect(error.retryable).toBe(true);
  });

  it('maps MessageRejected to a non-retryable DeliveryError', async () => {
    ses.failNext(1, {
      status: 400,
      code: 'MessageRejected',
      message: 'Email address is not verified.',
    });

    const error = await sendError(mailer());

    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('MessageRejected');
    expect(await ses.emails()).toEqual([]);
  });

  it('maps a refused connection to a retryable DeliveryError', async () => {
    const closed = new SESClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    });

    const error = await sendError(mailer(closed));

    expect(error.retryable).toBe(true);
  });

  it('succeeds after a throttle when the SDK retries', async () => {
    ses.failNext(1, { status: 400, code: 'Throttling' });

    const { messageId } = await mailer(ses.client({ maxAttempts: 2 })).send({
      to: 'candidate@example.org',
      subject: 'Retry',
      text: 'Once.',
    });

    expect((await ses.emails()).map((e) => e.messageId)).toEqual([messageId]);
    expect(ses.calls).toBe(2);
  });
});
