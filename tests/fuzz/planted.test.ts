import { beforeAll, describe, expect, it } from 'vitest';
import { oktaConnector } from '@/connectors/okta';
import { serviceNowConnector } from '@/connectors/servicenow';
import { serviceNowSources } from '@/connectors/servicenow/sources';
import type { Connector, ParsedSource } from '@/utils/connector';
import { compliant } from '@/utils/controls';
import { fuzzedApps } from './apps';
import { baseSnapshots, type BaseSnapshot } from './bases';
import { type AppUnderFuzz, fuzzApp } from './harness';

/**
 * The fuzzer is only worth its run time if it fails on the bugs it is there for. Each test plants one in a copy of a
 * connector and expects the oracles to report it; a fixed seed keeps the test from depending on luck.
 */

const runs = 1_500;
const seed = 7;

function configOf(connector: Connector): Omit<AppUnderFuzz, 'bases'> {
  return fuzzedApps.find((app) => app.connector.id === connector.id)!;
}

describe('a bug planted in a connector is caught', () => {
  const bases = new Map<string, BaseSnapshot[]>();
  beforeAll(async () => {
    for (const connector of [oktaConnector, serviceNowConnector]) bases.set(connector.id, await baseSnapshots(connector));
  });

  it('a verdict that is compliant when its data could not be read (fail closed)', () => {
    const target = 'OKTA.STIG.273187v1';
    const planted: Connector = {
      ...oktaConnector,
      refineVerdict: (control, verdict) =>
        control.id === target && verdict.status === 'error' ? compliant({ reason: 'The setting could not be read, so nothing is wrong with it.' }) : verdict,
    };
    const report = fuzzApp({ ...configOf(oktaConnector), connector: planted, bases: bases.get(oktaConnector.id)! }, { seed, runs });
    expect(report.violations.some((violation) => violation.includes(`${target} is compliant with nothing read`))).toBe(true);
    expect(fuzzApp({ ...configOf(oktaConnector), bases: bases.get(oktaConnector.id)! }, { seed, runs }).violations).toEqual([]);
  }, 60_000);

  it('a parser that reads a table it cannot read as an empty one (corruption passes a failing control)', () => {
    const tables = new Set<string>(serviceNowSources.filter((source) => source.api === 'table' && source.id !== 'properties').map((source) => source.id));
    const empty: ParsedSource = { ok: true, value: { result: [], total: 0 }, truncated: false };
    const planted: Connector = {
      ...serviceNowConnector,
      parse: (sources, collectedAt) => {
        const parsed = serviceNowConnector.parse(sources, collectedAt);
        return Object.fromEntries(Object.entries(parsed).map(([id, source]) => [id, !source.ok && tables.has(id) && id in sources ? empty : source]));
      },
    };
    const report = fuzzApp({ ...configOf(serviceNowConnector), connector: planted, bases: bases.get(serviceNowConnector.id)! }, { seed, runs });
    expect(report.violations.some((violation) => violation.includes('passed after a corruption'))).toBe(true);
  }, 60_000);
});
