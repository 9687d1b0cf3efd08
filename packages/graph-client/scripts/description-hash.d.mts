export class UnsupportedKeywordError extends Error {}
export function canonicalDescriptionJson(yamlText: string): string;
export function descriptionHash(yamlText: string): string;
export function descriptionHashOfFile(path: string): string;
