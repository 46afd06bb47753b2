/**
 * `npm run bench`: the speed and size figures, each beside the baseline it is judged
 * against, measured in the same run on the same machine (ratios, not absolute numbers,
 * are what carry across machines). Prints a table and writes BENCHMARKS.md.
 *
 *   npm run bench            # all
 *   npm run bench -- --quick # fewer rounds (a smoke run)
 *   npm run bench -- --only email,webhook   # some sections: lambdas, email, webhook, cli, classify
 *                                           # (BENCHMARKS.md is written only by a full run)
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { coreFunctions } from '../lambda/app/core.js';
import type { Deps } from '../lambda/app/deps.js';
import {
  FixedClock,
  MemoryScheduler,
  MemoryStore,
  RecordingMailer,
  RecordingTexter,
} from '../lambda/adapters/memory/index.js';
import { processRawMail } from '../lambda/channels/email/inbound.js';
import { signatureHeader } from '../lambda/channels/webhook/index.js';
import { classify } from '../lambda/core/classify.js';
import { startLocalService } from '../lambda/local/server.js';
import { loadTemplates } from '../lambda/templates.js';
import { startDynalite } from '../test/support/dynalite.js';
import { bundleLambda, coldStartOutputs, TABLES_DIR } from './lambda-bundle.mjs';

const root = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : null;
const wanted = (section: string) => only === null || only.has(section);
const out = join(root, '.bench');

// ---------------------------------------------------------------- helpers

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

interface Row {
  readonly what: string;
  readonly figure: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  readonly ok: boolean | null;
}
const rows: Row[] = [];
function row(r: Row): void {
  rows.push(r);
  const mark = r.ok === null ? ' ' : r.ok ? '✓' : '✗';
  process.stdout.write(
    `${mark} ${r.what}: ${r.figure} (baseline ${r.baseline}; ${r.ratio}; target ${r.target})\n`,
  );
}

// ---------------------------------------------------------------- 1. bundles and load time

/** The Lambdas, with the most load time each may add over a bare `node -e 0` (issue #7). */
const LAMBDAS = [
  { name: 'email', entry: 'lambda/handlers/email.ts', loadTargetMs: 150 },
  { name: 'webhook', entry: 'lambda/handlers/webhook.ts', loadTargetMs: 60 },
  { name: 'sms', entry: 'lambda/handlers/sms.ts', loadTargetMs: 40 },
  { name: 'reminder', entry: 'lambda/handlers/reminder.ts', loadTargetMs: 150 },
] as const;
const BUNDLE_LIMIT = 1024 * 1024;

/** Enough configuration for every handler's cold-start config check (no value is called). */
const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench-table',
  SENDER_ALLOWLIST: '*',
  FROM_ADDRESS: 'assistant@example.com',
  SCHEDULE_GROUP: 'bench',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/bench',
  REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:bench',
  REMINDER_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:bench',
  WEBHOOK_SECRET: 'bench-secret-0123456789abcdef',
  TWILIO_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench',
  TWILIO_FROM: '+15005550006',
  PUBLIC_URL: 'https://example.com/sms',
  INBOUND_BUCKET: 'bench-bucket',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/**
 * Builds a handler with scripts/lambda-bundle.mjs, the file infra/constructs/node-function.ts
 * ships with (the target is this machine's Node). Resolves to index.mjs, the bytes a cold
 * start reads (index.mjs and the chunks it imports statically) and the lazy chunks' total.
 */
async function bundle(
  entry: string,
  outdir: string,
): Promise<{ file: string; size: number; lazy: number }> {
  const { metafile } = await bundleLambda({ root, entry, outdir, target: 'node20' });
  const cold = coldStartOutputs(metafile);
  let size = 0;
  let lazy = 0;
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!path.endsWith('.mjs')) continue;
    if (cold.has(path)) size += output.bytes;
    else lazy += output.bytes;
  }
  // Charset tables read only for a mail in that charset (scripts/lambda-bundle.mjs).
  const tables = join(outdir, TABLES_DIR);
  if (existsSync(tables))
    for (const name of readdirSync(tables)) lazy += statSync(join(tables, name)).size;
  return { file: join(outdir, 'index.mjs'), size, lazy };
}

/**
 * Wall time of one fresh `node` process running `args`, in ms, without blocking this
 * process's event loop (for a child that talks to a server running here).
 */
function timeNodeAsync(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolveTime, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
      if (code === 0) resolveTime(elapsed);
      else reject(new Error(`node ${args.slice(0, 2).join(' ')} failed: ${stderr.slice(0, 500)}`));
    });
  });
}

/** Wall time of one fresh `node` process running `args`, in ms. */
function timeNode(args: string[], env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0)
    throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString().slice(0, 500)}`);
  return elapsed;
}

async function benchLambdas(): Promise<void> {
  const rounds = quick ? 5 : 15;
  const env = { ...process.env, ...LAMBDA_ENV, TEMPLATES_DIR: join(root, 'templates') };
  for (const lambda of LAMBDAS) {
    const { file, size, lazy } = await bundle(lambda.entry, join(out, lambda.name));
    row({
      what: `${lambda.name} Lambda bundle (minified; what a cold start loads, + lazy chunks)`,
      figure: `${kb(size)} (+ ${kb(lazy)} lazy)`,
      baseline: '—',
      ratio: `${((size / BUNDLE_LIMIT) * 100).toFixed(0)}% of 1 MB`,
      target: '≤ 1 MB',
      ok: size <= BUNDLE_LIMIT,
    });
    const load = [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(pathToFileURL(file).href)}); process.exit(0);`,
    ];
    const bare: number[] = [];
    const loaded: number[] = [];
    timeNode(load, env); // warm the file cache
    for (let i = 0; i < rounds; i++) {
      bare.push(timeNode(['-e', '0'], env));
      loaded.push(timeNode(load, env));
    }
    const over = median(loaded) - median(bare);
    row({
      what: `${lambda.name} Lambda load time over bare node`,
      figure: ms(over),
      baseline: `node -e 0 ${ms(median(bare))}`,
      ratio: `${(median(loaded) / median(bare)).toFixed(2)}× bare`,
      target: `≤ ${lambda.loadTargetMs} ms`,
      ok: over <= lambda.loadTargetMs,
    });
  }
}

/**
 * What a user waits for on a cold start: a fresh `node` loads the webhook bundle and answers
 * one signed request (deliver "none", the store on dynalite), lazy chunks included. Against
 * a bare `node -e 0`; no target (issue #7 sets one for the load alone), shown so that moving
 * code out of the load into the first request would show here.
 */
async function benchWebhookFirstAnswer(): Promise<void> {
  const rounds = quick ? 5 : 11;
  const outdir = join(out, 'webhook');
  const { file } = await bundle('lambda/handlers/webhook.ts', outdir);
  const db = await startDynalite('bench-first-answer');
  try {
    const env = {
      ...process.env,
      ...LAMBDA_ENV,
      TEMPLATES_DIR: join(root, 'templates'),
      TABLE_NAME: db.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      RATE_LIMIT_PER_HOUR: '1000000',
    };
    const body = JSON.stringify({
      text: "I'm so sorry, I've come down with the flu and can't make tomorrow's interview.",
      interview: {
        company: 'Harlow Logistics',
        start: '2026-12-10T20:30:00Z',
        timezone: 'America/Chicago',
      },
      deliver: 'none',
    });
    const script = (key: string) => {
      const t = Math.floor(Date.now() / 1000);
      const event = {
        version: '2.0',
        rawPath: '/v1/reschedule',
        rawQueryString: '',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': key,
          'x-signature': signatureHeader(LAMBDA_ENV.WEBHOOK_SECRET ?? '', t, body),
        },
        requestContext: { http: { method: 'POST', path: '/v1/reschedule' }, timeEpoch: t * 1000 },
        body,
        isBase64Encoded: false,
      };
      return `const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
const r = await handler(${JSON.stringify(event)});
if (r.statusCode !== 200) { process.stderr.write(JSON.stringify(r)); process.exit(1); }
process.exit(0);`;
    };
    // Asynchronously: dynalite answers from this process.
    const run = () => timeNodeAsync(['--input-type=module', '-e', script(randomUUID())], env);
    await run(); // warm the file cache
    const bare: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < rounds; i++) {
      bare.push(await timeNodeAsync(['-e', '0'], env));
      first.push(await run());
    }
    row({
      what: 'webhook Lambda, cold start to first answer (load + one signed request, store on dynalite)',
      figure: ms(median(first) - median(bare)),
      baseline: `node -e 0 ${ms(median(bare))}`,
      ratio: `${(median(first) / median(bare)).toFixed(2)}× bare`,
      target: '—',
      ok: null,
    });
  } finally {
    await db.stop();
  }
}

// ---------------------------------------------------------------- 2. email pipeline

/**
 * A ~50 KB forwarded invite: the Gmail forward of lambda/local/samples with its .ics and a
 * heavy HTML part (an agenda table, as HTML invites carry), grown until the raw message is
 * 50 KB (issue #7).
 */
async function fiftyKbInvite(): Promise<Buffer> {
  const source = await simpleParser(
    readFileSync(join(root, 'lambda/local/samples/gmail-forward-with-invite.eml')),
  );
  const ics = source.attachments.find((a) => a.contentType.includes('calendar'))?.content;
  const build = (rows: number) => {
    const filler = Array.from(
      { length: rows },
      (_, i) =>
        `<tr><td style="padding:4px 8px;font-family:Arial,sans-serif;color:#3c4043">Agenda item ${i + 1}: introductions, the team, the role, questions</td></tr>`,
    ).join('\n');
    const html = `<div dir="ltr">${(source.html || '').toString()}<table role="presentation" cellpadding="0" cellspacing="0">${filler}</table></div>`;
    const composer = new MailComposer({
      from: source.from?.text,
      to: 'reschedule@example.com',
      subject: source.subject,
      date: source.date,
      messageId: '<bench@mail.example.org>',
      text: source.text,
      html,
      ...(ics ? { icalEvent: { method: 'REQUEST', content: ics.toString('utf8') } } : {}),
    });
    return composer.compile().build();
  };
  let rows = 140;
  let raw = await build(rows);
  while (raw.length < 50 * 1024) {
    rows += 10;
    raw = await build(rows);
  }
  return raw;
}

function memoryDeps(now: Date): Deps {
  return {
    store: new MemoryStore(),
    mailer: new RecordingMailer(),
    texter: new RecordingTexter(),
    scheduler: new MemoryScheduler(),
    clock: new FixedClock(now),
    templates: loadTemplates(),
    policy: { allowlist: ['*'], rateLimit: { limit: 1_000_000, windowSeconds: 3600 } },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    core: coreFunctions,
  };
}

async function benchEmail(): Promise<void> {
  const raw = await fiftyKbInvite();
  const rounds = quick ? 40 : 200;
  const deps = memoryDeps(new Date('2026-11-30T12:00:00Z'));
  const bare: number[] = [];
  const pipeline: number[] = [];
  // Warm both (the first call compiles regexes, loads lazy modules).
  for (let i = 0; i < 10; i++) {
    await simpleParser(raw);
    await processRawMail({ app: deps }, mail(raw, i));
  }
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await simpleParser(raw);
    bare.push(performance.now() - t);
    t = performance.now();
    const outcome = await processRawMail({ app: deps }, mail(raw, 1000 + i));
    pipeline.push(performance.now() - t);
    if (outcome.kind !== 'request')
      throw new Error(`the bench invite was not handled as a request (${outcome.kind})`);
  }
  const ratio = median(pipeline) / median(bare);
  row({
    what: `email pipeline, ${kb(raw.length)} forwarded invite (parse, plan, reply, schedule; p50 / p99)`,
    figure: `${ms(median(pipeline))} / ${ms(percentile(pipeline, 99))}`,
    baseline: `simpleParser ${ms(median(bare))} / ${ms(percentile(bare, 99))}`,
    ratio: `${ratio.toFixed(2)}× at p50`,
    target: '≤ 1.3×',
    ok: ratio <= 1.3,
  });
}

function mail(raw: Buffer, i: number) {
  return {
    messageId: `bench-${i}`,
    raw,
    sender: 'maya.fernandes@example.org',
    subject: 'Fwd: Interview invitation',
    timestamp: '2026-11-30T12:00:00.000Z',
  };
}

// ---------------------------------------------------------------- 3. local webhook throughput

async function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((ok, fail) => {
    autocannon(opts, (error, result) => (error ? fail(error) : ok(result)));
  });
}

async function benchWebhook(): Promise<void> {
  const duration = quick ? 2 : 5;
  const connections = 10;
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', () => ok()));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const bareResult = await cannon({
    url: bareUrl,
    method: 'POST',
    body: '{}',
    duration,
    connections,
  });
  await new Promise<void>((ok) => bare.close(() => ok()));

  const dataDir = mkdtempSync(join(tmpdir(), 'reschedule-bench-'));
  const env = { POWERTOOLS_LOG_LEVEL: 'SILENT', RATE_LIMIT_PER_HOUR: '100000000' };
  const service = await startLocalService({ port: 0, smtpPort: 0, dataDir, banner: false, env });
  const body = JSON.stringify({
    text: "I'm sorry, my daughter's daycare is closed tomorrow and I have no backup childcare.",
    interview: {
      company: 'Harlow Logistics',
      interviewer: { name: 'Erik Lindqvist' },
      start: '2026-12-10T20:30:00Z',
      timezone: 'America/Chicago',
    },
    candidate: { name: 'Mei Chen', timezone: 'America/Chicago' },
    deliver: 'none',
  });
  const secret = service.secrets.webhookSecret;
  const result = await cannon({
    url: `${service.url}/v1/reschedule`,
    duration,
    connections,
    requests: [
      {
        method: 'POST',
        // Every request is new work: a fresh Idempotency-Key and a fresh signature.
        setupRequest: (req) => ({
          ...req,
          body,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
            'x-signature': signatureHeader(secret, Math.floor(Date.now() / 1000), body),
          },
        }),
      },
    ],
  });
  // The same server refusing an unsigned request (401 before any work): what the HTTP layer
  // alone costs, to tell it apart from the work a real request does.
  const refused = await cannon({
    url: `${service.url}/v1/reschedule`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    duration,
    connections,
  });
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
  const non2xx = result.non2xx + result.errors;
  const ratio = result.requests.average / bareResult.requests.average;
  row({
    what: `local webhook throughput, full path (verify, plan, store on dynalite), ${connections} connections`,
    figure: `${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms${non2xx ? `, ${non2xx} non-2xx` : ''}`,
    baseline: `bare node http ${bareResult.requests.average.toFixed(0)} req/s`,
    ratio: `${ratio.toFixed(3)}×`,
    target: '≥ 0.5×',
    ok: ratio >= 0.5,
  });
  row({
    what: `local webhook, HTTP layer only (unsigned requests refused with 401 before any work), ${connections} connections`,
    figure: `${refused.requests.average.toFixed(0)} req/s, p50 ${refused.latency.p50} ms`,
    baseline: `bare node http ${bareResult.requests.average.toFixed(0)} req/s`,
    ratio: `${(refused.requests.average / bareResult.requests.average).toFixed(2)}×`,
    target: '—',
    ok: null,
  });
}

// ---------------------------------------------------------------- 4. CLI

/** `reschedule draft` from the built CLI bundle (dist/cli.mjs), against a bare `node -e 0`. */
function benchCli(): void {
  const rounds = quick ? 5 : 15;
  const cli = join(root, 'bin/reschedule.mjs');
  const args = [cli, 'draft', "sorry I'm sick", '--now', '2026-11-23T12:00:00Z'];
  timeNode(args, process.env); // build the bundle if stale, warm the file cache
  const bare: number[] = [];
  const draft: number[] = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(timeNode(['-e', '0'], process.env));
    draft.push(timeNode(args, process.env));
  }
  row({
    what: 'CLI `reschedule draft "sorry I\'m sick"` (fresh node: load, classify, compose, print)',
    figure: ms(median(draft)),
    baseline: `node -e 0 ${ms(median(bare))}`,
    ratio: `${(median(draft) / median(bare)).toFixed(2)}× bare`,
    target: '—',
    ok: null,
  });
}

// ---------------------------------------------------------------- 5. classify

function benchClassify(): void {
  const texts = readFileSync(join(root, '../shared/data/reasons-dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
  for (const t of texts) classify(t);
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < (quick ? 500 : 2000)) {
    for (const t of texts) classify(t);
    n += texts.length;
  }
  const perSecond = n / ((performance.now() - t0) / 1000);
  row({
    what: `classify throughput (${texts.length} dev texts, round robin)`,
    figure: `${perSecond.toFixed(0)} texts/s`,
    baseline: '—',
    ratio: `${(1000 / perSecond).toFixed(3)} ms each`,
    target: '—',
    ok: null,
  });
}

// ---------------------------------------------------------------- main

// The bench's own dynalite client runs on this machine's Node; the SDK's notice about
// releases after January 2027 needing Node 22 is noise here.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
mkdirSync(out, { recursive: true });
const started = new Date();
process.stdout.write(
  `Benchmarks on ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, node ${process.version}\n`,
);
if (wanted('lambdas')) {
  await benchLambdas();
  await benchWebhookFirstAnswer();
}
if (wanted('email')) await benchEmail();
if (wanted('webhook')) await benchWebhook();
if (wanted('cli')) benchCli();
if (wanted('classify')) benchClassify();
if (only !== null) {
  process.stdout.write('\nA partial run (--only): BENCHMARKS.md left as it was.\n');
  process.exit(0);
}

const table = [
  '| what | figure | baseline (same run) | ratio | target | met |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.what} | ${r.figure} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.ok === null ? '—' : r.ok ? 'yes' : '**no**'} |`,
  ),
].join('\n');
writeFileSync(
  join(root, 'BENCHMARKS.md'),
  `# Benchmarks

Written by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${started.toISOString().slice(0, 16)}Z.
Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${process.platform}/${process.arch}.
Each figure stands beside its baseline from the same run; judge the ratios, not the absolute numbers
(this machine is shared and noisy). Load time is the median wall time of a fresh \`node\` importing the
bundle minus the median of \`node -e 0\`, interleaved.

${table}
`,
);
process.stdout.write('\nWrote BENCHMARKS.md\n');
