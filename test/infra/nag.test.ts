import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { RescheduleStack } from '../../infra/stack.js';

/** Construct paths of the shared pieces: state, secrets, reminders, the webhook, the API. */
const MINE = /^Nag\/(State|Secrets|Reminders|Webhook|Api|OutboundEmail)\//;

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged on state, secrets, reminders, the webhook function and the API', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new RescheduleStack(app, 'Nag', { env: { account: '123456789012', region: 'us-east-1' } });

    const report = new AwsSolutionsChecks(app).validateScope(app);

    const findings = report.violations.flatMap((v) =>
      v.violatingResources
        .filter((r) => MINE.test(r.constructPath ?? ''))
        .map((r) => `${v.ruleName} at ${r.constructPath ?? ''}`),
    );
    expect(findings, 'expected every cdk-nag finding fixed or acknowledged with a reason').toEqual(
      [],
    );
  });
});
