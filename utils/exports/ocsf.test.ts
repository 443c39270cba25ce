import { describe, expect, it } from 'vitest';
import type { ExportedFinding } from './bundle';
import { isSuppressed, ocsfRequiredFields, standardsOf, toOcsf, toOcsfEvent, toOcsfEvents, validateOcsfEvent, type OcsfComplianceFinding } from './ocsf';
import { realisticBundle } from './test-fixtures';

const bundle = realisticBundle();
const findings = bundle.instances.flatMap((entry) => entry.findings);
const eventOf = (predicate: (finding: ExportedFinding) => boolean) => toOcsfEvent(findings.find(predicate)!, bundle);

describe('toOcsf', () => {
  it('writes one JSON line per finding, and every event validates as a Compliance Finding', () => {
    const text = toOcsf(bundle);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(findings.length);
    const events = lines.map((line) => JSON.parse(line) as OcsfComplianceFinding);
    for (const event of events) expect(validateOcsfEvent(event)).toEqual([]);
    expect(events.map((event) => event.finding_info.uid)).toEqual(findings.map((finding) => `${finding.scanId}:${finding.controlId}`));
    expect(new Set(events.map((event) => event.finding_info.uid)).size).toBe(events.length);
    expect(toOcsf({ ...bundle, instances: [] })).toBe('');
  });

  it('maps a failed control: class, type, time, severity, compliance, remediation, resources', () => {
    const finding = findings.find((candidate) => candidate.controlId === 'OKTA.STIG.273195v1')!;
    const event = toOcsfEvent(finding, bundle);
    expect(event).toMatchObject({
      class_uid: 2003,
      category_uid: 2,
      activity_id: 1,
      type_uid: 200301,
      time: Date.parse('2026-04-15T12:00:00.000Z'),
      severity_id: 4,
      severity: 'High',
      metadata: { product: { name: 'Posture Lens', vendor_name: 'Posture Lens', version: '0.1.0-test' }, version: '1.3.0' },
      finding_info: { uid: 'scan-okta-1:OKTA.STIG.273195v1', title: finding.title, desc: finding.reason, types: ['password-policy'] },
      compliance: {
        standards: ['DISA Okta IDaaS STIG V1R2', 'NIST SP 800-53 Rev 5', 'Microsoft SaaS Security Initiative'],
        control: 'OKTA.STIG.273195v1',
        requirements: ['V-273195', 'IA-5(1)'],
        status_id: 3,
        status: 'Fail',
        status_code: 'non_compliant',
        status_detail: finding.reason,
      },
      remediation: { references: finding.references },
      unmapped: { pointsAtStake: finding.pointsAtStake, weight: finding.weight, metric: 'password-policy', fraction: 0, actual: '8 characters' },
    });
    expect(event.remediation!.desc).toContain(finding.remediationSummary);
    expect(event.remediation!.desc).toContain(`1. ${finding.remediationSteps[0]}`);
    expect(event.resources[0]).toEqual({ uid: 'okta:acme.okta.com', name: 'Acme (Okta)', type: 'okta', data: { host: 'acme-admin.okta.com' } });
    expect(event.resources.slice(1).map((resource) => resource.uid)).toEqual(finding.affected.map((entity) => entity.id));
  });

  it('maps verdicts to compliance results: pass, fail, and warning for what could not be decided or does not apply', () => {
    const statusOf = (status: ExportedFinding['status']) => eventOf((finding) => finding.status === status).compliance;
    expect(statusOf('compliant')).toMatchObject({ status_id: 1, status: 'Pass' });
    expect(statusOf('non_compliant')).toMatchObject({ status_id: 3, status: 'Fail' });
    expect(statusOf('partial')).toMatchObject({ status_id: 3, status: 'Fail' });
    expect(statusOf('unknown')).toMatchObject({ status_id: 2, status: 'Warning', status_code: 'unknown' });
    expect(statusOf('not_applicable')).toMatchObject({ status_id: 2, status: 'Warning', status_code: 'not_applicable' });
    const error = toOcsfEvent({ ...findings[0]!, status: 'error' }, bundle);
    expect(error.compliance).toMatchObject({ status_id: 2, status_code: 'error' });
    expect(eventOf((finding) => finding.app === 'servicenow' && !!finding.frameworks.serviceNowHardening).compliance.standards).toContain(
      'ServiceNow Instance Security Hardening',
    );
  });

  it('suppresses a finding under an active exception, with who and why; a lapsed one does not suppress', () => {
    const active = eventOf((finding) => finding.exception?.state === 'active' && finding.exception.entityIds === null);
    expect(active).toMatchObject({ status_id: 3, status: 'Suppressed' });
    expect(active.comment).toContain('Risk accepted by ciso@acme.example: Legacy kiosk accounts; replaced in Q3.');
    expect(active.unmapped.exception).toMatchObject({ kind: 'risk_accepted', expiresAt: '2026-09-30T00:00:00.000Z', state: 'active' });

    const lapsed = eventOf((finding) => finding.exception?.state === 'lapsed');
    expect(lapsed).toMatchObject({ status_id: 1, status: 'New' });
    expect(lapsed.comment).toContain('no longer applies');

    // Entity-level: only when it covers every affected entity.
    const partly = eventOf((finding) => !!finding.exception?.entityIds);
    expect(partly.status_id).toBe(1);
    const finding = findings.find((candidate) => !!candidate.exception?.entityIds)!;
    const covering = { ...finding, exception: { ...finding.exception!, entityIds: finding.affected.map((entity) => entity.id) } };
    expect(isSuppressed(covering)).toBe(true);
    expect(isSuppressed({ ...covering, affectedTotal: finding.affected.length + 5 })).toBe(false);

    expect(eventOf((finding) => finding.exception === null)).toMatchObject({ status_id: 1, status: 'New' });
    expect(eventOf((finding) => finding.exception === null).comment).toBeUndefined();
  });

  it('names the standards of every framework tag, the SaaS Security Initiative always', () => {
    expect(standardsOf({})).toEqual({ standards: ['Microsoft SaaS Security Initiative'], requirements: [] });
    expect(
      standardsOf({
        healthCheck: 'MinPasswordLength',
        sscf: ['IAM-09'],
        nist80053: ['IA-5(1)', 'IA-5(1)'],
        microsoftSecureScore: 'Require MFA for admins',
      }),
    ).toEqual({
      standards: ['NIST SP 800-53 Rev 5', 'CSA SSCF', 'Salesforce Health Check', 'Microsoft Secure Score', 'Microsoft SaaS Security Initiative'],
      requirements: ['IA-5(1)', 'IAM-09', 'MinPasswordLength', 'Require MFA for admins'],
    });
  });
});

describe('validateOcsfEvent', () => {
  const valid = toOcsfEvents(bundle)[0]!;
  const without = (path: string) => {
    const copy = structuredClone(valid) as unknown as Record<string, unknown>;
    const keys = path.split('.');
    let parent = copy;
    for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    delete parent[keys.at(-1)!];
    return copy;
  };

  it('names each missing required field', () => {
    for (const field of ocsfRequiredFields) {
      expect(validateOcsfEvent(without(field))).toContain(`${field} is missing`);
    }
    const bare = validateOcsfEvent({});
    expect(bare).toEqual(ocsfRequiredFields.map((field) => `${field} is missing`));
  });

  it('catches wrong values: class, type arithmetic, severity, time, empty standards, not an object', () => {
    expect(validateOcsfEvent({ ...valid, class_uid: 2001 })).toEqual(
      expect.arrayContaining(['class_uid must be 2003 (Compliance Finding)', 'type_uid must be class_uid × 100 + activity_id (200101)']),
    );
    expect(validateOcsfEvent({ ...valid, type_uid: 200302 })).toEqual(['type_uid must be class_uid × 100 + activity_id (200301)']);
    expect(validateOcsfEvent({ ...valid, severity_id: 7 })).toEqual(['severity_id must be 0–6 or 99']);
    expect(validateOcsfEvent({ ...valid, time: '2026-04-15' })).toEqual(['time must be a positive epoch time in milliseconds']);
    expect(validateOcsfEvent({ ...valid, compliance: { ...valid.compliance, standards: [] } })).toEqual([
      'compliance.standards must be a non-empty array of standard names',
    ]);
    expect(validateOcsfEvent({ ...valid, metadata: { product: { name: 'x' }, version: 'latest' } })).toEqual([
      'metadata.version must be a schema version like 1.3.0',
    ]);
    expect(validateOcsfEvent([])).toEqual(['the event is not a JSON object']);
    expect(validateOcsfEvent(null)).toEqual(['the event is not a JSON object']);
  });
});
