import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { connectorOf, controlById } from '@/components/catalog';
import { startOktaEmulator } from '../tests/emulators/okta';
import { startSalesforceEmulator } from '../tests/emulators/salesforce';
import { startServiceNowEmulator } from '../tests/emulators/servicenow';
import {
  connectAndScan,
  launchWithExtension,
  openPopup,
  readDatabase,
  signIn,
  signInOkta,
  signInServiceNow,
  tabIdOf,
} from '../tests/e2e/harness';

/**
 * `npm run demo`: builds the extension, starts the demo orgs, signs in to each in Chromium, connects,
 * scans, prints the scores and the top failing recommendations, and writes demo-output/.
 * With a display the browser stays open for you; without one the demo exits when done.
 */

const outputDir = resolve('demo-output');
const headed = Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');

if (!process.argv.includes('--no-build')) {
  console.log('Building the extension…');
  const build = spawnSync('npx', ['wxt', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(`${build.stdout}${build.stderr}\nThe build failed; see the errors above.`);
    process.exit(1);
  }
}

const salesforce = await startSalesforceEmulator({ port: 0 });
const okta = await startOktaEmulator({ port: 0 });
const serviceNow = await startServiceNowEmulator({ port: 0 });
console.log(`Demo Salesforce orgs: ${salesforce.orgs.map((org) => `https://${org.apiHost}`).join(', ')}`);
console.log(`Demo Okta orgs: ${okta.orgs.map((org) => `https://${org.adminHost}`).join(', ')}`);
console.log(`Demo ServiceNow instances: ${serviceNow.instances.map((instance) => `https://${instance.host}`).join(', ')}`);
const browser = await launchWithExtension({
  hostResolverRules: `${salesforce.hostResolverRules}, ${okta.hostResolverRules}, ${serviceNow.hostResolverRules}`,
  headless: !headed,
});
const closeEmulators = () => Promise.all([salesforce.close(), okta.close(), serviceNow.close()]);
mkdirSync(outputDir, { recursive: true });

try {
  const signIns = [
    ...salesforce.orgs.map((org) => ({ name: `salesforce-${org.myDomain}`, signIn: (page: Page) => signIn(page, org) })),
    ...okta.orgs.map((org) => ({ name: `okta-${org.name}`, signIn: (page: Page) => signInOkta(page, org, org.superAdmin) })),
    ...serviceNow.instances.map((instance) => ({
      name: `servicenow-${instance.name}`,
      signIn: (page: Page) => signInServiceNow(page, instance, instance.admin),
    })),
  ];
  for (const org of signIns) {
    const page = await browser.context.newPage();
    await org.signIn(page);
    const popup = await connectAndScan(browser, await tabIdOf(browser, page));
    await popup.screenshot({ path: join(outputDir, `popup-${org.name}.png`), fullPage: true });
    await popup.close();
  }

  const summaryPage = await openPopup(browser);
  const dump = await readDatabase(summaryPage);
  await summaryPage.screenshot({ path: join(outputDir, 'popup-instances.png'), fullPage: true });
  const summary = dump.instances.map((instance) => {
    const scan = dump.scans.find((candidate) => candidate.id === instance.lastGoodScanId);
    const snapshot = dump.snapshots.find((candidate) => candidate.scanId === instance.lastGoodScanId)?.snapshot;
    const slug = `${instance.app}-${String(instance.host).split('.')[0]!.replace(/-admin$/, '')}`;
    if (snapshot) writeFileSync(join(outputDir, `${slug}.snapshot.json`), `${JSON.stringify(snapshot, null, 2)}\n`);
    const findings = dump.findings
      .filter((finding) => finding.scanId === instance.lastGoodScanId && finding.pointsAtStake > 0)
      .sort((a, b) => b.pointsAtStake - a.pointsAtStake);
    const statuses = new Map(
      dump.findings.filter((finding) => finding.scanId === instance.lastGoodScanId).map((finding) => [finding.controlId as string, finding.status]),
    );
    const baselines = (connectorOf(instance.app)?.baselineScores ?? []).map((baseline) => ({
      title: baseline.title,
      ...baseline.compute(statuses),
    }));
    return {
      app: instance.app,
      instance: slug,
      name: instance.name,
      instanceId: instance.instanceId,
      score: scan?.score?.percent ?? null,
      initiativeScore: scan?.initiative?.score ?? null,
      counts: scan?.score?.counts ?? null,
      requestCount: scan?.requestCount ?? null,
      baselines,
      topRecommendations: findings.slice(0, 5).map((finding) => ({
        controlId: finding.controlId,
        title: controlById(finding.controlId)?.title ?? finding.controlId,
        severity: finding.severity,
        pointsAtStake: finding.pointsAtStake,
        reason: finding.verdict.reason,
      })),
    };
  });
  writeFileSync(join(outputDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

  for (const entry of summary) {
    const counts = entry.counts as Record<string, number> | null;
    console.log(`\n${entry.name} (${entry.app}, ${entry.instance}): score ${entry.score}%`);
    if (counts) {
      console.log(
        `  ${counts.non_compliant} non-compliant, ${counts.partial} partial, ${counts.compliant} compliant, ` +
          `${counts.error + counts.unknown} not checked — ${entry.requestCount} API requests`,
      );
    }
    for (const baseline of entry.baselines) {
      console.log(`  ${baseline.title}: ${baseline.percent ?? '—'}% (${baseline.decided} of ${baseline.total} settings decided)`);
    }
    for (const recommendation of entry.topRecommendations) {
      console.log(`  [${recommendation.severity}] +${recommendation.pointsAtStake} pts  ${recommendation.title}`);
      console.log(`      ${recommendation.reason}`);
    }
  }
  console.log(`\nWrote ${join('demo-output', 'summary.json')}, the snapshots and popup screenshots.`);
} catch (error) {
  console.error(`The demo failed: ${error instanceof Error ? error.message : String(error)}`);
  await browser.close();
  await closeEmulators();
  process.exit(1);
}

if (headed) {
  console.log('The browser stays open: explore Setup and the extension, then close the window to stop the demo.');
  await new Promise<void>((resolvePromise) => browser.context.on('close', () => resolvePromise()));
} else {
  await browser.close();
}
await closeEmulators();
process.exit(0);
