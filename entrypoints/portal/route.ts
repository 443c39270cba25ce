import { useEffect, useState } from 'react';

/** The portal's views, in the order of the left navigation. */
export const views = [
  { id: 'initiative', title: 'SaaS Security Initiative', short: 'Initiative' },
  { id: 'initiatives', title: 'Other initiatives', short: 'Initiatives' },
  { id: 'recommendations', title: 'Recommendations', short: 'Recommendations' },
  { id: 'instances', title: 'Instances', short: 'Instances' },
  { id: 'apps', title: 'Third-party apps', short: 'Third-party apps' },
  { id: 'exceptions', title: 'Exceptions', short: 'Exceptions' },
  { id: 'history', title: 'History & drift', short: 'History & drift' },
  { id: 'exports', title: 'Exports', short: 'Exports' },
] as const;
export type ViewId = (typeof views)[number]['id'];

export interface Route {
  view: ViewId;
  params: URLSearchParams;
}

/** `#/recommendations?metric=authentication` → the view and its parameters; anything else → the initiative. */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = views.find((candidate) => candidate.id === path)?.id ?? 'initiative';
  return { view, params: new URLSearchParams(query) };
}

export function hrefFor(view: ViewId, params?: URLSearchParams | Record<string, string>): string {
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#/${view}${query ? `?${query}` : ''}`;
}

export function navigate(view: ViewId, params?: URLSearchParams | Record<string, string>): void {
  location.hash = hrefFor(view, params);
}

/** The route in the address bar's hash: deep links, Back and Forward work between views. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
