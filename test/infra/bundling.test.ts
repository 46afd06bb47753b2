import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeFunction } from '../../infra/constructs/node-function.js';

/**
 * The one test that bundles for real (esbuild, no Docker; STACK.md trap 13): the reminder
 * function's asset holds an ESM index.mjs with its source map and the templates/ folder,
 * and the bundle loads in a plain `node` process and finds those templates.
 */
const run = promisify(execFile);
let outdir: string;
let assetDir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'cdk-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundle', { env: { account: '123456789012', region: 'us-east-1' } });
  new NodeFunction(stack, 'Reminder', { entry: 'lambda/handlers/reminder.ts' });
  const template = Template.fromStack(stack);
  const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as {
    Properties: { Code: { S3Key: string } };
  };
  const hash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
  app.synth();
  assetDir = join(outdir, `asset.${hash}`);
}, 180_000);
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('NodeFunction bundling', () => {
  it('writes index.mjs, its source map and the templates folder into the asset', () => {
    expect(existsSync(join(assetDir, 'index.mjs')), `expected index.mjs in ${assetDir}`).toBe(true);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    const templates = readdirSync(join(assetDir, 'templates'), { recursive: true }).map(String);
    expect(templates).toEqual(
      expect.arrayContaining(['phrases.json', join('email', 'reminder-thank-you.text.liquid')]),
    );
    // Bundle size is a cold-start cost. The SDK clients, Powertools, the core's parsers and
    // Twilio's API domain (loaded lazily) fit in 3 MB; `twilio/lib/rest/Twilio` alone was 3.6.
    expect(statSync(join(assetDir, 'index.mjs')).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('loads as ESM in node with its config and finds the templates beside it', async () => {
    const script =
      "const m = await import('./index.mjs'); if (typeof m.handler !== 'function') throw new Error('no handler'); " +
      'console.log(JSON.stringify({ handler: typeof m.handler }));';
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: assetDir,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        TABLE_NAME: 'reschedule',
        SENDER_ALLOWLIST: '*',
        FROM_ADDRESS: 'assistant@reschedule.example',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
    });

    expect(stdout).toContain('{"handler":"function"}');
  });
});
