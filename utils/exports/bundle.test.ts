import { describe, expect, it } from 'vitest';
import { appName, controlById } from '@/components/catalog';
import { buildExportBundle, exportBundleSchema, exportedFindingKeys, exportFormat } from './bundle';
import { exportTime, oktaScan, realisticInput } from './test-fixtures';

describe('buildExportBundle', () => {
  const input = realisticInput();
  const bundle = buildExportBundle(input);

  it('names its format and generator and keeps every instance with its scan, findings and snapshot', () => {
    expect(bundle.format).toBe(exportFormat);
    expect(bundle.exportedAt).toBe(exportTime);
    expect(bundle.generator).toEqual({ name: 'Posture Lens', version: '0.1.0-test' });
    expect(bundle.instances.map((entry) => entry.instance)).toEqual([
      { key: 'okta:acme.okta.com', app: 'okta', appName: 'Okta', instanceId: 'acme.okta.com', name: 'Acme (Okta)', host: 'acme-admin.okta.com' },
      { key: 'servicenow:acme', app: 'servicenow', appName: 'ServiceNow', instanceId: 'acme', name: 'Acme ServiceNow', host: 'acme.service-now.com' },
    ]);
    const [okta] = bundle.instances;
    const source = input.instances[0]!;
    expect(okta!.scan).toEqual({
      id: source.scan.id,
      startedAt: source.scan.startedAt,
      finishedAt: source.scan.finishedAt,
      status: 'partial',
      score: source.scan.score,
      initiative: source.scan.initiative,
      requestCount: 42,
      sourceErrors: [{ source: 'logStreams', message: expect.stringContaining('Super Admin') }],
    });
    expect(okta!.findings).toHaveLength(source.findings.length);
    expect(okta!.snapshot).toBe(source.snapshot);
    expect(exportBundleSchema.safeParse(JSON.parse(JSON.stringify(bundle))).success).toBe(true);
  });

  it('flattens each finding with the catalog fields, keys in the CSV order, highest points first', () => {
    const [okta] = bundle.instances;
    for (const finding of bundle.instances.flatMap((entry) => entry.findings)) {
      expect(Object.keys(finding)).toEqual(exportedFindingKeys);
    }
    const points = okta!.findings.map((finding) => finding.pointsAtStake);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    const tied = okta!.findings.filter((finding) => finding.pointsAtStake === 0).map((finding) => finding.controlId);
    expect(tied).toEqual([...tied].sort());

    const password = okta!.findings.find((finding) => finding.controlId === 'OKTA.STIG.273195v1')!;
    const control = controlById('OKTA.STIG.273195v1')!;
    expect(password).toMatchObject({
      instanceKey: 'okta:acme.okta.com',
      app: 'okta',
      instanceName: 'Acme (Okta)',
      instanceHost: 'acme-admin.okta.com',
      scanId: 'scan-okta-1',
      scanFinishedAt: '2026-04-15T12:00:00.000Z',
      title: control.title,
      severity: control.severity,
      weight: control.weight,
      metric: control.metric,
      requirement: control.requirement,
      frameworks: { stig: { vulnId: 'V-273195', severity: 'CAT II' }, nist80053: ['IA-5(1)'] },
      status: 'non_compliant',
      fraction: 0,
      pointsAtStake: control.weight,
      actual: '8 characters',
      remediationSummary: control.remediation.summary,
      remediationSteps: control.remediation.steps.map((step) => step.text),
      references: control.remediation.references,
    });
    expect(password.affected.length).toBeGreaterThan(0);
    expect(password.affectedTotal).toBe(password.affected.length);
  });

  it('attaches exceptions: active, lapsed at their expiry, and entity-level ones with their entity ids', () => {
    const findings = bundle.instances[0]!.findings;
    const byException = (id: string) => {
      const exception = input.exceptions.find((candidate) => candidate.id === id)!;
      return findings.find((finding) => finding.controlId === exception.controlId)!.exception;
    };
    expect(byException('ex-active')).toEqual({
      kind: 'risk_accepted',
      rationale: 'Legacy kiosk accounts; replaced in Q3.',
      owner: 'ciso@acme.example',
      createdAt: '2026-04-01T00:00:00.000Z',
      expiresAt: '2026-09-30T00:00:00.000Z',
      entityIds: null,
      state: 'active',
    });
    expect(byException('ex-lapsed')).toMatchObject({ kind: 'alternate_mitigation', state: 'lapsed', expiresAt: '2026-03-31T00:00:00.000Z' });
    expect(byException('ex-entities')).toMatchObject({ kind: 'third_party', state: 'active', expiresAt: null, entityIds: [expect.any(String)] });
    expect(findings.filter((finding) => finding.exception !== null)).toHaveLength(3);
    // Exceptions of another instance never attach; the ServiceNow findings have none.
    expect(bundle.instances[1]!.findings.every((finding) => finding.exception === null)).toBe(true);

    const atExpiry = buildExportBundle({ ...input, now: '2026-09-30T00:00:00.000Z' });
    const expiring = atExpiry.instances[0]!.findings.find((finding) => finding.exception?.kind === 'risk_accepted')!;
    expect(expiring.exception!.state).toBe('lapsed');
  });

  it('prefers an active exception over a lapsed one, and a whole-control one over an entity-level one', () => {
    const scan = oktaScan();
    const controlId = scan.findings.find((finding) => finding.status === 'non_compliant')!.controlId;
    const base = { instanceKey: scan.instance.key, controlId, rationale: 'r', owner: 'o', createdAt: '2026-01-01T00:00:00.000Z' };
    const exceptionOf = (exceptions: typeof input.exceptions) =>
      buildExportBundle({ ...input, instances: [scan], exceptions }).instances[0]!.findings.find((finding) => finding.controlId === controlId)!.exception;
    expect(
      exceptionOf([
        { ...base, id: 'old', kind: 'third_party', expiresAt: '2026-01-02T00:00:00.000Z' },
        { ...base, id: 'entities', kind: 'alternate_mitigation', entityIds: ['u1'] },
        { ...base, id: 'whole', kind: 'risk_accepted' },
      ]),
    ).toMatchObject({ kind: 'risk_accepted', state: 'active', entityIds: null });
    expect(exceptionOf([{ ...base, id: 'old', kind: 'third_party', expiresAt: '2026-01-02T00:00:00.000Z' }])).toMatchObject({ state: 'lapsed' });
  });

  it('exports a finding whose control left the catalog with what the finding itself records', () => {
    const scan = oktaScan();
    const [first] = scan.findings;
    const retired = { ...first!, id: `${scan.scan.id}:OKTA.RETIRED.1v1`, controlId: 'OKTA.RETIRED.1v1' };
    const entry = buildExportBundle({ ...input, instances: [{ ...scan, findings: [retired] }], controlById, appName }).instances[0]!;
    expect(entry.findings[0]).toMatchObject({
      controlId: 'OKTA.RETIRED.1v1',
      title: 'OKTA.RETIRED.1v1',
      requirement: null,
      frameworks: {},
      remediationSummary: '',
      remediationSteps: [],
      references: [],
      weight: first!.weight,
    });
  });

  it('leaves out findings of other scans and carries nothing that looks like a credential', () => {
    const scan = oktaScan();
    const stray = { ...scan.findings[0]!, id: 'other:x', scanId: 'other-scan' };
    const entry = buildExportBundle({ ...input, instances: [{ ...scan, findings: [...scan.findings, stray] }] }).instances[0]!;
    expect(entry.findings).toHaveLength(scan.findings.length);

    const keys = new Set<string>();
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          keys.add(key.toLowerCase());
          walk(child);
        }
      }
    };
    walk({ ...bundle, instances: bundle.instances.map(({ snapshot: _snapshot, ...rest }) => rest) });
    for (const secret of ['cookie', 'cookies', 'sid', 'token', 'accesstoken', 'xsrftoken', 'authorization', 'password', 'session']) {
      expect(keys.has(secret)).toBe(false);
    }
  });
});
