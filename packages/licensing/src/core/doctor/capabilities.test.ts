import { describe, expect, it } from 'vitest';
import { tenantSku } from '../../test-support/tenant-skus.js';
import { checkCapabilities } from './capabilities.js';

const byName = (report: ReturnType<typeof checkCapabilities>, name: string) =>
  report.capabilities.find((c) => c.name === name);

describe('checkCapabilities', () => {
  it('an app with only LicenseAssignment.Read.All reads SKUs; the rest names the least privileged permission first', () => {
    const report = checkCapabilities({ roles: ['LicenseAssignment.Read.All'] });
    expect(report.tokenKind).toBe('application');
    expect(byName(report, 'skus')?.allowed).toBe(true);
    const apply = byName(report, 'apply');
    expect(apply?.allowed).toBe(false);
    expect(apply?.missing.map((m) => m.least.join(' + '))).toEqual([
      'GroupMember.Read.All',
      'User.Read.All',
      'GroupMember.Read.All',
      'LicenseAssignment.ReadWrite.All',
      'LicenseAssignment.ReadWrite.All',
    ]);
    expect(byName(report, 'report')?.missing.map((m) => m.least.join(' + '))).toEqual([
      'GroupMember.Read.All',
      'User.Read.All',
      'Organization.Read.All',
    ]);
  });

  it('ReadWrite grants Read, and a higher-privileged alternative counts', () => {
    const report = checkCapabilities({
      roles: ['LicenseAssignment.ReadWrite.All', 'Directory.Read.All', 'Organization.ReadWrite.All'],
    });
    expect(report.capabilities.filter((c) => !c.allowed).map((c) => c.name)).toEqual([]);
  });

  it('reads delegated scopes and says whether the tenant has Entra ID P1', () => {
    const withP1 = checkCapabilities({ scp: 'User.Read.All GroupMember.Read.All' }, [tenantSku('SPE_E3')]);
    expect(withP1.tokenKind).toBe('delegated');
    expect(withP1.granted).toEqual(['GroupMember.Read.All', 'User.Read.All']);
    expect(withP1.features.map((f) => [f.feature, f.available])).toEqual([
      ['group-based licensing', true],
      ['sign-in activity (unused licenses)', true],
    ]);
    const without = checkCapabilities({}, [tenantSku('EXCHANGESTANDARD')]);
    expect(without.tokenKind).toBe('unknown');
    expect(without.features[1]).toEqual({
      feature: 'sign-in activity (unused licenses)',
      available: false,
      message: 'Needs Entra ID P1 or P2 and AuditLog.Read.All: no SKU of the tenant has P1.',
    });
  });
});
