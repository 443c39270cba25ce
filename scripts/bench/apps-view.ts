import type { ExtensionBrowser } from '../../tests/e2e/harness';
import { round1, type Figure } from './results';

export interface PanTiming {
  /** From navigation to the graph drawn (or the view saying there is no path). */
  shownMs: number;
  nodes: number;
  /** Longest gap between two animation frames while the graph is dragged, and the longest task meanwhile. */
  longestFrameMs: number;
  longestTaskMs: number;
}

// Strings, not functions: the page runs them as they are (a bundler's helpers wrapped around a function would not exist there).
const startWatching = `(() => {
  const watch = { gaps: [], tasks: [], running: true, last: performance.now() };
  window.__panWatch = watch;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) watch.tasks.push(entry.duration); }).observe({ type: 'longtask' });
  const tick = (time) => { watch.gaps.push(time - watch.last); watch.last = time; if (watch.running) requestAnimationFrame(tick); };
  requestAnimationFrame((time) => { watch.last = time; requestAnimationFrame(tick); });
})()`;
const stopWatching = `(() => {
  const watch = window.__panWatch;
  watch.running = false;
  return { longestFrameMs: Math.max(0, ...watch.gaps), longestTaskMs: Math.max(0, ...watch.tasks), frames: watch.gaps.length };
})()`;

/**
 * Opens the portal's third-party apps view on `instanceKey` and drags its attack-path graph around for
 * `moves` pointer moves, measuring the longest frame and task meanwhile.
 */
export async function timeGraphPanning(browser: ExtensionBrowser, instanceKey: string, moves = 60): Promise<PanTiming> {
  const page = await browser.context.newPage();
  try {
    const started = Date.now();
    await page.goto(`chrome-extension://${browser.extensionId}/portal.html#/apps?instance=${encodeURIComponent(instanceKey)}`);
    const graph = page.getByTestId('attack-graph');
    await graph.or(page.getByText('No path leads from an app to a high privilege.')).first().waitFor({ timeout: 60_000 });
    const shownMs = Date.now() - started;
    const nodes = await graph.locator('.graph-node').count();
    if (nodes === 0) return { shownMs, nodes, longestFrameMs: 0, longestTaskMs: 0 };
    const box = (await graph.boundingBox())!;
    await page.evaluate(startWatching);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let move = 0; move < moves; move++) {
      const angle = (move / moves) * Math.PI * 4;
      await page.mouse.move(box.x + box.width / 2 + Math.cos(angle) * 200, box.y + box.height / 2 + Math.sin(angle) * 120);
    }
    await page.mouse.up();
    await page.waitForTimeout(100);
    const watched = (await page.evaluate(stopWatching)) as { longestFrameMs: number; longestTaskMs: number; frames: number };
    if (watched.frames < 5) throw new Error(`Only ${watched.frames} animation frames ran while the graph was dragged: the pan was not measured.`);
    return { shownMs, nodes, longestFrameMs: watched.longestFrameMs, longestTaskMs: watched.longestTaskMs };
  } finally {
    await page.close();
  }
}

export function panFigures(prefix: string, label: string, timing: PanTiming): Figure[] {
  return [
    { id: `${prefix}.shown`, label: `${label}: third-party apps view shown (${timing.nodes} graph nodes drawn)`, value: timing.shownMs, unit: 'ms' },
    { id: `${prefix}.panFrame`, label: `${label}: longest frame while dragging the attack-path graph`, value: round1(timing.longestFrameMs), unit: 'ms', budget: 'graphPanFrame' },
    { id: `${prefix}.panTask`, label: `${label}: longest task while dragging the graph`, value: round1(timing.longestTaskMs), unit: 'ms' },
  ];
}
