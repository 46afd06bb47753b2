/**
 * Sends one message at most once. The claim is taken before the send and released when
 * the send fails, so a retry of the whole use case sends what did not go out and nothing
 * that did.
 */
import { isRetryable } from '../core/errors.js';
import type { Deps } from './deps.js';
import type { OutboundEmail, ReplyChannel } from './ports.js';

export interface Outbound {
  readonly channel: ReplyChannel;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string | undefined;
  /** The SMS body (the email's `text` when not given). */
  readonly sms?: string | undefined;
  readonly thread?: Pick<OutboundEmail, 'inReplyTo' | 'references'> | undefined;
}

export type SendOnceResult = 'sent' | 'already_sent';

/**
 * Claims `deliveryKey`, sends, and keeps the claim. A failed send releases the claim and
 * rethrows, whatever the error: the caller decides whether to retry (retryable) or record
 * the failure.
 */
export async function sendOnce(
  deps: Pick<Deps, 'store' | 'mailer' | 'texter' | 'clock' | 'logger'>,
  deliveryKey: string,
  message: Outbound,
): Promise<SendOnceResult> {
  if (!(await deps.store.claimDelivery(deliveryKey, deps.clock.now()))) {
    deps.logger.info('delivery skipped: already sent', { deliveryKey });
    return 'already_sent';
  }
  try {
    if (message.channel === 'email') {
      const { messageId } = await deps.mailer.send({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        inReplyTo: message.thread?.inReplyTo,
        references: message.thread?.references,
      });
      deps.logger.info('delivered', { deliveryKey, channel: 'email', messageId });
    } else {
      const { sid } = await deps.texter.send({ to: message.to, body: message.sms ?? message.text });
      deps.logger.info('delivered', { deliveryKey, channel: 'sms', sid });
    }
    return 'sent';
  } catch (error) {
    await deps.store.releaseDelivery(deliveryKey);
    deps.logger.warn('delivery failed', {
      deliveryKey,
      channel: message.channel,
      retryable: isRetryable(error),
      errorName: error instanceof Error ? error.name : typeof error,
    });
    throw error;
  }
}
