import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { InboundEmail } from '../../infra/constructs/inbound-email.js';

let stack: Stack;
let template: Template;

beforeAll(() => {
  // Skip bundling in assertion tests (STACK.md trap 13); test/infra/bundling.test.ts bundles.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new Stack(app, 'Inbound', { env: { account: '123456789012', region: 'us-east-1' } });
  new InboundEmail(stack, 'InboundEmail', {
    recipients: ['reschedule@example.com'],
    environment: { SENDER_ALLOWLIST: '@example.org' },
  });
  template = Template.fromStack(stack);
}, 60_000);

describe('InboundEmail', () => {
  it('keeps raw mail in an encrypted, private, retained bucket that expires it after 30 days', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LifecycleConfiguration: {
          Rules: [Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })],
        },
      },
    });
  });

  it('denies non-TLS access and lets only SES of this account put objects', () => {
    const policy = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(policy).toContain('"aws:SecureTransport":"false"');
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:PutObject',
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it('receives for the recipients with scanning and TLS, storing to S3 then invoking the function as Event', () => {
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Enabled: true,
        Recipients: ['reschedule@example.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          { S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/' }) },
          { LambdaAction: Match.objectLike({ InvocationType: 'Event' }) },
        ],
      },
    });
  });

  it('lets SES of this account invoke the function', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  it('activates the rule set with a custom resource and deactivates it on delete', () => {
    const resources = template.findResources('Custom::AWS');
    const [activation] = Object.values(resources) as Array<{
      Properties: { Create: unknown; Update: unknown; Delete: unknown };
    }>;
    expect(activation, 'expected one AwsCustomResource').toBeDefined();
    const create = JSON.stringify(activation?.Properties.Create);
    expect(create).toContain('setActiveReceiptRuleSet');
    expect(create).toContain('RuleSetName');
    const remove = JSON.stringify(activation?.Properties.Delete);
    expect(remove).toContain('setActiveReceiptRuleSet');
    expect(remove).not.toContain('RuleSetName');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'ses:SetActiveReceiptRuleSet', Resource: '*' }),
        ]),
      },
    });
  });

  it('gives the email function read on the raw mail only, and the bucket and prefix in its env', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Environment: {
        Variables: Match.objectLike({
          INBOUND_BUCKET: Match.anyValue(),
          INBOUND_PREFIX: 'inbound/',
          SENDER_ALLOWLIST: '@example.org',
        }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 's3:GetObject',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::GetAtt': [Match.stringLikeRegexp('RawMail'), 'Arn'] }, '/inbound/*'],
              ],
            },
          },
        ]),
      },
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toMatch(/s3:(PutObject|DeleteObject|List|\*)/);
  });

  it('sends failed async invocations to an encrypted DLQ after two retries', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('passes cdk-nag AwsSolutions, every acknowledged finding carrying its reason in the construct', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const nagStack = new Stack(app, 'InboundNag', {
      env: { account: '123456789012', region: 'us-east-1' },
    });
    new InboundEmail(nagStack, 'InboundEmail', { recipients: ['reschedule@example.com'] });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let report = '';
    try {
      app.synth();
    } catch (error) {
      report = error instanceof Error ? error.message : String(error);
    }
    expect(report, 'expected no unacknowledged AwsSolutions finding').toBe('');
  });
});
