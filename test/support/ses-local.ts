/**
 * aws-ses-v2-local on loopback (port 0), behind a small recording front: the SDK client
 * talks to the front, which keeps the raw MIME of every `SendRawEmail` exactly as it came
 * over the wire (aws-ses-v2-local re-renders stored mail, losing Message-ID and threading
 * headers) and forwards the request. The front can also answer the next N requests with an
 * SES error (throttling, a rejection) to exercise error mapping. STACK.md trap 10.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESClient } from '@aws-sdk/client-ses';

export interface SesStoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: string[]; readonly cc: string[]; readonly bcc: string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  readonly at: number;
}

export interface SesFailure {
  /** HTTP status of the error answer. SES answers throttling with 400 `Throttling`. */
  readonly status: number;
  /** The SES error code, e.g. `Throttling`, `MessageRejected`, `InternalFailure`. */
  readonly code: string;
  readonly message?: string;
}

export interface SesLocal {
  /** The endpoint to give the SDK client: the recording front. */
  readonly endpoint: string;
  /** A real SES v1 client pointed at `endpoint`, with the SDK's own retries off (`maxAttempts: 1`). */
  client(options?: { maxAttempts?: number }): SESClient;
  /** Every email aws-ses-v2-local accepted (`GET /store`), oldest first. */
  emails(): Promise<SesStoredEmail[]>;
  /** The raw MIME the SDK sent for `messageId` (the id SES answered with). */
  raw(messageId: string): Buffer;
  /** aws-ses-v2-local's re-rendered eml for `messageId` (`GET /get-emlContent`). */
  eml(messageId: string): Promise<string>;
  /** Answers the next `count` SES calls with `failure` instead of forwarding them. */
  failNext(count: number, failure: SesFailure): void;
  /** How many SES API calls reached the front (failed ones included). */
  readonly calls: number;
  /** Empties the stand-in's store and the recorded raw messages (`POST /clear-store`). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

type StartServer = (config?: { host?: string; port?: number }) => Promise<Server>;

async function loadStandIn(): Promise<StartServer> {
  const mod: unknown = await import('aws-ses-v2-local');
  // CJS default export seen from ESM: `mod.default` is either the function or the exports object.
  let candidate: unknown = mod;
  for (let i = 0; i < 3 && typeof candidate !== 'function'; i++) {
    candidate = (candidate as { default?: unknown } | null)?.default;
  }
  if (typeof candidate !== 'function')
    throw new Error('aws-ses-v2-local: no server function exported');
  return candidate as StartServer;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}

export async function startSesLocal(): Promise<SesLocal> {
  const start = await loadStandIn();
  const backend = await start({ host: '127.0.0.1', port: 0 });
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  const raws = new Map<string, Buffer>();
  const failures: SesFailure[] = [];
  let calls = 0;

  const front = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      calls += 1;
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${failure.status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
            `<Code>${failure.code}</Code><Message>${failure.message ?? failure.code}</Message></Error>` +
            `<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
        );
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      }
      const answer = await fetch(`${backendUrl}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
      });
      const text = await answer.text();
      const form = new URLSearchParams(body.toString('utf8'));
      const rawData = form.get('RawMessage.Data');
      const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(text)?.[1];
      if (form.get('Action') === 'SendRawEmail' && rawData && messageId) {
        raws.set(messageId, Buffer.from(rawData, 'base64'));
      }
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/xml',
      });
      res.end(text);
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`ses-local front: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;

  return {
    endpoint,
    client: (options = {}) =>
      new SESClient({
        region: 'us-east-1',
        endpoint,
        credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
        maxAttempts: options.maxAttempts ?? 1,
      }),
    async emails() {
      const res = await fetch(`${backendUrl}/store`);
      if (!res.ok) throw new Error(`ses-local: GET /store answered ${res.status}`);
      const json = (await res.json()) as { emails: SesStoredEmail[] };
      return json.emails;
    },
    raw(messageId) {
      const raw = raws.get(messageId);
      if (!raw) throw new Error(`ses-local: no raw message recorded for ${messageId}`);
      return raw;
    },
    async eml(messageId) {
      const res = await fetch(
        `${backendUrl}/get-emlContent?messageId=${encodeURIComponent(messageId)}`,
      );
      if (!res.ok) throw new Error(`ses-local: GET /get-emlContent answered ${res.status}`);
      const json = (await res.json()) as { body: { type: 'Buffer'; data: number[] } | string };
      return typeof json.body === 'string'
        ? json.body
        : Buffer.from(json.body.data).toString('utf8');
    },
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    get calls() {
      return calls;
    },
    async clear() {
      const res = await fetch(`${backendUrl}/clear-store`, { method: 'POST' });
      if (!res.ok) throw new Error(`ses-local: POST /clear-store answered ${res.status}`);
      raws.clear();
      failures.length = 0;
      calls = 0;
    },
    async close() {
      await close(front);
      await close(backend);
    },
  };
}
