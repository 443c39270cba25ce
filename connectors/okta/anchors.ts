import type { AnchorLocator } from '@/utils/overlay/protocol';
import type { AdminConsolePageKey } from './pages';

/** Where each setting a control checks sits on its Admin Console page, by the label the admin sees. */
export const oktaAnchors: Partial<Record<AdminConsolePageKey, Record<string, AnchorLocator>>> = {};
