import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getCatalog } from './index.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildScript = join(packageRoot, 'scripts', 'build-catalog.mjs');

describe('the compiled catalog', () => {
  const catalog = getCatalog();

  it("holds every product and service plan of Microsoft's file, grouped by GUID", () => {
    expect(catalog.products).toHaveLength(619);
    expect(catalog.servicePlanById.size).toBe(794);
    expect(new Set(catalog.products.map((p) => p.skuId)).size).toBe(619);
  });

  it('finds products by skuId and by part number, case-insensitively through upper-case keys', () => {
    const e3 = catalog.productBySkuId.get('6fd2c87f-b296-42f0-b197-1e91e994b900');
    expect(e3?.skuPartNumber).toBe('ENTERPRISEPACK');
    expect(e3?.displayName).toBe('Office 365 E3');
    expect(catalog.productsByPartNumber.get('SPE_E3')?.[0]?.skuId).toBe(
      '05e9a617-0261-4cee-bb44-138d3ef5d965',
    );
  });

  it('carries the plans the seed page disables, inside the right products', () => {
    const ems = catalog.productBySkuId.get('b05e124f-c7cc-45a0-a6aa-8cf78c946968');
    const planIds = ems?.servicePlans.map((p) => p.servicePlanId);
    expect(planIds).toContain('113feb6c-3fe4-4440-bddc-54d774bf0318');
    expect(planIds).toContain('14ab5db5-e6c4-4b20-b4bc-13e36fd2227f');
    const e5 = catalog.productBySkuId.get('c7df2760-2c81-4ef7-b578-5b5392b571df');
    expect(e5?.servicePlans.map((p) => p.servicePlanId)).toContain('a413a9ff-720c-4822-98ef-2f37c2a21f4c');
  });

  it('keeps both names of a GUID that Microsoft lists under two product names, newest first', () => {
    const product = catalog.productBySkuId.get('4b74a65c-8b4a-4fc8-9f6b-5177ed11ddfa');
    expect(product?.displayNames).toEqual([
      'Microsoft Copilot Studio User License',
      'Power Virtual Agent User License',
    ]);
    // the plans of both name blocks are one set, not listed twice
    const ids = product?.servicePlans.map((p) => p.servicePlanId) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every spelling of a plan id that has several names', () => {
    const deskless = [...catalog.servicePlanById.values()].find((p) =>
      p.servicePlanNames.includes('Deskless'),
    );
    expect(deskless?.servicePlanNames).toEqual(expect.arrayContaining(['Deskless', 'DESKLESS']));
  });

  it('lists a part number shared by two products under both', () => {
    expect(catalog.productsByPartNumber.get('MCOPSTN5')?.length).toBe(2);
  });

  it('knows the mutually exclusive plans both ways', () => {
    const standard = '9aaf7827-d63c-4b61-89c3-182f06f82e5c'; // EXCHANGE_S_STANDARD
    const deskless = '4a82b400-a79f-41a4-b4e2-e94f5787b113'; // EXCHANGE_S_DESKLESS
    expect(catalog.mutuallyExclusivePlans.get(standard)).toContain(deskless);
    expect(catalog.mutuallyExclusivePlans.get(deskless)).toContain(standard);
    expect(catalog.mutualExclusionGroups.find((g) => g.service === 'Exchange Online')?.plans).toHaveLength(6);
  });
});

describe('the build script', () => {
  it('reproduces the committed data from the committed CSVs (no drift)', () => {
    const out = execFileSync(process.execPath, [buildScript, '--check'], { encoding: 'utf8' });
    expect(out).toContain('up to date');
  });

  it('normalises a raw Microsoft CSV: BOM, NBSP, stray whitespace, upper-case GUIDs and duplicate rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sku-catalog-'));
    const raw = join(dir, 'raw.csv');
    const header =
      'Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names';
    const row =
      'Office 365 E3,ENTERPRISEPACK\t,6FD2C87F-B296-42F0-B197-1E91E994B900,TEAMS1,57FF2DA0-773E-42DF-B2AF-FFB7A2317929,Microsoft\u00a0Teams';
    writeFileSync(raw, `\uFEFF${header}\r\n${row}\r\n${row}\r\n`);
    const out = join(dir, 'catalog.json');
    execFileSync(process.execPath, [
      buildScript,
      raw,
      join(packageRoot, 'data', 'service-plan-mutual-exclusions.csv'),
      '--out',
      out,
    ]);
    const data = JSON.parse(readFileSync(out, 'utf8'));
    expect(data.products).toEqual([
      ['6fd2c87f-b296-42f0-b197-1e91e994b900', 'ENTERPRISEPACK', ['Office 365 E3'], [[0, 'Microsoft Teams']]],
    ]);
    expect(data.plans).toEqual([['57ff2da0-773e-42df-b2af-ffb7a2317929', ['TEAMS1'], ['Microsoft Teams']]]);
  });

  it('refuses a row whose GUID is not a GUID, naming the file and row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sku-catalog-'));
    const raw = join(dir, 'raw.csv');
    writeFileSync(
      raw,
      'Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names\nX,X,not-a-guid,P,57ff2da0-773e-42df-b2af-ffb7a2317929,P\n',
    );
    expect(() =>
      execFileSync(
        process.execPath,
        [
          buildScript,
          raw,
          join(packageRoot, 'data', 'service-plan-mutual-exclusions.csv'),
          '--out',
          join(dir, 'o.json'),
        ],
        { stdio: 'pipe' },
      ),
    ).toThrow(/row 2: "not-a-guid" is not a GUID/);
  });
});
