/**
 * A loopback stand-in for Twilio's Messages API, enough for the real twilio client:
 * `POST /2010-04-01/Accounts/:sid/Messages.json` with HTTP basic auth (account SID + auth
 * token), form-encoded `To`, `Body` and `From` or `MessagingServiceSid`. It answers like
 * Twilio (201 with a message resource and an `SM…` sid; errors as Twilio's JSON with
 * `code`, `message`, `more_info`, `status`), records what it accepted, and can be told to
 * fail the next N requests with a 500 or 429, or to treat a number as unsubscribed (21610).
 * Start it with `startTwilioStandIn()` on 127.0.0.1, port 0; point the client at `baseUrl`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSms {
  readonly sid: string;
  readonly accountSid: string;
  readonly to: string;
  readonly from: string | null;
  readonly messagingServiceSid: string | null;
  readonly body: string;
  /** Every form field as posted (StatusCallback and the like). */
  readonly form: Readonly<Record<string, string>>;
}

export interface TwilioStandIn {
  /** Give this to the client: `client.api.baseUrl = baseUrl`. */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** Messages accepted (201), oldest first. */
  readonly messages: readonly RecordedSms[];
  /** Every request that reached the stand-in, accepted or not. */
  readonly requests: number;
  /** Answers the next `count` message creates with `status` (Twilio codes 20500 / 20429). */
  failNext(count: number, status: 500 | 429): void;
  /** Makes sends to `number` fail like an opted-out recipient (400, code 21610). */
  unsubscribe(number: string): void;
  reset(): void;
  close(): Promise<void>;
}

export interface TwilioStandInOptions {
  /** @default a fixed test SID `AC` + 32 hex */
  readonly accountSid?: string;
  /** @default `standin-auth-token` */
  readonly authToken?: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/;

function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    }),
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startTwilioStandIn(
  options: TwilioStandInOptions = {},
): Promise<TwilioStandIn> {
  const accountSid = options.accountSid ?? `AC${'0123456789abcdef'.repeat(2)}`;
  const authToken = options.authToken ?? 'standin-auth-token';
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const messages: RecordedSms[] = [];
  const failures: (500 | 429)[] = [];
  const unsubscribed = new Set<string>();
  let requests = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      requests += 1;
      const body = await readBody(req);
      const match = MESSAGES_PATH.exec(new URL(req.url ?? '/', 'http://standin').pathname);
      if (req.method !== 'POST' || !match) {
        twilioError(res, 404, 20404, 'The requested resource was not found');
        return;
      }
      if (req.headers.authorization !== expectedAuth || match[1] !== accountSid) {
        twilioError(res, 401, 20003, 'Authenticate');
        return;
      }
      const failure = failures.shift();
      if (failure === 429) return twilioError(res, 429, 20429, 'Too Many Requests');
      if (failure === 500) return twilioError(res, 500, 20500, 'Internal Server Error');

      const form = Object.fromEntries(new URLSearchParams(body));
      const to = form.To;
      const text = form.Body;
      const from = form.From ?? null;
      const messagingServiceSid = form.MessagingServiceSid ?? null;
      if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
      if (!text) return twilioError(res, 400, 21602, 'Message body is required.');
      if (!from && !messagingServiceSid)
        return twilioError(res, 400, 21603, "A 'From' phone number is required.");
      if (!E164.test(to))
        return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (text.length > 1600)
        return twilioError(
          res,
          400,
          21617,
          'The concatenated message body exceeds the 1600 character limit.',
        );
      if (unsubscribed.has(to))
        return twilioError(res, 400, 21610, 'Attempt to send to unsubscribed recipient');

      const sid = `SM${randomBytes(16).toString('hex')}`;
      messages.push({ sid, accountSid, to, from, messagingServiceSid, body: text, form });
      const now = new Date().toUTCString();
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          sid,
          account_sid: accountSid,
          to,
          from,
          messaging_service_sid: messagingServiceSid,
          body: text,
          status: 'queued',
          direction: 'outbound-api',
          num_segments: '1',
          date_created: now,
          date_updated: now,
          api_version: '2010-04-01',
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        }),
      );
    })().catch((err: unknown) => twilioError(res, 500, 20500, `stand-in failure: ${String(err)}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    accountSid,
    authToken,
    messages,
    get requests() {
      return requests;
    },
    failNext(count, status) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    unsubscribe(number) {
      unsubscribed.add(number);
    },
    reset() {
      messages.length = 0;
      failures.length = 0;
      unsubscribed.clear();
      requests = 0;
    },
    close() {
      return new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}
