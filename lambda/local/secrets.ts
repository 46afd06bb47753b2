/**
 * Local secrets: the webhook secret and the Twilio auth token the local service checks
 * signatures with. Taken from the environment when set; otherwise generated on first start,
 * kept in `<data>/secrets.json` (mode 0600) and reused after a restart.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from '../core/zod.js';

const SecretsSchema = z.object({
  webhookSecret: z.string().check(z.minLength(16)),
  twilioAuthToken: z.string().check(z.minLength(16)),
});
export type LocalSecrets = z.infer<typeof SecretsSchema>;

export function loadLocalSecrets(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): { secrets: LocalSecrets; generated: boolean } {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) {
    const parsed = z.partial(SecretsSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file} is not valid: delete it to generate new secrets`);
    stored = parsed.data;
  }
  const generated = !stored.webhookSecret || !stored.twilioAuthToken;
  // Only generated values are written to disk; secrets given in the environment stay there.
  const kept: LocalSecrets = {
    webhookSecret: stored.webhookSecret ?? randomBytes(24).toString('hex'),
    twilioAuthToken: stored.twilioAuthToken ?? randomBytes(16).toString('hex'),
  };
  if (generated) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  }
  const secrets: LocalSecrets = {
    webhookSecret: env.WEBHOOK_SECRET || kept.webhookSecret,
    twilioAuthToken: env.TWILIO_AUTH_TOKEN || kept.twilioAuthToken,
  };
  return { secrets, generated };
}
