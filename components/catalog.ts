import { connectorById, connectors } from '@/connectors';
import type { AdminPage, Connector } from '@/utils/connector';
import type { Control } from '@/utils/controls';
import { pageHeadingAnchor } from '@/utils/overlay/badges';
import { oneOf } from './format';

/** Every control of every connector, by id. */
export const catalogControls: ReadonlyMap<string, Control> = new Map(
  connectors.flatMap((connector) => connector.controls.map((control) => [control.id, control] as const)),
);

export function controlById(id: string): Control | undefined {
  return catalogControls.get(id);
}

export function appName(app: string): string {
  return connectors.find((connector) => connector.id === app)?.name ?? app;
}

export function connectorOf(app: string): Connector | undefined {
  return connectorById(app);
}

/** The admin page a remediation step names (`RemediationStep.page`), from the app's connector. */
export function pageOf(app: string, pageKey: string): AdminPage | undefined {
  return connectorOf(app)?.pages.find((page) => page.key === pageKey);
}

/**
 * The visible label the overlay looks for when locating `anchorKey` on a page: the first wording of
 * its locator, or the page title for the page-heading anchor. Undefined when the connector declares
 * no locator (the side panel then says so rather than guessing a label).
 */
export function anchorLabel(app: string, pageKey: string, anchorKey: string): string | undefined {
  const page = pageOf(app, pageKey);
  if (!page) return undefined;
  if (anchorKey === pageHeadingAnchor) return page.title;
  return page.anchors[anchorKey]?.texts[0];
}

/** "Salesforce or Okta": the apps Posture Lens can scan, for messages that name them. */
export const supportedApps = oneOf(connectors.map((connector) => connector.name));
