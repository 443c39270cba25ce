import { hardeningCatalog } from './hardening-catalog';
import { checkProperties, hardeningChecks } from './hardening-checks';

/** Properties the non-hardening controls and the instance name read, besides the hardening catalog's. */
export const extraProperties = [
  'instance_name',
  'glide.product.description',
  'glide.authenticate.multisso.enabled',
  'glide.authentication.external.disable_local_login',
  'glide.authenticate.sso.redirect.idp',
] as const;

/** Every system property a scan reads, each once, in a stable order. */
export const scannedProperties: readonly string[] = [
  ...new Set([
    ...extraProperties,
    ...hardeningCatalog.flatMap((row) => (row.property ? [row.property] : [])),
    ...Object.values(hardeningChecks).flatMap(checkProperties),
  ]),
];

/**
 * The `nameIN…` queries that read `names`: as few as the URL length allows. ServiceNow's front end refuses
 * very long request lines, so each query stays under `maxQueryChars` (about 6.5 KB of URL once encoded, below the 8 KB request line web servers commonly accept).
 */
export function propertyQueries(names: readonly string[], maxQueryChars = 6000): string[] {
  const queries: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const name of names) {
    if (current.length > 0 && length + name.length + 1 > maxQueryChars) {
      queries.push(`nameIN${current.join(',')}`);
      current = [];
      length = 0;
    }
    current.push(name);
    length += name.length + 1;
  }
  if (current.length > 0) queries.push(`nameIN${current.join(',')}`);
  return queries;
}

/** Properties named alone by a hardening setting that must be checked by hand: their rows get a badge too. */
export const manualProperties: readonly string[] = [
  ...new Set(hardeningCatalog.flatMap((row) => (row.comparison === 'manual' && row.config && /^[a-z_][\w.]*$/i.test(row.config) ? [row.config] : []))),
].filter((name) => !scannedProperties.includes(name));
