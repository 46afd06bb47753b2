import { Annotations, ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';

/**
 * SES's account reputation (account-level `AWS/SES` metrics, fractions: 0.05 is 5 %). Per
 * the SES developer guide (sending review FAQ), AWS places an
 * account under review at a bounce rate of about 5 % or a complaint rate of about 0.1 %, and
 * may pause its sending at 10 % or 0.5 %. Alarming above the review lines tells the
 * operator when AWS starts looking, with the whole gap to the pause lines left to find the
 * cause (mail to a mistyped address, a template that reads as spam). The rates are computed
 * by SES over a window of recent sending, so a few bounces at low volume can move them.
 */
export const SES_BOUNCE_RATE_THRESHOLD = 0.05;
export const SES_COMPLAINT_RATE_THRESHOLD = 0.001;

/** Every per-resource alarm looks at 5-minute windows: one bad minute pages within ~5 minutes. */
const PERIOD = Duration.minutes(5);

export interface OperationsProps {
  /**
   * An existing SNS topic the alarms notify (context `alarmTopicArn`). Its owner sees to its
   * encryption; if it uses a KMS key, the key policy must let `cloudwatch.amazonaws.com`
   * call `kms:Decrypt` and `kms:GenerateDataKey*`.
   * @default a new KMS-encrypted, SSL-only topic
   */
  readonly alarmTopicArn?: string;
  /**
   * Subscribed by email to the alarm topic (the created one or the imported one); the
   * subscription must be confirmed from the message AWS sends. @default no subscription
   */
  readonly operatorEmail?: string;
  /** The API stage whose 5xx responses are alarmed on. */
  readonly apiStage: HttpStage;
  /** The reminders' schedule group: Scheduler's target errors and drops are alarmed on. */
  readonly scheduleGroup: IScheduleGroup;
}

/**
 * The operator's alarms, all sent to one SNS topic: the depth of every SQS queue of the
 * stack (they are all dead-letter queues), the errors of every Lambda function of the
 * stack, throttles of any of them, the API's 5xx, SES's account reputation, and
 * EventBridge Scheduler's failures for the reminders group. Missing data is not breaching:
 * no traffic is not an incident.
 *
 * Create it last in the stack: it alarms on the queues and functions that exist then.
 */
export class Operations extends Construct {
  readonly topic: ITopic;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = props.alarmTopicArn
      ? Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn)
      : this.createTopic(stack);
    if (props.operatorEmail) this.topic.addSubscription(new EmailSubscription(props.operatorEmail));
    if (!props.alarmTopicArn && !props.operatorEmail) {
      Annotations.of(this).addWarningV2(
        'interview-reschedule:operations-no-subscriber',
        'No operatorEmail or alarmTopicArn: the alarms notify a topic nobody is subscribed to. ' +
          'Deploy with -c operatorEmail=... or -c alarmTopicArn=..., or subscribe to the AlarmTopicArn output.',
      );
    }
    this.action = new SnsAction(this.topic);

    const functions = ownedBy(stack, LambdaFunction);
    const queues = ownedBy(stack, Queue);
    for (const queue of queues) {
      this.alarm(`Depth${idOf(stack, queue)}`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: 'Maximum',
        }),
        threshold: 1,
        description: `Dead letters in ${queue.node.path}: an event failed every retry. Read it, fix the cause, redrive (README, Deploy: dead letters).`,
      });
    }
    for (const fn of functions) {
      this.alarm(`Errors${idOf(stack, fn)}`, {
        metric: fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        threshold: 1,
        description: `${fn.node.path} threw or timed out: search its log group for level ERROR.`,
      });
    }
    if (functions.length > 0) {
      const usingMetrics: Record<string, IMetric> = {};
      functions.forEach((fn, i) => {
        usingMetrics[`t${i}`] = fn.metricThrottles({ period: PERIOD, statistic: 'Sum' });
      });
      this.alarm('FunctionThrottles', {
        metric: new MathExpression({
          expression: `SUM([${Object.keys(usingMetrics).join(',')}])`,
          usingMetrics,
          period: PERIOD,
          label: 'Throttles of the stack functions',
        }),
        threshold: 1,
        description:
          "A function of the stack was throttled: the account's concurrency is exhausted, or a flood is on.",
      });
    }
    this.alarm('Api5xx', {
      metric: props.apiStage.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      threshold: 1,
      description:
        'The HTTP API answered 5xx: a function failed or timed out (see its Errors alarm and the access logs).',
    });
    this.alarm('SesBounceRate', {
      metric: new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        period: Duration.hours(1),
        statistic: 'Maximum',
      }),
      threshold: SES_BOUNCE_RATE_THRESHOLD,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description:
        'SES account bounce rate above 5 %: AWS reviews the account from about 5 % and may pause sending at 10 %. Check who is being written to.',
    });
    this.alarm('SesComplaintRate', {
      metric: new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.ComplaintRate',
        period: Duration.hours(1),
        statistic: 'Maximum',
      }),
      threshold: SES_COMPLAINT_RATE_THRESHOLD,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description:
        'SES account complaint rate above 0.1 %: AWS reviews the account from about 0.1 % and may pause sending at 0.5 %. Check the allowlist and the wording.',
    });
    const group = props.scheduleGroup;
    this.alarm('SchedulerTargetErrors', {
      metric: group.metricTargetErrors({ period: PERIOD, statistic: 'Sum' }),
      threshold: 1,
      description:
        'EventBridge Scheduler could not invoke the reminder function (permissions, throttling, a deleted function).',
    });
    this.alarm('SchedulerDropped', {
      metric: group.metricDropped({ period: PERIOD, statistic: 'Sum' }),
      threshold: 1,
      description:
        'EventBridge Scheduler dropped a reminder after its retries and could not dead-letter it.',
    });
  }

  /** A KMS-encrypted (rotating key), SSL-only topic CloudWatch may publish to. */
  private createTopic(stack: Stack): Topic {
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the operator alarm topic of the interview reschedule assistant',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes to an encrypted topic only if the key lets it encrypt for it.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    const topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Interview reschedule alarms',
      masterKey: key,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one: say who may publish (this account's alarms).
    topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    return topic;
  }

  private alarm(
    id: string,
    spec: {
      metric: IMetric;
      threshold: number;
      description: string;
      comparisonOperator?: ComparisonOperator;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: 1,
      comparisonOperator:
        spec.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: spec.description,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

/** The constructs of type `type` in `stack` (not in nested stacks or other stacks). */
function ownedBy<T extends IConstruct>(
  stack: Stack,
  type: abstract new (...args: never[]) => T,
): T[] {
  return stack.node.findAll().filter((c): c is T => c instanceof type && Stack.of(c) === stack);
}

/** A construct id from `construct`'s path under the stack: `Reminders/Function` -> `RemindersFunction`. */
function idOf(stack: Stack, construct: IConstruct): string {
  return construct.node.path.slice(stack.node.path.length + 1).replace(/[^A-Za-z0-9]/g, '');
}

export interface DeployerOutputsProps {
  /** The API's base URL, ending in `/` (the `$default` stage). */
  readonly apiUrl: string;
  /** The SMS webhook URL when it is not `<api>/sms` (context `smsPublicUrl`). */
  readonly smsPublicUrl?: string;
  readonly webhookSecretArn: string;
  readonly twilioSecretArn: string;
  readonly rawMailBucketName: string;
  readonly tableName: string;
  readonly receiptRuleSetName: string;
  readonly alarmTopicArn: string;
  /** Functions by short name (`Webhook`, `Reminder`…): output as `<name>FunctionName`, `<name>LogGroup`. */
  readonly functions?: Readonly<Record<string, LambdaFunction>>;
}

/**
 * The stack outputs a deployer needs (README, Deploy), under stable names: WebhookUrl,
 * SmsWebhookUrl, WebhookSecretArn, TwilioSecretArn, RawMailBucket, TableName,
 * ReceiptRuleSetName, AlarmTopicArn, `<name>FunctionName` for each function given, and one
 * `DlqUrl…` per SQS queue of the stack.
 */
export function addDeployerOutputs(stack: Stack, props: DeployerOutputsProps): void {
  const output = (id: string, value: string, description: string) =>
    new CfnOutput(stack, id, { value, description });
  output('WebhookUrl', `${props.apiUrl}v1/reschedule`, 'POST signed JSON requests here');
  output(
    'SmsWebhookUrl',
    props.smsPublicUrl ?? `${props.apiUrl}sms`,
    "Paste in Twilio: the number's Messaging webhook, 'A message comes in', HTTP POST",
  );
  output('WebhookSecretArn', props.webhookSecretArn, 'HMAC key of X-Signature (read, rotate)');
  output('TwilioSecretArn', props.twilioSecretArn, 'Put {"accountSid","authToken"} here');
  output('RawMailBucket', props.rawMailBucketName, 'Raw inbound mail (SES S3 action)');
  output('TableName', props.tableName, 'The DynamoDB table');
  output('ReceiptRuleSetName', props.receiptRuleSetName, 'The active SES receipt rule set');
  output('AlarmTopicArn', props.alarmTopicArn, 'Where the alarms go');
  for (const [name, fn] of Object.entries(props.functions ?? {})) {
    output(`${name}FunctionName`, fn.functionName, `The ${name} function (aws lambda invoke)`);
    output(`${name}LogGroup`, fn.logGroup.logGroupName, `The ${name} function's logs`);
  }
  for (const queue of ownedBy(stack, Queue)) {
    output(`DlqUrl${idOf(stack, queue)}`, queue.queueUrl, `Dead letters: ${queue.node.path}`);
  }
}
