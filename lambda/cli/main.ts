/**
 * `reschedule`: the project's front door and test harness (../shared/DESIGN.md "Contracts").
 * `runCli` parses argv with node:util parseArgs (strict), runs one command against the
 * given streams and returns the exit code: 0 done, 1 input rejected, 2 bad usage.
 *
 * `draft` and `classify` load only the core; `email` and `start` import their parts lazily
 * so that the common path stays fast.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { classify } from '../core/classify.js';
import { ValidationError, isAppError, isValidationError } from '../core/errors.js';
import { plan } from '../core/plan.js';
import type { Plan, Request } from '../core/schema.js';
import { loadTemplates } from '../templates.js';
import {
  ClassifyLineSchema,
  DraftLineSchema,
  errorText,
  parseLine,
  runJsonl,
  type LineOutput,
} from './jsonl.js';
import { renderPlan } from './render.js';
import { readInstant, toRequest, type DraftInput } from './request.js';
import { COMMANDS, COMMAND_USAGE, USAGE, UsageError, isUsageError, type Command } from './usage.js';

/** The outside world the CLI talks to; tests pass their own. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** The current instant as ISO-8601: the default for --now. */
  readonly now: () => string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); used by `start`. */
  readonly stopSignal?: () => Promise<void>;
}

type RunCommand = Exclude<Command, 'help'>;

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  command: RunCommand,
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed flags.
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new UsageError(
      unknown ? `unknown option "${unknown[1]}"` : (message.split('\n')[0] ?? message),
      command,
    );
  }
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

// ---------------------------------------------------------------- draft

function planFor(request: Request, now: string): Plan {
  return plan(request, now, loadTemplates());
}

async function draft(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('draft', args, {
    ...HELP,
    company: { type: 'string' },
    interviewer: { type: 'string' },
    when: { type: 'string' },
    tz: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
    jsonl: { type: 'boolean' },
  });
  if (values.help) return help(io, 'draft');
  const flags: Omit<DraftInput, 'text'> = {
    company: values.company,
    interviewer: values.interviewer,
    when: values.when,
    tz: values.tz,
    now: values.now,
  };
  const clock = io.now();

  if (values.jsonl) {
    if (positionals.length > 0) {
      throw new UsageError(
        'draft --jsonl reads its requests from stdin and takes no TEXT',
        'draft',
      );
    }
    await runJsonl(io.stdin, io.stdout, (value): LineOutput => {
      const line = parseLine(DraftLineSchema, value);
      const input: DraftInput = {
        text: line.text,
        company: line.company ?? flags.company,
        interviewer: line.interviewer ?? flags.interviewer,
        when: line.when ?? flags.when,
        tz: line.tz ?? flags.tz,
        now: line.now ?? flags.now,
      };
      const request = toRequest(input, clock, line.id === undefined ? undefined : String(line.id));
      const result = planFor(request, request.receivedAt);
      return { ...result, id: line.id ?? result.id };
    });
    return 0;
  }

  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'draft needs the candidate\'s TEXT, e.g. reschedule draft "sorry, I\'m sick"'
        : `draft takes one TEXT argument, got ${positionals.length}: quote the text`,
      'draft',
    );
  }
  const request = toRequest({ ...flags, text: positionals[0] ?? '' }, clock);
  const result = planFor(request, request.receivedAt);
  await write(io.stdout, values.json ? `${JSON.stringify(result, null, 2)}\n` : renderPlan(result));
  return 0;
}

// ---------------------------------------------------------------- classify

async function classifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('classify', args, {
    ...HELP,
    json: { type: 'boolean' },
    jsonl: { type: 'boolean' },
  });
  if (values.help) return help(io, 'classify');
  if (values.jsonl) {
    if (positionals.length > 0) {
      throw new UsageError(
        'classify --jsonl reads its texts from stdin and takes no TEXT',
        'classify',
      );
    }
    await runJsonl(io.stdin, io.stdout, (value): LineOutput => {
      const line = parseLine(ClassifyLineSchema, value);
      const { category, tier, confidence } = classify(line.text);
      return { id: line.id ?? null, category, tier, confidence };
    });
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError('classify needs --jsonl, or one TEXT argument', 'classify');
  }
  const { category, tier, confidence, cues } = classify(positionals[0] ?? '');
  await write(
    io.stdout,
    values.json
      ? `${JSON.stringify({ category, tier, confidence })}\n`
      : `${category} (${tier}, confidence ${confidence.toFixed(2)})${cues.length > 0 ? `\ncues: ${cues.join(', ')}` : ''}\n`,
  );
  return 0;
}

// ---------------------------------------------------------------- email

/**
 * The email channel's MIME -> Request, loaded on first use: mailparser, the calendar reader
 * and the SES flow around them are only paid for by `email`.
 */
async function requestFromMime(raw: Buffer, now: string): Promise<Request> {
  const channel = await import('../channels/email/index.js');
  return channel.requestFromMime(raw, { now });
}

async function email(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('email', args, {
    ...HELP,
    now: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return help(io, 'email');
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'email needs FILE.eml' : 'email takes one FILE.eml',
      'email',
    );
  }
  const file = positionals[0] ?? '';
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code;
    throw new ValidationError([{ path: 'FILE', message: `cannot read "${file}": ${why}` }], {
      cause: error,
    });
  }
  const read = readInstant(values.now ?? io.now(), undefined);
  if ('issue' in read) throw new ValidationError([read.issue]);
  const request = await requestFromMime(raw, read.instant);
  const result = planFor(request, read.instant);
  await write(io.stdout, values.json ? `${JSON.stringify(result, null, 2)}\n` : renderPlan(result));
  return 0;
}

// ---------------------------------------------------------------- start

function readPort(value: string, flag: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65_535) {
    throw new UsageError(`${flag} must be a port number (0-65535), got "${value}"`, 'start');
  }
  return port;
}

async function start(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('start', args, {
    ...HELP,
    port: { type: 'string' },
    'smtp-port': { type: 'string' },
    data: { type: 'string' },
  });
  if (values.help) return help(io, 'start');
  if (positionals.length > 0) throw new UsageError('start takes no arguments', 'start');
  // Only the flags given: what is left out comes from the service's env (PORT, SMTP_PORT,
  // DATA_DIR) or its defaults (3000, 2525, .data/).
  const options = {
    ...(values.port === undefined ? {} : { port: readPort(values.port, '--port') }),
    ...(values['smtp-port'] === undefined
      ? {}
      : { smtpPort: readPort(values['smtp-port'], '--smtp-port') }),
    ...(values.data === undefined ? {} : { dataDir: values.data }),
  };
  // Lazy: dynalite, smtp-server and the AWS SDK clients are only loaded by `start`.
  const { startLocalService } = await import('../local/server.js');
  let service: Awaited<ReturnType<typeof startLocalService>>;
  try {
    service = await startLocalService(options);
  } catch (error) {
    const { code, port } = error as NodeJS.ErrnoException & { port?: number };
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      const why = code === 'EADDRINUSE' ? 'is in use' : 'needs privileges';
      const where = port === undefined ? 'a port' : `port ${port}`;
      await write(
        io.stderr,
        `reschedule: ${where} ${why}: pick another with --port / --smtp-port\n`,
      );
      return 1;
    }
    throw error;
  }
  if (io.stopSignal) {
    await io.stopSignal();
    await service.close();
  }
  return 0;
}

// ---------------------------------------------------------------- dispatch

async function help(io: CliIo, command?: RunCommand): Promise<number> {
  await write(io.stdout, command ? `${COMMAND_USAGE[command]}\n` : USAGE);
  return 0;
}

const RUNNERS: Readonly<
  Record<RunCommand, (args: readonly string[], io: CliIo) => Promise<number>>
> = {
  draft,
  classify: classifyCommand,
  email,
  start,
};

const isRunCommand = (name: string): name is RunCommand =>
  (COMMANDS as readonly string[]).includes(name) && name !== 'help';

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new UsageError('a command is required');
    if (command === '--help' || command === '-h' || command === 'help') {
      const topic = rest[0];
      return help(io, topic !== undefined && isRunCommand(topic) ? topic : undefined);
    }
    if (!isRunCommand(command)) {
      throw new UsageError(
        command.startsWith('-') ? `unknown option "${command}"` : `unknown command "${command}"`,
      );
    }
    return await RUNNERS[command](rest, io);
  } catch (error) {
    if (isUsageError(error)) {
      const usage = error.command ? COMMAND_USAGE[error.command] : USAGE.trimEnd();
      await write(io.stderr, `reschedule: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    if (isValidationError(error)) {
      const lines = error.issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`);
      await write(io.stderr, `reschedule: input rejected:\n${lines.join('\n')}\n`);
      return 1;
    }
    await write(io.stderr, `reschedule: ${isAppError(error) ? error.message : errorText(error)}\n`);
    return 1;
  }
}
