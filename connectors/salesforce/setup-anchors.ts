import type { AnchorLocator } from '@/utils/overlay/protocol';
import type { SetupPageKey } from './pages';

/**
 * Where each setting a control checks sits on its Setup page, by the label the admin sees (with the
 * older wordings Salesforce has used). Keys are the anchors named in the controls' remediation steps.
 */
export const setupAnchors: Partial<Record<SetupPageKey, Record<string, AnchorLocator>>> = {};
