/** This package's version, sent in the User-Agent (kept equal to package.json by a test). */
export const PACKAGE_NAME = '@entra-licensing/graph-client';
export const PACKAGE_VERSION = '0.1.0';
