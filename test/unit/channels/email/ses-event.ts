/** A real-shaped SES receipt event (Powertools' ses/base.json), with the fields a test needs changed. */
import { readShared } from './shared-paths.js';

export type Verdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';

export interface SesEventOptions {
  readonly messageId: string;
  readonly from: string;
  readonly subject?: string;
  readonly verdicts?: Partial<Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', Verdict>>;
}

export function sesEvent(options: SesEventOptions): unknown {
  const event = JSON.parse(
    readShared('fixtures/powertools/ts-parser-ses-base.json').toString('utf8'),
  ) as {
    Records: Array<{
      ses: {
        mail: Record<string, unknown> & { commonHeaders: Record<string, unknown> };
        receipt: Record<string, unknown>;
      };
    }>;
  };
  const record = event.Records[0];
  if (!record) throw new Error('expected one record in ses/base.json');
  const v = options.verdicts ?? {};
  record.ses.mail.messageId = options.messageId;
  record.ses.mail.source = options.from.replace(/^.*<|>.*$/g, '');
  record.ses.mail.timestamp = '2026-12-01T12:42:11.000Z';
  record.ses.mail.commonHeaders.from = [options.from];
  record.ses.mail.commonHeaders.subject = options.subject ?? 'Fwd: Interview';
  record.ses.mail.commonHeaders.to = ['reschedule@example.com'];
  record.ses.receipt.recipients = ['reschedule@example.com'];
  record.ses.receipt.spamVerdict = { status: v.spam ?? 'PASS' };
  record.ses.receipt.virusVerdict = { status: v.virus ?? 'PASS' };
  record.ses.receipt.spfVerdict = { status: v.spf ?? 'PASS' };
  record.ses.receipt.dkimVerdict = { status: v.dkim ?? 'PASS' };
  record.ses.receipt.dmarcVerdict = { status: v.dmarc ?? 'PASS' };
  return event;
}
