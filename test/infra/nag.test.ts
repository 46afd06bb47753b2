import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { enforceCdkNag } from '../../infra/nag.js';
import { RescheduleStack } from '../../infra/stack.js';

/** cdk-nag's AwsSolutions findings on the whole stack, as `rule (severity) at path`. */
function findings(context: Record<string, unknown> = {}, extra?: (stack: RescheduleStack) => void) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new RescheduleStack(app, 'Nag', {
    env: { account: '123456789012', region: 'us-east-1' },
  });
  extra?.(stack);
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations.flatMap((v) =>
    v.violatingResources.map(
      (r) => `${v.ruleName} (${v.severity ?? 'error'}) at ${r.constructPath ?? ''}`,
    ),
  );
}

describe('cdk-nag AwsSolutions on the whole stack', () => {
  it('finds no unacknowledged error or warning with the stack-created alarm topic', () => {
    expect(
      findings(),
      'expected every cdk-nag finding fixed or acknowledged with a reason',
    ).toEqual([]);
  });

  it('finds none with an operator email subscription, SMS configured and several recipients', () => {
    const context = {
      operatorEmail: 'ops@example.com',
      twilioFrom: '+15005550006',
      senderAllowlist: '@example.com',
      inboundRecipients: 'reschedule@example.com,invites@example.com',
    };
    expect(findings(context), 'expected every cdk-nag finding fixed or acknowledged').toEqual([]);
  });

  it('finds none with an imported alarm topic', () => {
    const context = { alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops-pager' };
    expect(findings(context), 'expected every cdk-nag finding fixed or acknowledged').toEqual([]);
  });

  it('reports an unencrypted queue added to the stack (the check is live, not silenced)', () => {
    const found = findings({}, (stack) => new Queue(stack, 'Plain'));
    expect(found).toEqual(
      expect.arrayContaining([
        'AwsSolutions-SQS3 (error) at Nag/Plain/Resource',
        'AwsSolutions-SQS4 (error) at Nag/Plain/Resource',
      ]),
    );
  });
});

describe('cdk synth with cdk-nag enforced (infra/app.ts)', () => {
  /** Synthesizes the stack as infra/app.ts does, bundling skipped, into a scratch directory. */
  function synthWithNag(extra?: (stack: RescheduleStack) => void): void {
    const outdir = mkdtempSync(join(tmpdir(), 'nag-synth-'));
    try {
      const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
      enforceCdkNag(app);
      const stack = new RescheduleStack(app, 'NagApp', {
        env: { account: '123456789012', region: 'us-east-1' },
      });
      extra?.(stack);
      app.synth();
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  it('synthesizes the stack as it is', () => {
    expect(() => synthWithNag()).not.toThrow();
  });

  it('fails the synth on an unacknowledged finding', () => {
    expect(() => synthWithNag((stack) => new Queue(stack, 'Plain'))).toThrow(/AwsSolutions-SQS3/);
  });
});
