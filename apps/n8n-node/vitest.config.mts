import { defineConfig } from 'vitest/config';

// Unit tests of the node (test/v1, against the emulator over real HTTP), the packed-package checks
// (test/package) and the real-n8n end-to-end suite (test/e2e: installs n8n into a cache outside the repo on
// first use, then runs the workflows with the n8n CLI).
export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		globalSetup: ['test/globalSetup.ts'],
		testTimeout: 60_000,
		hookTimeout: 1_800_000,
		env: { TZ: 'UTC' },
	},
	server: { sourcemapIgnoreList: () => true },
});
