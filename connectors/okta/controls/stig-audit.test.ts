import { describe, expect, it } from 'vitest';
import { logStream } from '../fixtures/payloads';
import { runStig } from '../fixtures/stig';
import { auditRecordsOffloaded } from './stig-audit';

describe('OKTA.STIG.273202v1 audit records off-loaded', () => {
  it('is compliant with an active stream, naming it', () => {
    const verdict = runStig(auditRecordsOffloaded);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('"Splunk Cloud SIEM" (Splunk Cloud)');
  });

  it('is unknown, never compliant, with an inactive stream, naming it and the manual check', () => {
    const verdict = runStig(auditRecordsOffloaded, { logStreams: [logStream({ status: 'INACTIVE' })] });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('"Splunk Cloud SIEM"');
    expect(verdict.reason).toContain('ISSM');
    expect(verdict.affected[0]).toMatchObject({ name: 'Splunk Cloud SIEM', kind: 'Log stream' });
  });

  it('is unknown without any stream, saying a SIEM pull must be confirmed by hand', () => {
    const verdict = runStig(auditRecordsOffloaded, { logStreams: [] });
    expect(verdict).toMatchObject({ status: 'unknown', actual: 'no log stream' });
    expect(verdict.reason).toMatch(/SIEM pulls the Okta System Log/);
  });

  it('is an error on a stream without a status', () => {
    expect(runStig(auditRecordsOffloaded, { logStreams: [{ id: 'x', name: 'x', type: 'aws_eventbridge' }] }).status).toBe('error');
  });
});
