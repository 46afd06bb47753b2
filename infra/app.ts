#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RescheduleStack } from './stack.js';

const app = new App();
// cdk-nag 3 is a CDK validation plugin: `cdk synth` reports every unacknowledged
// AwsSolutions finding and fails on it. Findings are acknowledged where they arise
// (`Validations.of(construct).acknowledge({ id, reason })`), by full id, with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
new RescheduleStack(app, 'InterviewReschedule', {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1',
  },
});
