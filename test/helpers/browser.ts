/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Debian's chromium, installed by scripts/ensure-chromium.sh (which .ci/run calls), or CHROMIUM_PATH. */
export const CHROMIUM =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => fs.existsSync(file));

/** Where the browser tests leave their screenshots. */
export const SHOTS = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * Opens a view of the dashboard and waits until it is drawn (`body[data-ready]`, `main` no longer busy);
 * with `details`, also until every Compare section has its caveats and sources.
 */
export async function openView(page: Page, baseUrl: string, query: string, details = false): Promise<void> {
  await page.goto(`${baseUrl}/${query}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => document.getElementById('main')?.getAttribute('aria-busy') === 'false');
  if (details)
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('section.metric')).every((section) => section.getAttribute('data-details')),
    );
}
