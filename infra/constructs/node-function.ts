import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** The project root (where package.json, lambda/ and templates/ live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The service name every function logs under (Powertools `service`). */
export const SERVICE_NAME = 'interview-reschedule';

export interface NodeFunctionProps {
  /** The handler file, relative to the project root: `lambda/handlers/reminder.ts`. */
  readonly entry: string;
  readonly description?: string;
  /** @default 10 seconds: every handler sends at most a few messages and writes a few items. */
  readonly timeout?: Duration;
  /** @default 512 MB: parsing MIME and loading the SDKs is CPU-bound, and CPU scales with memory. */
  readonly memorySize?: number;
  /** Extra environment; `grantXxx` methods of the other constructs add theirs. */
  readonly environment?: Readonly<Record<string, string>>;
  /** X-Ray active tracing. @default false */
  readonly tracing?: boolean;
  /** How long logs are kept. @default one month: enough to investigate a complaint, short for personal data. */
  readonly logRetention?: RetentionDays;
}

/**
 * The one Node.js Lambda default of the project: Node 24 on ARM, an ESM bundle (STACK.md
 * trap 3: email-forward-parser is ESM-only) with a `createRequire` banner for the CJS
 * dependencies, minified with source maps, `templates/` copied next to `index.mjs` (where
 * lambda/templates.ts looks first), JSON logs in a log group with a retention.
 *
 * The shipped bundle is scripts/lambda-bundle.mjs's (run as the `afterBundling` hook over
 * NodejsFunction's own esbuild output): `index.mjs` plus lazy `chunks/` for what a handler
 * imports dynamically (Twilio's REST client), zod without its 40 locales, the pinned AWS SDK
 * bundled rather than the runtime's (the tested versions; a bundled client loads as fast).
 * scripts/bench.ts and scripts/analyze-bundles.mjs build with the same file.
 */
export class NodeFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const copyTemplates: ICommandHooks = {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) => [
        // The bundle that ships: scripts/lambda-bundle.mjs rebuilds index.mjs with what
        // NodejsFunction cannot pass esbuild (code splitting, plugins); see that file.
        `"${process.execPath}" "${join(inputDir, 'scripts', 'lambda-bundle.mjs')}" "${props.entry}" "${outputDir}" --target node24`,
        `mkdir -p "${join(outputDir, 'templates')}"`,
        `cp -R "${join(inputDir, 'templates')}/." "${join(outputDir, 'templates')}/"`,
      ],
    };
    super(scope, id, {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        // Bundle the pinned AWS SDK rather than use the runtime's: same code in tests and in
        // Lambda, and the asset loads in a bare `node` (test/infra/bundling.test.ts).
        externalModules: [],
        commandHooks: copyTemplates,
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The AWS-managed minimum that lets the function write its own CloudWatch Logs.',
    });
  }
}
