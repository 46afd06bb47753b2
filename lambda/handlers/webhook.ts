/**
 * `POST /v1/reschedule` on API Gateway HTTP API (v2 payload) or a Function URL: decode the
 * body, answer through the framework-free webhook channel. Config, clients and templates
 * are built once per container; the webhook secret comes from Secrets Manager on the
 * first call (cached by the reader) or from WEBHOOK_SECRET for local runs.
 */
import '../v8-flags.js';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { awsAppDeps } from '../adapters/aws-app-deps.js';
import { handleWebhook } from '../channels/webhook/handle-webhook.js';
import { loadWebhookConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { secretReader } from '../secrets.js';

const config = loadWebhookConfig();
const logger = createLogger({ serviceName: 'webhook' });
const deps = awsAppDeps(config, logger);
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
