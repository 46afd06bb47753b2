import { describe, expect, it } from 'vitest';
import { handleRequest, type InboundMeta } from '../../../lambda/app/handle-request.js';
import { DeliveryError } from '../../../lambda/adapters/delivery-error.js';
import { TemplateError } from '../../../lambda/core/errors.js';
import { parseRequest, type Request } from '../../../lambda/core/schema.js';
import { memoryWorld, pinnedCore } from '../../support/app-deps.js';

const EMAIL = 'ana.lopez@example.com';
const PHONE = '+15551230000';

function emailRequest(id = 'email:msg-1'): Request {
  return parseRequest({
    id,
    channel: 'email',
    text: "I'm sick and can't make Thursday's interview.",
    receivedAt: '2026-11-23T12:00:00Z',
    candidate: { name: 'Ana Lopez', email: EMAIL },
    interview: { company: 'Acme', interviewer: { name: 'Dana Whitfield' } },
  });
}

function smsRequest(id = 'sms:SM1'): Request {
  return parseRequest({
    id,
    channel: 'sms',
    text: 'my kid is sick, need to move my interview',
    receivedAt: '2026-11-23T12:00:00Z',
    candidate: { phone: PHONE },
  });
}

const meta = (key: string, sender: string | null, fingerprint = 'fp-1'): InboundMeta => ({
  idempotencyKey: key,
  fingerprint,
  sender,
});

describe('handleRequest', () => {
  it('plans, sends each reply once, schedules the reminders and records the conversation', async () => {
    const world = memoryWorld();
    const outcome = await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL));

    expect(outcome.kind, 'expected the request to be planned').toBe('planned');
    expect(world.mailer.sent.map((m) => m.to)).toEqual([EMAIL]);
    const conversation = await world.store.getConversation('email:msg-1');
    expect(conversation?.status).toBe('open');
    expect(conversation?.contact).toEqual({ channel: 'email', address: EMAIL });
    expect(await world.store.latestConversationFor(EMAIL)).toMatchObject({ id: 'email:msg-1' });
    const reminders = await world.store.listReminders({ conversationId: 'email:msg-1' });
    expect(reminders.map((r) => [r.id, r.kind, r.status])).toEqual([
      ['email:msg-1:thank_you', 'thank_you', 'pending'],
    ]);
    expect(world.scheduler.pending().map((r) => r.id)).toEqual(['email:msg-1:thank_you']);
  });

  it('answers a retry with the stored plan and sends nothing more', async () => {
    const world = memoryWorld();
    const first = await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL));
    world.clock.advance(60_000);
    const second = await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL));
    const third = await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL));

    expect(first.kind).toBe('planned');
    expect(second).toEqual({
      kind: 'duplicate',
      conversationId: 'email:msg-1',
      plan: first.kind === 'planned' ? first.plan : null,
    });
    expect(third.kind).toBe('duplicate');
    expect(world.mailer.sent, 'expected exactly one email over three calls').toHaveLength(1);
  });

  it('reports a conflict when the key comes back with another body', async () => {
    const world = memoryWorld();
    await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL, 'fp-1'));
    const outcome = await handleRequest(
      world.deps,
      emailRequest(),
      meta('email:msg-1', EMAIL, 'fp-2'),
    );

    expect(outcome).toEqual({ kind: 'conflict' });
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('reports in_progress while the first attempt holds the claim', async () => {
    const world = memoryWorld();
    await world.store.claimInbound('email:msg-1', 'fp-1', world.clock.now());
    const outcome = await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL));

    expect(outcome).toEqual({ kind: 'in_progress' });
    expect(world.mailer.sent).toHaveLength(0);
  });

  it('rejects a sender off the allowlist without planning or sending', async () => {
    const world = memoryWorld({
      policy: {
        allowlist: ['@acme.test', '+15559990000'],
        rateLimit: { limit: 10, windowSeconds: 3600 },
      },
    });
    const outcome = await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL));

    expect(outcome).toEqual({ kind: 'rejected', reason: 'not_allowed' });
    expect(world.mailer.sent).toHaveLength(0);
    expect(await world.store.getConversation('email:msg-1')).toBeNull();
  });

  it('accepts senders by exact address, by @domain and by E.164 number', async () => {
    const world = memoryWorld({
      policy: {
        allowlist: ['ANA.LOPEZ@example.com', '@corp.test', '+15551230000'],
        rateLimit: { limit: 10, windowSeconds: 3600 },
      },
    });
    const byAddress = await handleRequest(
      world.deps,
      emailRequest('email:a'),
      meta('email:a', EMAIL),
    );
    const byDomain = await handleRequest(
      world.deps,
      emailRequest('email:b'),
      meta('email:b', 'lee@corp.test'),
    );
    const byNumber = await handleRequest(
      world.deps,
      smsRequest(),
      meta('sms:SM1', '+1 (555) 123-0000'),
    );

    expect([byAddress.kind, byDomain.kind, byNumber.kind]).toEqual([
      'planned',
      'planned',
      'planned',
    ]);
  });

  it('rejects an opted-out sender and sends nothing', async () => {
    const world = memoryWorld();
    await world.store.setOptedOut(PHONE, true, world.clock.now());
    const outcome = await handleRequest(world.deps, smsRequest(), meta('sms:SM1', PHONE));

    expect(outcome).toEqual({ kind: 'rejected', reason: 'opted_out' });
    expect(world.texter.sent).toHaveLength(0);
  });

  it('rejects the request past the per-sender limit and lets it through in the next window', async () => {
    const world = memoryWorld({
      policy: { allowlist: ['*'], rateLimit: { limit: 2, windowSeconds: 3600 } },
    });
    const kinds: string[] = [];
    for (const n of [1, 2, 3]) {
      const outcome = await handleRequest(
        world.deps,
        smsRequest(`sms:SM${n}`),
        meta(`sms:SM${n}`, PHONE, `fp-${n}`),
      );
      kinds.push(outcome.kind === 'rejected' ? outcome.reason : outcome.kind);
    }
    world.clock.advance(3600 * 1000);
    const later = await handleRequest(
      world.deps,
      smsRequest('sms:SM3'),
      meta('sms:SM3', PHONE, 'fp-3'),
    );

    expect(kinds).toEqual(['planned', 'planned', 'rate_limited']);
    expect(later.kind, 'expected the rejected key to be usable again in the next window').toBe(
      'planned',
    );
  });

  it('skips the policy when nobody is answered (sender null) and sends nothing', async () => {
    const world = memoryWorld({
      policy: { allowlist: [], rateLimit: { limit: 1, windowSeconds: 3600 } },
    });
    const request = parseRequest({
      id: 'webhook:k1',
      channel: 'webhook',
      text: 'flight cancelled',
      receivedAt: '2026-11-23T12:00:00Z',
    });
    const outcome = await handleRequest(world.deps, request, meta('webhook:k1', null));

    expect(outcome.kind).toBe('planned');
    expect(world.mailer.sent.length + world.texter.sent.length).toBe(0);
  });

  it('leaves replies to the channel when it answers inline, and still schedules reminders', async () => {
    const world = memoryWorld();
    const outcome = await handleRequest(world.deps, smsRequest(), {
      ...meta('sms:SM1', PHONE),
      inlineReplies: true,
    });

    expect(outcome.kind === 'planned' && outcome.plan.replies).toHaveLength(2);
    expect(world.texter.sent).toHaveLength(0);
    expect(world.scheduler.pending()).toHaveLength(1);
  });

  it('threads email replies to the inbound message', async () => {
    const world = memoryWorld();
    await handleRequest(world.deps, emailRequest(), {
      ...meta('email:msg-1', EMAIL),
      thread: { messageId: '<m2@mail.test>', references: ['<m1@mail.test>'], subject: 'Interview' },
    });

    expect(world.mailer.sent[0]).toMatchObject({
      inReplyTo: '<m2@mail.test>',
      references: ['<m1@mail.test>', '<m2@mail.test>'],
    });
  });

  it('fails a send with a released claim, a rethrown error and the conversation intact; the retry sends the rest once', async () => {
    const world = memoryWorld();
    const outage = new DeliveryError('twilio', 'Twilio is down', { retryable: true });
    const texter = world.texter;
    let calls = 0;
    // The first SMS goes out, the second fails once.
    const flaky = {
      send: async (message: { to: string; body: string }) => {
        calls += 1;
        if (calls === 2) throw outage;
        return texter.send(message);
      },
    };
    const deps = { ...world.deps, texter: flaky };

    await expect(handleRequest(deps, smsRequest(), meta('sms:SM1', PHONE))).rejects.toBe(outage);
    const conversation = await world.store.getConversation('sms:SM1');
    expect(conversation?.plan.replies, 'expected the conversation to keep its plan').toHaveLength(
      2,
    );
    expect(conversation?.status).toBe('open');
    expect(texter.sent.map((m) => m.body)).toEqual(['Draft: I need to reschedule.']);
    expect(
      await world.store.claimDelivery('sms:SM1:reply:1', world.clock.now()),
      'expected the failed reply claim to be released',
    ).toBe(true);
    await world.store.releaseDelivery('sms:SM1:reply:1');

    const retry = await handleRequest(deps, smsRequest(), meta('sms:SM1', PHONE));

    expect(retry.kind).toBe('planned');
    expect(
      texter.sent.map((m) => m.body),
      'expected the retry to send only the missing reply',
    ).toEqual(['Draft: I need to reschedule.', 'Tip: call first.']);
  });

  it('takes no rate token when resuming a failed attempt, so retries never lock the sender out', async () => {
    const world = memoryWorld({
      policy: { allowlist: ['*'], rateLimit: { limit: 1, windowSeconds: 3600 } },
    });
    world.mailer.failNext(new DeliveryError('ses', 'throttled', { retryable: true }));
    await expect(
      handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL)),
    ).rejects.toBeInstanceOf(DeliveryError);

    const retry = await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL));

    expect(retry.kind).toBe('planned');
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('releases the inbound claim when the core fails, so a retry runs again', async () => {
    const world = memoryWorld({
      core: {
        ...pinnedCore,
        plan: () => {
          throw new TemplateError('unknown variable');
        },
      },
    });
    await expect(
      handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL)),
    ).rejects.toBeInstanceOf(TemplateError);

    expect(await world.store.claimInbound('email:msg-1', 'fp-1', world.clock.now())).toEqual({
      status: 'new',
    });
  });

  it('does not reply to a recipient off the allowlist even when the plan names one', async () => {
    const world = memoryWorld({
      policy: { allowlist: ['+15551230000'], rateLimit: { limit: 10, windowSeconds: 3600 } },
    });
    const request = parseRequest({ ...smsRequest(), candidate: { phone: PHONE, email: EMAIL } });
    const core = {
      ...pinnedCore,
      plan: (r: Request, now: string) => ({
        ...pinnedCore.plan(r, now, {}),
        replies: [{ channel: 'email' as const, to: EMAIL, subject: 's', text: 't' }],
      }),
    };
    const outcome = await handleRequest({ ...world.deps, core }, request, meta('sms:SM1', PHONE));

    expect(outcome.kind).toBe('planned');
    expect(world.mailer.sent).toHaveLength(0);
  });

  it('logs ids and outcomes but never addresses, numbers or the text', async () => {
    const world = memoryWorld();
    await handleRequest(world.deps, emailRequest(), meta('email:msg-1', EMAIL));
    await handleRequest(world.deps, smsRequest(), meta('sms:SM1', PHONE));

    const logged = world.log.text();
    expect(logged).toContain('email:msg-1');
    for (const secret of [EMAIL, PHONE, 'sick'])
      expect(logged, `expected logs without "${secret}"`).not.toContain(secret);
  });
});
