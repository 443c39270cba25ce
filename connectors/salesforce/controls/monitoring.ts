import { compliant, nonCompliant, partial, unknown, type Control } from '@/utils/controls';
import { groupDigits } from '@/utils/evidence';
import { defineSalesforceControl } from '../control';
import { count, dayOf, listAffected, nameList, partialNote } from './org-evidence';

const references = {
  eventLogFile:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile.htm',
  eventMonitoring: 'https://help.salesforce.com/s/articleView?id=sf.event_monitoring_intro.htm&type=5',
  setupAuditTrail:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_setupaudittrail.htm',
  limits: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm',
  apiUsageHeader: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm',
};

const eventLogs = defineSalesforceControl({
  id: 'SF.LOG.1v1',
  title: 'Event Monitoring produces login event logs',
  description:
    'Checks that Event Monitoring generated log files in the last 7 days, and that Login events are among them. ' +
    'Login, logout and API usage logs are included with every org (with short retention); Shield Event Monitoring adds ' +
    'the other event types and longer retention.',
  rationale:
    'Without event logs there is no record of who logged in from where, which reports were exported or which APIs ' +
    'pulled data, so a breach can neither be detected nor scoped afterwards.',
  severity: 'medium',
  weight: 5,
  metric: 'logging-monitoring',
  requirement: 'should',
  frameworks: { nist80053: ['AU-2', 'AU-12', 'SI-4'], initiatives: ['ransomware', 'business-email-compromise'] },
  sources: ['eventLogFiles'],
  evaluate: ({ eventLogFiles }) => {
    const types = [...new Set(eventLogFiles.records.map((file) => file.EventType))].sort();
    const files = eventLogFiles.totalSize;
    if (files === 0) {
      return nonCompliant({
        actual: 0,
        expected: 'Login event logs',
        reason: 'Event Monitoring / Login event logs not available: no event log file was generated in the last 7 days.',
      });
    }
    const notes = eventLogFiles.complete ? [] : [partialNote(eventLogFiles, 'event log files')];
    if (types.includes('Login')) {
      return compliant({
        actual: files,
        expected: 'Login event logs',
        reason: `${count(files, 'event log file')} generated in the last 7 days, including Login events (${nameList(types, types.length, 6)}).`,
        notes,
      });
    }
    if (!eventLogFiles.complete) {
      return unknown(`No Login event log was among the files read. ${notes[0]}`, { notes, actual: files });
    }
    return partial(0.5, {
      actual: files,
      expected: 'Login event logs',
      reason: `${count(files, 'event log file')} generated in the last 7 days, but none records Login events (${nameList(types, types.length, 6)}).`,
    });
  },
  remediation: {
    summary: 'Make sure Event Monitoring log files are generated, and collect them before they expire.',
    steps: [
      { text: 'Open Setup → Event Monitoring Settings and check that event log file generation is on', page: 'eventMonitoring' },
      { text: 'Grant "View Event Log Files" to the people or integration that collect the logs', page: 'permissionSets' },
      { text: 'Send the logs to your SIEM, then choose Verify in Posture Lens', page: 'eventMonitoring' },
    ],
    references: [references.eventMonitoring, references.eventLogFile],
  },
});

const loginAsChanges = defineSalesforceControl({
  id: 'SF.LOG.2v1',
  title: 'No Setup changes were made while logged in as another user in the last 30 days',
  description:
    'Lists Setup Audit Trail entries of the last 30 days made through "Login As" (the entry\'s Delegate User is set), ' +
    'grouped by the person who logged in as someone else. Each should match a documented support or change request. ' +
    'Changes by delegated administrators logged in as themselves carry no delegate and are not listed.',
  rationale:
    'A change made while logged in as another user is recorded under that user\'s name. It is how an insider or an ' +
    'attacker holding an admin session hides configuration changes, such as a new connected app or a weakened policy.',
  severity: 'low',
  weight: 3,
  metric: 'logging-monitoring',
  requirement: 'should',
  frameworks: { nist80053: ['AU-6', 'AU-9(4)', 'AC-2(12)'] },
  sources: ['auditTrail'],
  evaluate: ({ auditTrail }) => {
    const delegated = auditTrail.records.filter((entry) => entry.DelegateUser);
    const incomplete = !auditTrail.complete;
    const notes = incomplete ? [partialNote(auditTrail, 'Setup Audit Trail entries')] : [];
    if (delegated.length === 0) {
      if (incomplete) return unknown(`No change made through Login As was found so far. ${notes[0]}`, { notes });
      return compliant({
        actual: 0,
        expected: 0,
        reason:
          auditTrail.totalSize === 0
            ? 'Setup Audit Trail holds no change of the last 30 days, so none was made while logged in as another user.'
            : `None of the ${count(auditTrail.totalSize, 'Setup change')} of the last 30 days was made while logged in as another user.`,
      });
    }
    const byDelegate = new Map<string, typeof delegated>();
    for (const entry of delegated) {
      const key = entry.DelegateUser!;
      byDelegate.set(key, [...(byDelegate.get(key) ?? []), entry]);
    }
    const delegates = [...byDelegate.entries()];
    return nonCompliant({
      actual: delegated.length,
      expected: 0,
      reason:
        `${count(delegated.length, 'Setup change')} in the last 30 days ${delegated.length === 1 ? 'was' : 'were'} made while logged in as another user, by ` +
        `${nameList(delegates.map(([delegate]) => delegate))}. Check each against a support or change request.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(
        delegates.map(([delegate, entries]) => {
          const latest = entries[0]!;
          const impersonated = [...new Set(entries.map((entry) => entry.CreatedBy?.Name ?? 'unknown user'))];
          return {
            id: delegate,
            name: delegate,
            kind: 'user',
            detail:
              `${count(entries.length, 'change')} as ${nameList(impersonated)} · latest ${dayOf(latest.CreatedDate)}: ` +
              `${latest.Display ?? latest.Action}`,
          };
        }),
      ),
    });
  },
  remediation: {
    summary: 'Review every Setup change made through Login As and restrict who may log in as other users.',
    steps: [
      { text: 'Open Setup → View Setup Audit Trail and filter on the Delegate User column', page: 'auditTrail' },
      { text: 'Match each change to a ticket; investigate and revert any that has none', page: 'auditTrail' },
      { text: 'Consider turning off "Administrators Can Log in as Any User"', page: 'loginAccessPolicies', anchor: 'enableAdminLoginAsAnyUser' },
      { text: 'Then choose Verify in Posture Lens', page: 'auditTrail' },
    ],
    references: [references.setupAuditTrail],
  },
});

const apiUsageThreshold = 0.8;

const dailyApiUsage = defineSalesforceControl({
  id: 'SF.PLAT.50v1',
  title: 'Daily API request usage stays under 80 % of the limit',
  description:
    'Reads the DailyApiRequests limit (rolling 24 hours) and checks that less than 80 % of it is used. Above 80 %, ' +
    'credit falls linearly to none at 100 %.',
  rationale:
    'When the daily API allowance runs out, every integration stops, which is an outage an attacker can cause on ' +
    'purpose. A sudden climb is also a common sign of bulk data extraction by a compromised account or app.',
  severity: 'low',
  weight: 3,
  metric: 'platform-hardening',
  requirement: 'should',
  frameworks: { nist80053: ['SC-5', 'SI-4'] },
  sources: ['limits'],
  evaluate: ({ limits }) => {
    const daily = limits.DailyApiRequests;
    if (!daily) return unknown('The API limits do not include DailyApiRequests.');
    if (daily.Max <= 0 || daily.Remaining < 0 || daily.Remaining > daily.Max) {
      return unknown(`The DailyApiRequests limit cannot be read (Max ${daily.Max}, Remaining ${daily.Remaining}).`);
    }
    const used = daily.Max - daily.Remaining;
    const share = used / daily.Max;
    const percent = Math.round(share * 1000) / 10;
    const actual = `${percent} %`;
    const expected = `under ${apiUsageThreshold * 100} %`;
    const summary = `${groupDigits(used)} of ${groupDigits(daily.Max)} daily API requests used (${percent} %)`;
    if (share < apiUsageThreshold) return compliant({ actual, expected, reason: `${summary}.` });
    return partial((1 - share) / (1 - apiUsageThreshold), {
      actual,
      expected,
      reason: `${summary}, above the ${apiUsageThreshold * 100} % threshold. Find the apps and users driving the usage.`,
    });
  },
  remediation: {
    summary: 'Find what is consuming the API allowance and reduce it, or investigate if the usage is unexpected.',
    steps: [
      { text: 'Open Setup → Company Information and check API Requests, Last 24 Hours', page: 'companyInformation' },
      { text: 'Use the API Total Usage event log or Connected Apps OAuth Usage to find the heaviest apps and users', page: 'connectedAppsUsage' },
      { text: 'Tune or throttle the integrations responsible, then choose Verify in Posture Lens', page: 'companyInformation' },
    ],
    references: [references.limits, references.apiUsageHeader],
  },
});

export const monitoringControls: Control[] = [eventLogs, loginAsChanges, dailyApiUsage];
