/** `groups[0].licenses[1].sku` → `['groups', 0, 'licenses', 1, 'sku']`. */
export function fieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) path.push(Number(match[2]));
    else if (match[1] !== undefined) path.push(match[1]);
  }
  return path;
}

/** `['groups', 0, 'licenses', 1, 'sku']` → `groups[0].licenses[1].sku`. */
export function formatField(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** A licensing error's field (`licenses[0].sku`) inside a file entry (`groups[2]`). */
export function within(entryField: string, field: string | undefined): string {
  if (!field) return entryField;
  return field.startsWith('[') ? `${entryField}${field}` : `${entryField}.${field}`;
}
