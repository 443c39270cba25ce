import { compliant, unknown, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import { count, listAffected, nameList, references, saveAndVerify, step, stigFrameworks } from './stig-common';

/*
 * Audit requirement of the DISA Okta IDaaS STIG: audit records off-loaded to a central log server (V-273202).
 * An active log stream decides it. Without one, the STIG's alternative (a SIEM pulling the System Log through the
 * API, confirmed with the ISSM) cannot be seen from Okta's configuration, so the control is unknown with the
 * manual check to make, never compliant.
 */

const streamTypes: Record<string, string> = {
  aws_eventbridge: 'AWS EventBridge',
  splunk_cloud_logstreaming: 'Splunk Cloud',
};

export const auditRecordsOffloaded = defineOktaControl({
  id: 'OKTA.STIG.273202v1',
  title: 'Okta audit records are off-loaded to a central log server',
  description:
    'Reports → Log Streaming has an active log stream (AWS EventBridge or Splunk Cloud). Without one, the ISSM must confirm that a SIEM ' +
    'pulls the Okta System Log through the API; Posture Lens cannot see that, so the control is then unknown.',
  rationale:
    'Okta keeps System Log events for 90 days and an attacker with admin rights works inside it. Copies on a central log server survive ' +
    'both, and let the SOC correlate Okta sign-ins with the rest of the estate.',
  severity: 'high',
  weight: 8,
  metric: 'logging-monitoring',
  requirement: 'shall',
  frameworks: stigFrameworks('V-273202', 'CAT I', ['AU-4(1)', 'AU-9(2)', 'AU-10']),
  sources: ['logStreams'],
  evaluate: ({ logStreams }) => {
    const expected = 'an active log stream, or a SIEM pulling the System Log through the API';
    const describe = (stream: { name: string; type: string }) => `"${stream.name}" (${streamTypes[stream.type] ?? stream.type})`;
    const active = logStreams.filter((stream) => stream.status === 'ACTIVE');
    if (active.length > 0) {
      return compliant({
        actual: `${count(active.length, 'active log stream')}`,
        expected,
        reason: `Okta streams its System Log through ${active.map(describe).join(', ')}.`,
      });
    }
    const inactive = logStreams.filter((stream) => stream.status !== 'ACTIVE');
    return unknown(
      `No log stream is active${inactive.length ? ` (${nameList(inactive.map((s) => s.name))} ${inactive.length === 1 ? 'is' : 'are'} inactive)` : ''}. ` +
        'Ask the ISSM whether a SIEM pulls the Okta System Log through the API (GET /api/v1/logs); if none does, this is a finding (CAT I).',
      {
        actual: inactive.length ? `${count(inactive.length, 'inactive log stream')}` : 'no log stream',
        expected,
        ...listAffected(inactive.map((stream) => ({ id: stream.id, name: stream.name, kind: 'Log stream', detail: `${streamTypes[stream.type] ?? stream.type}; Inactive` }))),
      },
    );
  },
  remediation: {
    summary: 'Stream the System Log to the SIEM (AWS EventBridge or Splunk Cloud), or have the ISSM confirm that the SIEM pulls it through the Okta Log API.',
    steps: [
      step('Open Reports → Log Streaming and check for an active stream', 'logStreaming'),
      step('If there is none, choose "Add Log Stream", select "AWS EventBridge" or "Splunk Cloud" and choose Next', 'logStreaming', 'logStreamType'),
      step('Complete the connection fields and activate the stream', 'logStreaming'),
      step('If the SIEM is neither, confirm with the ISSM that it pulls the System Log through the Okta Log API in near real time, and record that', 'systemLog'),
      saveAndVerify('logStreaming'),
    ],
    references: [references.logStreaming, references.logStreamApi, references.stigViewer],
  },
});

export const stigAuditControls: Control[] = [auditRecordsOffloaded];
