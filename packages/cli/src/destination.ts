import { statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './problems.js';

/** Refuses, before anything is read from the tenant, an output file whose folder does not exist. */
export function checkWritableDestination(file: string, option: string): void {
  const folder = path.dirname(path.resolve(file));
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new CliError({
      code: 'OUTPUT_FOLDER_MISSING',
      field: option,
      value: file,
      message: `the folder ${path.dirname(file)} does not exist; create it first (nothing was read from the tenant).`,
    });
  }
  try {
    if (statSync(file).isDirectory()) {
      throw new CliError({
        code: 'OUTPUT_IS_FOLDER',
        field: option,
        value: file,
        message: 'is a folder; give a file name.',
      });
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
  }
}
