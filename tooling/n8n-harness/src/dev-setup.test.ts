import { expect, test } from 'vitest';

import { planDevSetup, type SavedDevState } from './dev-setup.mts';

const emulator = { graphBaseUrl: 'http://127.0.0.1:4000', loginBaseUrl: 'http://127.0.0.1:4000' };
const names = { workflowName: 'Demo', credentialName: 'Emulator' };
const nothing: SavedDevState = { workflowSaved: false, credential: undefined };
const everything: SavedDevState = { workflowSaved: true, credential: { ...emulator } };

test('first run: both are added', () => {
  expect(planDevSetup(nothing, emulator, { reset: false, ...names })).toEqual({
    importWorkflow: true,
    importCredential: true,
    workflowLine: '"Demo" added',
    credentialLine: '"Emulator" added (cloud Custom, pointing at the emulator)',
  });
});

test("a returning user's workflow and credential are kept", () => {
  expect(planDevSetup(everything, emulator, { reset: false, ...names })).toEqual({
    importWorkflow: false,
    importCredential: false,
    workflowLine: '"Demo" kept as you left it (--reset restores the demo)',
    credentialLine: '"Emulator" kept',
  });
});

test('--reset restores both', () => {
  expect(planDevSetup(everything, emulator, { reset: true, ...names })).toEqual({
    importWorkflow: true,
    importCredential: true,
    workflowLine: '"Demo" restored to the demo (--reset)',
    credentialLine: '"Emulator" restored (--reset)',
  });
});

test('only the missing one is added', () => {
  expect(
    planDevSetup({ workflowSaved: true, credential: undefined }, emulator, { reset: false, ...names }),
  ).toMatchObject({ importWorkflow: false, importCredential: true });
  expect(
    planDevSetup({ workflowSaved: false, credential: { ...emulator } }, emulator, { reset: false, ...names }),
  ).toMatchObject({ importWorkflow: true, importCredential: false });
});

test('a credential pointing at an emulator address of an earlier run is rewritten, the workflow kept', () => {
  const earlier: SavedDevState = {
    workflowSaved: true,
    credential: { graphBaseUrl: 'http://127.0.0.1:4000', loginBaseUrl: 'http://127.0.0.1:4000' },
  };
  const now = { graphBaseUrl: 'http://127.0.0.1:41234', loginBaseUrl: 'http://127.0.0.1:41234' };
  expect(planDevSetup(earlier, now, { reset: false, ...names })).toEqual({
    importWorkflow: false,
    importCredential: true,
    workflowLine: '"Demo" kept as you left it (--reset restores the demo)',
    credentialLine:
      '"Emulator" now points at the emulator\'s address of this run, http://127.0.0.1:41234 (it pointed at http://127.0.0.1:4000)',
  });
});
