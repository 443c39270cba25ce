// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/components/db';
import { exception, finding, instance, scan } from './fixtures';
import { Portal } from './Portal';
import { views } from './route';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;
const sent: unknown[] = [];

async function settle(times = 8) {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
}

async function show(hash: string) {
  await act(async () => {
    location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  await settle();
  // A view loaded on first use (the apps view) shows its heading once its code has arrived.
  for (let tries = 0; tries < 100 && !container.querySelector('h1'); tries++) await settle(1);
}

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  sent.length = 0;
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    sent.push(message);
    const type = (message as { type: string }).type;
    if (type === 'instance/tabs') return { tabIds: [] };
    return { ok: true };
  });
  container = document.createElement('div');
  document.body.append(container);
  location.hash = '';
  root = createRoot(container);
  await act(async () => root.render(<Portal />));
  await settle();
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

describe('the portal with no instance', () => {
  it('renders every view with what to do next', async () => {
    expect(container.querySelector('[data-testid="initiative-score"]')?.textContent).toBe('—');
    for (const view of views) {
      await show(`#/${view.id}`);
      expect(container.querySelector('h1')?.textContent).toBe(view.title);
      const current = container.querySelector('nav a[aria-current="page"]');
      expect(current?.getAttribute('href')).toBe(`#/${view.id}`);
      if (view.id !== 'exports') expect(container.textContent).toContain('Connect an instance from the toolbar popup on its admin page');
    }
  });
});

describe('the portal with two instances', () => {
  beforeEach(async () => {
    const acme = instance('salesforce:acme');
    const globex = instance('salesforce:globex');
    await db.instances.bulkPut([acme, globex]);
    await db.scans.bulkPut([scan(acme.key), scan(globex.key)]);
    await db.findings.bulkPut([
      finding(acme.key, 'SF.AUTH.1v1', { weight: 9, affected: [{ id: '005A', name: 'Grace Hopper' }, { id: '005B', name: 'Alan Turing' }] }),
      finding(acme.key, 'SF.BROW.7v1', { metric: 'browser-protections', status: 'compliant' }),
      finding(globex.key, 'SF.AUTH.1v1', { weight: 9 }),
    ]);
    await db.exceptions.put(exception(globex.key, 'SF.AUTH.1v1', { expiresAt: '2020-01-01T00:00:00.000Z' }));
    await settle();
  });

  it('shows the initiative score, the metrics and the target input', async () => {
    expect(container.querySelector('[data-testid="initiative-score"]')?.textContent).toMatch(/%$/);
    expect(container.querySelector('[data-testid="metric-row-authentication"]')).not.toBeNull();
    expect(container.querySelectorAll('[data-testid^="metric-row-"]')).toHaveLength(12);
    expect(container.querySelector('[data-testid="target-input"]')).not.toBeNull();
  });

  it('sends every metric weight when one changes', async () => {
    const select = container.querySelector<HTMLSelectElement>('[data-testid="metric-row-authentication"] select')!;
    await act(async () => {
      select.value = 'risk_accepted';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const message = sent.find((m) => (m as { type: string }).type === 'portal/settings') as { settings: { metricWeights: Record<string, unknown> } };
    expect(message.settings.metricWeights.authentication).toBe('risk_accepted');
    expect(Object.keys(message.settings.metricWeights)).toHaveLength(12);
  });

  it('lists recommendations of both instances, opens the detail pane and asks for a tab showing the instance', async () => {
    await show('#/recommendations?status=all');
    const rows = container.querySelectorAll('[data-testid="recommendation-row"]');
    expect(rows).toHaveLength(3);
    await act(async () => rows[0]!.querySelector('button')!.click());
    await settle();
    const pane = container.querySelector('[data-testid="detail-pane"]')!;
    expect(pane.textContent).toContain('Grace Hopper');
    expect(sent).toContainEqual({ type: 'instance/tabs', instanceKey: 'salesforce:acme' });
    expect(pane.textContent).toContain('Open acme org (Salesforce) at acme.my.salesforce.com in a tab to follow the walkthrough there.');
  });

  it('filters by exception state', async () => {
    await show('#/recommendations?status=all&exception=lapsed');
    const rows = container.querySelectorAll('[data-testid="recommendation-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('Exception lapsed');
  });

  it('lists a lapsed exception beside the original verdict', async () => {
    await show('#/exceptions');
    const row = container.querySelector('[data-testid="exception-row"]')!;
    expect(row.textContent).toContain('Lapsed');
    expect(row.textContent).toContain('Non-compliant');
  });

  it('shows each instance with its switch, and compares the two instances', async () => {
    await show('#/instances');
    expect(container.querySelectorAll('[data-testid="instance-row"]')).toHaveLength(2);
    await show('#/history');
    const radio = [...container.querySelectorAll<HTMLInputElement>('input[name="diff-mode"]')][1]!;
    await act(async () => radio.click());
    await settle();
    expect(container.querySelector('[data-testid="diff"]')).not.toBeNull();
  });

  it('says a rescan finished only once its scan is stored, not when it has started', async () => {
    vi.mocked(browser.runtime.sendMessage).mockImplementation(async (message: unknown) => {
      sent.push(message);
      const { type, instanceKey } = message as { type: string; instanceKey?: string };
      // As the background: the scan has started, and runs on.
      return type === 'instance/rescan' ? { ok: true, instanceKey } : type === 'instance/tabs' ? { tabIds: [] } : { ok: true };
    });
    await show('#/instances');
    const row = () => container.querySelector<HTMLElement>('[data-testid="instance-row"][data-instance="salesforce:acme"]')!;
    const rescan = () => row().querySelector<HTMLButtonElement>('button[aria-label="Rescan acme org (Salesforce)"]')!;
    await act(async () => rescan().click());
    await settle();
    expect(sent).toContainEqual({ type: 'instance/rescan', instanceKey: 'salesforce:acme' });
    expect(row().textContent).not.toContain('Scan finished');
    expect(rescan().textContent).toBe('Scanning…');

    // The background stores the scan as it runs, then finished.
    const running = scan('salesforce:acme', { id: 'scan-acme-2', status: 'running', startedAt: '2025-03-11T10:00:00.000Z', progress: { done: 3, total: 9, label: 'Security settings' } });
    delete running.finishedAt;
    await db.scans.put(running);
    await db.instances.update('salesforce:acme', { lastScanId: running.id });
    await settle();
    expect(row().textContent).toContain('Scanning: Security settings (3/9)');
    expect(row().textContent).not.toContain('Scan finished');
    await db.scans.put({ ...running, status: 'complete', finishedAt: '2025-03-11T10:01:00.000Z', score: { achieved: 5, max: 7, percent: 71.4, counts: {} as never, coverageGaps: 0 } });
    await db.instances.update('salesforce:acme', { lastGoodScanId: running.id });
    await settle();
    expect(row().textContent).toContain('Scan finished: 71%.');
    expect(rescan().textContent).toBe('Rescan');
  });

  it('offers the walkthrough once a tab shows the instance, and stops when that tab closes', async () => {
    let tabIds: number[] = [];
    vi.mocked(browser.runtime.sendMessage).mockImplementation(async (message: unknown) => {
      sent.push(message);
      return (message as { type: string }).type === 'instance/tabs' ? { tabIds } : { ok: true };
    });
    await show('#/recommendations?status=all&instance=salesforce%3Aacme');
    await act(async () => container.querySelector<HTMLButtonElement>('[data-testid="recommendation-row"] button')!.click());
    await settle();
    const walkthroughButton = () => [...container.querySelectorAll('button')].find((button) => button.textContent === 'Open walkthrough in the side panel');
    expect(walkthroughButton()).toBeUndefined();

    tabIds = [7];
    await act(async () => void (await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'complete' }, {} as never)));
    await settle();
    expect(walkthroughButton()).toBeDefined();

    tabIds = [];
    await act(async () => void (await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false })));
    await settle();
    expect(walkthroughButton()).toBeUndefined();
    expect(container.textContent).toContain('Open acme org (Salesforce) at acme.my.salesforce.com in a tab to follow the walkthrough there.');
  });

  it('groups findings by NIST control in the initiatives', async () => {
    await show('#/initiatives?framework=nist80053');
    expect(container.querySelector('h2#framework-title')?.textContent).toBe('NIST SP 800-53 Rev. 5');
    expect(container.querySelectorAll('[data-testid="requirement-row"]').length).toBeGreaterThan(0);
  });
});
