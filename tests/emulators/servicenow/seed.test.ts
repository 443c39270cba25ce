import { describe, expect, it } from 'vitest';
import { hardeningCatalog, type HardeningSetting } from '../../../connectors/servicenow/hardening-catalog';
import { hardeningChecks } from '../../../connectors/servicenow/hardening-checks';
import { evaluateHardeningSetting } from '../../../connectors/servicenow/hardening';
import { lockoutScriptActions } from '../../../connectors/servicenow/sources';
import { acmeInstance, acmeNonCompliantProperties, catalogProperties, demoKeystoreSysId, globexInstance, lockoutActionIds, type ServiceNowInstanceSeed } from './index';

const properties = (seed: ServiceNowInstanceSeed) => new Map((seed.tables.sys_properties ?? []).map((row) => [row.name as string, row.value as string]));

/** Catalog rows decided by one property, without the rows whose property another row recommends differently. */
const decidedRows = hardeningCatalog.filter((row) => row.property && row.comparison !== 'manual').filter((row) =>
  !hardeningCatalog.some((other) => other.property === row.property && other.comparison !== 'manual' && other.recommended !== row.recommended));

/** The single-property parts of the composite checks, as catalog-like rows for the same evaluator. */
const checkRows: HardeningSetting[] = Object.entries(hardeningChecks).flatMap(([id, checks]) => checks.flatMap((check) =>
  check.kind === 'property' ? [{ id, title: id, property: check.property, recommended: check.recommended, fallback: check.fallback, comparison: check.comparison, severity: 'info' as const, riskScore: 0, category: '' }] : []));

describe('seeded system properties', () => {
  it('globex meets every property-decided hardening setting and every composite property', () => {
    const values = properties(globexInstance());
    const failing = [...decidedRows, ...checkRows].filter((row) => evaluateHardeningSetting(row, values).status !== 'compliant').map((row) => `${row.id} ${row.property}`);
    expect(failing).toEqual([]);
    expect(values.get('glide.authenticate.sso.saml2.keystore')).not.toBe(demoKeystoreSysId);
    expect(values.get('glide.security.url.whitelist')).toBeTruthy();
    expect(values.get('glide.product.description')).toBe('Globex Ltd');
  });

  it('acme sets at least 40 named properties to non-compliant values, leaves about a quarter of the rest out', () => {
    const seed = acmeInstance();
    const values = properties(seed);
    const named = Object.keys(acmeNonCompliantProperties);
    expect(named.length).toBeGreaterThanOrEqual(40);
    for (const row of [...decidedRows, ...checkRows].filter((candidate) => named.includes(candidate.property as string))) {
      expect(evaluateHardeningSetting(row, values).status, `${row.id} ${row.property}`).toBe('non_compliant');
    }
    expect(values.get('glide.authenticate.sso.saml2.keystore')).toBe(demoKeystoreSysId);
    expect(values.get('glide.script.use.sandbox')).toBe('false');
    const others = catalogProperties('acme').filter((spec) => !named.includes(spec.name));
    const absent = others.filter((spec) => !values.has(spec.name));
    expect(absent.length / others.length).toBeGreaterThan(0.22);
    expect(absent.length / others.length).toBeLessThan(0.28);
    for (const spec of others.filter((candidate) => values.has(candidate.name))) expect(values.get(spec.name)).toBe(spec.compliant);
    expect(values.get('glide.product.description')).toBe('Acme Corporation');
  });

  it('is deterministic and uses the real lockout script action sys_ids', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(JSON.stringify(acmeInstance(now))).toBe(JSON.stringify(acmeInstance(now)));
    expect(lockoutActionIds).toEqual(lockoutScriptActions);
    expect(acmeInstance(now).tables.sysevent_script_action?.filter((row) => Object.values(lockoutActionIds).includes(row.sys_id as never))).toHaveLength(2);
  });
});
