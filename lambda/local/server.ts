/**
 * The whole service on one machine, in one process, with no AWS account and no Twilio:
 * the HTTP routes (Twilio-style `/sms`, the JSON webhook, the console and its API), SMTP
 * inbound, a DynamoDB store that persists under `--data` (dynalite on that folder, so the
 * same DynamoStore code runs), a timer-driven scheduler, and an outbox of everything "sent".
 * Every entry point runs the same channel and app code as the Lambdas.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { coreFunctions } from '../app/core.js';
import { fireReminder, type Deps } from '../app/index.js';
import { systemClock } from '../adapters/memory/index.js';
import { DynamoStore } from '../adapters/dynamodb/index.js';
import { handleSms, messagesOf, QuietHoursScheduler } from '../channels/sms/index.js';
import { handleWebhook, signatureHeader } from '../channels/webhook/index.js';
import { loadTemplates } from '../templates.js';
import { serveConsoleAsset, listSamples, readSample } from './assets.js';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './dynamo.js';
import { BodyTooLargeError, headersOf, readBody, send, sendJson } from './http.js';
import { readLocalConfig, type LocalFlags } from './config.js';
import { createLocalLogger } from './log.js';
import { receiveLocalMail, startSmtp, type SmtpHandle } from './mail.js';
import { Outbox, OutboxMailer, OutboxTexter } from './outbox.js';
import { realMailer, realTexter } from './real-delivery.js';
import { loadLocalSecrets } from './secrets.js';
import { TimerReminderScheduler } from './timer-scheduler.js';

export interface LocalServiceOptions extends LocalFlags {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** How often the timer looks for due reminders. @default 2000 */
  readonly schedulerIntervalMs?: number;
  /** Print the start-up banner (URLs, generated secrets). @default true */
  readonly banner?: boolean;
}

export interface LocalService {
  /** `http://<host>:<port>` */
  readonly url: string;
  readonly port: number;
  readonly smtpPort: number;
  readonly secrets: { readonly webhookSecret: string; readonly twilioAuthToken: string };
  close(): Promise<void>;
}

/** The Twilio-shaped number the simulator texts (a reserved fictional number). */
const SERVICE_NUMBER = '+15005550006';
/** The JSON webhook's cap (DESIGN.md); the console's mail form takes up to SES's 10 MB. */
const WEBHOOK_BODY_LIMIT = 64 * 1024;
const MAIL_BODY_LIMIT = 10 * 1024 * 1024;
const FORM_BODY_LIMIT = 64 * 1024;

export async function startLocalService(options: LocalServiceOptions = {}): Promise<LocalService> {
  const env = options.env ?? process.env;
  const config = readLocalConfig(options, env);
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const { secrets, generated } = loadLocalSecrets(dataDir, env);
  const logger = createLocalLogger(env);
  const clock = systemClock;

  // The SDK warns on Node < 22 about releases after January 2027; this service runs the
  // pinned, tested SDK against dynalite on loopback, so the notice only alarms people
  // trying it out on Node 20 (the Lambdas run on Node 24). An explicit setting is kept.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const dynamo: EmbeddedDynamo = await startEmbeddedDynamo(dataDir);
  const store = new DynamoStore({ tableName: dynamo.tableName, client: dynamo.client });
  const outbox = new Outbox(resolve(dataDir, 'outbox.jsonl'), clock);
  const timer = new TimerReminderScheduler({
    store,
    clock,
    logger,
    ...(options.schedulerIntervalMs === undefined
      ? {}
      : { intervalMs: options.schedulerIntervalMs }),
  });
  const deps: Deps = {
    store,
    mailer: new OutboxMailer(outbox, realMailer(config)),
    texter: new OutboxTexter(outbox, realTexter(config, secrets.twilioAuthToken)),
    scheduler: new QuietHoursScheduler(timer, { onDeferred: (r) => store.putReminder(r) }),
    clock,
    templates: loadTemplates(),
    policy: {
      allowlist: config.allowlist,
      rateLimit: { limit: config.rateLimitPerHour, windowSeconds: 3600 },
    },
    logger,
    core: coreFunctions,
  };
  // SMS delivery always "works" locally: it lands in the outbox (and Twilio when configured).
  const webhookDeps = { ...deps, webhook: { secrets: [secrets.webhookSecret], smsEnabled: true } };
  const fire = async (id: string) => {
    await fireReminder(deps, id);
  };

  const smsUrl = config.smsUrl;
  const smsDeps = () => ({
    app: deps,
    authToken: secrets.twilioAuthToken,
    publicUrl: smsUrl ?? undefined,
  });
  const answeredSids = new Set(outbox.list().flatMap((e) => (e.inReplyTo ? [e.inReplyTo] : [])));

  /** Runs the Twilio webhook path and records the TwiML replies in the outbox (once per MessageSid). */
  async function runSms(
    headers: Record<string, string | undefined>,
    pathAndQuery: string,
    rawBody: string,
  ) {
    // This server speaks plain HTTP: without a proxy's X-Forwarded-Proto, the URL Twilio
    // (or curl) called is http://<Host><path>. PUBLIC_URL, when set, wins inside handleSms.
    const direct =
      !headers['x-forwarded-proto'] && headers.host
        ? `http://${headers.host}${pathAndQuery}`
        : undefined;
    const answer = await handleSms(smsDeps(), {
      headers,
      pathAndQuery,
      rawBody,
      now: clock.now().toISOString(),
      ...(direct === undefined ? {} : { url: direct }),
    });
    const form = new URLSearchParams(rawBody);
    const sid = form.get('MessageSid');
    const from = form.get('From');
    if (answer.statusCode === 200 && sid && from && !answeredSids.has(sid)) {
      answeredSids.add(sid);
      for (const text of messagesOf(answer.body))
        outbox.record({ channel: 'sms', to: from, text, inReplyTo: sid });
    }
    return answer;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (method === 'GET' && (path === '/' || path.startsWith('/console/'))) {
      return serveConsoleAsset(res, path === '/' ? 'index.html' : path.slice('/console/'.length));
    }
    if (method === 'POST' && path === '/sms') {
      const raw = (await readBody(req, FORM_BODY_LIMIT)).toString('utf8');
      const answer = await runSms(headersOf(req), req.url ?? '/sms', raw);
      return send(res, answer.statusCode, answer.body, answer.headers);
    }
    if (method === 'POST' && path === '/v1/reschedule') {
      const body = await readBody(req, WEBHOOK_BODY_LIMIT);
      const answer = await handleWebhook(webhookDeps, {
        headers: headersOf(req),
        body: body.toString('utf8'),
        now: clock.now(),
      });
      return send(res, answer.statusCode, answer.body, answer.headers);
    }
    if (method === 'GET' && path === '/api/outbox') return sendJson(res, 200, outbox.list());
    if (method === 'GET' && path === '/api/reminders') {
      const reminders = await store.listReminders();
      reminders.sort((a, b) => b.at.localeCompare(a.at));
      return sendJson(
        res,
        200,
        reminders.map(({ id, kind, at, channel, to, status }) => ({
          id,
          kind,
          at,
          channel,
          to,
          status,
        })),
      );
    }
    const fireMatch = /^\/api\/reminders\/([^/]+)\/fire$/.exec(path);
    if (method === 'POST' && fireMatch?.[1]) {
      const outcome = await fireReminder(deps, decodeURIComponent(fireMatch[1]));
      return sendJson(
        res,
        outcome.kind === 'skipped' && outcome.reason === 'not_found' ? 404 : 200,
        outcome,
      );
    }
    if (method === 'GET' && path === '/api/samples') return sendJson(res, 200, listSamples());
    const sampleMatch = /^\/api\/samples\/([^/]+)$/.exec(path);
    if (method === 'GET' && sampleMatch?.[1]) {
      const sample = readSample(decodeURIComponent(sampleMatch[1]));
      return sample === null
        ? sendJson(res, 404, { error: 'not_found' })
        : send(res, 200, sample, { 'content-type': 'message/rfc822' });
    }
    if (method === 'POST' && path.startsWith('/api/console/')) return consoleRoute(req, res, path);
    return sendJson(res, 404, { error: 'not_found', message: `no route for ${method} ${path}` });
  }

  /** The console's helpers: they sign what the console sends, then run the real paths. */
  async function consoleRoute(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    const limit = path === '/api/console/email' ? MAIL_BODY_LIMIT * 2 : WEBHOOK_BODY_LIMIT * 2;
    let input: Record<string, unknown>;
    try {
      input = JSON.parse((await readBody(req, limit)).toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw error;
      return sendJson(res, 400, { error: 'invalid_json' });
    }
    if (path === '/api/console/sms') {
      const from = typeof input.from === 'string' ? input.from.trim() : '';
      const body = typeof input.body === 'string' ? input.body : '';
      if (!from || !body) return sendJson(res, 400, { error: 'from and body are required' });
      const params: Record<string, string> = {
        ToCountry: 'US',
        SmsMessageSid: `SM${randomBytes(16).toString('hex')}`,
        NumMedia: '0',
        SmsStatus: 'received',
        Body: body,
        NumSegments: '1',
        AccountSid: `AC${'0'.repeat(32)}`,
        From: from,
        To: SERVICE_NUMBER,
        ApiVersion: '2010-04-01',
      };
      params.MessageSid = params.SmsMessageSid as string;
      const target = smsUrl ?? `http://localhost:${port}/sms`;
      const signature = getExpectedTwilioSignature(secrets.twilioAuthToken, target, params);
      const targetUrl = new URL(target);
      const answer = await runSms(
        {
          'x-twilio-signature': signature,
          host: targetUrl.host,
          'x-forwarded-proto': targetUrl.protocol.slice(0, -1),
        },
        `${targetUrl.pathname}${targetUrl.search}`,
        new URLSearchParams(params).toString(),
      );
      if (answer.statusCode !== 200)
        return sendJson(res, answer.statusCode, { error: answer.body });
      return sendJson(res, 200, { messages: messagesOf(answer.body) });
    }
    if (path === '/api/console/webhook') {
      const body = typeof input.body === 'string' ? input.body : '';
      const key =
        typeof input.idempotencyKey === 'string' && input.idempotencyKey
          ? input.idempotencyKey
          : randomUUID();
      const now = clock.now();
      const answer = await handleWebhook(webhookDeps, {
        headers: {
          'content-type': 'application/json',
          'idempotency-key': key,
          'x-signature': signatureHeader(
            secrets.webhookSecret,
            Math.floor(now.getTime() / 1000),
            body,
          ),
        },
        body,
        now,
      });
      let parsed: unknown = answer.body;
      try {
        parsed = JSON.parse(answer.body);
      } catch {
        // not JSON: shown as text
      }
      return sendJson(res, answer.statusCode, parsed);
    }
    if (path === '/api/console/email') {
      const raw = typeof input.raw === 'string' ? input.raw : '';
      if (!raw.trim()) return sendJson(res, 400, { error: 'raw is required' });
      const before = outbox.list().length;
      const outcome = await receiveLocalMail(mailDeps, Buffer.from(raw, 'utf8'), {
        viaConsole: true,
      });
      const replies = outbox.list().slice(0, outbox.list().length - before);
      return sendJson(res, 200, { outcome: outcome.kind, replies });
    }
    return sendJson(res, 404, { error: 'not_found' });
  }

  const mailDeps = { app: deps, dataDir, logger };

  // Requests still being handled when close() is called finish before the store stops.
  const inFlight = new Set<Promise<void>>();
  const server: Server = createServer((req, res) => {
    const handling = route(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        sendJson(res, 413, {
          error: 'payload_too_large',
          message: `the body must be ${error.limit} bytes or fewer`,
        });
        return;
      }
      logger.error('local request failed', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
    });
    inFlight.add(handling);
    void handling.finally(() => inFlight.delete(handling));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;

  let smtp: SmtpHandle;
  try {
    smtp = await startSmtp(mailDeps, config.smtpPort, config.host);
  } catch (error) {
    server.close();
    await dynamo.stop();
    throw error;
  }
  timer.start(fire);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  if (options.banner ?? true) {
    const lines = [
      `Reschedule assistant running locally`,
      `  console   ${url.replace('127.0.0.1', 'localhost')}/`,
      `  webhook   POST ${url}/v1/reschedule   (X-Signature with WEBHOOK_SECRET)`,
      `  sms       POST ${smsUrl ?? `${url}/sms`}   (X-Twilio-Signature with TWILIO_AUTH_TOKEN)`,
      `  smtp      ${config.host}:${smtp.port}`,
      `  data      ${dataDir}`,
      `  allowlist ${config.allowlist.join(', ')}`,
    ];
    if (generated) {
      lines.push(
        `Generated secrets (kept in ${resolve(dataDir, 'secrets.json')}):`,
        `  WEBHOOK_SECRET=${secrets.webhookSecret}`,
        `  TWILIO_AUTH_TOKEN=${secrets.twilioAuthToken}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  return {
    url,
    port,
    smtpPort: smtp.port,
    secrets,
    async close() {
      await timer.stop();
      await smtp.close();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await closed;
      await dynamo.stop();
    },
  };
}
