import { controlById, appName } from '@/components/catalog';
import { oktaConnector } from '@/connectors/okta';
import {
  adminFactors,
  forbiddenError,
  ids,
  inactiveUser,
  oktaSourceResults,
  passwordPolicy,
  scanTime,
  userFactor,
} from '@/connectors/okta/fixtures/payloads';
import { serviceNowSourceResults } from '@/connectors/servicenow/fixtures/payloads';
import { serviceNowConnector } from '@/connectors/servicenow';
import type { Connector } from '@/utils/connector';
import type { ExceptionRecord } from '@/utils/db';
import { evaluateSnapshot } from '@/utils/evaluate';
import { snapshotFormat, type Snapshot } from '@/utils/snapshot';
import { buildExportBundle, type ExportBundle, type ExportedFinding, type ExportInput } from './bundle';
import { evaluatedScan, type EvaluatedScan } from './from-snapshot';

/**
 * Test data for the export formats: real controls evaluated on the connectors' fixture payloads
 * (a misconfigured Okta org with a refused source, a ServiceNow instance), with exceptions of every
 * state. Only tests import this file.
 */

export const exportTime = '2026-04-20T09:00:00.000Z';

function snapshotOf(app: string, instanceId: string, name: string, host: string, sources: Snapshot['sources']): Snapshot {
  return { format: snapshotFormat, instance: { app, instanceId, name, host }, collectedAt: scanTime, requestCount: 42, sources };
}

function scanOf(connector: Connector, snapshot: Snapshot, scanId: string): EvaluatedScan {
  return evaluatedScan(snapshot, evaluateSnapshot(connector, snapshot), scanId);
}

/** Passwords of 8, one admin with SMS only and one with no factor, two idle users, log streams refused. */
export function oktaScan(scanId = 'scan-okta-1'): EvaluatedScan {
  const factors = {
    ...adminFactors(),
    [ids.secondSuperAdmin]: [userFactor('sms', ids.secondSuperAdmin)],
    [ids.serviceAccount]: [],
  };
  const sources = oktaSourceResults(
    {
      passwordPolicies: [passwordPolicy({ settings: { password: { complexity: { minLength: 8 } } } })],
      adminFactors: factors,
      inactiveUsers: [inactiveUser(120), inactiveUser(200)],
    },
    { logStreams: forbiddenError() },
  );
  return scanOf(oktaConnector, snapshotOf('okta', 'acme.okta.com', 'Acme (Okta)', 'acme-admin.okta.com', sources), scanId);
}

export function serviceNowScan(scanId = 'scan-sn-1'): EvaluatedScan {
  return scanOf(
    serviceNowConnector,
    snapshotOf('servicenow', 'acme', 'Acme ServiceNow', 'acme.service-now.com', serviceNowSourceResults()),
    scanId,
  );
}

/** The first failing finding's control of a scan (highest points first). */
export function failingControlIds(scan: EvaluatedScan): string[] {
  return scan.findings
    .filter((finding) => finding.status === 'non_compliant' || finding.status === 'partial')
    .sort((a, b) => b.pointsAtStake - a.pointsAtStake || a.controlId.localeCompare(b.controlId))
    .map((finding) => finding.controlId);
}

/** An active whole-control exception, a lapsed one and an entity-level one on the Okta scan's failures. */
export function exceptionsFor(scan: EvaluatedScan): ExceptionRecord[] {
  const [first, second, third] = failingControlIds(scan);
  const withEntities = scan.findings.find((finding) => finding.controlId === third);
  const base = { instanceKey: scan.instance.key, createdAt: '2026-04-01T00:00:00.000Z' };
  return [
    {
      ...base,
      id: 'ex-active',
      controlId: first!,
      kind: 'risk_accepted',
      rationale: 'Legacy kiosk accounts; replaced in Q3.',
      owner: 'ciso@acme.example',
      expiresAt: '2026-09-30T00:00:00.000Z',
    },
    {
      ...base,
      id: 'ex-lapsed',
      controlId: second!,
      kind: 'alternate_mitigation',
      rationale: 'VPN-only access until March.',
      owner: 'it-ops@acme.example',
      expiresAt: '2026-03-31T00:00:00.000Z',
    },
    {
      ...base,
      id: 'ex-entities',
      controlId: third!,
      kind: 'third_party',
      rationale: 'Handled by the PAM vault.',
      owner: 'iam@acme.example',
      entityIds: withEntities?.verdict.affected.slice(0, 1).map((entity) => entity.id) ?? ['nobody'],
    },
  ];
}

export function realisticInput(): ExportInput {
  const okta = oktaScan();
  const serviceNow = serviceNowScan();
  return {
    instances: [okta, serviceNow],
    exceptions: exceptionsFor(okta),
    controlById,
    appName,
    now: exportTime,
    version: '0.1.0-test',
  };
}

export function realisticBundle(): ExportBundle {
  return buildExportBundle(realisticInput());
}

export const hostileStrings = [
  'quote " comma , and "" doubled',
  'line\nbreak\r\nand CRLF\rand CR',
  "=cmd|'/c calc'!A0",
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1)',
  "'already quoted",
  '\ttab first',
  '<img src=x onerror=alert(1)>',
  '</style><script>alert(1)</script>',
  'attr" onmouseover="alert(1)',
  '\u202Egnp.exe',
  'closes\u2069\u202Ean isolate',
  'x'.repeat(10_000),
  '',
  'null',
  '8',
  ' spaced ',
];

/** A copy of `finding` whose every text a SaaS or an export file could control is hostile. */
export function hostileFinding(finding: ExportedFinding, index: number): ExportedFinding {
  const pick = (offset: number) => hostileStrings[(index + offset) % hostileStrings.length]!;
  return {
    ...finding,
    instanceName: pick(0),
    instanceHost: pick(1),
    title: pick(2),
    reason: pick(3),
    actual: index % 3 === 0 ? pick(4) : index % 3 === 1 ? -1 : true,
    expected: index % 2 === 0 ? pick(5) : null,
    affected: [
      { id: pick(6), name: pick(7), kind: pick(8), detail: pick(9) },
      { id: 'plain', name: pick(10) },
    ],
    affectedTotal: 2,
    notes: [pick(11), pick(12)],
    remediationSummary: pick(13),
    remediationSteps: [pick(14), pick(15)],
    references: ['https://help.example/a?b=1&c="2"', 'javascript:alert(1)', pick(16)],
    exception: {
      kind: 'incorrect_result',
      rationale: pick(0),
      owner: pick(8),
      createdAt: '2026-04-01T00:00:00.000Z',
      expiresAt: null,
      entityIds: [pick(6)],
      state: 'active',
    },
  };
}

export function hostileBundle(): ExportBundle {
  const bundle = realisticBundle();
  const [okta] = bundle.instances;
  return {
    ...bundle,
    instances: [
      {
        ...okta!,
        instance: { ...okta!.instance, name: '\u202Egnp.exe <img src=x onerror=alert(1)>', host: '</style>"\'><b>' },
        findings: okta!.findings.map(hostileFinding),
      },
    ],
  };
}
