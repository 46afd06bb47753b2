import { Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Api } from './api.js';
import { NodeFunction } from './node-function.js';
import type { Reminders } from './reminders.js';
import type { Secrets } from './secrets.js';
import type { State } from './state.js';

export interface SmsChannelProps {
  /** The HTTP API whose `POST /sms` route Twilio's messaging webhook calls. */
  readonly api: Api;
  /** Conversations, opt-outs and the MessageSid dedupe live here. */
  readonly state: State;
  /** The Twilio credentials (`{"accountSid","authToken"}`) are read from here at cold start. */
  readonly secrets: Secrets;
  /** `NEW <time>` schedules a prep reminder; `CANCEL` deletes schedules. */
  readonly reminders: Reminders;
  /**
   * The exact webhook URL configured in Twilio (scheme, host, path, query), set as
   * PUBLIC_URL. Needed only when the URL Twilio calls cannot be rebuilt from the request's
   * Host / X-Forwarded-* headers and path (a custom domain with a base-path mapping).
   * @default none: rebuilt per request
   */
  readonly publicUrl?: string;
  /** Extra environment (allowlist, sending number…), for lambda/config.ts. @default none */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * The SMS channel: one function (lambda/handlers/sms.ts) behind `POST /sms`, which checks
 * Twilio's signature, converses, and answers with TwiML. It reads and writes the table,
 * reads the Twilio secret (never the webhook secret), and creates/deletes reminder
 * schedules; nothing else.
 */
export class SmsChannel extends Construct {
  readonly smsFunction: NodeFunction;
  readonly routes: HttpRoute[];

  constructor(scope: Construct, id: string, props: SmsChannelProps) {
    super(scope, id);
    this.smsFunction = new NodeFunction(this, 'Function', {
      entry: 'lambda/handlers/sms.ts',
      description:
        "Twilio's inbound SMS webhook: verifies the signature, converses, answers with TwiML",
      environment: {
        ...(props.publicUrl ? { PUBLIC_URL: props.publicUrl } : {}),
        ...props.environment,
      },
    });
    props.state.grantReadWrite(this.smsFunction);
    props.secrets.grantReadTwilioCredentials(this.smsFunction);
    props.reminders.grantSchedule(this.smsFunction);
    this.routes = props.api.addSmsRoute(this.smsFunction);

    const stack = Stack.of(this);
    const tableId = stack.getLogicalId(props.state.table.node.defaultChild as CfnElement);
    const partOf = (value: string, token: string) =>
      Token.isUnresolved(value) ? `<${token}>` : value;
    const schedules = `arn:<AWS::Partition>:scheduler:${partOf(stack.region, 'AWS::Region')}:${partOf(stack.account, 'AWS::AccountId')}:schedule/${props.reminders.scheduleGroup.scheduleGroupName}/*`;
    const wildcardReason =
      "Wildcards are the table's own indexes and the schedules of the reminders group, which are created at run time, one per reminder.";
    Validations.of(this.smsFunction).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The basic execution role only lets the function write its own CloudWatch Logs.',
      },
      { id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`, reason: wildcardReason },
      { id: `AwsSolutions-IAM5[Resource::${schedules}]`, reason: wildcardReason },
    );
    for (const route of this.routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Twilio cannot sign with IAM or a JWT: every request is authenticated by its X-Twilio-Signature ' +
          '(HMAC-SHA1 with the account auth token) and answered 403 without it.',
      });
    }
  }
}
