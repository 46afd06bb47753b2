/**
 * A loopback stand-in for Secrets Manager's `GetSecretValue` (AWS JSON 1.1 protocol), on
 * 127.0.0.1, port 0: give its `endpoint` to a SecretsManagerClient, or set
 * AWS_ENDPOINT_URL_SECRETS_MANAGER for code that builds its own client. Unknown ids answer
 * ResourceNotFoundException; `failNext` answers the next calls with an error.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsStandIn {
  readonly endpoint: string;
  /** Secret strings by id (ARN or name). */
  readonly secrets: Map<string, string>;
  /** GetSecretValue calls received, failed ones included. */
  readonly requests: number;
  failNext(count: number, failure: { status: number; type: string }): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startSecretsStandIn(): Promise<SecretsStandIn> {
  const secrets = new Map<string, string>();
  const failures: { status: number; type: string }[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests += 1;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status);
        res.end(JSON.stringify({ __type: failure.type, message: failure.type }));
        return;
      }
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      const value = SecretId === undefined ? undefined : secrets.get(SecretId);
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' || value === undefined) {
        res.writeHead(400);
        res.end(
          JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Secret not found' }),
        );
        return;
      }
      res.writeHead(200);
      res.end(
        JSON.stringify({ ARN: SecretId, Name: SecretId, SecretString: value, VersionId: 'v1' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    get requests() {
      return requests;
    },
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    reset() {
      secrets.clear();
      failures.length = 0;
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
