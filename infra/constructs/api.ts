import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ApiThrottle {
  /** Steady requests per second across the stage. */
  readonly rateLimit: number;
  /** Requests allowed in a burst above the steady rate. */
  readonly burstLimit: number;
}

export interface ApiProps {
  /** Answers `POST /v1/reschedule` (lambda/handlers/webhook.ts). */
  readonly webhookFunction: IFunction;
  /**
   * Stage throttling. 10 req/s with bursts of 20 is far above what candidates rescheduling
   * interviews produce, and caps what a leaked signing key or a flood can cost (each call
   * may send a message). @default { rateLimit: 10, burstLimit: 20 }
   */
  readonly throttle?: ApiThrottle;
}

/**
 * The public HTTP API (API Gateway v2): `POST /v1/reschedule` (the signed JSON webhook) and,
 * once the SMS function exists, `POST /sms` (Twilio's webhook; `addSmsRoute`). One
 * `$default` stage, throttled, with JSON access logs that carry ids and statuses, no
 * addresses or bodies.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Interview reschedule assistant: webhook and SMS entry points',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const throttle = props.throttle ?? { rateLimit: 10, burstLimit: 20 };
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            error: '$context.error.message',
          }),
        ),
      },
    });
    const webhookRoutes = this.httpApi.addRoutes({
      path: '/v1/reschedule',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('WebhookIntegration', props.webhookFunction),
    });
    for (const route of webhookRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Callers are servers, not AWS principals: every request is authenticated in the function by its ' +
          'X-Signature (HMAC-SHA256 over timestamp and body, 5-minute window) and answered 401 without it.',
      });
    }
  }

  /** Routes Twilio's inbound SMS webhook, `POST /sms`, to `fn`. */
  addSmsRoute(fn: IFunction): HttpRoute[] {
    return this.httpApi.addRoutes({
      path: '/sms',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('SmsIntegration', fn),
    });
  }

  /** The API's base URL (the `$default` stage): what Twilio and webhook callers are given. */
  get url(): string {
    return this.stage.url;
  }
}
