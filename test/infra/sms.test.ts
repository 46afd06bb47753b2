import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../../infra/constructs/api.js';
import { Reminders } from '../../infra/constructs/reminders.js';
import { Secrets } from '../../infra/constructs/secrets.js';
import { SmsChannel } from '../../infra/constructs/sms.js';
import { State } from '../../infra/constructs/state.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
interface Statement {
  Action: string | string[];
  Resource: unknown;
}

interface Built {
  readonly app: App;
  readonly stack: Stack;
  readonly sms: SmsChannel;
  readonly secrets: Secrets;
  readonly state: State;
}

/** The SMS channel among its real neighbours; bundling skipped (STACK.md trap 13). */
function build(publicUrl?: string): Built {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'SmsTest', {
    env: { account: '123456789012', region: 'us-east-1' },
  });
  const state = new State(stack, 'State');
  const secrets = new Secrets(stack, 'Secrets');
  const reminders = new Reminders(stack, 'Reminders');
  const webhookFunction = new LambdaFunction(stack, 'Webhook', {
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => ({ statusCode: 204 });'),
  });
  const api = new Api(stack, 'Api', { webhookFunction });
  const sms = new SmsChannel(stack, 'Sms', {
    api,
    state,
    secrets,
    reminders,
    ...(publicUrl ? { publicUrl } : {}),
    environment: { SENDER_ALLOWLIST: '+447700900123' },
  });
  return { app, stack, sms, secrets, state };
}

let built: Built;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  built = build('https://sms.example.com/sms');
  template = Template.fromStack(built.stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

const smsFunctionId = () =>
  built.stack.getLogicalId(built.sms.smsFunction.node.defaultChild as never);

function smsStatements(): Statement[] {
  const fn = resources[smsFunctionId()];
  const roleId = (fn?.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId),
    )
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('SmsChannel', () => {
  it('runs the SMS handler on Node 24, ARM, as an ESM bundle with its settings in the environment', () => {
    const fn = resources[smsFunctionId()];
    expect(fn?.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
    const env = (fn?.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env).sort()).toEqual(
      expect.arrayContaining([
        'PUBLIC_URL',
        'REMINDER_DLQ_ARN',
        'REMINDER_FUNCTION_ARN',
        'SCHEDULER_ROLE_ARN',
        'SCHEDULE_GROUP',
        'SENDER_ALLOWLIST',
        'TABLE_NAME',
        'TWILIO_SECRET_ARN',
      ]),
    );
    expect(env.PUBLIC_URL).toBe('https://sms.example.com/sms');
    expect(env, 'the SMS function never gets the webhook secret').not.toHaveProperty(
      'WEBHOOK_SECRET_ARN',
    );
  });

  it('leaves PUBLIC_URL unset when none is given, so the URL is rebuilt per request', () => {
    const other = Template.fromStack(build().stack);
    const functions = other.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('inbound SMS webhook') },
    });
    const [fn] = Object.values(functions) as Resource[];
    const env = (fn?.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).not.toHaveProperty('PUBLIC_URL');
  });

  it('routes POST /sms of the HTTP API to the SMS function, which API Gateway may invoke', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /sms' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [smsFunctionId(), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [smsFunctionId(), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
    });
  });

  it('may read the Twilio secret only, use the table, and create/delete schedules; no email, no wildcard resources', () => {
    const statements = smsStatements();
    const all = statements.flatMap(actionsOf);
    const twilioSecretId = built.stack.getLogicalId(
      built.secrets.twilioCredentials.node.defaultChild as never,
    );
    const webhookSecretId = built.stack.getLogicalId(
      built.secrets.webhookSecret.node.defaultChild as never,
    );

    const secretReads = statements.filter((s) =>
      actionsOf(s).includes('secretsmanager:GetSecretValue'),
    );
    expect(secretReads).toHaveLength(1);
    expect(JSON.stringify(secretReads[0]?.Resource)).toContain(twilioSecretId);
    expect(JSON.stringify(statements)).not.toContain(webhookSecretId);
    expect(all).toEqual(
      expect.arrayContaining([
        'dynamodb:PutItem',
        'dynamodb:Query',
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'iam:PassRole',
      ]),
    );
    expect(all.filter((a) => a.startsWith('ses:') || a.startsWith('sns:'))).toEqual([]);
    for (const statement of statements) {
      expect(
        statement.Resource,
        `expected a scoped resource for ${actionsOf(statement).join(',')}`,
      ).not.toBe('*');
    }
  });

  it('passes cdk-nag AwsSolutions checks on the SMS resources, with every acknowledgement explained', () => {
    const { app } = build();
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const smsFindings = report.violations.flatMap((v) =>
      v.violatingResources
        .filter((r) => /\/Sms\/|POST--sms/.test(r.constructPath ?? ''))
        .map((r) => `${v.ruleName} at ${r.constructPath ?? ''}`),
    );
    expect(smsFindings, 'expected no unacknowledged cdk-nag findings on the SMS channel').toEqual(
      [],
    );
  });
});
