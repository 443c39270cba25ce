import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateServiceNow, malformedFor } from '../fixtures/evaluate';
import { goodOAuthEntities, goodOAuthScopes, goodOAuthTokens, goodRoster, grants, oauthEntity, oauthScope, oauthToken, snDate, table, tokenHolders, userSpec, users } from '../fixtures/payloads';
import { thirdPartyControls } from './third-party';

const control = (id: string): Control => thirdPartyControls.find((c) => c.id === id)!;

const svc = userSpec('Svc Integration', { web_service_access_only: 'true' });
const ticketSync = oauthEntity({ sys_id: 'oa00ticketsync0000000000000004', name: 'Ticket Sync Connector', sys_created_by: 'bob.builder', 'sys_scope.scope': 'global', 'sys_scope.name': 'Global' });
const legacy = oauthEntity({ sys_id: 'oa00legacyexport00000000000005', name: 'Legacy Export', sys_created_by: 'grace.hopper', 'sys_scope.scope': 'global', 'sys_scope.name': 'Global' });
const withTicketSync = (tokens: Array<Record<string, string>>, entities = [...goodOAuthEntities, ticketSync]) => ({
  oauthEntities: table(entities),
  oauthTokens: table([...goodOAuthTokens, ...tokens]),
  privilegedGrants: table(grants([...goodRoster, [svc, ['admin', 'oauth_admin']]])),
});
/** A refresh token issued `days` ago that lives for a year. */
const longLived = (entity: string, days: number) => oauthToken(entity, tokenHolders.workdaySync, days, { expires: snDate(days - 365) });

describe('SN.OAUTH.4v1 unused clients with live tokens', () => {
  const c = control('SN.OAUTH.4v1');

  it('is compliant when every client holding live tokens issued one recently', () => {
    expect(evaluateServiceNow(c)).toMatchObject({ status: 'compliant', reason: 'All 2 OAuth clients holding live tokens issued one within 90 days.' });
  });

  it('names the client whose newest live token is 120 days old, with share credit', () => {
    const verdict = evaluateServiceNow(c, withTicketSync([longLived(ticketSync.sys_id!, 120), longLived(ticketSync.sys_id!, 200)]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2 / 3);
    expect(verdict.reason).toBe(`1 of 3 OAuth clients holding live tokens has issued none for 90 days: Ticket Sync Connector (2 live tokens, newest issued ${snDate(120).slice(0, 10)} (120 days ago)).`);
    expect(verdict.affected[0]).toMatchObject({ id: ticketSync.sys_id, name: 'Ticket Sync Connector', kind: 'oauthClient' });
  });

  it('is non-compliant when the only client holding tokens is unused', () => {
    const verdict = evaluateServiceNow(c, { oauthEntities: table([legacy]), oauthTokens: table([longLived(legacy.sys_id!, 95)]) });
    expect(verdict.status).toBe('non_compliant');
  });

  it('is unknown, never compliant, when older tokens were left unread', () => {
    expect(evaluateServiceNow(c, { oauthTokens: table(goodOAuthTokens, 9000) }).status).toBe('unknown');
  });

  it('is unknown when a token belongs to no registry entry read', () => {
    const verdict = evaluateServiceNow(c, { oauthTokens: table([...goodOAuthTokens, longLived('oa00gone0000000000000000000000009', 1)]) });
    expect(verdict).toMatchObject({ status: 'unknown', reason: 'Every client read issued a token within 90 days, but not every token could be placed: 1 live token belongs to no registry entry read.' });
  });

  it('is an error when the tokens cannot be parsed', () => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});

describe('SN.OAUTH.5v1 useraccount clients acting as admins', () => {
  const c = control('SN.OAUTH.5v1');

  it('is compliant when the useraccount clients act for no admin', () => {
    expect(evaluateServiceNow(c)).toMatchObject({ status: 'compliant', reason: 'None of the 1 OAuth client with the useraccount scope acts as an admin.' });
  });

  it('names the client and the admin it acts as', () => {
    const verdict = evaluateServiceNow(c, withTicketSync([oauthToken(ticketSync.sys_id!, svc, 1)]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.reason).toBe('1 of 2 OAuth clients with the useraccount scope acts with an admin\'s rights: Ticket Sync Connector (acts as Svc Integration: admin).');
  });

  it('lists a security_admin holder too, and ignores a client with a scope of its own', () => {
    const verdict = evaluateServiceNow(c, {
      ...withTicketSync([oauthToken(ticketSync.sys_id!, users.katherine, 1), oauthToken(goodOAuthEntities[0]!.sys_id!, users.ada, 1)]),
      oauthEntities: table([goodOAuthEntities[0]!, ticketSync]),
    });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('1 of 1 OAuth client with the useraccount scope acts with an admin\'s rights: Ticket Sync Connector (acts as Katherine Johnson: security_admin).');
  });

  it('no longer flags the client once it has a narrow scope', () => {
    const verdict = evaluateServiceNow(c, { ...withTicketSync([oauthToken(ticketSync.sys_id!, svc, 1)]), oauthScopes: table([...goodOAuthScopes, oauthScope(ticketSync.sys_id!, 'ticket_write')]) });
    expect(verdict.status).toBe('compliant');
  });

  it('is unknown when privileged grants were left unread', () => {
    expect(evaluateServiceNow(c, { privilegedGrants: table(grants(goodRoster), 12_000) }).status).toBe('unknown');
  });

  it('is unknown when a token belongs to no registry entry read', () => {
    expect(evaluateServiceNow(c, { oauthTokens: table([...goodOAuthTokens, oauthToken('oa00gone0000000000000000000000009', svc, 1)]) }).status).toBe('unknown');
  });

  it('is an error when a source cannot be parsed', () => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});

describe('SN.OAUTH.6v1 unverified clients reaching privileged roles', () => {
  const c = control('SN.OAUTH.6v1');

  it('is compliant when every client is ServiceNow\'s or an installed application\'s', () => {
    expect(evaluateServiceNow(c)).toMatchObject({ status: 'compliant', reason: 'Every active OAuth client is ServiceNow\'s or part of an installed application.' });
  });

  it('names the path from the locally created client to full administration, and the choke point', () => {
    const verdict = evaluateServiceNow(c, withTicketSync([oauthToken(ticketSync.sys_id!, svc, 1), oauthToken(legacy.sys_id!, svc, 2)], [...goodOAuthEntities, ticketSync, legacy]));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe(
      '2 of 2 OAuth clients of unverified origin reach a privileged role: ' +
        'Legacy Export (created locally by grace.hopper; 2 paths, e.g. Legacy Export → Svc Integration → admin role → Full administration) and ' +
        'Ticket Sync Connector (created locally by bob.builder; 2 paths, e.g. Ticket Sync Connector → Svc Integration → admin role → Full administration).',
    );
    expect(verdict.notes).toEqual(['Choke point: Svc Integration is on 4 paths of 4 to a privileged role; removing it cuts them all.']);
  });

  it('gives partial credit when one unverified client reaches nothing', () => {
    const verdict = evaluateServiceNow(c, withTicketSync([oauthToken(ticketSync.sys_id!, svc, 1), oauthToken(legacy.sys_id!, tokenHolders.fieldTech, 2)], [...goodOAuthEntities, ticketSync, legacy]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
  });

  it('is compliant when the unverified client acts for no privileged user', () => {
    const verdict = evaluateServiceNow(c, withTicketSync([oauthToken(ticketSync.sys_id!, tokenHolders.fieldTech, 1)]));
    expect(verdict).toMatchObject({ status: 'compliant', reason: 'None of the 1 OAuth client of unverified origin reaches a privileged role.' });
  });

  it('is unknown when live tokens were left unread', () => {
    expect(evaluateServiceNow(c, { oauthTokens: table(goodOAuthTokens, 7000) }).status).toBe('unknown');
  });

  it('is unknown, never compliant, when a token and a grant name one user with two sys_ids', () => {
    const verdict = evaluateServiceNow(c, withTicketSync([oauthToken(ticketSync.sys_id!, { ...svc, sys_id: 'svcintegrationother0000a1b2c3d4' }, 1)]));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toBe(
      'No client of unverified origin read reaches a privileged role, but the graph is incomplete: The tokens and the role grants name svc.integration with different sys_ids, so their roles cannot be told. Scan again.',
    );
  });

  it('is an error when a source cannot be parsed', () => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});

describe('SN.OAUTH.7v1 self-authorised clients with the useraccount scope', () => {
  const c = control('SN.OAUTH.7v1');
  const runsAsSvc = { user: svc.sys_id, 'user.user_name': svc.user_name, 'user.name': svc.name, 'user.active': 'true' };

  it('is compliant when the only self-authorised client outside ServiceNow\'s own has a scope of its own', () => {
    expect(evaluateServiceNow(c)).toMatchObject({ status: 'compliant', reason: 'The one OAuth client that users authorise themselves, Workday HR integration, is limited to scopes of its own.' });
  });

  it('names the locally created client any user may hand all their rights, with share credit', () => {
    const verdict = evaluateServiceNow(c, { oauthEntities: table([...goodOAuthEntities, ticketSync]) });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 2);
    expect(verdict.reason).toBe(
      '1 of 2 OAuth clients that users authorise themselves gets every right of whoever allows it (useraccount): Ticket Sync Connector (created locally by bob.builder; no scope of its own).',
    );
    expect(verdict.affected[0]).toMatchObject({ id: ticketSync.sys_id, name: 'Ticket Sync Connector', kind: 'oauthClient' });
  });

  it('is non-compliant when every self-authorised client asks for useraccount', () => {
    const verdict = evaluateServiceNow(c, { oauthEntities: table([goodOAuthEntities[1]!, ticketSync, legacy]), oauthScopes: table([]) });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe(
      '2 of 2 OAuth clients that users authorise themselves get every right of whoever allows them (useraccount): ' +
        'Ticket Sync Connector (created locally by bob.builder; no scope of its own) and Legacy Export (created locally by grace.hopper; no scope of its own).',
    );
  });

  it('leaves out a client-credentials client that runs as one user an admin set, and ServiceNow\'s own clients', () => {
    const verdict = evaluateServiceNow(c, { oauthEntities: table([goodOAuthEntities[1]!, { ...ticketSync, ...runsAsSvc }]), oauthScopes: table([]) });
    expect(verdict).toMatchObject({ status: 'compliant', reason: 'No active OAuth client outside ServiceNow\'s own is authorised by users themselves.' });
  });

  it('no longer flags the client once it has a scope of its own', () => {
    const verdict = evaluateServiceNow(c, { oauthEntities: table([...goodOAuthEntities, ticketSync]), oauthScopes: table([...goodOAuthScopes, oauthScope(ticketSync.sys_id!, 'ticket_write')]) });
    expect(verdict.status).toBe('compliant');
  });

  it('is unknown, never compliant, when the user a client runs as could not be read', () => {
    const verdict = evaluateServiceNow(c, { oauthEntities: table([goodOAuthEntities[1]!, { ...ticketSync, user: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }]), oauthScopes: table([]) });
    expect(verdict).toMatchObject({
      status: 'unknown',
      reason:
        'No self-authorised client read asks for useraccount, but not every entry or scope was read: The OAuth Application User of Ticket Sync Connector ' +
        '(sys_id AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) names no user that was read, so whom it runs as, and who may authorise it, is unknown. Scan again.',
    });
  });

  it('is unknown, never compliant, when scopes were left unread', () => {
    expect(evaluateServiceNow(c, { oauthScopes: table(goodOAuthScopes, 4000) }).status).toBe('unknown');
  });

  it('is an error when a source cannot be parsed', () => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});
