import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './constructs/api.js';
import { InboundEmail } from './constructs/inbound-email.js';
import { NodeFunction } from './constructs/node-function.js';
import { addDeployerOutputs, Operations } from './constructs/operations.js';
import { OutboundEmail } from './constructs/outbound-email.js';
import { Reminders } from './constructs/reminders.js';
import { Secrets } from './constructs/secrets.js';
import { SmsChannel } from './constructs/sms.js';
import { State } from './constructs/state.js';

export interface RescheduleStackProps extends StackProps {
  /** The verified SES sender. @default context `fromAddress`, else `reschedule@example.com` */
  readonly fromAddress?: string;
  /**
   * Who gets answers (SENDER_ALLOWLIST: addresses, @domains, E.164 numbers, `*`).
   * @default context `senderAllowlist`, else empty: nobody, until an operator says who
   */
  readonly senderAllowlist?: string;
  /** Twilio sending number (E.164); without it (or a Messaging Service) nothing texts. @default context `twilioFrom` */
  readonly twilioFrom?: string;
  /** Twilio Messaging Service SID (`MG…`). @default context `twilioMessagingServiceSid` */
  readonly twilioMessagingServiceSid?: string;
  /**
   * The exact SMS webhook URL configured in Twilio, when it cannot be rebuilt from the
   * request (a custom domain with a base path). @default context `smsPublicUrl`, else rebuilt
   */
  readonly smsPublicUrl?: string;
  /**
   * Addresses or domains SES receives forwarded invites for (comma-separated in context).
   * @default context `inboundRecipients`, else the sender address
   */
  readonly inboundRecipients?: readonly string[];
  /** An existing SNS topic for the alarms. @default context `alarmTopicArn`, else a new encrypted topic */
  readonly alarmTopicArn?: string;
  /** Subscribed by email to the alarm topic. @default context `operatorEmail`, else nobody */
  readonly operatorEmail?: string;
}

/** The whole service: wires the constructs in infra/constructs/, one per concern. */
export class RescheduleStack extends Stack {
  readonly state: State;
  readonly secrets: Secrets;
  readonly reminders: Reminders;
  readonly api: Api;
  readonly webhookFunction: NodeFunction;
  readonly sms: SmsChannel;
  readonly inboundEmail: InboundEmail;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: RescheduleStackProps = {}) {
    super(scope, id, props);
    const setting = (key: string, value: string | undefined): string | undefined =>
      value ?? (this.node.tryGetContext(key) as string | undefined);
    const policyEnv = { SENDER_ALLOWLIST: setting('senderAllowlist', props.senderAllowlist) ?? '' };
    const twilioFrom = setting('twilioFrom', props.twilioFrom);
    const messagingServiceSid = setting(
      'twilioMessagingServiceSid',
      props.twilioMessagingServiceSid,
    );
    const twilioEnv: Record<string, string> = {
      ...(twilioFrom ? { TWILIO_FROM: twilioFrom } : {}),
      ...(messagingServiceSid ? { TWILIO_MESSAGING_SERVICE_SID: messagingServiceSid } : {}),
    };
    const smsConfigured = Object.keys(twilioEnv).length > 0;

    this.state = new State(this, 'State');
    this.secrets = new Secrets(this, 'Secrets');
    const outboundEmail = new OutboundEmail(this, 'OutboundEmail', {
      fromAddress: setting('fromAddress', props.fromAddress) ?? 'reschedule@example.com',
      fromName: 'Interview Reschedule Assistant',
    });

    this.reminders = new Reminders(this, 'Reminders');
    const reminderFunction = this.reminders.reminderFunction;
    for (const [key, value] of Object.entries({ ...policyEnv, ...twilioEnv }))
      reminderFunction.addEnvironment(key, value);
    this.state.grantReadWrite(reminderFunction);
    outboundEmail.grantSend(reminderFunction);
    if (smsConfigured) this.secrets.grantReadTwilioCredentials(reminderFunction);

    this.webhookFunction = new NodeFunction(this, 'Webhook', {
      entry: 'lambda/handlers/webhook.ts',
      description: 'POST /v1/reschedule: the signed JSON webhook, answered with the Plan',
      environment: { ...policyEnv, ...twilioEnv },
    });
    this.state.grantReadWrite(this.webhookFunction);
    this.secrets.grantReadWebhookSecret(this.webhookFunction);
    if (smsConfigured) this.secrets.grantReadTwilioCredentials(this.webhookFunction);
    outboundEmail.grantSend(this.webhookFunction);
    this.reminders.grantSchedule(this.webhookFunction);

    this.api = new Api(this, 'Api', { webhookFunction: this.webhookFunction });
    this.sms = new SmsChannel(this, 'Sms', {
      api: this.api,
      state: this.state,
      secrets: this.secrets,
      reminders: this.reminders,
      publicUrl: setting('smsPublicUrl', props.smsPublicUrl),
      environment: { ...policyEnv, ...twilioEnv },
    });

    const fromAddress = setting('fromAddress', props.fromAddress) ?? 'reschedule@example.com';
    const recipients =
      props.inboundRecipients ??
      (setting('inboundRecipients', undefined) ?? fromAddress)
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
    this.inboundEmail = new InboundEmail(this, 'InboundEmail', {
      recipients,
      environment: { ...policyEnv, ...twilioEnv },
      deadLetterQueue: this.reminders.deadLetterQueue,
    });
    const emailFunction = this.inboundEmail.emailFunction;
    this.state.grantReadWrite(emailFunction);
    outboundEmail.grantSend(emailFunction);
    this.reminders.grantSchedule(emailFunction);
    if (smsConfigured) this.secrets.grantReadTwilioCredentials(emailFunction);
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });

    // Last: the alarms cover every queue and function that exists by now.
    this.operations = new Operations(this, 'Operations', {
      alarmTopicArn: setting('alarmTopicArn', props.alarmTopicArn),
      operatorEmail: setting('operatorEmail', props.operatorEmail),
      apiStage: this.api.stage,
      scheduleGroup: this.reminders.scheduleGroup,
    });
    addDeployerOutputs(this, {
      apiUrl: this.api.url,
      smsPublicUrl: setting('smsPublicUrl', props.smsPublicUrl),
      webhookSecretArn: this.secrets.webhookSecret.secretArn,
      twilioSecretArn: this.secrets.twilioCredentials.secretArn,
      rawMailBucketName: this.inboundEmail.bucket.bucketName,
      tableName: this.state.table.tableName,
      receiptRuleSetName: this.inboundEmail.ruleSet.receiptRuleSetName,
      alarmTopicArn: this.operations.topic.topicArn,
      functions: {
        Webhook: this.webhookFunction,
        Sms: this.sms.smsFunction,
        Email: this.inboundEmail.emailFunction,
        Reminder: this.reminders.reminderFunction,
      },
    });
  }
}
