import { describe, expect, it } from 'vitest';
import { connectors } from '@/connectors';
import { frameworkById, frameworkIdsOf, frameworks, frameworkSummaries, groupByRequirement, type FrameworkFinding } from './frameworks';

function finding(overrides: Partial<FrameworkFinding> & Pick<FrameworkFinding, 'controlId'>): FrameworkFinding {
  return {
    instanceKey: 'okta:acme',
    title: overrides.controlId,
    metric: 'authentication',
    severity: 'high',
    weight: 10,
    status: 'non_compliant',
    fraction: 0,
    tags: {},
    ...overrides,
  };
}

describe('frameworks', () => {
  it('lists the initiatives the issue names, each with a requirement noun', () => {
    const titles = frameworks.map((framework) => framework.title);
    for (const name of ['DISA Okta IDaaS STIG', 'NIST SP 800-53 Rev. 5', 'CSA SaaS Security Capability Framework', 'Zero Trust', 'Ransomware protection', 'Business e-mail compromise', 'Salesforce Health Check', 'ServiceNow instance security hardening']) {
      expect(titles).toContain(name);
    }
    expect(new Set(frameworks.map((framework) => framework.id)).size).toBe(frameworks.length);
  });

  it('finds every tag the catalog uses in some framework', () => {
    const controls = connectors.flatMap((connector) => connector.controls);
    const tagged = controls.filter((control) => Object.keys(control.frameworks).length > 0);
    for (const control of tagged) expect(frameworkIdsOf(control.frameworks, control.metric).length, control.id).toBeGreaterThan(0);
  });

  it('names the frameworks of one control', () => {
    expect(frameworkIdsOf({ stig: { vulnId: 'V-273190', severity: 'CAT II' }, nist80053: ['IA-5(1)'], initiatives: ['zero-trust'] }, 'password-policy')).toEqual([
      'stig',
      'nist80053',
      'zero-trust',
    ]);
    expect(frameworkIdsOf(undefined)).toEqual([]);
  });
});

describe('groupByRequirement', () => {
  const findings = [
    finding({ controlId: 'OKTA.A', tags: { nist80053: ['AC-12', 'IA-2'] }, status: 'compliant', fraction: 1, weight: 5 }),
    finding({ controlId: 'OKTA.B', tags: { nist80053: ['AC-2'] }, status: 'non_compliant', weight: 5 }),
    finding({ controlId: 'OKTA.C', tags: { nist80053: ['AC-12'] }, status: 'partial', fraction: 0.5, weight: 10 }),
    finding({ controlId: 'OKTA.D', tags: { nist80053: ['AC-2'] }, status: 'error', weight: 10 }),
    finding({ controlId: 'OKTA.E', tags: { healthCheck: 'Minimum password length' } }),
  ];

  it('groups by requirement in natural order, a control under each of its requirements', () => {
    const view = groupByRequirement(frameworkById('nist80053')!, findings);
    expect(view.requirements.map((group) => group.requirement.id)).toEqual(['AC-2', 'AC-12', 'IA-2']);
    expect(view.requirements[1]!.findings.map((f) => f.controlId)).toEqual(['OKTA.A', 'OKTA.C']);
    expect(view.controls).toBe(4);
  });

  it('scores the framework Secure Score style over its distinct findings, errors left out', () => {
    const view = groupByRequirement(frameworkById('nist80053')!, findings);
    // (5·1 + 5·0 + 10·0.5) / (5 + 5 + 10)
    expect(view.score.percent).toBe(50);
    expect(view.score.coverageGaps).toBe(1);
  });

  it('gives each requirement its compliance, and met only when every decided finding passes', () => {
    const view = groupByRequirement(frameworkById('nist80053')!, findings);
    const byId = new Map(view.requirements.map((group) => [group.requirement.id, group]));
    expect(byId.get('AC-12')!.compliance).toBe(0.5);
    expect(byId.get('IA-2')!.met).toBe(true);
    expect(byId.get('AC-2')!.compliance).toBe(0);
  });

  it('applies exceptions: an alternate mitigation passes, an incorrect result leaves the sums', () => {
    const excepted = [
      finding({ controlId: 'X', tags: { nist80053: ['AC-2'] }, exception: 'alternate_mitigation' }),
      finding({ controlId: 'Y', tags: { nist80053: ['AC-2'] }, exception: 'incorrect_result' }),
    ];
    const view = groupByRequirement(frameworkById('nist80053')!, excepted);
    expect(view.score.percent).toBe(100);
    expect(view.requirements[0]!.met).toBe(true);
  });

  it('groups threat initiatives by metric', () => {
    const view = groupByRequirement(frameworkById('zero-trust')!, [
      finding({ controlId: 'Z1', metric: 'authentication', tags: { initiatives: ['zero-trust'] } }),
      finding({ controlId: 'Z2', metric: 'network-access', tags: { initiatives: ['zero-trust', 'ransomware'] } }),
      finding({ controlId: 'Z3', tags: { initiatives: ['ransomware'] } }),
    ]);
    expect(view.requirements.map((group) => group.requirement.id)).toEqual(['Authentication strength (MFA)', 'Network access restrictions']);
  });

  it('lists only frameworks with findings', () => {
    expect(frameworkSummaries(findings).map((view) => view.framework.id)).toEqual(['nist80053', 'healthCheck']);
    expect(frameworkSummaries([])).toEqual([]);
  });
});
