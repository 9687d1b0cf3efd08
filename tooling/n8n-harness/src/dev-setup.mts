// What `npm run dev` does with the editor's saved state: the demo workflow and the emulator credential are
// imported only when they are missing (or on --reset), so that what the user changed in the editor survives a
// restart. The credential is also rewritten when it points at another emulator address than this run's (the
// emulator takes another port when 4000 is taken): an emulator credential that points nowhere is of no use.

/** The emulator's addresses a credential holds. */
export interface EmulatorAddress {
  graphBaseUrl: string;
  loginBaseUrl: string;
}

/** What the n8n user folder holds now (read with the n8n CLI). */
export interface SavedDevState {
  workflowSaved: boolean;
  /** The saved emulator credential's addresses, or undefined when there is none. */
  credential: EmulatorAddress | undefined;
}

export interface DevSetupPlan {
  importWorkflow: boolean;
  importCredential: boolean;
  /** One line each for the workflow and the credential, saying what was done and why. */
  workflowLine: string;
  credentialLine: string;
}

export function planDevSetup(
  saved: SavedDevState,
  emulator: EmulatorAddress,
  { reset, workflowName, credentialName }: { reset: boolean; workflowName: string; credentialName: string },
): DevSetupPlan {
  const importWorkflow = reset || !saved.workflowSaved;
  const workflowLine = !saved.workflowSaved
    ? `"${workflowName}" added`
    : reset
      ? `"${workflowName}" restored to the demo (--reset)`
      : `"${workflowName}" kept as you left it (--reset restores the demo)`;
  const moved =
    saved.credential !== undefined &&
    (saved.credential.graphBaseUrl !== emulator.graphBaseUrl ||
      saved.credential.loginBaseUrl !== emulator.loginBaseUrl);
  const importCredential = reset || saved.credential === undefined || moved;
  const credentialLine =
    saved.credential === undefined
      ? `"${credentialName}" added (cloud Custom, pointing at the emulator)`
      : reset
        ? `"${credentialName}" restored (--reset)`
        : moved
          ? `"${credentialName}" now points at the emulator's address of this run, ${emulator.graphBaseUrl} (it pointed at ${saved.credential.graphBaseUrl})`
          : `"${credentialName}" kept`;
  return { importWorkflow, importCredential, workflowLine, credentialLine };
}
