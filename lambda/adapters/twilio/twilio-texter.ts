/**
 * `Texter` on Twilio's REST Messages API, through the official client. The client is
 * loaded lazily, on the first send (STACK.md trap 4: `twilio` costs ~160-240 ms to load),
 * and only its base client and the `api` domain (Messages lives in API v2010): ~0.9 MB
 * bundled instead of 3.6 MB for `twilio/lib/rest/Twilio` with every product's domain. Errors become `DeliveryError`s: 429, 5xx and network failures
 * are retryable; other 4xx (21211 invalid number, 21610 unsubscribed recipient) are not.
 */
import type Api from 'twilio/lib/rest/Api.js';
import type { OutboundSms, Texter } from '../../app/ports.js';
import { DeliveryError } from '../delivery-error.js';

export interface TwilioCredentials {
  readonly accountSid: string;
  readonly authToken: string;
}

export interface TwilioTexterOptions {
  /** The credentials, or how to get them once (Secrets Manager at cold start). */
  readonly credentials: TwilioCredentials | (() => Promise<TwilioCredentials>);
  /** The sending number (E.164). One of `from` / `messagingServiceSid` is required. */
  readonly from?: string | undefined;
  /** A Messaging Service SID (`MG…`): preferred over `from` when both are set. */
  readonly messagingServiceSid?: string | undefined;
  /** Where the REST API lives. @default Twilio's own (`https://api.twilio.com`); tests point it at a stand-in. */
  readonly baseUrl?: string | undefined;
  /**
   * Per-request timeout. 10 s: Twilio answers a create in well under a second; a reminder
   * Lambda has time to fail and let Scheduler retry rather than hang. @default 10000
   */
  readonly timeoutMs?: number | undefined;
}

interface TwilioErrorShape {
  readonly status?: unknown;
  readonly code?: unknown;
}

/** True for Twilio answers worth retrying later: 429, 5xx, or no answer at all. */
export function isTransientTwilioError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const status = (error as TwilioErrorShape).status;
  if (typeof status !== 'number') return true;
  return status === 429 || status >= 500;
}

function providerCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as TwilioErrorShape).code;
  return typeof code === 'number' || typeof code === 'string' ? String(code) : null;
}

export class TwilioTexter implements Texter {
  private readonly options: TwilioTexterOptions;
  private readonly sender: { messagingServiceSid: string } | { from: string };
  private client: Promise<Api> | undefined;

  constructor(options: TwilioTexterOptions) {
    if (options.messagingServiceSid)
      this.sender = { messagingServiceSid: options.messagingServiceSid };
    else if (options.from) this.sender = { from: options.from };
    else throw new TypeError('TwilioTexter: set `from` or `messagingServiceSid`');
    this.options = options;
  }

  private async createClient(): Promise<Api> {
    const credentials =
      typeof this.options.credentials === 'function'
        ? await this.options.credentials()
        : this.options.credentials;
    const [{ default: BaseTwilio }, { default: ApiDomain }] = await Promise.all([
      import('twilio/lib/base/BaseTwilio.js'),
      import('twilio/lib/rest/Api.js'),
    ]);
    const client = new BaseTwilio.Client(credentials.accountSid, credentials.authToken, {
      timeout: this.options.timeoutMs ?? 10_000,
      // Retries belong to the caller (Lambda / Scheduler), which also holds the send-once guard.
      autoRetry: false,
    });
    const api = new ApiDomain(client);
    if (this.options.baseUrl) api.baseUrl = this.options.baseUrl;
    return api;
  }

  private getClient(): Promise<Api> {
    this.client ??= this.createClient().catch((error: unknown) => {
      // A failed load (secret unreadable) is retried on the next send, not cached.
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  async send(message: OutboundSms): Promise<{ readonly sid: string }> {
    const api = await this.getClient();
    try {
      const created = await api.account.messages.create({
        to: message.to,
        body: message.body,
        ...this.sender,
      });
      return { sid: created.sid };
    } catch (error) {
      const code = providerCode(error);
      throw new DeliveryError('twilio', `Twilio Messages create failed (${code ?? 'network'})`, {
        cause: error,
        retryable: isTransientTwilioError(error),
        providerCode: code,
      });
    }
  }
}
