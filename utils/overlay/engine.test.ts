// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOverlay } from './engine';
import type { Badge, OverlayRequest, OverlayState } from './protocol';
import { fakeContext, fakeTransport, passwordBadge } from './testing';

const complexity: Badge = {
  ...passwordBadge,
  controlId: 'SF.PWD.2v1',
  anchorKey: 'passwordComplexity',
  locator: { kind: 'label', texts: ['Password complexity requirement'] },
  status: 'partial',
  severity: 'medium',
  title: 'Passwords mix letters, numbers and symbols',
  points: 3.4,
};
const historyBadge: Badge = {
  ...passwordBadge,
  controlId: 'SF.PWD.3v1',
  anchorKey: 'passwordHistory',
  locator: { kind: 'label', texts: ['Enforce password history'] },
  status: 'compliant',
  severity: 'low',
  title: 'Old passwords cannot be reused',
  points: 0,
};
const lifetime: Badge = {
  ...passwordBadge,
  controlId: 'SF.PWD.4v1',
  anchorKey: 'minimumPasswordLifetime',
  locator: { kind: 'label', texts: ['Require a minimum 1 day password lifetime'] },
  title: 'Passwords live at least one day',
};

const row = (text: string, id: string) =>
  `<tr><td class="labelCol"><label for="${id}">${text}</label></td><td class="dataCol"><select id="${id}"><option>x</option></select></td></tr>`;
const passwordPage = (salt = 'a') =>
  `<h2 class="mainTitle">Password Policies</h2><table class="detailList"><tbody>${row('Enforce password history', `j_id0:${salt}1`)}${row('Minimum password length', `j_id0:${salt}2`)}${row('Password complexity requirement', `j_id0:${salt}3`)}</tbody></table>`;

function ready(badges: Badge[], extra: Partial<Extract<OverlayState, { state: 'ready' }>> = {}): OverlayState {
  return { state: 'ready', instanceKey: 'sf:00D', pageKey: 'passwordPolicies', pageTitle: 'Password Policies', badges, ...extra };
}

let state: OverlayState;
let walkthroughAnswer: unknown;
let transport: ReturnType<typeof fakeTransport>;
let ctx: ReturnType<typeof fakeContext>;

function start() {
  transport = fakeTransport((message) => (message.type === 'overlay/state' ? state : message.type === 'overlay/walkthrough' ? walkthroughAnswer : undefined));
  ctx = fakeContext();
  return startOverlay(ctx, transport, { settleMs: 40, maxSettleMs: 400 });
}

const hosts = () => [...document.querySelectorAll('posture-lens-badge')] as HTMLElement[];
const hostFor = (controlId: string) => document.querySelector(`posture-lens-badge[data-control-id="${controlId}"]`) as HTMLElement | null;
const reports = () => transport.sent.filter((message): message is Extract<OverlayRequest, { type: 'overlay/anchors' }> => message.type === 'overlay/anchors');
const banner = () => document.querySelector('posture-lens-banner')?.shadowRoot ?? null;
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

beforeEach(() => {
  document.body.innerHTML = passwordPage();
  state = ready([passwordBadge, complexity, historyBadge, lifetime]);
  walkthroughAnswer = { opened: true };
});

afterEach(() => {
  ctx?.invalidate();
  document.body.innerHTML = '';
});

describe('startOverlay', () => {
  it('asks for the state of this URL and draws nothing when idle', async () => {
    state = { state: 'idle', reason: 'not connected' };
    await start().refresh();
    expect(transport.sent[0]).toEqual({ type: 'overlay/state', url: location.href });
    expect(hosts()).toHaveLength(0);
    expect(banner()).toBeNull();
  });

  it('ignores an answer that is not a valid state', async () => {
    state = { state: 'ready', badges: 'nope' } as unknown as OverlayState;
    await start().refresh();
    expect(hosts()).toHaveLength(0);
  });

  it('puts each badge right after its setting’s control', async () => {
    await start().refresh();
    expect(hosts()).toHaveLength(3);
    expect(document.getElementById('j_id0:a2')?.nextElementSibling).toBe(hostFor('SF.PWD.1v1'));
    expect(document.getElementById('j_id0:a3')?.nextElementSibling).toBe(hostFor('SF.PWD.2v1'));
    expect(hostFor('SF.PWD.1v1')?.shadowRoot?.querySelector('button')?.getAttribute('aria-label')).toContain('non-compliant, high severity');
  });

  it('reports found and missing anchors once the page settles', async () => {
    await start().refresh();
    await vi.waitFor(() => expect(reports()).toHaveLength(1));
    expect(reports()[0]).toEqual({
      type: 'overlay/anchors',
      url: location.href,
      pageKey: 'passwordPolicies',
      found: ['minimumPasswordLength', 'passwordComplexity', 'passwordHistory'],
      missing: ['minimumPasswordLifetime'],
    });
  });

  it('reports at once when every anchor is found, and only once for the same result', async () => {
    state = ready([passwordBadge]);
    const overlay = start();
    await overlay.refresh();
    await overlay.refresh();
    expect(reports()).toEqual([expect.objectContaining({ found: ['minimumPasswordLength'], missing: [] })]);
  });

  it('puts a badge back when the page re-renders its row', async () => {
    await start().refresh();
    document.querySelector('table')!.outerHTML = passwordPage('b').replace(/<h2[^>]*>.*?<\/h2>/, '');
    expect(hostFor('SF.PWD.1v1')?.isConnected ?? false).toBe(false);
    await vi.waitFor(() => expect(hosts()).toHaveLength(3));
    expect(document.getElementById('j_id0:b2')?.nextElementSibling).toBe(hostFor('SF.PWD.1v1'));
    expect(document.getElementById('j_id0:b3')?.nextElementSibling).toBe(hostFor('SF.PWD.2v1'));
  });

  it('places the badge of a setting that appears later, and reports it found', async () => {
    await start().refresh();
    await vi.waitFor(() => expect(reports()).toHaveLength(1));
    const appeared = performance.now();
    document.querySelector('tbody')!.insertAdjacentHTML('beforeend', row('Require a minimum 1 day password lifetime', 'late'));
    await vi.waitFor(() => expect(hostFor('SF.PWD.4v1')).not.toBeNull(), { interval: 5 });
    expect(document.getElementById('late')?.nextElementSibling).toBe(hostFor('SF.PWD.4v1'));
    expect(performance.now() - appeared).toBeLessThan(200);
    await vi.waitFor(() => expect(reports().at(-1)?.missing).toEqual([]));
  });

  it('stops putting a badge back after the page removed it 20 times', async () => {
    state = ready([passwordBadge]);
    await start().refresh();
    let removals = 0;
    for (let attempt = 1; attempt <= 25; attempt++) {
      const host = hostFor('SF.PWD.1v1');
      if (!host) break;
      host.remove();
      removals += 1;
      await frame();
    }
    // Put back after each of the first 20 removals, left out after the 21st.
    expect(removals).toBe(21);
    expect(hostFor('SF.PWD.1v1')).toBeNull();
    await vi.waitFor(() => expect(reports().at(-1)?.missing).toEqual(['minimumPasswordLength']));
  });

  it('removes old badges when the state changes', async () => {
    const overlay = start();
    await overlay.refresh();
    const kept = hostFor('SF.PWD.2v1');
    expect(hostFor('SF.PWD.3v1')).not.toBeNull();
    state = ready([{ ...passwordBadge, status: 'compliant', points: 0 }, complexity]);
    transport.command({ type: 'overlay/refresh' });
    await vi.waitFor(() => expect(hostFor('SF.PWD.3v1')).toBeNull());
    expect(hosts()).toHaveLength(2);
    expect(hostFor('SF.PWD.1v1')?.shadowRoot?.querySelector('.text')?.textContent).toBe('OK');
    expect(hostFor('SF.PWD.2v1')).toBe(kept);
  });

  it('follows single-page navigation: clears the page and asks again for the new URL', async () => {
    await start().refresh();
    state = { state: 'idle', reason: 'not a checked page' };
    history.pushState({}, '', '/lightning/setup/SecuritySession/home');
    window.dispatchEvent(new Event('wxt:locationchange'));
    expect(hosts()).toHaveLength(0);
    await vi.waitFor(() => expect(transport.sent.at(-1)).toEqual({ type: 'overlay/state', url: location.href }));
    expect(location.pathname).toBe('/lightning/setup/SecuritySession/home');
  });

  it('asks for the URL the navigation goes to, even when the event fires before the location changes', async () => {
    await start().refresh();
    const event = Object.assign(new Event('wxt:locationchange'), { newUrl: new URL('/admin/access/policies', location.href) });
    window.dispatchEvent(event);
    await vi.waitFor(() => expect(transport.sent.at(-1)).toEqual({ type: 'overlay/state', url: new URL('/admin/access/policies', location.href).href }));
    expect(location.pathname).not.toBe('/admin/access/policies');
  });

  it('stops listening and removes its badges when the content script is invalidated', async () => {
    await start().refresh();
    ctx.invalidate();
    expect(hosts()).toHaveLength(0);
    expect(transport.listeners.size).toBe(0);
  });

  it('sends "Fix it step by step" to the service worker and explains when the panel could not open', async () => {
    walkthroughAnswer = { opened: false };
    await start().refresh();
    const root = hostFor('SF.PWD.1v1')!.shadowRoot!;
    (root.querySelector('button') as HTMLButtonElement).click();
    (root.querySelector('.fix') as HTMLButtonElement).click();
    await vi.waitFor(() => expect((root.querySelector('.hint') as HTMLElement).hidden).toBe(false));
    expect(transport.sent).toContainEqual({ type: 'overlay/walkthrough', controlId: 'SF.PWD.1v1' });
  });
});

describe('page banner', () => {
  it('counts risky settings found on the page and their points', async () => {
    await start().refresh();
    // The missing lifetime setting and the compliant history setting are left out.
    expect(banner()?.querySelector('.text')?.textContent).toBe('2 risky settings on this page — 11 points');
    const host = document.querySelector('posture-lens-banner') as HTMLElement;
    expect(host.parentElement).toBe(document.body);
    expect(host.getAttribute('style')).toContain('position:fixed');
  });

  it('is not shown when nothing on the page is risky', async () => {
    state = ready([historyBadge]);
    await start().refresh();
    expect(hosts()).toHaveLength(1);
    expect(banner()).toBeNull();
  });

  it('"Next" takes the admin to each risky badge in page order', async () => {
    await start().refresh();
    const next = banner()!.querySelector('.next') as HTMLButtonElement;
    next.click();
    expect(document.activeElement).toBe(hostFor('SF.PWD.1v1'));
    expect(hostFor('SF.PWD.1v1')!.shadowRoot!.activeElement?.localName).toBe('button');
    next.click();
    expect(document.activeElement).toBe(hostFor('SF.PWD.2v1'));
    next.click();
    expect(document.activeElement).toBe(hostFor('SF.PWD.1v1'));
  });

  it('stays dismissed for this page, in memory only', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const overlay = start();
    await overlay.refresh();
    (banner()!.querySelector('.dismiss') as HTMLButtonElement).click();
    expect(banner()).toBeNull();
    await overlay.refresh();
    state = ready([passwordBadge]);
    await overlay.refresh();
    expect(banner()).toBeNull();
    expect(setItem).not.toHaveBeenCalled();
    setItem.mockRestore();
  });
});

describe('highlight', () => {
  it('outlines the setting’s row and focuses its badge on overlay/highlight', async () => {
    await start().refresh();
    transport.command({ type: 'overlay/highlight', anchorKey: 'passwordComplexity' });
    const host = document.querySelector('posture-lens-highlight') as HTMLElement;
    expect(host.shadowRoot?.querySelector('.box')).not.toBeNull();
    expect(host.getAttribute('style')).toContain('pointer-events:none');
    expect(document.activeElement).toBe(hostFor('SF.PWD.2v1'));
    // The page's own nodes are not restyled.
    expect(document.querySelector('tr[style], td[style], select[style]')).toBeNull();
  });

  it('highlights the anchor the state names once its setting appears', async () => {
    document.body.innerHTML = '';
    state = ready([passwordBadge], { highlight: 'minimumPasswordLength' });
    await start().refresh();
    expect(document.querySelector('posture-lens-highlight')).toBeNull();
    document.body.innerHTML = passwordPage();
    await vi.waitFor(() => expect(document.querySelector('posture-lens-highlight')).not.toBeNull());
    expect(document.activeElement).toBe(hostFor('SF.PWD.1v1'));
  });
});
