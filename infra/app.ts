#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { enforceCdkNag } from './nag.js';
import { RescheduleStack } from './stack.js';

const app = new App();
enforceCdkNag(app);
new RescheduleStack(app, 'InterviewReschedule', {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1',
  },
});
