/**
 * The web console in real Chromium (Debian's, driven by playwright-core): text the simulator,
 * forward an invite, fire a reminder. A screenshot of each step lands in
 * test-artifacts/browser/ (CI keeps them as artifacts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHarness, type LocalHarness } from '../support/local-service.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'browser');
// The machine's network is closed: these flags stop Chromium calling home at start.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let harness: LocalHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  harness = await startLocalHarness();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  // A phone-sized window: the console must work there.
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${harness.service.url}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

const shot = (name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('the local console in Chromium', () => {
  it('answers a text in the SMS simulator with a copy-ready draft', async () => {
    await page.fill('#sms-from', '+15555550123');
    await page.fill(
      '#sms-body',
      "So sorry, I've come down with the flu and can't make my interview with Dana at Brightwell tomorrow at 10am ET",
    );
    await page.click('#sms-form button[type=submit]');
    const reply = page.locator('#sms-thread li.them').first();
    await reply.waitFor({ timeout: 15_000 });
    await shot('1-sms-draft');
    const text = (await page.locator('#sms-thread li.them').allTextContents()).join('\n');
    expect(text, 'the reply should carry a draft that apologises').toMatch(/sorry/i);
    expect(text, 'the draft must not repeat the diagnosis').not.toMatch(/flu/i);
  });

  it('shows the threaded reply to an uploaded forwarded invite, as HTML and text', async () => {
    await page.setInputFiles(
      '#mail-file',
      join(process.cwd(), 'lambda/local/samples/gmail-forward-with-invite.eml'),
    );
    await expect
      .poll(() => page.inputValue('#mail-raw'), { timeout: 5_000 })
      .toContain('Forwarded message');
    await page.click('#mail-form button[type=submit]');
    await page.locator('#mail-status').filter({ hasText: 'Reply to' }).waitFor({ timeout: 15_000 });
    const status = await page.textContent('#mail-status');
    expect(status, 'the reply goes back to the candidate, threaded (Re:)').toMatch(
      /Reply to maya\.fernandes@example\.org: Re:/,
    );
    const html = await page.frameLocator('#mail-html').locator('body').innerText();
    expect(html, 'the HTML reply carries the draft to Daniel').toMatch(/Daniel/);
    await shot('2-email-reply');
    await page.click('.tabs button[data-tab=text]');
    expect(await page.textContent('#mail-text')).toMatch(/Daniel/);
  });

  it('fires a pending reminder from the list and shows it in the outbox', async () => {
    await page.click('#reminders-refresh');
    const row = page.locator('#reminders-list tr', { hasText: 'pending' }).first();
    await row.waitFor({ timeout: 10_000 });
    const before = await page.locator('#outbox-list li').count();
    await row.locator('button').click();
    await expect
      .poll(async () => page.locator('#outbox-list li').count(), { timeout: 10_000 })
      .toBeGreaterThan(before);
    await page.click('#reminders-refresh');
    await expect
      .poll(() => page.locator('#reminders-list tr', { hasText: 'sent' }).count())
      .toBeGreaterThan(0);
    await shot('3-reminder-fired');
  });
});
