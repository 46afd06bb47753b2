/**
 * Inbound mail on one machine: an SMTP port (smtp-server) and the console's mail form. Like
 * the SES receipt rule, the raw message is kept first (`<data>/mail/<id>.eml`, never deleted),
 * then the same email-channel code the Lambda runs reads it and answers. Locally there are no
 * SPF/DKIM/DMARC verdicts: the sender is the From address, and the allowlist still applies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { isAllowed, normalizeContact, type Deps } from '../app/index.js';
import type { Log } from '../app/ports.js';
import { processRawMail, type EmailInboundOutcome } from '../channels/email/inbound.js';

/** SES's own cap for a received message stored in S3 (the SMTP SIZE we announce). */
export const MAX_MAIL_BYTES = 10 * 1024 * 1024;

export interface LocalMailDeps {
  readonly app: Deps;
  readonly dataDir: string;
  readonly logger: Log;
}

export interface SmtpHandle {
  readonly port: number;
  close(): Promise<void>;
}

/** The first header named `name` (unfolded), or ''. */
function header(raw: Buffer, name: string): string {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const lines = (end === -1 ? head : head.slice(0, end))
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/);
  const prefix = `${name.toLowerCase()}:`;
  const line = lines.find((l) => l.toLowerCase().startsWith(prefix));
  return line ? line.slice(prefix.length).trim() : '';
}

function addressIn(value: string): string | null {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(value)?.[1];
  // Starts only where a token starts (the lookbehind): linear on a huge header (ReDoS).
  const bare = /(?<![^\s<>",;])([^\s<>",;]+@[^\s<>",;]+)/.exec(value)?.[1];
  const address = angle ?? bare;
  return address ? normalizeContact(address) : null;
}

/**
 * Keeps the raw message, then hands it to the email channel. `envelopeFrom` is SMTP's
 * MAIL FROM, used when the message has no readable From.
 */
export async function receiveLocalMail(
  deps: LocalMailDeps,
  raw: Buffer,
  options: { readonly envelopeFrom?: string | null; readonly viaConsole?: boolean } = {},
): Promise<EmailInboundOutcome> {
  const messageId = `local-${createHash('sha256').update(raw).digest('hex').slice(0, 24)}`;
  const dir = join(deps.dataDir, 'mail');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${messageId}.eml`), raw);

  const sender =
    addressIn(header(raw, 'from')) ??
    (options.envelopeFrom ? addressIn(options.envelopeFrom) : null);
  if (sender === null) {
    deps.logger.warn('local mail dropped: no sender address', { messageId });
    return { kind: 'dropped', reason: 'no_sender', messageId };
  }
  if (!isAllowed(deps.app.policy.allowlist, sender)) {
    deps.logger.info('local mail dropped: sender not on the allowlist', { messageId });
    return { kind: 'dropped', reason: 'not_allowed', messageId };
  }
  const date = Date.parse(header(raw, 'date'));
  return processRawMail(
    { app: deps.app },
    {
      messageId,
      raw,
      sender,
      subject: header(raw, 'subject'),
      timestamp: new Date(Number.isNaN(date) ? deps.app.clock.now().getTime() : date).toISOString(),
    },
  );
}

/** Listens for mail on `port` (0: any free port); each message runs through receiveLocalMail. */
export async function startSmtp(
  deps: LocalMailDeps,
  port: number,
  host: string,
): Promise<SmtpHandle> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MAIL_BYTES,
    logger: false,
    banner: 'reschedule assistant (local)',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          const error = Object.assign(
            new Error('message over 10 MB: send the invite without attachments'),
            {
              responseCode: 552,
            },
          );
          callback(error);
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        receiveLocalMail(deps, Buffer.concat(chunks), {
          envelopeFrom: mailFrom ? mailFrom.address : null,
        })
          .then(() => callback(null, `queued as ${randomBytes(6).toString('hex')}`))
          .catch((error: unknown) => {
            deps.logger.error('local mail failed', {
              error: error instanceof Error ? error.name : 'unknown',
            });
            callback(
              Object.assign(new Error('temporary failure, try again'), { responseCode: 451 }),
            );
          });
      });
    },
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
