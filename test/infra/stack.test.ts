import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RescheduleStack } from '../../infra/stack.js';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  Metadata?: Record<string, unknown>;
};

let template: Template;
let resources: Record<string, Resource>;

/** The stack as unit tests see it: bundling skipped (STACK.md trap 13). */
function synth(context: Record<string, unknown> = {}): Template {
  const app = new App({
    context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true, ...context },
  });
  const stack = new RescheduleStack(app, 'Test', {
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return Template.fromStack(stack);
}

function logicalId(type: string, predicate: (r: Resource) => boolean = () => true): string {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type && predicate(r));
  expect(found, `expected exactly one ${type} matching`).toHaveLength(1);
  return found[0]?.[0] ?? '';
}

/** Resources under a construct path: other engineers' constructs share the stack. */
const under = (path: string) => (r: Resource) =>
  String(r.Metadata?.['aws:cdk:path'] ?? '').startsWith(`Test/${path}/`);

const description = (text: string) => (r: Resource) =>
  typeof r.Properties.Description === 'string' && r.Properties.Description.includes(text);

/** Every statement of the inline policies attached to the role `roleId`. */
function statementsOf(
  roleId: string,
): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => JSON.stringify(r.Properties.Roles).includes(roleId))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: never[] }).Statement);
}

const actions = (s: { Action: string | string[] }) =>
  Array.isArray(s.Action) ? s.Action : [s.Action];

function roleOf(functionId: string): string {
  const role = (resources[functionId]?.Properties.Role as { 'Fn::GetAtt': [string, string] })[
    'Fn::GetAtt'
  ][0];
  return role;
}

function envOf(functionId: string): Record<string, unknown> {
  return (resources[functionId]?.Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;
}

beforeAll(() => {
  template = synth();
  resources = template.toJSON().Resources as Record<string, Resource>;
});

describe('state', () => {
  it('keeps one on-demand table with PITR, TTL on expiresAt, AWS-managed encryption, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
      }),
    });
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
  });
});

describe('functions', () => {
  it('runs every function on Node 24, ARM, JSON logs kept a month, source maps on', () => {
    // NodeFunctions, whoever's construct they are in (not CDK's own custom-resource provider).
    const functions = Object.entries(resources).filter(
      ([, r]) =>
        r.Type === 'AWS::Lambda::Function' &&
        JSON.stringify(r.Properties.Environment ?? {}).includes('"POWERTOOLS_SERVICE_NAME"'),
    );
    expect(
      functions.length,
      'expected the webhook and reminder functions at least',
    ).toBeGreaterThanOrEqual(2);
    for (const [id, fn] of functions) {
      expect(fn.Properties, `function ${id}`).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON' },
      });
      expect(envOf(id), `function ${id} env`).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'interview-reschedule',
      });
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(resources[logGroup]?.Properties.RetentionInDays, `log retention of ${id}`).toBe(30);
    }
  });
});

describe('reminders', () => {
  it('has a schedule group and an encrypted, SSL-only DLQ kept 14 days', () => {
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    const dlq = logicalId('AWS::SQS::Queue', under('Reminders/DeadLetterQueue'));
    expect(resources[dlq]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlq }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('lets Scheduler assume a role that invokes the reminder function and writes the DLQ, nothing else', () => {
    const reminderFn = logicalId('AWS::Lambda::Function', description('Sends one due reminder'));
    const role = logicalId('AWS::IAM::Role', description('Assumed by EventBridge Scheduler'));
    const dlq = logicalId('AWS::SQS::Queue', under('Reminders/DeadLetterQueue'));
    expect(resources[role]?.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': '123456789012',
              'aws:SourceArn': expect.anything(),
            },
          },
        },
      ],
    });
    const statements = statementsOf(role);
    expect(statements.flatMap(actions).sort()).toEqual([
      'lambda:InvokeFunction',
      'sqs:SendMessage',
    ]);
    const invoke = statements.find((s) => actions(s).includes('lambda:InvokeFunction'));
    expect(JSON.stringify(invoke?.Resource)).toContain(reminderFn);
    expect(JSON.stringify(invoke?.Resource)).not.toContain('"*"');
    const send = statements.find((s) => actions(s).includes('sqs:SendMessage'));
    expect(send?.Resource).toEqual({ 'Fn::GetAtt': [dlq, 'Arn'] });
  });

  it('retries a failing reminder twice within an hour, then sends it to the DLQ', () => {
    const reminderFn = logicalId('AWS::Lambda::Function', description('Sends one due reminder'));
    const dlq = logicalId('AWS::SQS::Queue', under('Reminders/DeadLetterQueue'));
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: reminderFn },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
    });
  });

  it('gives the webhook function the scheduler settings and only create/delete in the group plus PassRole', () => {
    const webhook = logicalId('AWS::Lambda::Function', description('POST /v1/reschedule'));
    const schedulerRole = logicalId(
      'AWS::IAM::Role',
      description('Assumed by EventBridge Scheduler'),
    );
    expect(Object.keys(envOf(webhook))).toEqual(
      expect.arrayContaining([
        'SCHEDULE_GROUP',
        'SCHEDULER_ROLE_ARN',
        'REMINDER_FUNCTION_ARN',
        'REMINDER_DLQ_ARN',
      ]),
    );
    const statements = statementsOf(roleOf(webhook));
    const schedule = statements.filter((s) => actions(s).some((a) => a.startsWith('scheduler:')));
    expect(schedule.flatMap(actions).sort()).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
    ]);
    expect(JSON.stringify(schedule[0]?.Resource)).toMatch(/:schedule\/.*reminders\/\*/);
    const passRole = statements.filter((s) => actions(s).includes('iam:PassRole'));
    expect(passRole).toEqual([
      expect.objectContaining({
        Resource: { 'Fn::GetAtt': [schedulerRole, 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    ]);
  });

  it('gives the reminder function no scheduling rights and no webhook secret', () => {
    const reminderFn = logicalId('AWS::Lambda::Function', description('Sends one due reminder'));
    const granted = statementsOf(roleOf(reminderFn)).flatMap(actions);
    expect(granted.filter((a) => a.startsWith('scheduler:') || a === 'iam:PassRole')).toEqual([]);
    expect(envOf(reminderFn)).not.toHaveProperty('WEBHOOK_SECRET_ARN');
    expect(envOf(reminderFn)).toHaveProperty('TABLE_NAME');
    expect(envOf(reminderFn)).toHaveProperty('FROM_ADDRESS', 'reschedule@example.com');
  });
});

describe('secrets and email', () => {
  it('keeps a generated webhook secret and a Twilio credentials secret, retained', () => {
    const secrets = Object.values(resources).filter(
      (r) => r.Type === 'AWS::SecretsManager::Secret' && under('Secrets')(r),
    );
    expect(secrets.map((r) => r.DeletionPolicy)).toEqual(['Retain', 'Retain']);
    expect(secrets.map((r) => r.Properties.GenerateSecretString)).toEqual([
      expect.objectContaining({ PasswordLength: 48, ExcludePunctuation: true }),
      expect.objectContaining({ GenerateStringKey: 'authToken' }),
    ]);
  });

  it('lets the webhook read its secret only, by ARN in WEBHOOK_SECRET_ARN', () => {
    const webhook = logicalId('AWS::Lambda::Function', description('POST /v1/reschedule'));
    const secret = logicalId('AWS::SecretsManager::Secret', description('HMAC-SHA256'));
    expect(envOf(webhook).WEBHOOK_SECRET_ARN).toEqual({ Ref: secret });
    const reads = statementsOf(roleOf(webhook)).filter((s) =>
      actions(s).includes('secretsmanager:GetSecretValue'),
    );
    expect(reads.map((s) => s.Resource)).toEqual([{ Ref: secret }]);
  });

  it('scopes ses:SendRawEmail to the sender identities', () => {
    const webhook = logicalId('AWS::Lambda::Function', description('POST /v1/reschedule'));
    const send = statementsOf(roleOf(webhook)).filter((s) =>
      actions(s).includes('ses:SendRawEmail'),
    );
    expect(send).toHaveLength(1);
    const scoped = JSON.stringify(send[0]?.Resource);
    expect(scoped).toContain(':identity/reschedule@example.com');
    expect(scoped).toContain(':identity/example.com');
    expect(scoped).not.toContain('"*"');
  });

  it('gives the webhook and reminder functions no Twilio credentials without a sender number', () => {
    const webhook = logicalId('AWS::Lambda::Function', description('POST /v1/reschedule'));
    const reminderFn = logicalId('AWS::Lambda::Function', description('Sends one due reminder'));
    for (const id of [webhook, reminderFn]) {
      expect(envOf(id), `function ${id}`).not.toHaveProperty('TWILIO_SECRET_ARN');
      const reads = statementsOf(roleOf(id)).filter((st) =>
        actions(st).includes('secretsmanager:GetSecretValue'),
      );
      expect(JSON.stringify(reads), `function ${id} reads`).not.toContain('TwilioCredentials');
    }
  });
});

describe('api', () => {
  it('routes POST /v1/reschedule to the webhook function on a throttled, logged $default stage', () => {
    const webhook = logicalId('AWS::Lambda::Function', description('POST /v1/reschedule'));
    const integration = logicalId('AWS::ApiGatewayV2::Integration', (r) =>
      JSON.stringify(r.Properties.IntegrationUri).includes(webhook),
    );
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /v1/reschedule',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integration }]] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      AccessLogSettings: Match.objectLike({ Format: Match.stringLikeRegexp('requestId') }),
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [webhook, 'Arn'] },
    });
  });
});

describe('with a Twilio sender configured', () => {
  it('gives the webhook and reminder functions the Twilio secret and number', () => {
    const withTwilio = synth({ twilioFrom: '+15005550006' });
    const all = withTwilio.toJSON().Resources as Record<string, Resource>;
    const fns = Object.values(all).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Function' &&
        /POST \/v1\/reschedule|Sends one due reminder/.test(String(r.Properties.Description)),
    );
    expect(fns).toHaveLength(2);
    for (const fn of fns) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env).toMatchObject({
        TWILIO_FROM: '+15005550006',
        TWILIO_SECRET_ARN: expect.anything(),
      });
    }
  });
});
