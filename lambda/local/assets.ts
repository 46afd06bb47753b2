/**
 * The console's static files and the sample forwarded invites, read from the project
 * folder (found the way templates are: beside the bundle or up from it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { templatesDir } from '../templates.js';
import { send, sendJson } from './http.js';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/** The project root: where templates/ lives. */
const root = (): string => dirname(templatesDir());
const consoleDir = (): string => join(root(), 'lambda', 'local', 'console');
const samplesDir = (): string => join(root(), 'lambda', 'local', 'samples');

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

export function serveConsoleAsset(res: ServerResponse, name: string): void {
  const ext = name.split('.').pop() ?? '';
  const file = join(consoleDir(), name);
  if (!SAFE_NAME.test(name) || !TYPES[ext] || !existsSync(file)) {
    sendJson(res, 404, { error: 'not_found' });
    return;
  }
  send(res, 200, readFileSync(file), {
    'content-type': TYPES[ext],
    // The console loads only its own files; the reply preview is a sandboxed srcdoc iframe.
    'content-security-policy':
      "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'",
  });
}

export function listSamples(): string[] {
  const dir = samplesDir();
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .sort()
    : [];
}

export function readSample(name: string): Buffer | null {
  if (!SAFE_NAME.test(name) || !name.endsWith('.eml')) return null;
  const file = join(samplesDir(), name);
  return existsSync(file) ? readFileSync(file) : null;
}
