import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs cdk-nag's AwsSolutions pack on every synth of `app` (cdk-nag 3 is a CDK validation
 * plugin, STACK.md trap 14): `cdk synth` prints each finding that is neither fixed nor
 * acknowledged and fails. Findings are acknowledged where they arise,
 * `Validations.of(construct).acknowledge({ id: 'AwsSolutions-IAM5[Resource::…]', reason })`,
 * by their full id and with a reason.
 */
export function enforceCdkNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
