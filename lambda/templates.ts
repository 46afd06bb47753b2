/**
 * Loads `templates/` from disk into a TemplateSet, once per process. Looks next to the
 * running bundle first (Lambda bundles copy the folder beside index.mjs), then walks up
 * to the project root; TEMPLATES_DIR overrides both.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSet } from './core/templates.js';

let cached: TemplateSet | undefined;

export function templatesDir(): string {
  const fromEnv = process.env.TEMPLATES_DIR;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'templates');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    dir = dirname(dir);
  }
  throw new Error('templates/ not found: set TEMPLATES_DIR');
}

function walk(root: string, dir: string, out: Record<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(root, full, out);
    else out[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
  }
}

export function loadTemplates(dir: string = templatesDir()): TemplateSet {
  if (cached && dir === templatesDir()) return cached;
  const out: Record<string, string> = {};
  walk(dir, dir, out);
  cached = Object.freeze(out);
  return cached;
}
