/**
 * The SES inbound flow end to end on loopback stand-ins: the raw mail in s3rver (as the S3
 * action stores it), a real-shaped SES event, the store on dynalite, the real core and
 * templates, and the reply captured by aws-ses-v2-local with its threading headers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CreateBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoStore } from '../../lambda/adapters/dynamodb/index.js';
import {
  FixedClock,
  MemoryScheduler,
  RecordingTexter,
} from '../../lambda/adapters/memory/index.js';
import { SesMailer } from '../../lambda/adapters/ses/ses-mailer.js';
import { coreFunctions } from '../../lambda/app/core.js';
import type { Deps } from '../../lambda/app/deps.js';
import { handleSesEvent, type EmailInboundDeps } from '../../lambda/channels/email/index.js';
import { S3RawMailSource } from '../../lambda/channels/email/s3-raw-mail.js';
import { loadTemplates } from '../../lambda/templates.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';
import { startSesLocal, type SesLocal } from '../support/ses-local.js';
import { RecordingLog } from '../support/app-deps.js';
import { devInvitesDir } from '../unit/channels/email/shared-paths.js';
import { sesEvent } from '../unit/channels/email/ses-event.js';

const BUCKET = 'inbound-mail';
const PREFIX = 'inbound/';
const MAYA = 'Maya Fernandes <maya.fernandes@example.org>';
const invite = readFileSync(resolve(devInvitesDir, '01-gmail-ics.eml'));

let s3rver: S3rver;
let s3dir: string;
let s3: S3Client;
let db: DynaliteHandle;
let ses: SesLocal;
let log: RecordingLog;
let deps: EmailInboundDeps;
let table = 0;

beforeAll(async () => {
  s3dir = mkdtempSync(join(tmpdir(), 's3rver-'));
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir });
  const { port } = (await s3rver.run()) as AddressInfo;
  s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  db = await startDynalite('email-e2e-0');
  ses = await startSesLocal();
});

afterAll(async () => {
  s3.destroy();
  await s3rver.close();
  rmSync(s3dir, { recursive: true, force: true });
  await db.stop();
  await ses.close();
});

beforeEach(async () => {
  table += 1;
  const tableName = `email-e2e-${table}`;
  await db.createTable(tableName);
  await ses.clear();
  log = new RecordingLog();
  const app: Deps = {
    store: new DynamoStore({ tableName, client: db.client }),
    mailer: new SesMailer({ client: ses.client(), fromAddress: 'reschedule@example.com' }),
    texter: new RecordingTexter(),
    scheduler: new MemoryScheduler(),
    clock: new FixedClock('2026-12-01T12:43:00.000Z'),
    templates: loadTemplates(),
    policy: { allowlist: ['@example.org'], rateLimit: { limit: 10, windowSeconds: 3600 } },
    logger: log,
    core: coreFunctions,
  };
  deps = {
    app,
    rawMail: new S3RawMailSource({ client: s3, bucket: BUCKET, prefix: PREFIX }),
  };
});

async function store(messageId: string, raw: Buffer): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
}

describe('SES inbound, end to end', () => {
  it('answers a forwarded invite on the candidate thread with the draft, keeping the raw mail', async () => {
    await store('e2e-msg-1', invite);
    const [outcome] = await handleSesEvent(deps, sesEvent({ messageId: 'e2e-msg-1', from: MAYA }));
    expect(outcome).toMatchObject({ kind: 'request', outcome: { kind: 'planned' } });
    if (outcome?.kind !== 'request' || outcome.outcome.kind !== 'planned') return;
    const plan = outcome.outcome.plan;
    expect(plan.interview.start).toBe('2026-12-03T10:00:00-05:00');
    expect(plan.interview.interviewer.name).toBe('Daniel Okafor');

    const sent = await ses.emails();
    expect(sent, 'expected exactly one reply').toHaveLength(1);
    const reply = sent[0];
    expect(reply?.destination.to).toEqual(['maya.fernandes@example.org']);
    const raw = ses.raw(reply?.messageId ?? '').toString('utf8');
    expect(raw).toMatch(/^In-Reply-To: <CAJ7fQx1dev01maya@mail\.example\.org>\r?$/m);
    expect(raw).toMatch(/^References: <CAJ7fQx1dev01maya@mail\.example\.org>\r?$/m);
    expect(raw).toMatch(/^Subject: Re: Fwd: Interview invitation: Senior Data Analyst at/m);
    const firstLine =
      plan.drafts.reschedule.text.split('\n').find((l) => l.trim().length > 20) ?? '';
    expect(firstLine.length).toBeGreaterThan(20);
    expect(reply?.body.text ?? '').toContain(firstLine.slice(0, 40));

    const kept = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}e2e-msg-1` }),
    );
    expect(kept.ContentLength, 'expected the raw mail still in S3').toBe(invite.length);
  });

  it('sends nothing for a DMARC-failing mail, and logs only its message id', async () => {
    await store('e2e-dmarc', invite);
    const [outcome] = await handleSesEvent(
      deps,
      sesEvent({ messageId: 'e2e-dmarc', from: MAYA, verdicts: { dmarc: 'FAIL' } }),
    );
    expect(outcome).toMatchObject({ kind: 'dropped', reason: 'verdict_failed' });
    expect(await ses.emails()).toEqual([]);
    expect(log.text()).toContain('e2e-dmarc');
    expect(log.text()).not.toMatch(/maya|fever|Okafor/i);
  });

  it('sends nothing to a sender off the allowlist', async () => {
    await store('e2e-stranger', invite);
    const [outcome] = await handleSesEvent(
      deps,
      sesEvent({ messageId: 'e2e-stranger', from: 'Mallory <mallory@attacker.example.net>' }),
    );
    expect(outcome).toMatchObject({ kind: 'dropped', reason: 'not_allowed' });
    expect(await ses.emails()).toEqual([]);
  });

  it('answers once when SES delivers the same message twice', async () => {
    await store('e2e-twice', invite);
    await handleSesEvent(deps, sesEvent({ messageId: 'e2e-twice', from: MAYA }));
    const [second] = await handleSesEvent(deps, sesEvent({ messageId: 'e2e-twice', from: MAYA }));
    expect(second).toMatchObject({ kind: 'request', outcome: { kind: 'duplicate' } });
    expect(await ses.emails()).toHaveLength(1);
  });

  it('answers a mail missing from S3 with a polite request to send it again', async () => {
    const [outcome] = await handleSesEvent(
      deps,
      sesEvent({ messageId: 'e2e-missing', from: MAYA }),
    );
    expect(outcome).toMatchObject({ kind: 'answered_problem', problem: 'missing' });
    const sent = await ses.emails();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.text ?? '').toMatch(/forward the interview invitation again/);
  });
});
