/**
 * Headless Chromium for the browser test: Debian's `chromium` driven by playwright-core (whose own browser
 * download cannot work here). When it is missing, the test fails and says how to install it — it never passes
 * without having run.
 */
import { existsSync } from 'node:fs';

import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_MISSING = `Chromium is not installed at ${CHROMIUM_PATH}: the browser test needs it. Install it with
  command -v chromium || (apt-get update && apt-get install -y chromium)
(Debian/Ubuntu; or set CHROMIUM_PATH to another Chromium binary).`;

const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	// A container's /dev/shm is often 64 MB, too small for the n8n editor: Chromium's renderer then crashes.
	'--disable-dev-shm-usage',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) throw new Error(CHROMIUM_MISSING);
	return await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
