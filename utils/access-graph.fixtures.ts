import type { ThirdPartyApp } from './access-graph';

/** A used, admin-approved, verified app with one narrow scope: each test overrides what it is about. */
export function thirdPartyApp(id: string, overrides: Partial<ThirdPartyApp> = {}): ThirdPartyApp {
  return {
    id,
    name: id,
    kind: 'Connected app',
    publisher: 'Acme Tools',
    reputation: 'verified',
    scopes: ['openid'],
    broadScopes: [],
    authorization: 'admin_approved',
    lastUsed: '2026-11-30T00:00:00Z',
    liveTokens: 1,
    createdAt: '2025-01-01T00:00:00Z',
    facts: [],
    risks: [],
    ...overrides,
  };
}
