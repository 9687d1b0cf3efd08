// Types of n8n-harness.mjs, for the TypeScript tests.
export interface N8nPaths {
  dir: string;
  nodeBinDir: string;
  node: string;
  n8nBin: string;
  stamp: string;
}

export interface EmulatorConfig {
  tenantId: string;
  tenantDomain: string;
  graphBaseUrl: string;
  loginBaseUrl: string;
  apps: Array<{ name: string; clientId: string; clientSecret: string; roles: string[] }>;
}

/** One entry of the emulator's `GET /_emulator/requests`: the emulator's own type. */
export type { RequestLogEntry } from '@entra-licensing/graph-emulator';
import type { RequestLogEntry } from '@entra-licensing/graph-emulator';

export interface RunningEmulator {
  url: string;
  config: EmulatorConfig;
  state(path: string): Promise<Record<string, unknown>>;
  requests(): Promise<RequestLogEntry[]>;
  stop(): void;
}

export interface EmulatorOptions {
  timeScale?: number;
  processingDelayMs?: number;
  extraArgs?: string[];
}

export interface BatchResult {
  status: 'success' | 'error' | 'warning';
  error: string | null;
  runData: Record<string, Array<Record<string, unknown>>> | null;
  pairedItems: Record<string, Array<{ item: number } | null>> | null;
}

export const packageRoot: string;
export const PACKAGE_NAME: string;
export function packNode(): string;
export function prepareN8nHome(tarball: string, home?: string): string;
export function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator>;
export function emulatorCredential(
  emulator: RunningEmulator,
  options?: { id?: string; name?: string; app?: string; secret?: string },
): Record<string, unknown>;
export function n8nEnv(paths: N8nPaths, home: string, extra?: Record<string, string>): Record<string, string | undefined>;
export function runN8n(
  paths: N8nPaths,
  home: string,
  args: string[],
  options?: { inherit?: boolean; extraEnv?: Record<string, string> },
): Promise<{ code: number | null; stdout: string; stderr: string }>;
export function importCredentials(paths: N8nPaths, home: string, credentials: unknown[]): Promise<void>;
export function importWorkflows(paths: N8nPaths, home: string, workflows: unknown[]): Promise<void>;
export function executeBatch(
  paths: N8nPaths,
  home: string,
  ids: string[],
): Promise<{ results: Record<string, BatchResult>; summary: unknown; stdout: string; stderr: string }>;
export function setUpRealN8n(options?: {
  emulatorOptions?: EmulatorOptions;
  home?: string;
  /** An already packed tarball (otherwise the package is built and packed now). */
  tarball?: string;
}): Promise<{ paths: N8nPaths; home: string; emulator: RunningEmulator }>;
export function exportNodeTypes(
  paths: N8nPaths,
  home: string,
): Promise<Array<{ name: string; displayName: string; version: number | number[]; icon?: unknown; iconUrl?: unknown; usableAsTool?: boolean; polling?: boolean; credentials?: Array<{ name: string }> }>>;
