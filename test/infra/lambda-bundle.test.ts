import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleLambda,
  coldStartOutputs,
  HANDLERS,
  lambdaBuildOptions,
  TABLES_DIR,
} from '../../scripts/lambda-bundle.mjs';

/**
 * What each Lambda's cold start reads (scripts/lambda-bundle.mjs, the bundle
 * infra/constructs/node-function.ts ships): the delivery clients and Twilio's REST client
 * stay in lazy chunks, zod keeps one locale, libmime one copy. Built in memory, not written.
 */
const root = resolve(import.meta.dirname, '../..');
const metafiles = new Map<string, Metafile>();

beforeAll(async () => {
  for (const [name, entry] of Object.entries(HANDLERS)) {
    const { metafile } = await build({
      ...lambdaBuildOptions({ root, entry, outdir: resolve(root, '.bench', name) }),
      write: false,
      metafile: true,
    });
    metafiles.set(name, metafile);
  }
}, 120_000);

/** The input files in what a cold start of `name` reads, and their total output bytes. */
function coldStart(name: string): { inputs: string[]; bytes: number } {
  const metafile = metafiles.get(name);
  if (!metafile) throw new Error(`no bundle for ${name}`);
  const cold = coldStartOutputs(metafile);
  const inputs: string[] = [];
  let bytes = 0;
  for (const path of cold) {
    const output = metafile.outputs[path];
    if (!output) continue;
    bytes += output.bytes;
    inputs.push(...Object.keys(output.inputs));
  }
  return { inputs, bytes };
}

const LAZY = [
  /node_modules\/twilio\/lib\/rest\//,
  /node_modules\/twilio\/lib\/base\/BaseTwilio/,
  /node_modules\/axios\//,
  /^node_modules\/nodemailer\//, // the SES composer (mailparser keeps its own addressparser)
  /node_modules\/@aws-sdk\/client-ses\//,
  /node_modules\/@aws-sdk\/client-scheduler\//,
];

describe('Lambda bundles (scripts/lambda-bundle.mjs)', () => {
  it.each(Object.keys(HANDLERS))('keeps delivery clients out of the %s cold start', (name) => {
    const { inputs } = coldStart(name);
    for (const pattern of LAZY) {
      expect(
        inputs.filter((i) => pattern.test(i)),
        `expected nothing matching ${pattern} in what a ${name} cold start loads`,
      ).toEqual([]);
    }
  });

  it.each(Object.keys(HANDLERS))('keeps only the English zod locale in %s', (name) => {
    const locales = coldStart(name).inputs.filter((i) => /zod\/v4\/locales\//.test(i));
    expect(locales).toEqual([expect.stringMatching(/zod\/v4\/locales\/en\.js$/)]);
  });

  it.each(Object.keys(HANDLERS))('bundles zod/mini, not the classic API, in %s', (name) => {
    const classic = coldStart(name).inputs.filter((i) => /zod\/v4\/classic\//.test(i));
    expect(classic, `expected no classic zod in what a ${name} cold start loads`).toEqual([]);
  });

  it('keeps the classifier, the extractor and chrono out of the reminder cold start', () => {
    const inputs = coldStart('reminder').inputs.filter((i) =>
      /lambda\/core\/(?:classify|extract)|node_modules\/chrono-node\//.test(i),
    );
    expect(inputs, 'expected firing a reminder to load only the renderer').toEqual([]);
  });

  it('puts one copy of libmime in the email bundle', () => {
    const builds = new Set(
      coldStart('email')
        .inputs.map((i) => /node_modules\/libmime\/dist\/(\w+)\//.exec(i)?.[1])
        .filter(Boolean),
    );
    expect([...builds]).toEqual(['esm']);
  });

  it.each(['webhook', 'sms', 'reminder'])('fits the %s cold start in 1 MB (issue #7)', (name) => {
    expect(coldStart(name).bytes, `expected ${name} to load at most 1 MB`).toBeLessThanOrEqual(
      1024 * 1024,
    );
  });

  it('leaves the double-byte charset tables out of the email cold start', () => {
    const tables = coldStart('email').inputs.filter((i) =>
      /iconv-lite\/encodings\/tables\//.test(i),
    );
    expect(tables, 'expected iconv-lite tables to be read only when a mail needs them').toEqual([]);
  });
});

describe('a Lambda bundle decoding mail in a double-byte charset', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'lambda-bundle-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** A one-part mail whose subject and body are in `charset`, base64-encoded. */
  const mail = (charset: string, bytes: number[]) => {
    const b64 = Buffer.from(bytes).toString('base64');
    return [
      'From: a@example.com',
      'To: b@example.com',
      `Subject: =?${charset}?B?${b64}?=`,
      'MIME-Version: 1.0',
      `Content-Type: text/plain; charset=${charset}`,
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '',
    ].join('\r\n');
  };

  it('reads Shift_JIS and GBK through the tables copied beside index.mjs', async () => {
    await bundleLambda({
      root,
      entry: 'test/fixtures/bundle-decode-entry.ts',
      outdir,
      target: 'node20',
    });
    expect(readdirSync(join(outdir, TABLES_DIR))).toEqual(
      expect.arrayContaining(['shiftjis.json', 'cp936.json', 'gbk-added.json']),
    );
    const run = (input: string) => {
      const r = spawnSync(process.execPath, [join(outdir, 'index.mjs')], { input });
      expect(r.status, r.stderr.toString()).toBe(0);
      return JSON.parse(r.stdout.toString()) as { subject: string; text: string };
    };
    // 日本語 in Shift_JIS; 中文 in GBK.
    expect(run(mail('Shift_JIS', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]))).toEqual({
      subject: '日本語',
      text: '日本語',
    });
    expect(run(mail('GBK', [0xd6, 0xd0, 0xce, 0xc4]))).toEqual({ subject: '中文', text: '中文' });
  }, 60_000);
});
