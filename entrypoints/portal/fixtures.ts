import type { ExceptionRecord, FindingRecord, InstanceRecord, ScanRecord } from '@/utils/db';
import type { MetricId, Severity, VerdictStatus } from '@/utils/controls';

/** Small records for the portal's tests: two Salesforce orgs, one of them left out of the scores. */

export function instance(key: string, overrides: Partial<InstanceRecord> = {}): InstanceRecord {
  const [app = 'salesforce', instanceId = key] = key.split(':');
  return {
    key,
    app,
    instanceId,
    name: `${instanceId} org`,
    host: `${instanceId}.my.salesforce.com`,
    connectedAt: '2025-03-01T00:00:00.000Z',
    includeInScore: true,
    lastScanId: `scan-${instanceId}`,
    lastGoodScanId: `scan-${instanceId}`,
    ...overrides,
  };
}

export function scan(instanceKey: string, overrides: Partial<ScanRecord> = {}): ScanRecord {
  const instanceId = instanceKey.split(':')[1]!;
  return {
    id: `scan-${instanceId}`,
    instanceKey,
    app: instanceKey.split(':')[0]!,
    startedAt: '2025-03-10T10:00:00.000Z',
    finishedAt: '2025-03-10T10:01:00.000Z',
    status: 'complete',
    progress: { done: 1, total: 1, label: 'Done' },
    ...overrides,
  };
}

export function finding(
  instanceKey: string,
  controlId: string,
  options: { status?: VerdictStatus; fraction?: number; weight?: number; metric?: MetricId; severity?: Severity; affected?: Array<{ id: string; name: string }> } = {},
): FindingRecord {
  const scanId = `scan-${instanceKey.split(':')[1]}`;
  const status = options.status ?? 'non_compliant';
  const fraction = options.fraction ?? (status === 'compliant' ? 1 : 0);
  const weight = options.weight ?? 8;
  return {
    id: `${scanId}:${controlId}`,
    scanId,
    instanceKey,
    controlId,
    status,
    weight,
    metric: options.metric ?? 'authentication',
    severity: options.severity ?? 'high',
    pointsAtStake: status === 'compliant' ? 0 : weight * (1 - fraction),
    verdict: {
      status,
      fraction,
      actual: status === 'compliant' ? true : false,
      expected: true,
      reason: status === 'compliant' ? 'Meets the recommended value' : `Fails for ${options.affected?.map((a) => a.name).join(', ') ?? 'the org'}`,
      affected: options.affected ?? [],
      notes: [],
    },
  };
}

export function exception(instanceKey: string, controlId: string, overrides: Partial<ExceptionRecord> = {}): ExceptionRecord {
  return {
    id: `exception-${controlId}`,
    instanceKey,
    controlId,
    kind: 'risk_accepted',
    rationale: 'Accepted by the board',
    owner: 'Ada Byron',
    createdAt: '2025-03-01T00:00:00.000Z',
    ...overrides,
  };
}
