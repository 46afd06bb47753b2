/**
 * `Mailer` on Amazon SES (v1 `SendRawEmail`). The MIME is built here, with nodemailer's
 * MailComposer: multipart/alternative (text + HTML), UTF-8, quoted-printable bodies, an
 * RFC 2047 `Subject` when it is not ASCII, a `Message-ID`, and `In-Reply-To`/`References`
 * so the answer lands in the candidate's thread. SES errors become `DeliveryError`s:
 * throttling, 5xx and network failures are retryable, a rejected message is not.
 */
import { randomUUID } from 'node:crypto';
import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Mailer, OutboundEmail } from '../../app/ports.js';
import { DeliveryError, awsErrorCode, isTransientAwsError } from '../delivery-error.js';

export interface SesMailerOptions {
  /** The SES client, built once per Lambda at module scope (tests point `endpoint` at a stand-in). */
  readonly client: SESClient;
  /** A verified SES identity: `assistant@example.com`. */
  readonly fromAddress: string;
  /** Display name shown with `fromAddress`. @default no display name */
  readonly fromName?: string | undefined;
  /** SES configuration set for event publishing (bounces, complaints). @default none */
  readonly configurationSetName?: string | undefined;
  /** Domain of generated Message-IDs. @default the domain of `fromAddress` */
  readonly messageIdDomain?: string | undefined;
}

/** Header values never carry CR/LF: a newline in user text cannot start a new header. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/** A message id in angle brackets, or null when it is not one (so it is left out, not sent broken). */
function messageIdSafe(value: string): string | null {
  const v = headerSafe(value);
  const bare = v.startsWith('<') && v.endsWith('>') ? v.slice(1, -1) : v;
  return /^[^\s<>]+@[^\s<>]+$/.test(bare) ? `<${bare}>` : null;
}

/** One bare address: no display name, no list, no group (the envelope and `To` must agree). */
const SINGLE_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

export class SesMailer implements Mailer {
  private readonly client: SESClient;
  private readonly from: { name: string; address: string };
  private readonly configurationSetName: string | undefined;
  private readonly messageIdDomain: string;

  constructor(options: SesMailerOptions) {
    const address = headerSafe(options.fromAddress);
    const domain = address.split('@')[1];
    if (!domain) throw new TypeError('SesMailer: fromAddress must be an email address');
    this.client = options.client;
    this.from = { name: headerSafe(options.fromName ?? ''), address };
    this.configurationSetName = options.configurationSetName;
    this.messageIdDomain = headerSafe(options.messageIdDomain ?? domain);
  }

  /** Builds the raw MIME of `message`; exported through the class for tests and previews. */
  async compose(message: OutboundEmail, messageId: string): Promise<Buffer> {
    const inReplyTo = message.inReplyTo ? messageIdSafe(message.inReplyTo) : null;
    const references = (message.references ?? [])
      .map(messageIdSafe)
      .filter((r): r is string => r !== null);
    if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);
    const composer = new MailComposer({
      from: this.from.name
        ? { name: this.from.name, address: this.from.address }
        : this.from.address,
      to: headerSafe(message.to),
      subject: headerSafe(message.subject),
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
      messageId,
      ...(inReplyTo ? { inReplyTo } : {}),
      ...(references.length > 0 ? { references } : {}),
      textEncoding: 'quoted-printable',
      // The composer never reads files or URLs named in a message: user text is only data.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return composer.compile().build();
  }

  /**
   * Sends one message; resolves with SES's MessageId (what bounce and complaint events
   * carry). SES rewrites the `Message-ID` header to `<MessageId@email.amazonses.com>`, so
   * the id generated here only matters to stand-ins and logs.
   */
  async send(message: OutboundEmail): Promise<{ readonly messageId: string }> {
    const to = headerSafe(message.to);
    if (!SINGLE_ADDRESS.test(to)) {
      throw new DeliveryError(
        'ses',
        'SES SendRawEmail not attempted: the recipient is not one email address',
        {
          retryable: false,
          providerCode: 'InvalidRecipient',
        },
      );
    }
    const messageId = `<${randomUUID()}@${this.messageIdDomain}>`;
    const raw = await this.compose(message, messageId);
    try {
      const out = await this.client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          Destinations: [to],
          Source: this.from.address,
          ...(this.configurationSetName ? { ConfigurationSetName: this.configurationSetName } : {}),
        }),
      );
      return { messageId: out.MessageId ?? messageId };
    } catch (error) {
      const code = awsErrorCode(error);
      const retryable = isTransientAwsError(error);
      throw new DeliveryError('ses', `SES SendRawEmail failed (${code ?? 'network'})`, {
        cause: error,
        retryable,
        providerCode: code,
      });
    }
  }
}
