export {
  handleWebhook,
  MAX_BODY_BYTES,
  type WebhookDeps,
  type WebhookInput,
  type WebhookResponse,
  type WebhookSettings,
} from './handle-webhook.js';
export { WebhookBodySchema, parseWebhookBody, type WebhookBody } from './body.js';
export {
  SIGNATURE_TOLERANCE_SECONDS,
  signPayload,
  signatureHeader,
  verifySignature,
  type SignatureCheck,
} from './signature.js';
