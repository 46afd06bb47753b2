import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NodeFunction } from './node-function.js';

export interface RemindersProps {
  /** @default `<stack name>-reminders` */
  readonly scheduleGroupName?: string;
  /** The reminder handler. @default `lambda/handlers/reminder.ts` */
  readonly entry?: string;
  /** X-Ray tracing on the reminder function. @default false */
  readonly tracing?: boolean;
}

/**
 * Reminders on EventBridge Scheduler: one `at()` schedule per reminder (created at run
 * time by lambda/adapters/scheduler), in a group of their own, invoking the reminder
 * function through a role that may invoke that function and nothing else. Invocations
 * that fail every retry (Scheduler's, then Lambda's async ones) land in an encrypted SQS
 * DLQ kept 14 days (SQS's maximum: time to notice, fix and redrive by hand).
 */
export class Reminders extends Construct {
  readonly scheduleGroup: ScheduleGroup;
  readonly deadLetterQueue: Queue;
  /** The role Scheduler assumes to invoke `reminderFunction` (and write to the DLQ). */
  readonly schedulerRole: Role;
  readonly reminderFunction: NodeFunction;

  constructor(scope: Construct, id: string, props: RemindersProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    this.scheduleGroup = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: props.scheduleGroupName ?? `${stack.stackName}-reminders`,
    });
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.reminderFunction = new NodeFunction(this, 'Function', {
      entry: props.entry ?? 'lambda/handlers/reminder.ts',
      description: 'Sends one due reminder (thank-you, prep); invoked by EventBridge Scheduler',
      tracing: props.tracing ?? false,
    });
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the reminder function',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          // Only schedules of this account, in this group, may use the role (confused deputy):
          // Scheduler presents the schedule group's ARN as the source.
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': this.scheduleGroup.scheduleGroupArn,
          },
        },
      }),
    });
    // The function's ARN only (grantInvoke would add `:*`, every version and alias).
    this.schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.reminderFunction.functionArn],
      }),
    );
    // SendMessage only (grantSendMessages adds GetQueueAttributes/GetQueueUrl, unused here).
    this.schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );
    // Scheduler invokes Lambda asynchronously: its RetryPolicy covers failures to invoke,
    // Lambda's own async retries cover a handler that throws (a retryable DeliveryError).
    // Two retries (Lambda's maximum; about 1 and 2 minutes apart) and one hour, as in the
    // schedule's policy: a prep reminder must not arrive after the interview. Then the
    // event goes to the same DLQ, so every lost reminder is in one place.
    this.reminderFunction.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the reminder schedules and function.',
    });
  }

  /** The ARN pattern of every schedule in the group: `schedule/<group>/*`. */
  schedulesArn(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.scheduleGroup.scheduleGroupName}/*`,
    });
  }

  /**
   * Lets `fn` create and delete schedules in the group (nothing else, nowhere else), pass
   * the scheduler role to Scheduler only, and tells it the adapter's settings
   * (SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, REMINDER_FUNCTION_ARN, REMINDER_DLQ_ARN).
   */
  grantSchedule(fn: LambdaFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [this.schedulesArn()],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    const stack = Stack.of(this);
    const part = (value: string, token: string) =>
      Token.isUnresolved(value) ? `<${token}>` : value;
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${part(stack.region, 'AWS::Region')}:${part(stack.account, 'AWS::AccountId')}:schedule/${this.scheduleGroup.scheduleGroupName}/*]`,
      reason:
        'Schedules are created at run time, one per reminder, named after it: the wildcard is this group only.',
    });
    fn.addEnvironment('SCHEDULE_GROUP', this.scheduleGroup.scheduleGroupName);
    fn.addEnvironment('SCHEDULER_ROLE_ARN', this.schedulerRole.roleArn);
    fn.addEnvironment('REMINDER_FUNCTION_ARN', this.reminderFunction.functionArn);
    fn.addEnvironment('REMINDER_DLQ_ARN', this.deadLetterQueue.queueArn);
  }
}
