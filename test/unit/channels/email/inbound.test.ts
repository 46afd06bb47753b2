import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../../support/app-deps.js';
import {
  handleSesEvent,
  RawMailUnavailableError,
  type EmailInboundDeps,
} from '../../../../lambda/channels/email/index.js';
import { S3RawMailSource } from '../../../../lambda/channels/email/s3-raw-mail.js';
import { isRetryable, isValidationError } from '../../../../lambda/core/errors.js';
import { composeEml } from './compose.js';
import { devInvitesDir } from './shared-paths.js';
import { sesEvent } from './ses-event.js';

const MAYA = 'Maya Fernandes <maya.fernandes@example.org>';
const invite01 = readFileSync(resolve(devInvitesDir, '01-gmail-ics.eml'));

/** An S3 stand-in for the unit tests (the integration test runs s3rver). */
class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly keys: string[] = [];
  failWith: Error | null = null;
  // S3Client['send'] is overloaded; the fake answers the one command the source sends.
  send = (async (command: GetObjectCommand) => {
    const key = `${command.input.Bucket}/${command.input.Key}`;
    this.keys.push(key);
    if (this.failWith) throw this.failWith;
    const body = this.objects.get(key);
    if (!body)
      throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    return {
      ContentLength: body.length,
      Body: {
        transformToByteArray: async () => new Uint8Array(body),
        transformToWebStream: () => new ReadableStream(),
      },
    };
  }) as unknown as S3Client['send'];
}

function setup(
  options: {
    allowlist?: string[];
    maxBytes?: number;
    parseWhen?: EmailInboundDeps['parseWhen'];
  } = {},
) {
  const world = memoryWorld({
    policy: {
      allowlist: options.allowlist ?? ['@example.org'],
      rateLimit: { limit: 10, windowSeconds: 3600 },
    },
    now: '2026-12-01T12:43:00.000Z',
  });
  const s3 = new FakeS3();
  const deps: EmailInboundDeps = {
    app: world.deps,
    rawMail: new S3RawMailSource({ client: s3, bucket: 'inbound', prefix: 'mail/' }),
    maxBytes: options.maxBytes,
    parseWhen: options.parseWhen,
  };
  return { ...world, s3, deps };
}

describe('handleSesEvent', () => {
  it('reads the raw mail from S3 at prefix + messageId and answers on the candidate thread', async () => {
    const { deps, s3, mailer } = setup();
    s3.objects.set('inbound/mail/msg-01', invite01);
    const [outcome] = await handleSesEvent(deps, sesEvent({ messageId: 'msg-01', from: MAYA }));
    expect(outcome).toMatchObject({ kind: 'request', outcome: { kind: 'planned' } });
    expect(s3.keys).toEqual(['inbound/mail/msg-01']);
    expect(mailer.sent).toHaveLength(1);
    const reply = mailer.sent[0];
    expect(reply?.to).toBe('maya.fernandes@example.org');
    expect(reply?.inReplyTo).toBe('<CAJ7fQx1dev01maya@mail.example.org>');
    expect(reply?.references).toEqual(['<CAJ7fQx1dev01maya@mail.example.org>']);
    expect(reply?.subject).toBe(
      'Re: Fwd: Interview invitation: Senior Data Analyst at Brightwell Analytics',
    );
  });

  it('hands the app a Request with the note as text and the invite as details', async () => {
    const { deps, s3, store } = setup();
    s3.objects.set('inbound/mail/msg-01', invite01);
    await handleSesEvent(deps, sesEvent({ messageId: 'msg-01', from: MAYA }));
    const conversation = await store.getConversation('msg-01');
    expect(conversation?.request.text).toMatch(/^Hi,\n\nI woke up with a high fever/);
    expect(conversation?.request.interview.start).toBe('2026-12-03T10:00:00-05:00');
    expect(conversation?.request.candidate.email).toBe('maya.fernandes@example.org');
    expect(conversation?.thread?.messageId).toBe('<CAJ7fQx1dev01maya@mail.example.org>');
  });

  it.each(['spam', 'virus', 'spf', 'dkim', 'dmarc'] as const)(
    'drops mail whose %s verdict is FAIL without any answer, logging the message id only',
    async (verdict) => {
      const { deps, s3, mailer, log } = setup();
      s3.objects.set('inbound/mail/msg-bad', invite01);
      const [outcome] = await handleSesEvent(
        deps,
        sesEvent({ messageId: 'msg-bad', from: MAYA, verdicts: { [verdict]: 'FAIL' } }),
      );
      expect(outcome).toEqual({ kind: 'dropped', reason: 'verdict_failed', messageId: 'msg-bad' });
      expect(mailer.sent).toEqual([]);
      expect(s3.keys, 'expected the raw mail not even read').toEqual([]);
      expect(log.text()).toContain('msg-bad');
      expect(log.text()).not.toContain('maya.fernandes');
    },
  );

  it('drops mail from a sender off the allowlist without any answer', async () => {
    const { deps, s3, mailer, log } = setup({ allowlist: ['@example.com'] });
    s3.objects.set('inbound/mail/msg-01', invite01);
    const [outcome] = await handleSesEvent(deps, sesEvent({ messageId: 'msg-01', from: MAYA }));
    expect(outcome).toMatchObject({ kind: 'dropped', reason: 'not_allowed' });
    expect(mailer.sent).toEqual([]);
    expect(log.text()).not.toContain('maya.fernandes');
  });

  it('answers a missing S3 object with a polite request to send the invite again', async () => {
    const { deps, mailer } = setup();
    const [outcome] = await handleSesEvent(deps, sesEvent({ messageId: 'gone', from: MAYA }));
    expect(outcome).toMatchObject({ kind: 'answered_problem', problem: 'missing' });
    expect(mailer.sent[0]?.to).toBe('maya.fernandes@example.org');
    expect(mailer.sent[0]?.text).toMatch(/forward the interview invitation again/);
  });

  it('answers mail over the size limit without reading it, saying what to send instead', async () => {
    const { deps, s3, mailer } = setup({ maxBytes: 1000 });
    s3.objects.set('inbound/mail/big', invite01);
    const [outcome] = await handleSesEvent(
      deps,
      sesEvent({ messageId: 'big', from: MAYA, subject: 'Fwd: Interview' }),
    );
    expect(outcome).toMatchObject({ kind: 'answered_problem', problem: 'too_large' });
    expect(mailer.sent[0]?.subject).toBe('Re: Fwd: Interview');
    expect(mailer.sent[0]?.text).toMatch(/too large/);
  });

  it('asks for the interview time when the mail carries no invite', async () => {
    const { deps, s3, mailer } = setup();
    s3.objects.set(
      'inbound/mail/bare',
      await composeEml({
        from: MAYA,
        to: 'reschedule@example.com',
        subject: 'help',
        messageId: '<bare-1@example.org>',
        text: "I'm sick and can't go to my interview.",
      }),
    );
    const [outcome] = await handleSesEvent(deps, sesEvent({ messageId: 'bare', from: MAYA }));
    expect(outcome).toMatchObject({ kind: 'answered_problem', problem: 'no_invite' });
    expect(mailer.sent[0]?.text).toMatch(/When is the interview\?/);
    expect(mailer.sent[0]?.inReplyTo).toBe('<bare-1@example.org>');
  });

  it('answers an SES retry once: the second delivery of the same message id sends nothing', async () => {
    const { deps, s3, mailer } = setup();
    s3.objects.set('inbound/mail/msg-01', invite01);
    await handleSesEvent(deps, sesEvent({ messageId: 'msg-01', from: MAYA }));
    const [second] = await handleSesEvent(deps, sesEvent({ messageId: 'msg-01', from: MAYA }));
    expect(second).toMatchObject({ kind: 'request', outcome: { kind: 'duplicate' } });
    expect(mailer.sent).toHaveLength(1);
  });

  it('records the new time stated in a reply on the thread and thanks on the same thread', async () => {
    const seen: string[] = [];
    const { deps, s3, mailer, store } = setup({
      parseWhen: (text) => {
        seen.push(text);
        return /thu 2pm/i.test(text)
          ? { start: '2026-12-10T14:00:00-05:00', timezone: 'America/New_York' }
          : null;
      },
    });
    s3.objects.set('inbound/mail/msg-01', invite01);
    await handleSesEvent(deps, sesEvent({ messageId: 'msg-01', from: MAYA }));
    const ourReply = mailer.sent[0]?.messageId ?? '';
    s3.objects.set(
      'inbound/mail/msg-02',
      await composeEml({
        from: MAYA,
        to: 'reschedule@example.com',
        subject: 'Re: Fwd: Interview invitation: Senior Data Analyst at Brightwell Analytics',
        messageId: '<reply-2@mail.example.org>',
        inReplyTo: ourReply,
        references: ['<CAJ7fQx1dev01maya@mail.example.org>', ourReply],
        text: `Good news, it's moved to Thu 2pm.\n\nOn Tue, Dec 1, 2026 at 12:43 PM Reschedule <reschedule@example.com> wrote:\n> Here is your draft.`,
      }),
    );
    const [outcome] = await handleSesEvent(deps, sesEvent({ messageId: 'msg-02', from: MAYA }));
    expect(outcome).toMatchObject({ kind: 'new_time', conversationId: 'msg-01', recorded: true });
    expect(seen).toEqual(["Good news, it's moved to Thu 2pm."]);
    expect((await store.getConversation('msg-01'))?.newStart).toBe('2026-12-10T14:00:00-05:00');
    const thanks = mailer.sent[1];
    expect(thanks?.inReplyTo).toBe('<reply-2@mail.example.org>');
    expect(thanks?.references).toContain('<CAJ7fQx1dev01maya@mail.example.org>');
    expect(thanks?.subject).toMatch(/^Re: /);
  });

  it('asks for the new time when a reply on the thread states none', async () => {
    const { deps, s3, mailer } = setup({ parseWhen: () => null });
    s3.objects.set('inbound/mail/msg-01', invite01);
    await handleSesEvent(deps, sesEvent({ messageId: 'msg-01', from: MAYA }));
    s3.objects.set(
      'inbound/mail/msg-03',
      await composeEml({
        from: MAYA,
        to: 'reschedule@example.com',
        subject: 'Re: Fwd: Interview invitation: Senior Data Analyst at Brightwell Analytics',
        inReplyTo: mailer.sent[0]?.messageId,
        text: 'Thanks!',
      }),
    );
    const [outcome] = await handleSesEvent(deps, sesEvent({ messageId: 'msg-03', from: MAYA }));
    expect(outcome).toMatchObject({ kind: 'answered_problem', problem: 'no_new_time' });
    expect(mailer.sent[1]?.text).toMatch(/new time/);
  });

  it('rethrows an S3 failure as retryable so the invocation is retried', async () => {
    const { deps, s3, mailer } = setup();
    s3.failWith = Object.assign(new Error('slow down'), { name: 'SlowDown' });
    const error = await handleSesEvent(deps, sesEvent({ messageId: 'x', from: MAYA })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RawMailUnavailableError);
    expect(isRetryable(error)).toBe(true);
    expect(mailer.sent).toEqual([]);
  });

  it('rejects an event that is not an SES event, naming the problems', async () => {
    const { deps } = setup();
    const error = await handleSesEvent(deps, { Records: [{ eventSource: 'aws:sns' }] }).catch(
      (e: unknown) => e,
    );
    expect(isValidationError(error)).toBe(true);
  });
});
