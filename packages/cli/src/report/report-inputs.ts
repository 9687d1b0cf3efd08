import { readFileSync } from 'node:fs';
import type { LicenseReport, PriceTable } from '@entra-licensing/licensing';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { formatField } from '../field-path.js';
import { CliError } from '../problems.js';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

function readText(file: string, option: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    if (text.length > MAX_FILE_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    return text;
  } catch (error) {
    throw new CliError({
      code: 'FILE_NOT_READABLE',
      field: option,
      value: file,
      message: `cannot read ${file} (${(error as { code?: string }).code ?? 'error'}).`,
    });
  }
}

function parsed(file: string, option: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new CliError({
      code: 'FILE_INVALID',
      field: option,
      value: file,
      message: `${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
    });
  }
}

let priceValidator: ReturnType<Ajv['compile']> | undefined;

/** `--prices FILE`: YAML or JSON, checked against `schema/prices.schema.json`, then by the library. */
export async function loadPrices(file: string): Promise<PriceTable> {
  const data = parsed(file, '--prices', readText(file, '--prices'));
  if (!priceValidator) {
    const schema = JSON.parse(
      readFileSync(new URL('../../schema/prices.schema.json', import.meta.url), 'utf8'),
    ) as object;
    priceValidator = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  if (!priceValidator(data)) {
    throw new CliError(
      (priceValidator.errors ?? []).map((e) => {
        const path = e.instancePath.split('/').filter(Boolean);
        const extra = e.keyword === 'additionalProperties' ? [String(e.params.additionalProperty)] : [];
        const field = formatField([...path, ...extra]) || '(top level)';
        let value: unknown = data;
        for (const segment of path) value = (value as Record<string, unknown> | undefined)?.[segment];
        return {
          code: 'PRICES_INVALID',
          file,
          field,
          value,
          message: `${field} ${e.message ?? 'is not valid'}${e.keyword === 'enum' ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''}.`,
        };
      }),
    );
  }
  const { checkPriceTable } = await import('@entra-licensing/licensing');
  return checkPriceTable(data);
}

/** `--baseline FILE`: an earlier `report --format json`. */
export async function loadBaseline(file: string): Promise<LicenseReport> {
  const data = parsed(file, '--baseline', readText(file, '--baseline'));
  const { checkBaseline } = await import('@entra-licensing/licensing');
  return checkBaseline(data, '--baseline');
}
