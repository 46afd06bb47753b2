/** Where the shared design data and third-party fixtures live: `../shared` beside the project root. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const sharedDir = resolve(projectRoot, '../shared');
export const fixturesDir = resolve(sharedDir, 'fixtures');
export const devInvitesDir = resolve(sharedDir, 'data/invites-dev');

export function readShared(...parts: string[]): Buffer {
  const file = resolve(sharedDir, ...parts);
  if (!existsSync(file)) throw new Error(`expected shared fixture ${file} to exist`);
  return readFileSync(file);
}
