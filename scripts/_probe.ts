import { writeFileSync } from 'node:fs';
import { launchWithExtension } from '../tests/e2e/harness';
const b = await launchWithExtension({ hostResolverRules: 'MAP nothing 127.0.0.1' });
const page = await b.context.newPage();
await page.goto('about:blank');
const cdp = await b.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.goto(`chrome-extension://${b.extensionId}/portal.html`);
await page.waitForTimeout(1500);
const { profile } = await cdp.send('Profiler.stop') as any;
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const dt = profile.timeDeltas; const counts = new Map<number, number>();
profile.samples.forEach((id: number, i: number) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, t] of counts) { const n: any = byId.get(id); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + t); }
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
await b.close();
