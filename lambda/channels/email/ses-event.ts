/**
 * The SES receipt-rule event a Lambda action delivers, as a zod schema. It is the shape of
 * Powertools' `SesSchema` (@aws-lambda-powertools/parser/schemas/ses), written with the
 * project's zod/mini: Powertools builds it with zod's classic API, which would put ~150 KB
 * and ~15 ms of load into the email Lambda's cold start for one schema.
 */
import * as z from '../../core/zod.js';

const verdict = z.object({ status: z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED']) });
const strings = z.array(z.string());

const SesReceipt = z.object({
  timestamp: z.iso.datetime(),
  processingTimeMillis: z.int().check(z.positive()),
  recipients: strings,
  spamVerdict: verdict,
  virusVerdict: verdict,
  spfVerdict: verdict,
  dmarcVerdict: verdict,
  dkimVerdict: verdict,
  dmarcPolicy: z.enum(['none', 'quarantine', 'reject']),
  action: z.object({
    type: z.enum(['Lambda']),
    invocationType: z.literal('Event'),
    functionArn: z.string(),
  }),
});

const SesMail = z.object({
  timestamp: z.iso.datetime(),
  source: z.string(),
  messageId: z.string(),
  destination: strings,
  headersTruncated: z.boolean(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  commonHeaders: z.object({
    from: strings,
    to: strings,
    cc: z.optional(strings),
    bcc: z.optional(strings),
    sender: z.optional(strings),
    'reply-to': z.optional(strings),
    returnPath: z.string(),
    messageId: z.string(),
    date: z.string(),
    subject: z.string(),
  }),
});

const SesRecordSchema = z.object({
  eventSource: z.literal('aws:ses'),
  eventVersion: z.string(),
  ses: z.object({ mail: SesMail, receipt: SesReceipt }),
});

export const SesEventSchema = z.object({
  Records: z.array(SesRecordSchema).check(z.minLength(1)),
});
export type SesEvent = z.infer<typeof SesEventSchema>;
export type SesRecord = SesEvent['Records'][number];
