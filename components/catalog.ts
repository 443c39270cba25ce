import { connectors } from '@/connectors';
import type { Control } from '@/utils/controls';

const controls = new Map<string, Control>(connectors.flatMap((connector) => connector.controls.map((control) => [control.id, control])));

export function controlById(id: string): Control | undefined {
  return controls.get(id);
}

export function appName(app: string): string {
  return connectors.find((connector) => connector.id === app)?.name ?? app;
}
