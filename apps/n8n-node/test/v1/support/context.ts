/**
 * The shared test context (test/harness/executeContext.ts) plus what n8n's execute context has for hints:
 * `addExecutionHints`, whose hints the test reads from `hints`.
 */
import type { NodeExecutionHint } from 'n8n-workflow';

import { type ContextOptions, createContext as createBaseContext } from '../../harness/executeContext';

export function createContext(options: ContextOptions) {
	const base = createBaseContext(options);
	const hints: NodeExecutionHint[] = [];
	Object.assign(base.execute, {
		addExecutionHints: (...added: NodeExecutionHint[]) => {
			hints.push(...added);
		},
	});
	return { ...base, hints };
}
