import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The whole service: wires the constructs in infra/constructs/, one per concern. */
export class RescheduleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
  }
}
