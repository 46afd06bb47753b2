/**
 * Twilio's inbound SMS webhook behind API Gateway (`POST /sms`): the HTTP event in, the
 * framework-free `handleSms` (lambda/channels/sms) in the middle, TwiML out. Clients,
 * config and templates are built once per container; the Twilio secret is fetched at cold
 * start and cached. Retryable failures answer 503 so Twilio may retry: the MessageSid
 * dedupe makes a retry safe.
 */
import '../v8-flags.js';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { systemClock } from '../adapters/memory/fixed-clock.js';
import { DynamoStore } from '../adapters/dynamodb/index.js';
import { lazyScheduler, lazyTexter } from '../adapters/lazy.js';
import { coreFunctions } from '../app/core.js';
import type { Deps } from '../app/deps.js';
import { NO_EMAIL, loadSmsConfig } from '../channels/sms/runtime.js';
import { handleSms, QuietHoursScheduler } from '../channels/sms/index.js';
import { policyFrom } from '../config.js';
import { isRetryable } from '../core/errors.js';
import { createLogger } from '../logger.js';
import { secretReader } from '../secrets.js';
import { loadTemplates } from '../templates.js';

const logger = createLogger({ serviceName: 'sms' });
const config = loadSmsConfig();
const secrets = secretReader();
const credentials = () => secrets.twilioCredentials(config.TWILIO_SECRET_ARN);
credentials().catch(() => undefined); // start the read during init; a failure is retried per call
const store = new DynamoStore({ tableName: config.TABLE_NAME });
// The Scheduler and Twilio REST clients load on the first schedule or REST send.
const delivery = () => import('../adapters/aws-delivery.js');
const deps: Deps = {
  store,
  mailer: NO_EMAIL,
  // answers are inline TwiML; REST sends only when TWILIO_FROM is set
  texter: lazyTexter(async () => (await delivery()).texterFrom(config)),
  scheduler: new QuietHoursScheduler(
    lazyScheduler(async () => (await delivery()).schedulerFrom(config)),
    {
      onDeferred: (reminder) => store.putReminder(reminder),
    },
  ),
  clock: systemClock,
  templates: loadTemplates(),
  policy: policyFrom(config),
  logger,
  core: coreFunctions,
};

export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  logger.addContext(context);
  const rawBody = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  try {
    const { authToken, previousAuthToken } = await credentials();
    return await handleSms(
      { app: deps, authToken, previousAuthToken, publicUrl: config.PUBLIC_URL },
      {
        headers: event.headers,
        pathAndQuery: event.rawQueryString
          ? `${event.rawPath}?${event.rawQueryString}`
          : event.rawPath,
        rawBody,
        now: new Date(event.requestContext.timeEpoch).toISOString(),
      },
    );
  } catch (error) {
    const retryable = isRetryable(error);
    logger.error('sms webhook failed', {
      retryable,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    return {
      statusCode: retryable ? 503 : 500,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: retryable ? 'unavailable' : 'internal' }),
    };
  }
}
