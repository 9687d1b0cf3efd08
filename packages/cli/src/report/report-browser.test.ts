/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FINDING_KINDS } from '@entra-licensing/licensing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyFindingReport } from '../test-support/report-fixture.js';
import { renderHtml } from './render-html.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_MISSING = `Chromium is not installed at ${CHROMIUM_PATH}: the report's browser test needs it. Install it with
  command -v chromium || (apt-get update && apt-get install -y chromium)
(Debian/Ubuntu; or set CHROMIUM_PATH to another Chromium binary).`;

/** Committed, so that a reader sees the page without running anything. */
// The reviewed screenshots in docs/ are refreshed only on request (REPORT_SCREENSHOTS=docs): a test run never
// rewrites committed files; by default they go to the package's ignored test-output/ folder, to look at.
const SCREENSHOTS =
  process.env.REPORT_SCREENSHOTS === 'docs'
    ? path.resolve(import.meta.dirname, '../../../../docs/report-screenshots')
    : path.resolve(import.meta.dirname, '../../test-output/report-screenshots');

const report = everyFindingReport();
let browser: Browser;
let dir: string;
let file: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(CHROMIUM_MISSING);
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'entra-licensing-report-'));
  file = path.join(dir, 'license-report.html');
  writeFileSync(file, renderHtml(report));
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('the HTML report in headless Chromium, %s', (scheme) => {
  it('shows every finding kind and every SKU chart, and asks the network for nothing', async () => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const url = pathToFileURL(file).href;
    const requests: string[] = [];
    page.on('request', (r) => {
      requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });

    // Nothing but the page itself was requested: no script, font, image or style from anywhere.
    expect(requests).toEqual([url]);

    const kinds = await page.$$eval('article.finding', (els) => els.map((e) => e.getAttribute('data-kind')));
    expect(new Set(kinds)).toEqual(new Set(FINDING_KINDS));
    expect(kinds).toHaveLength(report.findings.length);
    // The page opens with the findings: the first section after the header is theirs.
    expect(await page.$eval('main > section', (s) => s.id)).toBe('findings');

    const charts = await page.$$eval('figure.sku', (els) =>
      els.map((e) => ({
        sku: e.getAttribute('data-sku'),
        bars: e.querySelectorAll('.chart svg path').length,
        legend: Array.from(e.querySelectorAll('.chart svg text'), (t) => t.textContent),
      })),
    );
    expect(charts.map((c) => c.sku)).toEqual(report.skus.map((s) => s.skuPartNumber));
    for (const chart of charts) {
      expect(chart.bars).toBeGreaterThan(0);
      expect(chart.legend).toEqual(
        expect.arrayContaining([
          'Consumed',
          'Free',
          'Grace period',
          'Suspended',
          'Locked out',
          'Waiting',
          'Seats',
          'Demand',
        ]),
      );
    }

    // Light and dark really differ: the page background follows prefers-color-scheme.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(15, 23, 42)');

    await page.screenshot({ path: path.join(SCREENSHOTS, `report-${scheme}.png`), fullPage: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `report-${scheme}-top.png`) });
    await page.locator('#seats').screenshot({ path: path.join(SCREENSHOTS, `report-${scheme}-seats.png`) });
    await page
      .locator('#tables-section')
      .screenshot({ path: path.join(SCREENSHOTS, `report-${scheme}-tables.png`) });
    await context.close();
  });
});

it('prints to PDF with every detail open', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.emulateMedia({ media: 'print' });
  const hiddenSummaries = await page.$$eval(
    'details > summary',
    (els) => els.filter((e) => getComputedStyle(e).display === 'none').length,
  );
  expect(hiddenSummaries).toBe(await page.$$eval('details > summary', (els) => els.length));
  // Every user list is visible on paper (details open themselves in print).
  const hiddenUsers = await page.$$eval(
    'ul.users',
    (els) => els.filter((e) => e.getBoundingClientRect().height === 0).length,
  );
  expect(hiddenUsers).toBe(0);
  const pdf = path.join(dir, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  expect(statSync(pdf).size).toBeGreaterThan(10_000);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'report-print.png'), fullPage: true });
  await context.close();
});
