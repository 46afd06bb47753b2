import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface OutboundEmailProps {
  /** The verified SES sender: `reschedule@example.com`. Its domain must be a verified identity. */
  readonly fromAddress: string;
  /** Display name of the sender. @default none */
  readonly fromName?: string;
  /** SES configuration set for bounce/complaint events. @default none */
  readonly configurationSetName?: string;
}

/**
 * Who may send mail as the service (lambda/adapters/ses SesMailer): `ses:SendRawEmail`
 * on the sender's identities only (the address and its domain), plus the sender settings
 * in the env (FROM_ADDRESS, FROM_NAME, SES_CONFIGURATION_SET).
 */
export class OutboundEmail extends Construct {
  readonly fromAddress: string;
  private readonly props: OutboundEmailProps;

  constructor(scope: Construct, id: string, props: OutboundEmailProps) {
    super(scope, id);
    const domain = props.fromAddress.split('@')[1];
    if (!domain || props.fromAddress.split('@').length !== 2) {
      throw new Error(
        `OutboundEmail: fromAddress must be an email address, got "${props.fromAddress}"`,
      );
    }
    this.fromAddress = props.fromAddress;
    this.props = props;
  }

  /** The identity ARNs SendRawEmail is authorised against: the address and its domain. */
  identityArns(): string[] {
    const stack = Stack.of(this);
    const domain = this.fromAddress.split('@')[1] ?? '';
    return [this.fromAddress, domain].map((identity) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
    );
  }

  /** Lets `fn` send raw email as the sender, and tells it who the sender is. */
  grantSend(fn: LambdaFunction): void {
    const stack = Stack.of(this);
    const resources = this.identityArns();
    if (this.props.configurationSetName) {
      resources.push(
        stack.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: this.props.configurationSetName,
        }),
      );
    }
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendRawEmail'], resources }));
    fn.addEnvironment('FROM_ADDRESS', this.fromAddress);
    if (this.props.fromName) fn.addEnvironment('FROM_NAME', this.props.fromName);
    if (this.props.configurationSetName)
      fn.addEnvironment('SES_CONFIGURATION_SET', this.props.configurationSetName);
  }
}
