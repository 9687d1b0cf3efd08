#!/usr/bin/env node
// Compiles Microsoft's "Product names and service plan identifiers for licensing" CSV
// (https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference, the CSV link on that page)
// and the page's "Service plans that cannot be assigned at the same time" table into src/data/catalog.json.
//
//   node scripts/build-catalog.mjs [catalog.csv] [mutual-exclusions.csv] [--out src/data/catalog.json] [--check]
//
// Defaults to the copies kept in data/. With --check it writes nothing and exits 1 when the JSON on disk
// differs from what the CSVs compile to. To refresh: download Microsoft's newer CSV over data/sku-catalog.csv
// and run `pnpm --filter @entra-licensing/sku-catalog catalog:build`.
//
// Cells are normalised the way Microsoft's file needs: BOM and NBSP removed, whitespace runs folded, edges
// trimmed, GUIDs lower-cased; exact duplicate rows are dropped. Products are grouped by GUID (one GUID can carry
// two product names in Microsoft's file); plans are grouped by id (one id can carry several names).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : join(here, '..', 'src', 'data', 'catalog.json');
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
const catalogCsv = positional[0] ?? join(here, '..', 'data', 'sku-catalog.csv');
const exclusionsCsv = positional[1] ?? join(here, '..', 'data', 'service-plan-mutual-exclusions.csv');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function clean(cell) {
  return String(cell ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/[\u00A0\t]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function guid(cell, where) {
  const value = clean(cell).toLowerCase();
  if (!GUID.test(value)) throw new Error(`${where}: "${cell}" is not a GUID`);
  return value;
}

function readRows(file) {
  return parse(readFileSync(file, 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_quotes: true,
  });
}

const seen = new Set();
/** @type {Map<string, {skuId: string, skuPartNumber: string, displayNames: string[], plans: Map<string, string>}>} */
const products = new Map();
/** @type {Map<string, {names: string[], friendly: string[]}>} */
const plans = new Map();

for (const [index, row] of readRows(catalogCsv).entries()) {
  const where = `${catalogCsv} row ${index + 2}`;
  const displayName = clean(row.Product_Display_Name);
  const partNumber = clean(row.String_Id);
  const skuId = guid(row.GUID, where);
  const planName = clean(row.Service_Plan_Name);
  const planId = guid(row.Service_Plan_Id, where);
  const friendly = clean(row.Service_Plans_Included_Friendly_Names);
  const key = [displayName, partNumber, skuId, planName, planId, friendly].join('\u0000');
  if (seen.has(key)) continue;
  seen.add(key);

  let product = products.get(skuId);
  if (!product) {
    product = { skuId, skuPartNumber: partNumber, displayNames: [], plans: new Map() };
    products.set(skuId, product);
  }
  if (!product.displayNames.includes(displayName)) product.displayNames.push(displayName);
  if (!product.plans.has(planId)) product.plans.set(planId, friendly);

  let plan = plans.get(planId);
  if (!plan) {
    plan = { names: [], friendly: [] };
    plans.set(planId, plan);
  }
  if (!plan.names.includes(planName)) plan.names.push(planName);
  if (friendly && !plan.friendly.includes(friendly)) plan.friendly.push(friendly);
}

const planIds = [...plans.keys()];
const planIndex = new Map(planIds.map((id, i) => [id, i]));

const exclusionGroups = new Map();
for (const [index, row] of readRows(exclusionsCsv).entries()) {
  const where = `${exclusionsCsv} row ${index + 2}`;
  const key = `${clean(row.Service)}\u0000${clean(row.Group)}`;
  if (!exclusionGroups.has(key)) exclusionGroups.set(key, [clean(row.Service), clean(row.Group), []]);
  exclusionGroups.get(key)[2].push([clean(row.Service_Plan_Name), guid(row.Service_Plan_Id, where)]);
}

const compiled = {
  source: {
    catalog: 'Microsoft "Product names and service plan identifiers for licensing" CSV',
    mutualExclusions:
      'Microsoft licensing service plan reference: "Service plans that cannot be assigned at the same time"',
    rows: seen.size,
  },
  plans: planIds.map((id) => [id, plans.get(id).names, plans.get(id).friendly]),
  products: [...products.values()].map((p) => [
    p.skuId,
    p.skuPartNumber,
    p.displayNames,
    [...p.plans.entries()].map(([id, friendly]) => [planIndex.get(id), friendly]),
  ]),
  mutualExclusions: [...exclusionGroups.values()],
};

const json = `${JSON.stringify(compiled)}\n`;
if (check) {
  const current = readFileSync(out, 'utf8');
  if (current !== json) {
    console.error(`${out} is out of date: run "pnpm --filter @entra-licensing/sku-catalog catalog:build"`);
    process.exit(1);
  }
  console.log(`${out} is up to date (${products.size} products, ${plans.size} service plans)`);
} else {
  writeFileSync(out, json);
  console.log(
    `wrote ${out}: ${products.size} products, ${plans.size} service plans, ${exclusionGroups.size} exclusion groups`,
  );
}
