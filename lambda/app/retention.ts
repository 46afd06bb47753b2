/**
 * How long the stores keep transient records, and the inbound lease. Both stores use these
 * numbers so the contract suite can hold them to the same behaviour.
 */

/**
 * An inbound claim that was never completed (the process died mid-way) blocks retries for
 * this long, then a retry with the same body may take it over. 5 minutes is longer than any
 * of our Lambda timeouts (30 s for the webhook), so a live attempt is never taken over.
 */
export const INBOUND_LEASE_SECONDS = 5 * 60;

/**
 * Inbound dedupe records live 7 days: SES and Lambda async retries span up to 6 hours,
 * Twilio retries within minutes, webhook clients are promised 24 hours; a week covers a
 * DLQ redrive after a weekend.
 */
export const INBOUND_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/**
 * Delivery claims live 30 days: longer than any reminder is scheduled ahead of its
 * conversation, so a late retry of a reminder still finds the claim and does not resend.
 */
export const DELIVERY_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** Epoch seconds, the unit of DynamoDB's TTL attribute. */
export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
