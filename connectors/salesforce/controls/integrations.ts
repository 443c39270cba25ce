import { compliant, shareVerdict, unknown, type Control } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import { count, dayMs, dayOf, listAffected, nameList, parseSalesforceDate, partialNote } from './org-evidence';

const references = {
  certificate: 'https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_certificate.htm',
  certificatesHelp: 'https://help.salesforce.com/s/articleView?id=sf.security_keys_about.htm&type=5',
  remoteProxy: 'https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_remoteproxy.htm',
  remoteSitesHelp: 'https://help.salesforce.com/s/articleView?id=sf.configuring_remoteproxy.htm&type=5',
};

const warningDays = 30;

/**
 * The model carries no scan clock, so "now" is the time of evaluation (`Date.now()`); tests pin it with fake timers.
 */
const certificateExpiry = defineSalesforceControl({
  id: 'SF.INT.1v1',
  title: `No certificate is expired or expires within ${warningDays} days`,
  description:
    `Checks the expiration date of every certificate in Certificate and Key Management and flags those already expired or ` +
    `expiring within ${warningDays} days. Credit is the share of certificates valid for longer.`,
  rationale:
    'Certificates sign SAML assertions, authenticate API clients and secure outbound calls. When one expires, single ' +
    'sign-on or integrations fail, and rushed fixes under outage pressure (such as disabling certificate checks) ' +
    'are how weaker set-ups creep in. Expired certificates left in place also invite reuse of old key material.',
  severity: 'medium',
  weight: 4,
  metric: 'integration-credentials',
  requirement: 'should',
  frameworks: { nist80053: ['SC-12', 'SC-17', 'IA-5(2)'] },
  sources: ['certificates', 'scanTime'],
  evaluate: ({ certificates, scanTime }) => {
    const now = Date.parse(scanTime);
    const soon = now + warningDays * dayMs;
    const flagged: Array<{ id: string; name: string; kind: string; detail: string }> = [];
    const unreadable: string[] = [];
    for (const certificate of certificates.records) {
      const expires = parseSalesforceDate(certificate.ExpirationDate);
      if (expires === undefined) unreadable.push(certificate.MasterLabel);
      else if (expires < now) {
        flagged.push({ id: certificate.Id, name: certificate.MasterLabel, kind: 'certificate', detail: `expired ${dayOf(certificate.ExpirationDate)}` });
      } else if (expires < soon) {
        const days = Math.ceil((expires - now) / dayMs);
        flagged.push({
          id: certificate.Id,
          name: certificate.MasterLabel,
          kind: 'certificate',
          detail: `expires ${dayOf(certificate.ExpirationDate)} (in ${count(days, 'day')})`,
        });
      }
    }
    const incomplete = !certificates.complete;
    const notes = [
      ...(incomplete ? [partialNote(certificates, 'certificates')] : []),
      ...(unreadable.length ? [`The expiration date of ${nameList(unreadable)} could not be read.`] : []),
    ];
    const total = certificates.records.length;
    if (flagged.length === 0) {
      if (notes.length) return unknown(`No expiring certificate was found, but not every certificate could be checked. ${notes.join(' ')}`, { notes });
      if (total === 0) return compliant({ actual: 0, expected: 0, reason: 'The org has no certificates.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(total, 'certificate')} are valid for more than ${warningDays} days.` });
    }
    const checked = total - unreadable.length;
    return shareVerdict(checked - flagged.length, checked, {
      actual: flagged.length,
      expected: 0,
      reason:
        `${flagged.length} of ${count(total, 'certificate')} ${flagged.length === 1 ? 'is expired or expires' : 'are expired or expire'} within ${warningDays} days: ` +
        `${nameList(flagged.map((certificate) => `${certificate.name} (${certificate.detail})`))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(flagged),
    });
  },
  remediation: {
    summary: 'Renew certificates before they expire, switch their users to the new one, and delete expired ones.',
    steps: [
      { text: 'Open Setup → Certificate and Key Management', page: 'certificates' },
      { text: 'Create or import a replacement for each listed certificate and update the SSO settings, connected apps and named credentials that use it', page: 'certificates' },
      { text: 'Delete certificates that have expired and are no longer referenced', page: 'certificates' },
      { text: 'Then choose Verify in Posture Lens', page: 'certificates' },
    ],
    references: [references.certificatesHelp, references.certificate],
  },
});

const insecureRemoteSites = defineSalesforceControl({
  id: 'SF.INT.2v1',
  title: 'Remote site settings use HTTPS with protocol security on',
  description:
    'Checks every active remote site setting (the endpoints Apex may call) and flags those with an http:// URL or with ' +
    '"Disable Protocol Security" selected. Credit is the share of active remote sites that are secure.',
  rationale:
    'Callouts to an http:// endpoint, or with protocol security disabled, send data and credentials in clear text and ' +
    'accept responses anyone on the path can forge, letting an attacker read or tamper with integration traffic.',
  severity: 'medium',
  weight: 5,
  metric: 'integration-credentials',
  requirement: 'shall',
  frameworks: { nist80053: ['SC-8', 'SC-8(1)'] },
  sources: ['remoteSites'],
  evaluate: ({ remoteSites }) => {
    const active = remoteSites.records.filter((site) => site.IsActive);
    const weak = active.flatMap((site) => {
      const problems = [
        ...(/^http:\/\//i.test(site.EndpointUrl.trim()) ? ['uses http://'] : []),
        ...(site.DisableProtocolSecurity ? ['protocol security disabled'] : []),
      ];
      return problems.length ? [{ id: site.Id, name: site.SiteName, kind: 'remoteSite', detail: `${site.EndpointUrl} · ${problems.join(', ')}` }] : [];
    });
    const incomplete = !remoteSites.complete;
    const notes = incomplete ? [partialNote(remoteSites, 'remote site settings')] : [];
    if (weak.length === 0) {
      if (incomplete) return unknown(`No insecure remote site was found so far. ${notes[0]}`, { notes });
      if (active.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No remote site setting is active.' });
      return compliant({ actual: 0, expected: 0, reason: `All ${count(active.length, 'active remote site')} use HTTPS with protocol security on.` });
    }
    return shareVerdict(active.length - weak.length, active.length, {
      actual: weak.length,
      expected: 0,
      reason:
        `${weak.length} of ${count(active.length, 'active remote site')} ${weak.length === 1 ? 'is' : 'are'} insecure: ` +
        `${nameList(weak.map((site) => `${site.name} (${site.detail.split(' · ')[1]})`))}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(weak),
    });
  },
  remediation: {
    summary: 'Point remote sites at https:// endpoints and clear "Disable Protocol Security".',
    steps: [
      { text: 'Open Setup → Remote Site Settings and edit each listed site', page: 'remoteSites' },
      { text: 'Change the URL to https:// and clear "Disable Protocol Security"', page: 'remoteSites', anchor: 'disableProtocolSecurity' },
      { text: 'Deactivate remote sites that are no longer called', page: 'remoteSites' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'remoteSites' },
    ],
    references: [references.remoteSitesHelp, references.remoteProxy],
  },
});

export const integrationControls: Control[] = [certificateExpiry, insecureRemoteSites];
