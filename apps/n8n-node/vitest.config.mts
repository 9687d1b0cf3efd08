import { configDefaults, defineConfig } from 'vitest/config';

// Two projects, run as separate tasks (see the root turbo.json):
// - unit (`pnpm test`): the node's sources against the emulator over real HTTP; never packs the node, never
//   needs n8n.
// - e2e (`pnpm test:e2e`): the packed package (test/package: the tarball and the bundled dist/) and the real
//   n8n 2.41.1 (test/e2e). Its global setup installs n8n if it is not there yet — with its own progress output
//   and no test or hook timeout around it (turbo runs `n8n:install` as a task of its own before this one) — and
//   packs the node once for the whole run.
const packedNode = ['test/e2e/**/*.test.ts', 'test/package/**/*.test.ts'];

export default defineConfig({
	test: {
		env: { TZ: 'UTC' },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/**/*.test.ts'],
					exclude: [...configDefaults.exclude, ...packedNode],
					testTimeout: 60_000,
					// Hooks start the emulator (a Node process): generous on a loaded machine.
					hookTimeout: 180_000,
				},
			},
			{
				extends: true,
				test: {
					// Not a test: `vitest run --project walk` prints the files one item crosses (test/tools/*.walk.ts).
					name: 'walk',
					include: ['test/tools/**/*.walk.ts'],
					testTimeout: 180_000,
				},
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: packedNode,
					globalSetup: ['test/globalSetup.ts'],
					testTimeout: 120_000,
					// A beforeAll runs whole n8n batches on a loaded machine; the n8n install is not in it.
					hookTimeout: 600_000,
				},
			},
		],
	},
	// n8n-workflow ships ESM in a package without "type": "module", so vite transforms it, and warns once per file
	// that its source maps name sources it does not ship: 123 lines a run that buried the test output. Vite's
	// warnings here are only about transforming files; vitest's own reporting is not affected.
	logLevel: 'error',
});
