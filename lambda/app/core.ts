/** The real core behind the app's CoreFunctions port: what every entry point passes in Deps. */
import { plan } from '../core/plan.js';
import { planNewTime, renderReminder } from '../core/reminders.js';
import type { CoreFunctions } from './deps.js';

export const coreFunctions: CoreFunctions = { plan, renderReminder, planNewTime };
