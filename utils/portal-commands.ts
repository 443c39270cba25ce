import type { BackgroundContext } from './background-handlers';
import { findControl, keepEvidenceScans, nowOf, runningScans, startScan, tabsShowing } from './background-scans';
import type { PostureDatabase } from './db';
import { importBundle, parseExportBundle } from './exports/import';
import { applyRetention } from './history';
import {
  exceptionInputSchema,
  portalSettingsPatchSchema,
  type CommandResult,
  type ExceptionInput,
  type ExtensionRequest,
  type ImportResult,
  type OkResult,
  type PortalSettingsPatch,
} from './messaging';
import { loadPortalSettings, savePortalSettings, saveScheduledRun } from './portal-settings';
import { alarmFor, isDue, planScheduledScans, scheduledRunOf, type ScheduledRunOutcome } from './schedule';
import { walkthroughTargets } from './tab-state';

/**
 * The portal's commands. The portal never writes the database itself: settings, exceptions, which
 * instances count, disconnecting, rescans, walkthroughs and imports all come here as messages.
 */

const failure = (kind: 'not_found' | 'malformed' | 'unsupported_page', message: string) => ({ ok: false as const, error: { kind, message } });

async function saveSettings(context: BackgroundContext, patch: PortalSettingsPatch): Promise<OkResult> {
  const parsed = portalSettingsPatchSchema.safeParse(patch);
  if (!parsed.success) return failure('malformed', 'These settings are not valid. Check the values and save again.');
  const before = await loadPortalSettings(context.db);
  const after = await savePortalSettings(context.db, parsed.data);
  if (after.schedule !== before.schedule) await context.actions?.setSchedule?.(alarmFor(after.schedule));
  if (after.retentionDays < before.retentionDays) {
    await applyRetention(context.db, { retentionDays: after.retentionDays, keepEvidenceScans, now: nowOf(context) });
  }
  return { ok: true };
}

async function saveException(context: BackgroundContext, input: ExceptionInput) {
  const { db } = context;
  const parsed = exceptionInputSchema.safeParse(input);
  if (!parsed.success) return failure('malformed', 'The exception needs a kind, a rationale and an owner.');
  const exception = parsed.data;
  const instance = await db.instances.get(exception.instanceKey);
  if (!instance) return failure('not_found', 'This instance is no longer connected: the exception was not saved.');
  const control = context.connectors.find((connector) => connector.id === instance.app)?.controls.find((candidate) => candidate.id === exception.controlId);
  if (!control) return failure('not_found', `${instance.name} has no check ${exception.controlId}: the exception was not saved.`);
  const now = nowOf(context);
  if (exception.expiresAt && Date.parse(exception.expiresAt) <= now.getTime()) {
    return failure('malformed', 'The expiry date has passed. Choose a later date, or none.');
  }
  const existing = exception.id ? await db.exceptions.get(exception.id) : undefined;
  if (exception.id && !existing) return failure('not_found', 'This exception no longer exists. Create it again.');
  if (existing && (existing.instanceKey !== exception.instanceKey || existing.controlId !== exception.controlId)) {
    return failure('malformed', 'An exception stays with its recommendation. Delete it and create one for the other recommendation.');
  }
  const id = existing?.id ?? crypto.randomUUID();
  await db.exceptions.put({
    id,
    instanceKey: exception.instanceKey,
    controlId: exception.controlId,
    kind: exception.kind,
    rationale: exception.rationale,
    owner: exception.owner,
    createdAt: existing?.createdAt ?? now.toISOString(),
    ...(existing ? { updatedAt: now.toISOString() } : {}),
    // Stored in UTC so that comparing ISO strings (as views may) agrees with comparing instants.
    ...(exception.expiresAt ? { expiresAt: new Date(exception.expiresAt).toISOString() } : {}),
    ...(exception.entityIds ? { entityIds: [...new Set(exception.entityIds)] } : {}),
  });
  await context.actions?.refreshOverlays();
  return { ok: true as const, id };
}

/** Forgets an instance: the instance, its scans, findings, snapshots and exceptions, in one transaction. */
export async function disconnectInstance(db: PostureDatabase, instanceKey: string): Promise<void> {
  await db.transaction('rw', [db.instances, db.scans, db.findings, db.snapshots, db.exceptions], async () => {
    const scanIds = (await db.scans.where('instanceKey').equals(instanceKey).primaryKeys()) as string[];
    await db.findings.where('scanId').anyOf(scanIds).delete();
    // Findings are also keyed by instance: none may outlive it, whatever scan they name.
    await db.findings.where('[instanceKey+controlId]').between([instanceKey, ''], [instanceKey, '\uffff']).delete();
    await db.snapshots.bulkDelete(scanIds);
    await db.scans.bulkDelete(scanIds);
    await db.exceptions.where('instanceKey').equals(instanceKey).delete();
    await db.instances.delete(instanceKey);
  });
}

async function rescan(context: BackgroundContext, instanceKey: string): Promise<CommandResult> {
  const instance = await context.db.instances.get(instanceKey);
  if (!instance) return failure('not_found', 'This instance is no longer connected.');
  const [tabId] = await tabsShowing(context, instance);
  if (tabId === undefined) return failure('not_found', `Open ${instance.name} in a tab (signed in), then rescan.`);
  return startScan(context, tabId, instance.key);
}

async function showWalkthrough(context: BackgroundContext, tabId: number, instanceKey: string, controlId: string): Promise<OkResult> {
  const found = findControl(context, controlId);
  if (!found) return failure('not_found', `Posture Lens does not know the check ${controlId}.`);
  const instance = await context.db.instances.get(instanceKey);
  if (!instance) return failure('not_found', 'This instance is not connected any more. Connect it from the toolbar popup on its admin page.');
  // The tab must still show this instance (signed in), not only its app: it may have moved to another org since.
  if (instance.app !== found.connector.id || !(await tabsShowing(context, instance)).includes(tabId)) {
    return failure('unsupported_page', `This tab no longer shows ${instance.name} (${found.connector.name}). Open it in a tab, then try again.`);
  }
  walkthroughTargets.set(tabId, controlId);
  context.notifyPanel?.({ type: 'panel/show', tabId, controlId });
  return { ok: true };
}

async function importExport(context: BackgroundContext, text: string): Promise<ImportResult> {
  const parsed = parseExportBundle(text);
  if (!parsed.ok) return failure('malformed', parsed.message);
  try {
    const scans = await importBundle(context.db, parsed.bundle, nowOf(context).toISOString());
    await context.actions?.refreshOverlays();
    return { ok: true, scans };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failure('malformed', detail || 'The file could not be imported.');
  }
}

/**
 * The scheduled-scan alarm: every included instance not scanned within the period is scanned through
 * an open tab that shows it; the others are skipped, and why is kept in the `lastScheduledRun` setting.
 */
export async function runScheduledScans(context: BackgroundContext): Promise<ScheduledRunOutcome | undefined> {
  const { db } = context;
  const now = nowOf(context);
  const settings = await loadPortalSettings(db);
  if (settings.schedule === 'off') return undefined;
  const instances = await db.instances.toArray();
  const candidates = await Promise.all(
    instances.map(async (instance) => ({
      key: instance.key,
      name: instance.name,
      includeInScore: instance.includeInScore,
      lastScanAt: instance.lastGoodScanId ? (await db.scans.get(instance.lastGoodScanId))?.startedAt : undefined,
      running: runningScans.has(instance.key),
    })),
  );
  // Tabs are looked for only for instances that are due.
  const tabsByInstance = new Map<string, number[]>();
  for (const instance of instances) {
    const candidate = candidates.find((entry) => entry.key === instance.key)!;
    if (candidate.includeInScore && !candidate.running && isDue(candidate.lastScanAt, settings.schedule, now)) {
      tabsByInstance.set(instance.key, await tabsShowing(context, instance));
    }
  }
  const plan = planScheduledScans({ schedule: settings.schedule, now, instances: candidates, tabsByInstance });
  const failed: Array<{ instanceKey: string; reason: string }> = [];
  for (const { instanceKey, tabId } of plan.scan) {
    const result = await startScan(context, tabId, instanceKey);
    if (!result.ok) failed.push({ instanceKey, reason: result.error.message });
  }
  const run = scheduledRunOf(now, plan, failed);
  await saveScheduledRun(db, run);
  return { run, scans: plan.scan.filter((entry) => !failed.some((failure) => failure.instanceKey === entry.instanceKey)) };
}

export function portalCommand(request: Extract<ExtensionRequest, { type: PortalCommand }>, context: BackgroundContext): Promise<unknown> {
  const { db } = context;
  switch (request.type) {
    case 'portal/settings':
      return saveSettings(context, request.settings);
    case 'exception/save':
      return saveException(context, request.exception);
    case 'exception/delete':
      // Deleting what is already gone is done, not an error (a second click, another window).
      return db.exceptions
        .delete(request.id)
        .then(() => context.actions?.refreshOverlays())
        .then((): OkResult => ({ ok: true }));
    case 'instance/include':
      return db.instances.update(request.instanceKey, { includeInScore: request.include }).then(async (updated): Promise<OkResult> => {
        if (!updated && !(await db.instances.get(request.instanceKey))) return failure('not_found', 'This instance is no longer connected.');
        await context.actions?.refreshOverlays();
        return { ok: true };
      });
    case 'instance/disconnect':
      return disconnectInstance(db, request.instanceKey)
        .then(() => context.actions?.refreshOverlays())
        .then((): OkResult => ({ ok: true }));
    case 'instance/rescan':
      return rescan(context, request.instanceKey);
    case 'instance/tabs':
      return db.instances.get(request.instanceKey).then(async (instance) => ({ tabIds: instance ? await tabsShowing(context, instance) : [] }));
    case 'walkthrough/show':
      return showWalkthrough(context, request.tabId, request.instanceKey, request.controlId);
    case 'export/import':
      return importExport(context, request.text);
  }
}

export type PortalCommand =
  | 'portal/settings'
  | 'exception/save'
  | 'exception/delete'
  | 'instance/include'
  | 'instance/disconnect'
  | 'instance/rescan'
  | 'instance/tabs'
  | 'walkthrough/show'
  | 'export/import';
