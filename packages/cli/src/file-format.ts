/** The published JSON Schema of the desired file (shipped in the package, linked by `$schema` in exported files). */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/entra-licensing/entra-licensing/main/packages/cli/schema/licenses.schema.json';

/** The one limit on a desired file's size (no limit on how many groups or users it lists): export checks it too. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
