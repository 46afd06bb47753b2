// STUB: replaced by the compose/plan work. Signature is the contract.
import type { Plan, Request } from './schema.js';
import type { TemplateSet } from './templates.js';

/** The whole pure pipeline: classify, extract, compose, advise, and decide replies and reminders. */
export function plan(_request: Request, _now: string, _templates: TemplateSet): Plan {
  throw new Error('plan: not written yet');
}
