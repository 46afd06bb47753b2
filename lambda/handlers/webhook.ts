/**
 * `POST /v1/reschedule` on API Gateway HTTP API (v2 payload) or a Function URL: decode the
 * body, answer through the framework-free webhook channel. Config, clients and templates
 * are built once per container; the webhook secret comes from Secrets Manager on the
 * first call (cached by the reader) or from WEBHOOK_SECRET for local runs.
 */
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { lazyMailer, lazyScheduler, lazyTexter } from '../adapters/lazy.js';
import { DynamoStore } from '../adapters/dynamodb/dynamo-store.js';
import { systemClock } from '../adapters/memory/fixed-clock.js';
import { coreFunctions } from '../app/core.js';
import { handleWebhook, type WebhookDeps } from '../channels/webhook/handle-webhook.js';
import { loadWebhookConfig, policyFrom } from '../config.js';
import { createLogger } from '../logger.js';
import { secretReader } from '../secrets.js';
import { loadTemplates } from '../templates.js';

const config = loadWebhookConfig();
const logger = createLogger({ serviceName: 'webhook' });
// SES, Scheduler and Twilio load on the first send or schedule (a lazy chunk of the bundle).
const delivery = () => import('../adapters/aws-delivery.js');
const deps: Omit<WebhookDeps, 'webhook'> = {
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
const smsEnabled = config.TWILIO_SECRET_ARN !== undefined;
const arn = config.WEBHOOK_SECRET_ARN;
const secrets = async () => [
  arn ? await secretReader().webhookSecret(arn) : (config.WEBHOOK_SECRET ?? ''),
];

export async function handler(
  event: APIGatewayProxyEventV2,
  context?: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (context) logger.addContext(context);
  if (event.requestContext.http.method !== 'POST')
    return { statusCode: 405, headers: { allow: 'POST' }, body: '{"error":"method_not_allowed"}' };
  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  return handleWebhook(
    { ...deps, webhook: { secrets, smsEnabled } },
    { headers: event.headers ?? {}, body, now: deps.clock.now() },
  );
}
