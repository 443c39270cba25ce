import { describe, expect, it } from 'vitest';
import { criticalPathLength, oktaDependencies, salesforceDependencies, serviceNowDependencies, type LoggedRequest } from './critical-path';

const get = (url: string): LoggedRequest => {
  const parsed = new URL(url, 'https://host.example');
  return { method: 'GET', path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) };
};
const post = (path: string): LoggedRequest => ({ method: 'POST', path, query: {} });

describe('critical path of a scan', () => {
  describe('Salesforce', () => {
    it('counts the API version, the batches and each next page of a query', () => {
      const log = [
        get('/services/data/'),
        post('/services/data/v66.0/composite/batch'),
        post('/services/data/v66.0/tooling/composite'),
        post('/services/Soap/m/66.0'),
        get('/services/data/v66.0/query/01gABC-2000'),
        get('/services/data/v66.0/query/01gABC-4000'),
      ];
      expect(criticalPathLength(log, salesforceDependencies)).toBe(4);
      expect(criticalPathLength(log.slice(0, 4), salesforceDependencies)).toBe(2);
      // readMetadata's URL carries the version too.
      expect(criticalPathLength([log[0]!, log[3]!], salesforceDependencies)).toBe(2);
    });

    it('counts a ConnectedApp readMetadata after the batch that named the apps', () => {
      const settings = { ...post('/services/Soap/m/66.0'), body: '<met:readMetadata><met:type>SecuritySettings</met:type><met:fullNames>Security</met:fullNames></met:readMetadata>' };
      const apps = { ...post('/services/Soap/m/66.0'), body: '<met:readMetadata><met:type>ConnectedApp</met:type><met:fullNames>DataLoader_Pro</met:fullNames></met:readMetadata>' };
      const log = [get('/services/data/'), post('/services/data/v66.0/composite/batch'), settings, apps];
      expect(criticalPathLength(log, salesforceDependencies)).toBe(3);
      expect(criticalPathLength(log.slice(0, 3), salesforceDependencies)).toBe(2);
    });

    it('takes a first next page as coming from a batch or from a query read on its own (a retry), whichever is shallower', () => {
      const log = [
        get('/services/data/'),
        post('/services/data/v66.0/composite/batch'),
        get(`/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM User')}`),
        get('/services/data/v66.0/query/01gRETRY-2000'),
      ];
      expect(criticalPathLength(log, salesforceDependencies)).toBe(3);
    });
  });

  describe('Okta', () => {
    it('chains the pages of a listing through their cursors, and a fallback after its 404', () => {
      const log = [
        get('/api/v1/org'),
        get('/api/v1/users?limit=200&search=x'),
        get('/api/v1/users?limit=200&search=x&after=a'),
        get('/api/v1/users?limit=200&search=x&after=b'),
        get('/api/v1/brands?limit=200'),
        get('/api/v1/brands/b1/pages/sign-in/customized'),
        get('/api/v1/brands/b1/pages/sign-in/default'),
      ];
      expect(criticalPathLength(log, oktaDependencies)).toBe(3);
      expect(criticalPathLength([...log, get('/api/v1/users?limit=200&search=x&after=c')], oktaDependencies)).toBe(4);
    });

    it('gives every child read the depth of its parent listing plus one, however the reads were ordered', () => {
      const admins = ['u1', 'u2', 'u3'].flatMap((id) => [get(`/api/v1/users/${id}/roles`), get(`/api/v1/users/${id}`), get(`/api/v1/users/${id}/factors`)]);
      const log = [
        get('/api/v1/iam/assignees/users?limit=100'),
        get('/api/v1/policies?type=PASSWORD&limit=200'),
        get('/api/v1/policies?type=ACCESS_POLICY&limit=200'),
        ...admins,
        get('/api/v1/policies/p1/rules?limit=100'),
        get('/api/v1/policies/p2/rules?limit=100'),
      ];
      expect(criticalPathLength(log, oktaDependencies)).toBe(2);
    });

    it('counts a retry of the same request once', () => {
      const log = [get('/api/v1/brands?limit=200'), get('/api/v1/brands?limit=200'), get('/api/v1/brands/b1/pages/sign-in/customized')];
      expect(criticalPathLength(log, oktaDependencies)).toBe(2);
    });
  });

  describe('ServiceNow', () => {
    it('takes every source as independent, and offset pages as needing only the first page’s total', () => {
      const query = 'sysparm_query=role.nameINadmin&sysparm_limit=1000';
      const log = [
        get('/api/now/table/sys_properties?sysparm_query=nameINa,b'),
        get('/api/now/table/sys_properties?sysparm_query=nameINc,d'),
        get(`/api/now/table/sys_user_has_role?${query}`),
        get(`/api/now/table/sys_user_has_role?${query}&sysparm_offset=1000`),
        get(`/api/now/table/sys_user_has_role?${query}&sysparm_offset=2000`),
        get('/api/now/stats/sys_user?sysparm_count=true'),
      ];
      expect(criticalPathLength(log.slice(0, 3), serviceNowDependencies)).toBe(1);
      expect(criticalPathLength(log, serviceNowDependencies)).toBe(2);
    });
  });
});
