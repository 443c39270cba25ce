// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type BadgeActions, createBadge, panelHint } from './badge';
import type { Badge } from './protocol';
import { passwordBadge } from './testing';


function mount(badge: Badge = passwordBadge, actions: BadgeActions = { walkthrough: async () => true }) {
  const view = createBadge(document, badge, actions);
  document.body.append(view.host);
  const root = view.host.shadowRoot as ShadowRoot;
  const text = (selector: string) => root.querySelector(selector)?.textContent ?? null;
  return { view, root, text };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('badge', () => {
  it('is a posture-lens-badge host with an open shadow root and a labelled button', () => {
    const { view, root } = mount();
    expect(view.host.localName).toBe('posture-lens-badge');
    expect(view.host.shadowRoot?.mode).toBe('open');
    expect(view.host.getAttribute('style')).toContain('display:inline-block');
    expect(view.button.getAttribute('type')).toBe('button');
    expect(view.button.getAttribute('aria-label')).toBe(
      'HIGH · Posture Lens: Passwords are at least 12 characters long — non-compliant, high severity',
    );
    expect(root.querySelector('.text')?.textContent).toBe('HIGH');
    expect(view.button.className).toContain('high');
  });

  it('says the status in words and with an icon, not by colour alone', () => {
    const word = (badge: Partial<Badge>) => mount({ ...passwordBadge, ...badge }).text('.text');
    expect(word({ status: 'partial' })).toBe('PARTIAL');
    expect(word({ status: 'compliant' })).toBe('OK');
    expect(word({ status: 'exception', exception: 'risk accepted' })).toBe('EXCEPTION');
    expect(word({ status: 'unknown' })).toBe('?');
    const accepted = mount({ ...passwordBadge, status: 'exception', exception: 'risk accepted' });
    expect(accepted.view.button.getAttribute('aria-label')).toContain('exception: risk accepted');
  });

  it('shows reason, actual, expected and points in the tip, as text', () => {
    const { view, text } = mount();
    expect(view.tip.hidden).toBe(true);
    view.host.dispatchEvent(new MouseEvent('mouseenter'));
    expect(view.tip.hidden).toBe(false);
    expect(view.button.getAttribute('aria-expanded')).toBe('true');
    expect(view.tip.getAttribute('role')).toBe('dialog');
    expect(text('.title')).toBe('Passwords are at least 12 characters long');
    expect(text('.reason')).toBe('Passwords may be 8 characters long');
    expect(text('.values')).toBe('Actual: 8 · Expected: 12 or more');
    expect(text('.points')).toBe('+8 points');
  });

  it('never renders finding text as HTML', () => {
    const title = 'Evil <img src=x onerror="window.pwned=1"> app';
    const { root, text } = mount({ ...passwordBadge, title, reason: '<b>bold</b>' });
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(text('.title')).toBe(title);
    expect(text('.reason')).toBe('<b>bold</b>');
  });

  it('shows the directional controls of SaaS text as codes, so a name cannot reverse the rest of the tip', () => {
    const { text } = mount({ ...passwordBadge, reason: 'Stale: Escaped\u2069\u202Eisolate and 2 more', actual: '\u202E8' });
    expect(text('.reason')).toBe('Stale: Escaped[U+2069][U+202E]isolate and 2 more');
    expect(text('.values')).toBe('Actual: [U+202E]8 · Expected: 12 or more');
  });

  it('opens on focus and closes on Escape', () => {
    const { view } = mount();
    view.button.focus();
    expect(view.isOpen()).toBe(true);
    view.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(view.isOpen()).toBe(false);
    expect(view.button.getAttribute('aria-expanded')).toBe('false');
  });

  it('stays open after a click, closes on a second click', () => {
    const { view } = mount();
    view.button.click();
    expect(view.isOpen()).toBe(true);
    view.host.dispatchEvent(new MouseEvent('mouseleave'));
    view.button.click();
    expect(view.isOpen()).toBe(false);
  });

  it('keeps its clicks and keys from reaching the page', () => {
    const { view } = mount();
    const page = vi.fn();
    document.addEventListener('click', page);
    document.addEventListener('keydown', page);
    view.button.click();
    view.button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    document.removeEventListener('click', page);
    document.removeEventListener('keydown', page);
    expect(page).not.toHaveBeenCalled();
  });

  it('"Fix it step by step" asks for the walkthrough of its control', async () => {
    const walkthrough = vi.fn(async () => true);
    const { view, root } = mount(passwordBadge, { walkthrough });
    view.button.click();
    (root.querySelector('.fix') as HTMLButtonElement).click();
    await flush();
    expect(walkthrough).toHaveBeenCalledWith('SF.PWD.1v1');
    expect((root.querySelector('.hint') as HTMLElement).hidden).toBe(true);
  });

  it('tells how to open the side panel when the browser could not open it', async () => {
    const { view, root } = mount(passwordBadge, { walkthrough: async () => false });
    view.button.click();
    (root.querySelector('.fix') as HTMLButtonElement).click();
    await flush();
    const hint = root.querySelector('.hint') as HTMLElement;
    expect(hint.hidden).toBe(false);
    expect(hint.textContent).toBe(panelHint);
    expect(view.isOpen()).toBe(true);
  });
});
