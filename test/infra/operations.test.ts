import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SES_BOUNCE_RATE_THRESHOLD,
  SES_COMPLAINT_RATE_THRESHOLD,
} from '../../infra/constructs/operations.js';
import { RescheduleStack } from '../../infra/stack.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Json = Record<string, unknown>;

/** The stack as unit tests see it: bundling skipped (STACK.md trap 13). */
function synth(context: Record<string, unknown> = {}): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new RescheduleStack(app, 'Ops', {
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return Template.fromStack(stack);
}

const ofType = (resources: Record<string, Resource>, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type);

/** The alarms whose metric has `name` in `namespace` with a dimension referencing `logicalId`. */
function alarmsOn(
  alarms: [string, Resource][],
  namespace: string,
  name: string,
  logicalId?: string,
): [string, Resource][] {
  return alarms.filter(([, a]) => {
    const p = a.Properties;
    if (p.Namespace !== namespace || p.MetricName !== name) return false;
    return logicalId === undefined || JSON.stringify(p.Dimensions ?? []).includes(`"${logicalId}"`);
  });
}

describe('operations: alarms to the operator topic', () => {
  let template: Template;
  let resources: Record<string, Resource>;
  let alarms: [string, Resource][];
  let topicId: string;

  beforeAll(() => {
    template = synth({ operatorEmail: 'ops@example.com' });
    resources = template.toJSON().Resources as Record<string, Resource>;
    alarms = ofType(resources, 'AWS::CloudWatch::Alarm');
    const topics = ofType(resources, 'AWS::SNS::Topic');
    expect(topics, 'expected the stack to create exactly one alarm topic').toHaveLength(1);
    topicId = topics[0]?.[0] ?? '';
  });

  it('alarms on the depth of every SQS queue of the stack (each is a dead-letter queue)', () => {
    const queues = ofType(resources, 'AWS::SQS::Queue');
    expect(queues.length, 'expected at least the reminders DLQ').toBeGreaterThan(0);
    for (const [queueId] of queues) {
      const found = alarmsOn(alarms, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible').filter(
        ([, a]) => JSON.stringify(a.Properties.Dimensions).includes(`"${queueId}"`),
      );
      expect(found, `expected one depth alarm on queue ${queueId}`).toHaveLength(1);
      expect(found[0]?.[1].Properties).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Period: 300,
        EvaluationPeriods: 1,
      });
    }
  });

  it('alarms on the errors of every Lambda function, the custom resource provider included', () => {
    const functions = ofType(resources, 'AWS::Lambda::Function');
    expect(
      functions.length,
      'expected webhook, sms, email, reminder and provider',
    ).toBeGreaterThanOrEqual(5);
    for (const [functionId] of functions) {
      const found = alarmsOn(alarms, 'AWS/Lambda', 'Errors', functionId);
      expect(found, `expected one Errors alarm on function ${functionId}`).toHaveLength(1);
      expect(found[0]?.[1].Properties).toMatchObject({
        Threshold: 1,
        Period: 300,
        Statistic: 'Sum',
      });
    }
  });

  it('sums the throttles of every function in one alarm', () => {
    const functions = ofType(resources, 'AWS::Lambda::Function');
    const throttles = alarms.filter(([, a]) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes('"Throttles"'),
    );
    expect(throttles, 'expected one throttles alarm').toHaveLength(1);
    const metrics = throttles[0]?.[1].Properties.Metrics as Json[];
    const expression = metrics.find((m) => typeof m.Expression === 'string');
    expect(expression?.Expression).toMatch(/^SUM\(\[/);
    for (const [functionId] of functions) {
      expect(JSON.stringify(metrics), `expected ${functionId}'s throttles in the sum`).toContain(
        `"${functionId}"`,
      );
    }
  });

  it("alarms on the API's 5xx", () => {
    const found = alarmsOn(alarms, 'AWS/ApiGateway', '5xx');
    expect(found, 'expected one 5xx alarm').toHaveLength(1);
    expect(JSON.stringify(found[0]?.[1].Properties.Dimensions)).toContain('"ApiId"');
  });

  it('alarms on SES bounce rate above 5 % and complaint rate above 0.1 %', () => {
    const bounce = alarmsOn(alarms, 'AWS/SES', 'Reputation.BounceRate');
    const complaint = alarmsOn(alarms, 'AWS/SES', 'Reputation.ComplaintRate');
    expect(bounce, 'expected one bounce-rate alarm').toHaveLength(1);
    expect(complaint, 'expected one complaint-rate alarm').toHaveLength(1);
    expect(SES_BOUNCE_RATE_THRESHOLD).toBe(0.05);
    expect(SES_COMPLAINT_RATE_THRESHOLD).toBe(0.001);
    expect(bounce[0]?.[1].Properties).toMatchObject({
      Threshold: 0.05,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(complaint[0]?.[1].Properties).toMatchObject({
      Threshold: 0.001,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it("alarms on Scheduler's target errors and drops for the reminders group only", () => {
    for (const name of ['TargetErrorCount', 'InvocationDroppedCount']) {
      const found = alarmsOn(alarms, 'AWS/Scheduler', name);
      expect(found, `expected one ${name} alarm`).toHaveLength(1);
      expect(found[0]?.[1].Properties.Dimensions).toEqual([
        { Name: 'ScheduleGroup', Value: 'Ops-reminders' },
      ]);
    }
  });

  it('sends every alarm to the topic and treats missing data as not breaching', () => {
    expect(alarms.length).toBeGreaterThan(8);
    for (const [id, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions, `expected ${id} to notify the topic`).toEqual([
        { Ref: topicId },
      ]);
      expect(alarm.Properties.TreatMissingData, `expected ${id} quiet without data`).toBe(
        'notBreaching',
      );
    }
  });

  it('encrypts the topic with a rotating KMS key CloudWatch may use, and denies non-TLS access', () => {
    const topic = resources[topicId];
    const keyRef = (topic?.Properties.KmsMasterKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'];
    expect(keyRef?.[1], 'expected the topic encrypted with a key of the stack').toBe('Arn');
    const key = resources[keyRef?.[0] ?? ''];
    expect(key?.Properties.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key?.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
  });

  it('subscribes operatorEmail to the topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: topicId },
    });
  });

  it('gives the deployer the URLs, ARNs and names the guide uses', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const name of [
      'WebhookUrl',
      'SmsWebhookUrl',
      'WebhookSecretArn',
      'TwilioSecretArn',
      'RawMailBucket',
      'TableName',
      'ReceiptRuleSetName',
      'AlarmTopicArn',
      ...['Webhook', 'Sms', 'Email', 'Reminder'].flatMap((f) => [
        `${f}FunctionName`,
        `${f}LogGroup`,
      ]),
    ]) {
      expect(outputs[name], `expected output ${name}`).toBeDefined();
    }
    expect(JSON.stringify(outputs.WebhookUrl?.Value)).toContain('/v1/reschedule');
    expect(JSON.stringify(outputs.SmsWebhookUrl?.Value)).toMatch(/\/sms"/);
    const dlqOutputs = Object.keys(outputs).filter((k) => k.startsWith('DlqUrl'));
    expect(dlqOutputs).toHaveLength(ofType(resources, 'AWS::SQS::Queue').length);
  });
});

describe('operations: settings', () => {
  it('imports an existing topic given as alarmTopicArn and creates none', () => {
    const arn = 'arn:aws:sns:us-east-1:123456789012:ops-pager';
    const template = synth({ alarmTopicArn: arn });
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(8);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([arn]);
    template.hasOutput('AlarmTopicArn', { Value: arn });
  });

  it('outputs smsPublicUrl as the SMS webhook URL when the API sits behind a custom domain', () => {
    const url = 'https://hooks.example.com/reschedule/sms';
    synth({ smsPublicUrl: url }).hasOutput('SmsWebhookUrl', { Value: url });
  });
});
