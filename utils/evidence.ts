import type { AffectedEntity } from './controls';

/** How every connector's evidence lists and names what is affected. */

/** Most entities one verdict lists; `affectedTotal` carries the full count. */
export const maxAffected = 50;

export const dayMs = 86_400_000;

export function listAffected(entities: AffectedEntity[], total = entities.length) {
  return { affected: entities.slice(0, maxAffected), affectedTotal: total };
}

/** "Ada Byron, Alan Turing, Grace Hopper and 4 more" */
export function nameList(names: string[], total = names.length, shown = 3): string {
  const first = names.slice(0, shown);
  const rest = total - first.length;
  if (first.length === 0) return '';
  if (rest <= 0) {
    return first.length === 1 ? first[0]! : `${first.slice(0, -1).join(', ')} and ${first[first.length - 1]}`;
  }
  return `${first.join(', ')} and ${rest} more`;
}

/**
 * 50000 → "50,000", as en-US groups a whole number, without `toLocaleString`: its first call loads the
 * locale data (tens of milliseconds), and control catalogs format numbers as they load.
 */
export function groupDigits(value: number | bigint): string {
  if (typeof value === 'number' && !Number.isInteger(value)) return value.toLocaleString('en-US');
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 user", "3 users" */
export function count(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
