import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, CfnFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy, type ReceiptRule } from 'aws-cdk-lib/aws-ses';
import {
  Lambda as LambdaAction,
  LambdaInvocationType,
  S3 as S3Action,
} from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { NodeFunction, SERVICE_NAME } from './node-function.js';

/** The construct id aws-cdk-lib gives the AwsCustomResource provider singleton. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

export interface InboundEmailProps {
  /**
   * The addresses (or domains) SES receives for: `reschedule@example.com`. The domain must be
   * verified in SES and its MX record point at SES's inbound endpoint for the region.
   */
  readonly recipients: readonly string[];
  /**
   * Object key prefix of the raw mail in the bucket; the key is `prefix + SES messageId`.
   * @default 'inbound/'
   */
  readonly objectKeyPrefix?: string;
  /**
   * How long raw mail is kept. The raw message is the record of what a candidate sent (and
   * what a retry re-reads); a month covers investigating a complaint without keeping
   * personal data longer than the conversation needs.
   * @default Duration.days(30)
   */
  readonly retention?: Duration;
  /** @default RemovalPolicy.RETAIN: stateful, never deleted with the stack */
  readonly removalPolicy?: RemovalPolicy;
  /** Extra environment for the email function (policy, SES sender...). */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Where async invocations that failed past Lambda's retries go (the stack shares one DLQ).
   * @default a new SQS-encrypted, SSL-only queue kept 14 days
   */
  readonly deadLetterQueue?: IQueue;
}

/**
 * Inbound email: SES receives mail for the recipients, stores the raw message in an
 * encrypted, private bucket (S3 action), then invokes the email function asynchronously
 * (Lambda action, `Event`), which reads it from there. Spam and virus scanning are on and
 * TLS is required. The rule set is activated by a custom resource (SES creates rule sets
 * inactive, aws-cdk #10321) and deactivated when the stack is deleted.
 */
export class InboundEmail extends Construct {
  readonly bucket: Bucket;
  readonly emailFunction: NodeFunction;
  readonly ruleSet: ReceiptRuleSet;
  readonly rule: ReceiptRule;
  /** Async invocations that failed past Lambda's retries land here. */
  readonly deadLetterQueue: IQueue;
  readonly objectKeyPrefix: string;

  constructor(scope: Construct, id: string, props: InboundEmailProps) {
    super(scope, id);
    const prefix = props.objectKeyPrefix ?? 'inbound/';
    this.objectKeyPrefix = prefix;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.bucket = new Bucket(this, 'RawMail', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-raw-mail', expiration: props.retention ?? Duration.days(30) }],
      removalPolicy,
    });

    this.deadLetterQueue =
      props.deadLetterQueue ??
      new Queue(this, 'Dlq', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // 14 days, SQS's maximum: time to notice and replay a failed inbound.
        retentionPeriod: Duration.days(14),
      });

    this.emailFunction = new NodeFunction(this, 'Function', {
      entry: 'lambda/handlers/email.ts',
      description: 'SES inbound: reads a forwarded invite from S3, plans, answers on the thread',
      // Parsing MIME, one DynamoDB round of writes and one or two sends: well under 30 s.
      timeout: Duration.seconds(30),
      environment: {
        INBOUND_BUCKET: this.bucket.bucketName,
        INBOUND_PREFIX: prefix,
        ...props.environment,
      },
    });
    // GetObject on the prefix only: no listing, no writes, never a delete (the raw mail stays).
    this.emailFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${prefix}*`)],
      }),
    );
    this.emailFunction.configureAsyncInvoke({
      // Two retries (Lambda's default, stated): S3 or DynamoDB hiccups heal; the rest is a bug.
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet');
    this.rule = this.ruleSet.addRule('Inbound', {
      recipients: [...props.recipients],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3Action({ bucket: this.bucket, objectKeyPrefix: prefix }),
        new LambdaAction({
          function: this.emailFunction,
          invocationType: LambdaInvocationType.EVENT,
        }),
      ],
    });

    const setActive = (ruleSetName?: string) => ({
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: ruleSetName === undefined ? {} : { RuleSetName: ruleSetName },
      physicalResourceId: PhysicalResourceId.of(`${Stack.of(this).stackName}-active-rule-set`),
    });
    const activation = new AwsCustomResource(this, 'ActivateRuleSet', {
      onCreate: setActive(this.ruleSet.receiptRuleSetName),
      onUpdate: setActive(this.ruleSet.receiptRuleSetName),
      // No RuleSetName: SES deactivates the active rule set, so the stack can delete it.
      onDelete: setActive(),
      policy: AwsCustomResourcePolicy.fromStatements([
        // SetActiveReceiptRuleSet supports no resource-level permissions.
        new PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
      logGroup: new LogGroup(this, 'ActivateRuleSetLogs', {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    activation.node.addDependency(this.rule);

    const acknowledge = (id: string, reason: string) =>
      Validations.of(this).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-S1',
      'Raw mail is read by one function only; S3 data events in CloudTrail audit access, server access logs would duplicate them.',
    );
    acknowledge('AwsSolutions-SQS3', 'This queue is the dead-letter queue of the email function.');
    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'The AWS-managed minimum for writing function logs.',
    );
    acknowledge(
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/${prefix}*]`,
      'GetObject on the inbound prefix: the object key is the SES message id, not known in advance.',
    );
    acknowledge(
      'AwsSolutions-IAM5[Resource::*]',
      'ses:SetActiveReceiptRuleSet supports no resource-level permissions.',
    );
    // The AwsCustomResource provider is a stack-level singleton, outside this construct.
    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    const providerFunction = provider?.node.defaultChild;
    if (providerFunction instanceof CfnFunction) {
      // The project's one function default (node-function.ts) for this function too: Node 24
      // (which ships the SDK v3 it calls), ARM, JSON logs.
      providerFunction.addPropertyOverride('Runtime', Runtime.NODEJS_24_X.name);
      providerFunction.addPropertyOverride('Architectures', [Architecture.ARM_64.name]);
      providerFunction.addPropertyOverride('LoggingConfig.LogFormat', LoggingFormat.JSON);
      providerFunction.addPropertyOverride('Environment.Variables', {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      });
    }
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "The AwsCustomResource provider's AWS-managed minimum for writing logs.",
      });
    }
  }
}
