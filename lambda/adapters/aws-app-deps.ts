/**
 * The app's Deps as a deployed function builds them at cold start: the DynamoDB store, and
 * SES, EventBridge Scheduler and Twilio built on first use (a lazy chunk of the bundle, so a
 * cold start that sends nothing never loads them). The webhook and email Lambdas share it.
 */
import type { Deps } from '../app/deps.js';
import { coreFunctions } from '../app/core.js';
import type { Log } from '../app/ports.js';
import { policyFrom } from '../config.js';
import { loadTemplates } from '../templates.js';
import type { SchedulerEnv, SesEnv, TwilioEnv } from './aws-delivery.js';
import { DynamoStore } from './dynamodb/dynamo-store.js';
import { lazyMailer, lazyScheduler, lazyTexter } from './lazy.js';
import { systemClock } from './memory/fixed-clock.js';

/** The parsed config keys the shared Deps read (lambda/config.ts key sets). */
export type AwsAppEnv = SesEnv &
  TwilioEnv &
  SchedulerEnv & {
    readonly TABLE_NAME: string;
    readonly SENDER_ALLOWLIST: string[];
    readonly RATE_LIMIT_PER_HOUR: number;
  };

export function awsAppDeps(config: AwsAppEnv, logger: Log): Deps {
  const delivery = () => import('./aws-delivery.js');
  return {
    store: new DynamoStore({ tableName: config.TABLE_NAME }),
    mailer: lazyMailer(async () => (await delivery()).mailerFrom(config)),
    texter: lazyTexter(async () => (await delivery()).texterFrom(config)),
    scheduler: lazyScheduler(async () => (await delivery()).schedulerFrom(config)),
    clock: systemClock,
    templates: loadTemplates(),
    policy: policyFrom(config),
    logger,
    core: coreFunctions,
  };
}
