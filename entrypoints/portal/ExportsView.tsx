import { useId, useState } from 'react';
import { appName, controlById } from '@/components/catalog';
import { db } from '@/components/db';
import { exportFiles, exportFormats, type ExportFormatId } from '@/components/export-files';
import type { InstanceRecord } from '@/utils/db';
import { buildExportBundle, type ExportInput } from '@/utils/exports/bundle';
import { sendRequest } from '@/utils/messaging';
import type { Snapshot } from '@/utils/snapshot';
import { backgroundSilent, usePortalState } from './data';
import { download } from './download';
import { NoInstances, formatDateTime } from './ui';
import { bidiSafe } from '@/utils/bidi';

/** Reads what the bundle needs straight from the database (reads only; the page never writes it). */
async function exportInput(instanceKeys: string[], withSnapshots: boolean) {
  const instances = (await db.instances.bulkGet(instanceKeys)).filter((instance): instance is InstanceRecord => Boolean(instance?.lastGoodScanId));
  const entries = await Promise.all(
    instances.map(async (instance) => {
      const scan = await db.scans.get(instance.lastGoodScanId!);
      if (!scan) return undefined;
      const [findings, snapshot] = await Promise.all([
        db.findings.where('scanId').equals(scan.id).toArray(),
        withSnapshots ? db.snapshots.get(scan.id) : Promise.resolve(undefined),
      ]);
      return { instance, scan, findings, ...(snapshot ? { snapshot: snapshot.snapshot as Snapshot } : {}) };
    }),
  );
  const exceptions = await db.exceptions.where('instanceKey').anyOf(instanceKeys).toArray();
  return { instances: entries.filter((entry): entry is ExportInput['instances'][number] => entry !== undefined), exceptions };
}

type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading'; file: string }
  | { phase: 'done'; file: string; scans: Array<{ instanceKey: string; scanId: string }> }
  | { phase: 'failed'; file: string; message: string };

export function ExportsView() {
  const { data } = usePortalState();
  const id = useId();
  const [formats, setFormats] = useState<Set<ExportFormatId>>(new Set(['json', 'csv', 'ocsf', 'html']));
  const [scope, setScope] = useState<string>('included');
  const [withSnapshots, setWithSnapshots] = useState(false);
  const [exportState, setExportState] = useState<{ busy: boolean; message?: string; error?: boolean }>({ busy: false });
  const [importState, setImportState] = useState<ImportState>({ phase: 'idle' });

  const included = data?.instances.filter((instance) => instance.includeInScore) ?? [];
  const scopeKeys = scope === 'included' ? included.map((instance) => instance.key) : [scope];

  const runExport = async () => {
    if (exportState.busy) return;
    if (formats.size === 0) {
      setExportState({ busy: false, message: 'Choose at least one format.', error: true });
      return;
    }
    setExportState({ busy: true, message: 'Preparing the files…' });
    try {
      const input = await exportInput(scopeKeys, withSnapshots && formats.has('json'));
      if (input.instances.length === 0) {
        setExportState({ busy: false, message: 'Nothing to export: no instance in this scope has a completed scan yet.', error: true });
        return;
      }
      const now = new Date();
      const bundle = buildExportBundle({ ...input, controlById, appName, now: now.toISOString() });
      // Snapshots go in the JSON only; the other formats are rendered from the same findings.
      const files = exportFiles(bundle, formats, now);
      for (const file of files) download(file.name, file.type, file.content);
      const findings = bundle.instances.reduce((sum, entry) => sum + entry.findings.length, 0);
      setExportState({
        busy: false,
        message: `Exported ${findings} findings of ${bundle.instances.length} instance${bundle.instances.length === 1 ? '' : 's'}: ${files.map((file) => file.name).join(', ')}.`,
      });
    } catch (error) {
      setExportState({ busy: false, message: `The export failed: ${error instanceof Error ? error.message : String(error)}`, error: true });
    }
  };

  const runImport = async (file: File | undefined) => {
    if (!file) return;
    setImportState({ phase: 'reading', file: file.name });
    try {
      const text = await file.text();
      const result = await sendRequest(browser.runtime, { type: 'export/import', text });
      setImportState(result.ok ? { phase: 'done', file: file.name, scans: result.scans } : { phase: 'failed', file: file.name, message: result.error.message });
    } catch (error) {
      setImportState({ phase: 'failed', file: file.name, message: backgroundSilent(error) });
    }
  };

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Exports
      </h1>
      <p className="muted">
        Files are built in this page from the latest completed scan of each instance and saved by the browser. Nothing is sent anywhere.
      </p>
      {data && data.instances.length === 0 && <NoInstances />}
      <form
        className="panel-box export-form"
        aria-labelledby={`${id}-export`}
        onSubmit={(event) => {
          event.preventDefault();
          void runExport();
        }}
      >
        <h2 id={`${id}-export`}>Export</h2>
        <fieldset>
          <legend>Formats</legend>
          {exportFormats.map((format) => (
            <label key={format.id} className="choice">
              <input
                type="checkbox"
                checked={formats.has(format.id)}
                onChange={(event) => {
                  const next = new Set(formats);
                  if (event.target.checked) next.add(format.id);
                  else next.delete(format.id);
                  setFormats(next);
                }}
              />
              <span>
                {format.label} <span className="muted">— {format.description}</span>
              </span>
            </label>
          ))}
          <label className="choice nested">
            <input type="checkbox" checked={withSnapshots} disabled={!formats.has('json')} onChange={(event) => setWithSnapshots(event.target.checked)} />
            <span>
              Include the raw snapshots in the JSON <span className="muted">— lets an auditor re-evaluate the scans; larger file</span>
            </span>
          </label>
        </fieldset>
        <label className="field">
          <span>Scope</span>
          <select value={scope} onChange={(event) => setScope(event.target.value)}>
            <option value="included">All included instances ({included.length})</option>
            {data?.instances.map((instance) => (
              <option key={instance.key} value={instance.key}>
                {bidiSafe(instance.name)} ({appName(instance.app)})
              </option>
            ))}
          </select>
        </label>
        <div>
          <button type="submit" className="primary" data-testid="export-button" aria-disabled={exportState.busy}>
            {exportState.busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
        <div role="status" aria-live="polite" className="export-status">
          {exportState.message && <p className={exportState.error ? 'step-error' : 'muted'}>{exportState.message}</p>}
        </div>
      </form>

      <section className="panel-box" aria-labelledby={`${id}-import`}>
        <h2 id={`${id}-import`}>Import JSON</h2>
        <p className="muted">
          Recreates the scans of a Posture Lens JSON export (for example an auditor comparing two browsers). Exceptions are not imported.
        </p>
        <label className="field">
          <span>Export file (.json)</span>
          <input
            type="file"
            accept="application/json,.json"
            data-testid="import-input"
            onChange={(event) => {
              void runImport(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </label>
        <div role="status" aria-live="polite" data-testid="import-result">
          {importState.phase === 'reading' && <p className="muted">Importing {importState.file}…</p>}
          {importState.phase === 'failed' && (
            <p className="step-error">
              {importState.file} was not imported: {bidiSafe(importState.message)}
            </p>
          )}
          {importState.phase === 'done' && <ImportSummary file={importState.file} scans={importState.scans} />}
        </div>
      </section>
    </section>
  );
}

function ImportSummary({ file, scans }: { file: string; scans: Array<{ instanceKey: string; scanId: string }> }) {
  const { data } = usePortalState();
  if (scans.length === 0) return <p className="muted">{file} held no scans: nothing was imported.</p>;
  return (
    <div>
      <p>
        Imported {scans.length} scan{scans.length === 1 ? '' : 's'} from {file}:
      </p>
      <ul>
        {scans.map(({ instanceKey, scanId }) => {
          const instance = data?.instances.find((candidate) => candidate.key === instanceKey);
          const scan = data?.goodScans.get(instanceKey);
          return (
            <li key={scanId}>
              {instance ? `${bidiSafe(instance.name)} (${appName(instance.app)})` : instanceKey}
              {scan?.id === scanId && <span className="muted"> · scan of {formatDateTime(scan.finishedAt ?? scan.startedAt)}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
