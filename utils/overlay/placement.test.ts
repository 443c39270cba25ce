// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBadge } from './badge';
import { createPlacement } from './placement';
import type { Badge } from './protocol';
import { passwordBadge } from './testing';

const row = (text: string, id: string) => `<tr><td class="labelCol"><label for="${id}">${text}</label></td><td class="dataCol"><select id="${id}"></select></td></tr>`;
const scheduler = {
  setTimeout: (handler: () => void, ms: number) => window.setTimeout(handler, ms),
  requestAnimationFrame: (callback: FrameRequestCallback) => window.requestAnimationFrame(callback),
};

function place(badges: Badge[], options: { fastWindowMs?: number } = {}) {
  const onPass = vi.fn();
  const placement = createPlacement({ doc: document, scheduler, createView: (badge) => createBadge(document, badge, { walkthrough: async () => true }), onPass, ...options });
  placement.set(badges);
  return { placement, onPass };
}

let current: ReturnType<typeof place> | undefined;
afterEach(() => {
  current?.placement.clear();
  document.body.innerHTML = '';
});

describe('placement', () => {
  it('lines up several badges of one setting after it, in order', () => {
    document.body.innerHTML = `<table>${row('Minimum password length', 'm')}</table>`;
    const second = { ...passwordBadge, controlId: 'SF.PWD.9v1' };
    current = place([passwordBadge, second]);
    const select = document.getElementById('m')!;
    expect((select.nextElementSibling as HTMLElement).dataset.controlId).toBe('SF.PWD.1v1');
    expect((select.nextElementSibling!.nextElementSibling as HTMLElement).dataset.controlId).toBe('SF.PWD.9v1');
  });

  it('after the page has settled, still finds an anchor that appears, a little later', async () => {
    document.body.innerHTML = '<table><tbody></tbody></table>';
    current = place([passwordBadge], { fastWindowMs: 0 });
    expect(current.placement.status()).toEqual({ found: [], missing: ['minimumPasswordLength'], pending: true });
    document.querySelector('tbody')!.innerHTML = row('Minimum password length', 'late');
    await vi.waitFor(() => expect(current!.placement.status().found).toEqual(['minimumPasswordLength']), { timeout: 1000, interval: 20 });
    expect(document.getElementById('late')?.nextElementSibling?.localName).toBe('posture-lens-badge');
  });

  it('leaves a page alone once nothing is pending and nothing placed was removed', async () => {
    document.body.innerHTML = `<table>${row('Minimum password length', 'm')}</table>`;
    current = place([passwordBadge]);
    const passes = current.onPass.mock.calls.length;
    document.body.insertAdjacentHTML('beforeend', '<p>unrelated</p>');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(current.onPass.mock.calls.length).toBe(passes);
  });

  it('stops observing on clear', async () => {
    document.body.innerHTML = `<table>${row('Minimum password length', 'm')}</table>`;
    current = place([passwordBadge]);
    current.placement.clear();
    expect(document.querySelector('posture-lens-badge')).toBeNull();
    document.body.innerHTML = `<table>${row('Minimum password length', 'n')}</table>`;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelector('posture-lens-badge')).toBeNull();
  });
});
