/** Without Chromium the browser test fails, saying how to install it: it never passes without having run. */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
	vi.unstubAllEnvs();
	vi.resetModules();
});

describe('Chromium for the browser test', () => {
	it('a missing Chromium is an error with the install command, not a skip', async () => {
		vi.stubEnv('CHROMIUM_PATH', '/nonexistent/chromium');
		vi.resetModules();
		const { launchChromium, CHROMIUM_MISSING } = await import('./browser/chromium.mjs');
		await expect(launchChromium()).rejects.toThrow(CHROMIUM_MISSING);
		expect(CHROMIUM_MISSING).toContain('command -v chromium || (apt-get update && apt-get install -y chromium)');
		expect(CHROMIUM_MISSING).toContain('/nonexistent/chromium');
	});
});
