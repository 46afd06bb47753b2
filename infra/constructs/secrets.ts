import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface SecretsProps {
  /**
   * Secrets survive the stack: the Twilio credentials are entered by hand, and a new
   * webhook secret would break every caller. @default RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The service's secrets in Secrets Manager, read by lambda/secrets.ts at cold start:
 * - the webhook HMAC secret, generated (48 alphanumerics, ~285 bits);
 * - the Twilio credentials `{"accountSid","authToken"}`: created with a placeholder SID and
 *   a generated token; an operator puts the real pair in after deploy
 *   (`aws secretsmanager put-secret-value`). Until then the reader rejects the SID by name.
 */
export class Secrets extends Construct {
  readonly webhookSecret: Secret;
  readonly twilioCredentials: Secret;

  constructor(scope: Construct, id: string, props: SecretsProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.webhookSecret = new Secret(this, 'WebhookSecret', {
      description: 'HMAC-SHA256 key of POST /v1/reschedule signatures (X-Signature)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    this.twilioCredentials = new Secret(this, 'TwilioCredentials', {
      description:
        'Twilio REST credentials {"accountSid","authToken"}: set the real values after deploy',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ accountSid: 'AC-set-me-after-deploy' }),
        generateStringKey: 'authToken',
        excludePunctuation: true,
        passwordLength: 32,
      },
      removalPolicy,
    });
    Validations.of(this.webhookSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Callers hold a copy of the webhook key: it is rotated by hand, together with them.',
    });
    Validations.of(this.twilioCredentials).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: "Twilio issues the auth token: it is rotated in Twilio's console, then put here.",
    });
  }

  /** Lets `fn` read the webhook secret and tells it where (WEBHOOK_SECRET_ARN). */
  grantReadWebhookSecret(fn: LambdaFunction): void {
    this.webhookSecret.grantRead(fn);
    fn.addEnvironment('WEBHOOK_SECRET_ARN', this.webhookSecret.secretArn);
  }

  /** Lets `fn` read the Twilio credentials and tells it where (TWILIO_SECRET_ARN). */
  grantReadTwilioCredentials(fn: LambdaFunction): void {
    this.twilioCredentials.grantRead(fn);
    fn.addEnvironment('TWILIO_SECRET_ARN', this.twilioCredentials.secretArn);
  }
}
