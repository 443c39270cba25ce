import { compliant, shareVerdict, unknown, type AffectedEntity, type Control, type Severity } from '@/utils/controls';
import { groupDigits } from '@/utils/evidence';
import { defineServiceNowControl } from '../control';
import type { Certificate, OAuthEntity } from '../model';
import {
  count,
  dayMs,
  dayOf,
  isAre,
  listAffected,
  listLocation,
  nameList,
  scanNow,
  secondsText,
  serviceNowDocs,
  step,
  unreadRows,
  unreadText,
  verifyStep,
  type TableRead,
} from './evidence';

/**
 * OAuth clients of the Application Registry (`oauth_entity`) and X.509 certificates (`sys_certificate`).
 */

// OAuth

/** Registry entries ServiceNow issues tokens for ("OAuth API endpoint for external clients" records have type `client`). */
const activeClients = (entities: readonly OAuthEntity[]) => entities.filter((entity) => entity.active && entity.type.trim().toLowerCase() === 'client');

/** The Application Registry's other kinds of entry: third-party providers ServiceNow signs in to, which issue it no token. */
const providerTypes = new Set(['oauth_provider', 'oidc_provider']);

/** Active entries of a type that is neither: each may be a client whose tokens nobody checked. */
const activeOfUnknownType = (entities: readonly OAuthEntity[]) =>
  entities.filter((entity) => entity.active && entity.type.trim().toLowerCase() !== 'client' && !providerTypes.has(entity.type.trim().toLowerCase()));

const seconds = (n: number) => `${groupDigits(n)} s`;

export const maxAccessTokenSeconds = 1800;
/** "By default, access tokens expire after 30 minutes (1800 seconds)" — Application Registry form, ServiceNow docs. */
export const defaultAccessTokenSeconds = 1800;
export const maxRefreshTokenSeconds = 30 * 86_400;
/** "By default, refresh tokens expire after 100 days (8640000 seconds)" — Application Registry form, ServiceNow docs. */
export const defaultRefreshTokenSeconds = 100 * 86_400;

function clientEntity(entity: OAuthEntity, detail: string): AffectedEntity {
  return { id: entity.sys_id, name: entity.name, kind: 'oauthClient', detail };
}

interface LifespanSpec {
  id: string;
  token: 'access' | 'refresh';
  field: 'access_token_lifespan' | 'refresh_token_lifespan';
  max: number;
  platformDefault: number;
  severity: Severity;
  weight: number;
  rationale: string;
}

function lifespanControl(spec: LifespanSpec): Control {
  const { max, platformDefault, token, field } = spec;
  const defaultMeets = platformDefault <= max;
  const label = token === 'access' ? 'Access Token Lifespan' : 'Refresh Token Lifespan';
  return defineServiceNowControl({
    id: spec.id,
    title: `OAuth clients issue ${token} tokens valid for at most ${secondsText(max)}`,
    description:
      `Checks the ${label} of every active OAuth client in the Application Registry (type client): at most ` +
      `${seconds(max)} (${secondsText(max)}). An empty value means ServiceNow's default of ${seconds(platformDefault)} ` +
      `(${secondsText(platformDefault)}), which ${defaultMeets ? 'meets' : 'does not meet'} the limit. Credit is the share of clients within it.`,
    rationale: spec.rationale,
    severity: spec.severity,
    weight: spec.weight,
    metric: 'third-party-apps',
    requirement: 'shall',
    frameworks: { nist80053: ['AC-12', 'IA-5(13)', 'SC-23'], initiatives: ['zero-trust'] },
    sources: ['oauthEntities'],
    evaluate: ({ oauthEntities }) => {
      const clients = activeClients(oauthEntities.result);
      const expected = `${seconds(max)} or less`;
      const long = clients.flatMap((client) => {
        const value = client[field];
        if (value === null) return defaultMeets ? [] : [{ client, detail: `empty: platform default ${secondsText(platformDefault)} (${seconds(platformDefault)})` }];
        if (value <= 0) return [{ client, detail: `${seconds(value)} is not a valid lifespan` }];
        return value > max ? [{ client, detail: `${secondsText(value)} (${seconds(value)})` }] : [];
      });
      if (long.length > 0) {
        return shareVerdict(clients.length - long.length, clients.length, {
          actual: long.length,
          expected,
          reason:
            `${long.length} of ${count(clients.length, 'active OAuth client')} issue${long.length === 1 ? 's' : ''} ${token} tokens valid longer than ${secondsText(max)}: ` +
            `${nameList(long.map(({ client, detail }) => `${client.name} (${detail})`), long.length, 5)}.`,
          notes: unreadRows(oauthEntities) > 0 ? [`${unreadText(oauthEntities, 'registry entries')}; more clients may be affected.`] : [],
          ...listAffected(long.map(({ client, detail }) => clientEntity(client, `${token} token lifespan ${detail}`))),
        });
      }
      if (unreadRows(oauthEntities) > 0) return unknown(`Every client read is within the limit, but ${unreadText(oauthEntities, 'registry entries')}.`, { actual: 0, expected });
      const untyped = activeOfUnknownType(oauthEntities.result);
      if (untyped.length > 0) {
        return unknown(
          `Every client read is within the limit, but ${nameList(untyped.map((entity) => `${entity.name} (type "${entity.type.slice(0, 40)}")`), untyped.length, 5)} ${isAre(untyped.length)} of no type Posture Lens knows, and may issue tokens.`,
          { actual: 0, expected },
        );
      }
      return compliant({
        actual: 0,
        expected,
        reason: clients.length === 0 ? 'There are no active OAuth clients.' : `All ${count(clients.length, 'active OAuth client')} issue ${token} tokens valid for ${secondsText(max)} or less.`,
      });
    },
    remediation: {
      summary: `Set ${label} to ${seconds(max)} or less on each listed client${defaultMeets ? '' : ' (an empty value means the longer platform default)'}.`,
      steps: [
        step(`Open ${listLocation('oauthRegistry')} and open each listed client`, 'oauthRegistry'),
        step(`Set ${label} to ${max} (seconds) or less; check with the integration's owner that it renews tokens`, 'oauthRegistry'),
        verifyStep('oauthRegistry'),
      ],
      references: [serviceNowDocs.oauthApplications, serviceNowDocs.manageTokens],
    },
  });
}

const accessTokenLifespan = lifespanControl({
  id: 'SN.OAUTH.1v1',
  token: 'access',
  field: 'access_token_lifespan',
  max: maxAccessTokenSeconds,
  platformDefault: defaultAccessTokenSeconds,
  severity: 'medium',
  weight: 4,
  rationale:
    'A bearer access token works for whoever holds it, from anywhere, until it expires. Tokens leak through proxy logs, ' +
    'browser history and debugging sessions; a lifespan of hours or days turns every such leak into a long window of ' +
    'API access that a password reset does not close.',
});

const refreshTokenLifespan = lifespanControl({
  id: 'SN.OAUTH.2v1',
  token: 'refresh',
  field: 'refresh_token_lifespan',
  max: maxRefreshTokenSeconds,
  platformDefault: defaultRefreshTokenSeconds,
  severity: 'medium',
  weight: 5,
  rationale:
    'A refresh token mints new access tokens without the user: stolen from a laptop or an integration\'s config, it gives ' +
    'months of API access under ServiceNow\'s 100-day default, and nobody is prompted to log in again in the meantime.',
});

/** Loopback redirects are how native apps receive codes (RFC 8252 §7.3); they never leave the device. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a redirect URL is unsafe, or undefined when it is fine. */
export function unsafeRedirect(url: string): string | undefined {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  // A redirect URL is absolute: one without a scheme is cut short or mangled, and nobody can say where it sends the code.
  if (scheme === undefined) return 'no URL scheme';
  if (scheme === 'javascript' || scheme === 'data' || scheme === 'file') return `${scheme}: URL`;
  if (scheme !== 'http') return undefined;
  let host: string;
  try {
    host = new URL(trimmed).hostname.toLowerCase();
  } catch {
    return 'unencrypted http:// URL';
  }
  return loopbackHosts.has(host) || /^127\./.test(host) ? undefined : 'unencrypted http:// URL';
}

const redirectUrls = (entity: OAuthEntity) =>
  entity.redirect_url
    .split(/[,\s]+/)
    .map((url) => url.trim())
    .filter((url) => url !== '');

const httpsRedirects = defineServiceNowControl({
  id: 'SN.OAUTH.3v1',
  title: 'OAuth redirect URLs use https',
  description:
    'Splits the comma-separated Redirect URL of every active Application Registry entry and lists entries with a plain ' +
    'http:// URL (loopback addresses such as http://localhost excepted, as RFC 8252 allows for native apps) or a ' +
    'javascript:, data: or file: URL. Credit is the share of entries whose redirect URLs are all safe.',
  rationale:
    'The authorization code — and with the implicit grant the token itself — travels to the redirect URL. Over plain ' +
    'http anyone on the network path (café Wi-Fi, a compromised proxy) reads it and redeems it for API access as the user.',
  severity: 'medium',
  weight: 4,
  metric: 'third-party-apps',
  requirement: 'shall',
  frameworks: { nist80053: ['SC-8', 'SC-8(1)', 'SC-23'] },
  sources: ['oauthEntities'],
  evaluate: ({ oauthEntities }) => {
    const entities = oauthEntities.result.filter((entity) => entity.active && redirectUrls(entity).length > 0);
    const unsafe = entities.flatMap((entity) => {
      const bad = redirectUrls(entity).flatMap((url) => {
        const why = unsafeRedirect(url);
        return why ? [`${url} (${why})`] : [];
      });
      return bad.length ? [{ entity, bad }] : [];
    });
    const expected = 'https redirect URLs only';
    if (unsafe.length > 0) {
      return shareVerdict(entities.length - unsafe.length, entities.length, {
        actual: unsafe.length,
        expected,
        reason:
          `${unsafe.length} of ${count(entities.length, 'active OAuth entry', 'active OAuth entries')} with redirect URLs ${isAre(unsafe.length)} not https-only: ` +
          `${nameList(unsafe.map(({ entity, bad }) => `${entity.name} (${bad.join(', ')})`), unsafe.length, 5)}.`,
        notes: unreadRows(oauthEntities) > 0 ? [`${unreadText(oauthEntities, 'registry entries')}; more may be affected.`] : [],
        ...listAffected(unsafe.map(({ entity, bad }) => clientEntity(entity, `redirect ${bad.join(', ')}`))),
      });
    }
    if (unreadRows(oauthEntities) > 0) return unknown(`Every entry read redirects over https, but ${unreadText(oauthEntities, 'registry entries')}.`, { actual: 0, expected });
    return compliant({
      actual: 0,
      expected,
      reason: entities.length === 0 ? 'No active OAuth entry has a redirect URL.' : `All ${count(entities.length, 'active OAuth entry', 'active OAuth entries')} with redirect URLs use https.`,
    });
  },
  remediation: {
    summary: 'Change every listed redirect URL to https (or remove it), and update the client application to match.',
    steps: [
      step(`Open ${listLocation('oauthRegistry')} and open each listed entry`, 'oauthRegistry'),
      step('Replace each http:// Redirect URL with its https:// equivalent, or remove URLs no longer used', 'oauthRegistry'),
      verifyStep('oauthRegistry'),
    ],
    references: [serviceNowDocs.oauthApplications],
  },
});

// Certificates

export const certificateWarningDays = 30;
const hasNoDate = (n: number) => (n === 1 ? 'has no expiry date' : 'have no expiry date');

interface Dated {
  certificate: Certificate;
  expiresAt: number;
}

/**
 * Active certificates split by expiry. The source reads them `ORDERBYexpires`, so when it is truncated every unread
 * certificate expires no earlier than the last one read: `unreadAfter` is that bound (undefined when nothing is unread).
 */
function byExpiry(certificates: TableRead<Certificate>) {
  const active = certificates.result.filter((certificate) => certificate.active);
  const dated: Dated[] = [];
  const undated: Certificate[] = [];
  for (const certificate of active) {
    if (certificate.expires) dated.push({ certificate, expiresAt: Date.parse(certificate.expires) });
    else undated.push(certificate);
  }
  const last = certificates.result[certificates.result.length - 1];
  const unreadAfter = unreadRows(certificates) > 0 ? (last?.expires ? Date.parse(last.expires) : Number.NEGATIVE_INFINITY) : undefined;
  return { dated, undated, unreadAfter };
}

const daysLeftText = (expiresAt: number, now: number) => {
  const days = Math.floor((expiresAt - now) / dayMs);
  if (expiresAt <= now) return `expired ${dayOf(new Date(expiresAt).toISOString())} (${count(Math.floor((now - expiresAt) / dayMs), 'day')} ago)`;
  return `expires ${dayOf(new Date(expiresAt).toISOString())} (in ${count(days, 'day')})`;
};

function certificateEntity({ certificate, expiresAt }: Dated, now: number): AffectedEntity {
  return { id: certificate.sys_id, name: certificate.name, kind: 'certificate', detail: [daysLeftText(expiresAt, now), certificate.type].filter(Boolean).join(' · ') };
}

const certificateSteps = (action: string) => [
  step(`Open ${listLocation('certificates')} and sort by Expires`, 'certificates'),
  step(action, 'certificates'),
  verifyStep('certificates'),
];

const expiringCertificates = defineServiceNowControl({
  id: 'SN.CERT.1v1',
  title: `No active certificate expires within ${certificateWarningDays} days`,
  description:
    `Lists active X.509 certificates that expire within ${certificateWarningDays} days of the scan, with their dates. ` +
    'Credit is the share of unexpired certificates outside that window; certificates already expired are counted in the ' +
    'text and judged by SN.CERT.2v1. A certificate without an expiry date cannot be decided.',
  rationale:
    'An expiring certificate breaks SAML logins, MID Server and outbound TLS integrations on the day it lapses; the ' +
    'emergency fix is often to disable validation or trust-all, which stays in place long after and opens the door to ' +
    'interception.',
  severity: 'medium',
  weight: 4,
  metric: 'integration-credentials',
  requirement: 'should',
  frameworks: { nist80053: ['SC-12', 'SC-17', 'IA-5(2)'] },
  sources: ['certificates', 'scanTime'],
  evaluate: ({ certificates, scanTime }) => {
    const now = scanNow(scanTime);
    const windowEnd = now + certificateWarningDays * dayMs;
    const { dated, undated, unreadAfter } = byExpiry(certificates);
    const expired = dated.filter((entry) => entry.expiresAt <= now);
    const valid = dated.filter((entry) => entry.expiresAt > now);
    const soon = valid.filter((entry) => entry.expiresAt <= windowEnd);
    const expected = `none expiring within ${certificateWarningDays} days`;
    const expiredText = expired.length ? ` ${count(expired.length, 'more certificate')} ${expired.length === 1 ? 'has' : 'have'} already expired (see SN.CERT.2v1).` : '';
    const notes = [
      ...(undated.length ? [`${count(undated.length, 'certificate')} ${hasNoDate(undated.length)}: ${nameList(undated.map((c) => c.name), undated.length)}.`] : []),
      ...(unreadAfter !== undefined ? [`${unreadText(certificates, 'certificates')}; they expire no earlier than the last one read.`] : []),
    ];
    if (soon.length > 0) {
      return shareVerdict(valid.length - soon.length, valid.length, {
        actual: soon.length,
        expected,
        reason:
          `${soon.length} of ${count(valid.length, 'valid certificate')} expire${soon.length === 1 ? 's' : ''} within ${certificateWarningDays} days: ` +
          `${nameList(soon.map((entry) => `${entry.certificate.name} (${daysLeftText(entry.expiresAt, now)})`), soon.length, 5)}.${expiredText}`,
        notes,
        ...listAffected(soon.map((entry) => certificateEntity(entry, now))),
      });
    }
    if (unreadAfter !== undefined && unreadAfter <= windowEnd) {
      return unknown(`No certificate read expires within ${certificateWarningDays} days, but ${unreadText(certificates, 'certificates')} and they may.${expiredText}`, { actual: 0, expected, notes });
    }
    if (undated.length > 0) {
      return unknown(`${count(undated.length, 'active certificate')} ${hasNoDate(undated.length)}, so whether ${undated.length === 1 ? 'it expires' : 'they expire'} soon cannot be told: ${nameList(undated.map((c) => c.name), undated.length)}.${expiredText}`, {
        actual: 0,
        expected,
        ...listAffected(undated.map((c) => ({ id: c.sys_id, name: c.name, kind: 'certificate', detail: 'no expiry date' }))),
      });
    }
    return compliant({
      actual: 0,
      expected,
      reason:
        dated.length === 0
          ? 'There are no active certificates, so none can expire.'
          : valid.length === 0
            ? `No active certificate is still valid: ${count(expired.length, 'certificate')} already expired (see SN.CERT.2v1).`
            : `None of the ${count(valid.length, 'valid active certificate')} expires within ${certificateWarningDays} days.${expiredText}`,
      notes,
    });
  },
  remediation: {
    summary: 'Renew each listed certificate and upload the new one before the old one expires.',
    steps: certificateSteps('Request a renewed certificate from its issuer, upload it as a new record, switch the integration or SSO configuration to it, then deactivate the old one'),
    references: [serviceNowDocs.securityMetrics, serviceNowDocs.certificateTrust],
  },
});

const expiredCertificates = defineServiceNowControl({
  id: 'SN.CERT.2v1',
  title: 'No expired certificate is still active',
  description:
    'Lists active X.509 certificates whose expiry date is before the scan. Credit is the share of dated active certificates that are still valid.',
  rationale:
    'An expired certificate left active is either dead weight in a trust store — a CA nobody should trust any more, whose ' +
    'key may since have leaked — or a sign that an integration already fails or runs with validation turned off.',
  severity: 'medium',
  weight: 3,
  metric: 'integration-credentials',
  requirement: 'should',
  frameworks: { nist80053: ['SC-12', 'SC-17', 'IA-5(2)'] },
  sources: ['certificates', 'scanTime'],
  evaluate: ({ certificates, scanTime }) => {
    const now = scanNow(scanTime);
    const { dated, undated, unreadAfter } = byExpiry(certificates);
    const expired = dated.filter((entry) => entry.expiresAt <= now);
    const expected = 'no expired active certificate';
    if (expired.length > 0) {
      return shareVerdict(dated.length - expired.length, dated.length, {
        actual: expired.length,
        expected,
        reason:
          `${expired.length} of ${count(dated.length, 'active certificate')} ${expired.length === 1 ? 'has' : 'have'} expired: ` +
          `${nameList(expired.map((entry) => `${entry.certificate.name} (${daysLeftText(entry.expiresAt, now)})`), expired.length, 5)}.`,
        notes: undated.length ? [`${count(undated.length, 'certificate')} ${hasNoDate(undated.length)}.`] : [],
        ...listAffected(expired.map((entry) => certificateEntity(entry, now))),
      });
    }
    if (unreadAfter !== undefined && unreadAfter <= now) {
      return unknown(`No certificate read has expired, but ${unreadText(certificates, 'certificates')} and they may have.`, { actual: 0, expected });
    }
    if (undated.length > 0) {
      return unknown(`${count(undated.length, 'active certificate')} ${hasNoDate(undated.length)}: ${nameList(undated.map((c) => c.name), undated.length)}.`, {
        actual: 0,
        expected,
        ...listAffected(undated.map((c) => ({ id: c.sys_id, name: c.name, kind: 'certificate', detail: 'no expiry date' }))),
      });
    }
    return compliant({
      actual: 0,
      expected,
      reason: dated.length === 0 ? 'There are no active certificates.' : `All ${count(dated.length, 'active certificate')} are within their validity period.`,
    });
  },
  remediation: {
    summary: 'Deactivate or delete each listed expired certificate, after replacing it wherever it is still referenced.',
    steps: certificateSteps('Open each listed certificate, check where it is used (SSO, outbound REST, MID Server), replace it there, then clear Active or delete it'),
    references: [serviceNowDocs.securityMetrics, serviceNowDocs.certificateTrust],
  },
});

export const integrationControls: Control[] = [accessTokenLifespan, refreshTokenLifespan, httpsRedirects, expiringCertificates, expiredCertificates];
