/**
 * The CLI's help text and its usage error (exit code 2). The contract is
 * ../shared/DESIGN.md "Contracts".
 */
import { AppError } from '../core/errors.js';

export const COMMANDS = ['draft', 'classify', 'email', 'start', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

const DRAFT = `reschedule draft "TEXT" [--company C] [--interviewer N] [--when W] [--tz Z] [--now ISO] [--json]
reschedule draft --jsonl [--tz Z] [--now ISO] < requests.jsonl
  Drafts the reschedule email, the SMS, the call script and the advice for a candidate who
  wrote TEXT. --when is the interview time in prose ("Thu 2pm ET"), --tz the candidate's
  IANA zone, --now the current instant (ISO-8601, default: the clock). --json prints the Plan.
  --jsonl reads {"id","text","company?","interviewer?","when?","tz?","now?"} lines on stdin
  and writes one Plan per line (or {"id","error"}), in order; flags give line defaults.`;

const CLASSIFY = `reschedule classify --jsonl < texts.jsonl
reschedule classify "TEXT" [--json]
  Classifies the reason: reads {"id","text"} lines and writes {"id","category","tier","confidence"}
  lines (or {"id","error"}), one per input line, in order.`;

const EMAIL = `reschedule email FILE.eml [--now ISO] [--json]
  Handles a forwarded invite (raw MIME, as SES stores it) like the email channel does.`;

const START = `reschedule start [--port 3000] [--smtp-port 2525] [--data DIR]
  Runs the local service (HTTP webhook + SMS form + web console, SMTP inbound, outbox,
  reminders) on one machine, no AWS. State lives under DIR (default .data/). Same as npm start.`;

export const COMMAND_USAGE: Readonly<Record<Exclude<Command, 'help'>, string>> = {
  draft: DRAFT,
  classify: CLASSIFY,
  email: EMAIL,
  start: START,
};

export const USAGE = `Usage: reschedule <command> [options]

Helps a job candidate reschedule an interview: classifies the reason, drafts an honest,
discreet message, and advises on the next step.

${DRAFT}

${CLASSIFY}

${EMAIL}

${START}

reschedule help [command] | reschedule --help
  Prints this help.

Exit codes: 0 done, 1 the input was rejected (reason on stderr), 2 bad usage.
In --jsonl modes rejected lines are answered in-band with {"id","error"} and the exit code is 0.
`;

/** Bad usage: unknown command or flag, missing or extra argument. Exit code 2. */
export class UsageError extends AppError {
  /** The command whose usage to print, when known. */
  readonly command: Exclude<Command, 'help'> | undefined;

  constructor(message: string, command?: Exclude<Command, 'help'>) {
    super('USAGE', message);
    this.command = command;
  }
}

export const isUsageError = (e: unknown): e is UsageError => e instanceof UsageError;
