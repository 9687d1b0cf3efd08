/**
 * The node in the real n8n 2.41.1 editor, in headless Chromium (Debian's `chromium`, driven by playwright-core):
 * n8n runs with `n8n start` from the cache on a free port, with the packed node installed as a user installs it,
 * against the Graph emulator. The test creates the owner in the set-up form, opens the demo workflow and the README's example,
 * checks that no node shows a parameter issue, picks a group, a SKU and a plan from the lists (the SKU list shows
 * seat counts), executes the workflow from the canvas and reads each node's output panel and execution hints.
 * Screenshots go to test/e2e/artifacts/ (gitignored).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
	DEMO_DISABLED_PLAN_ID,
	DEMO_PRODUCT_ID,
	demoWorkflow,
} from '../../scripts/demo-workflow.mjs';
import {
	emulatorCredential,
	importCredentials,
	importWorkflows,
	packageRoot,
	type RunningEmulator,
	setUpRealN8n,
} from '../../scripts/n8n-harness.mjs';
import { launchChromium } from './browser/chromium.mjs';
import { OWNER, type RunningN8n, startN8nServer } from './browser/n8nServer.mjs';

const ARTIFACTS = join(packageRoot, 'test', 'e2e', 'artifacts');
const NODE_TYPE = 'n8n-nodes-entra-licensing.microsoftEntraLicensing';
/** The seat-shortfall warning of the demo's assign step, as the hint shows it. */
const SHORTFALL_HINT =
	/Group "E5 Rollout": intent\.skus\[0\]: Microsoft 365 E5 \(SPE_E5\) has 10 free seat\(s\) but 14 member\(s\) of the group do not hold it yet; 4 member\(s\) would fail with CountViolation\./;
/** The machine may be loaded: the editor gets minutes, not seconds, for each step. */
const STEP_MS = 180_000;

interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string }>;
}

/** The example workflow the README ships (its first JSON block with this node), as a user imports it. */
function readmeWorkflow(): WorkflowJson {
	const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
	const block = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)]
		.map((m) => m[1]!)
		.find((b) => b.includes(NODE_TYPE));
	if (!block) throw new Error('the README has no example workflow');
	return { ...(JSON.parse(block) as Omit<WorkflowJson, 'id'>), id: 'entraLicensingReadme1' };
}

let browser: Browser | undefined;
let page: Page;
let n8n: RunningN8n | undefined;
let emulator: RunningEmulator | undefined;
let home: string | undefined;
let shot = 0;

async function screenshot(name: string): Promise<void> {
	shot += 1;
	await page.screenshot({ path: join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`) });
}

async function openWorkflow(id: string): Promise<void> {
	await page.goto(`${n8n!.url}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
}

/** Opens a node's panel and waits until its option lists have loaded (their inputs are disabled while loading). */
async function openNode(name: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor();
	await expect
		.poll(
			async () => await page.locator('[data-test-id="node-parameters"] input[disabled]').count(),
			{ timeout: STEP_MS },
		)
		.toBe(0);
}

async function closeNode(): Promise<void> {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
}

/** The parameters of the open node that show an issue (a red mark), with the issue's text. */
async function parameterIssues(): Promise<string[]> {
	return await page
		.locator('[data-test-id="node-parameters"] .has-issues')
		.evaluateAll((elements) =>
			elements.map(
				(e) => `${e.getAttribute('data-test-id') ?? e.className}: ${e.textContent?.trim() ?? ''}`,
			),
		);
}

/**
 * The labels of the open node's parameters that the editor cuts with an ellipsis (their text is wider than the room
 * the panel gives them).
 */
async function cutLabels(): Promise<string[]> {
	return await page
		.locator('[data-test-id="node-parameters"] label.n8n-input-label')
		.evaluateAll((labels) =>
			labels.flatMap((label) =>
				[label, ...Array.from(label.querySelectorAll('*'))]
					.filter((e) => {
						const style = getComputedStyle(e);
						return style.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1;
					})
					.map((e) => e.textContent?.trim() ?? ''),
			),
		);
}

/** The visible entries of the open dropdown. */
function dropdownItems() {
	return page.locator('.el-select-dropdown__item:visible');
}

/**
 * The open node's output panel as JSON text (once the JSON view has rendered its first item: the view is virtual, so
 * only the lines in sight are in the page), with the execution hints shown above it.
 */
async function output(): Promise<{ json: string; hints: string }> {
	const panel = page.locator('[data-test-id="output-panel"]');
	await panel.locator('[data-test-id="radio-button-json"]').click();
	const container = panel.locator('[data-test-id="ndv-data-container"]');
	const jsonText = async () => ((await container.textContent()) ?? '').trim();
	await expect.poll(jsonText, { timeout: STEP_MS }).toMatch(/^\[\s*\{/);
	const hints = panel.locator('[data-test-id="run-data-hints"]');
	return {
		json: await jsonText(),
		hints: (await hints.count()) > 0 ? ((await hints.first().textContent()) ?? '') : '',
	};
}

/** Creates the owner in n8n's set-up form on first visit (or signs in when the owner exists). */
async function signIn(): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		await page.goto(`${n8n!.url}/signin`);
		const signInForm = page.locator('#emailOrLdapLoginId');
		const setupForm = page.locator('input[name="firstName"]');
		try {
			await signInForm.or(setupForm).first().waitFor({ timeout: 60_000 });
		} catch (error) {
			await screenshot(`signin-attempt-${attempt}`);
			if (attempt === 3) throw error;
			continue;
		}
		if (await setupForm.isVisible()) {
			await page.fill('input[name="email"]', OWNER.email);
			await page.fill('input[name="firstName"]', OWNER.firstName);
			await page.fill('input[name="lastName"]', OWNER.lastName);
			await page.fill('input[name="password"]', OWNER.password);
			await page.getByRole('button', { name: 'Next' }).click();
		} else {
			await page.fill('#emailOrLdapLoginId', OWNER.email);
			await page.fill('#password', OWNER.password);
			await page.keyboard.press('Enter');
		}
		await page.waitForURL((url) => !/\/(signin|setup)/.test(url.pathname));
		return;
	}
}

beforeAll(async () => {
	mkdirSync(ARTIFACTS, { recursive: true });
	// First: without Chromium the test fails here, saying how to install it.
	browser = await launchChromium();
	const real = await setUpRealN8n({
		emulatorOptions: { timeScale: 20 },
		tarball: inject('nodeTarball'),
	});
	emulator = real.emulator;
	home = real.home;
	await importCredentials(real.paths, home, [emulatorCredential(emulator)]);
	await importWorkflows(real.paths, home, [demoWorkflow, readmeWorkflow()]);
	n8n = await startN8nServer(real.paths, home);
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(STEP_MS);
	await signIn();
});

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	emulator?.stop();
	if (home) rmSync(home, { recursive: true, force: true });
});

describe('the node in the n8n editor (headless Chromium)', () => {
	it('opens the demo workflow and the README example with no parameter issue on any node', {
		timeout: 900_000,
	}, async () => {
		for (const workflow of [demoWorkflow as WorkflowJson, readmeWorkflow()]) {
			await openWorkflow(workflow.id);
			await screenshot(`${workflow.id}-canvas`);
			expect(
				await page.locator('[data-test-id="canvas-node"] [data-test-id="node-issues"]').count(),
			).toBe(0);
			for (const node of workflow.nodes.filter((n) => n.type === NODE_TYPE)) {
				await openNode(node.name);
				if (node.name === 'Assign Microsoft 365 E5') await screenshot('demo-assign-opened');
				expect({
					node: node.name,
					issues: await parameterIssues(),
					cut: await cutLabels(),
				}).toEqual({ node: node.name, issues: [], cut: [] });
				await closeNode();
			}
		}
	});

	it('picks a group, a SKU and a plan from the lists, runs the workflow and shows outputs and hints', {
		timeout: 1_200_000,
	}, async () => {
		await openWorkflow(demoWorkflow.id);
		await openNode('Assign Microsoft 365 E5');

		// Group: From List, then the group by its name.
		const group = page.locator('[data-test-id="parameter-input-group"]');
		await group.locator('[data-test-id="rlc-mode-selector"]').click();
		await dropdownItems().filter({ hasText: 'From list' }).click();
		await group.locator('[data-test-id="rlc-input"]').click();
		const groups = page.locator('[data-test-id="rlc-item"]:visible');
		// Lists load and reload asynchronously (a loaded machine shows that): each check waits for its state.
		await expect
			.poll(async () => await groups.allTextContents(), { timeout: STEP_MS })
			.toContain('E5 Rollout');
		await groups.filter({ hasText: /^E5 Rollout$/ }).click();

		// SKU: the list names each product with its part number and free seats (thousands separated).
		await page.locator('[data-test-id="parameter-input-sku"] input').first().click();
		await expect
			.poll(async () => await dropdownItems().allTextContents(), { timeout: STEP_MS })
			.toEqual(
				expect.arrayContaining([
					'Microsoft 365 E5 — SPE_E5 (10 of 10 free)',
					'Microsoft Fabric (Free) — POWER_BI_STANDARD (999,998 of 1,000,000 free)',
				]),
			);
		await screenshot('sku-list-with-seats');
		await dropdownItems().filter({ hasText: 'SPE_E5' }).click();

		// Plans: the stored plan is shown by name (once the plans of the SKU just picked have reloaded); take it
		// away and pick it again from the list.
		const plans = page.locator('[data-test-id="parameter-input-disabledPlans"]');
		const planTags = async () => await plans.locator('.el-tag').allTextContents();
		await expect
			.poll(planTags, { timeout: STEP_MS })
			.toEqual(['Yammer Enterprise (YAMMER_ENTERPRISE)']);
		await plans.locator('.el-tag__close').click();
		await expect.poll(planTags, { timeout: STEP_MS }).toEqual([]);
		await plans.locator('input').first().click();
		await expect
			.poll(async () => await dropdownItems().count(), { timeout: STEP_MS })
			.toBeGreaterThan(10);
		await dropdownItems().filter({ hasText: '(YAMMER_ENTERPRISE)' }).click();
		await page.keyboard.press('Escape');
		await expect.poll(async () => await dropdownItems().count(), { timeout: STEP_MS }).toBe(0);
		await expect
			.poll(planTags, { timeout: STEP_MS })
			.toEqual(['Yammer Enterprise (YAMMER_ENTERPRISE)']);
		await expect.poll(parameterIssues, { timeout: STEP_MS }).toEqual([]);
		await screenshot('assign-picked-from-lists');
		await closeNode();

		// Run the whole workflow from the canvas.
		await page.locator('[data-test-id="execute-workflow-button"]').click();
		await expect
			.poll(
				async () => ({
					success: await page.locator('[data-test-id="canvas-node-status-success"]').count(),
					error: await page.locator('[data-test-id="canvas-node-status-error"]').count(),
				}),
				{ timeout: 600_000, interval: 2000 },
			)
			.toEqual({ success: 5, error: 0 });
		await screenshot('demo-executed');

		// Two writes to the group picked from the list: assign, then remove.
		const writes = (await emulator!.requests()).filter(
			(r) => r.method === 'POST' && r.path.endsWith('/assignLicense'),
		);
		expect(writes.map((w) => w.status)).toEqual([202, 202]);
		expect(new Set(writes.map((w) => w.target)).size).toBe(1);

		// Each node's output panel, and the seat-shortfall warning as an execution hint in words.
		await openNode('Assign Microsoft 365 E5');
		await expect
			.poll(async () => (await output()).hints, { timeout: STEP_MS })
			.toMatch(SHORTFALL_HINT);
		const assign = await output();
		expect(assign.json).toMatch(/"status":\s*"applied"/);
		expect(assign.json).toMatch(/"displayName":\s*"E5 Rollout"/);
		// The SKU and the plan picked from the lists, by id.
		expect(assign.json).toContain(DEMO_PRODUCT_ID);
		expect(assign.json).toContain(DEMO_DISABLED_PLAN_ID);
		expect(assign.hints).toMatch(SHORTFALL_HINT);
		await screenshot('assign-output-with-hint');
		await closeNode();

		await openNode('Wait for Processing');
		const wait = await output();
		expect(wait.json).toMatch(/"completed":\s*true/);
		expect(wait.json).toContain('CountViolation');
		expect(wait.json).not.toMatch(/"direct":/);
		// Members in error: a hint above the output, not a silent green node.
		expect(wait.hints).toMatch(
			/Group "E5 Rollout": 4 member\(s\) did not get their licenses \(CountViolation on /,
		);
		await screenshot('wait-output-member-errors');
		await closeNode();

		await openNode('Remove Microsoft 365 E5');
		expect((await output()).json).toMatch(/"status":\s*"applied"/);
		await closeNode();

		await openNode('Licenses After');
		const after = await output();
		expect(after.json).toMatch(/"licenses":\s*\[\s*\]/);
		await screenshot('licenses-after-output');
		await closeNode();
	});
});
