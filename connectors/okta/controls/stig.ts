import type { Control } from '@/utils/controls';
import { stigAccountControls } from './stig-account';
import { stigAuditControls } from './stig-audit';
import { stigAuthenticationControls } from './stig-authentication';
import { stigNetworkControls } from './stig-network';
import { stigPasswordControls } from './stig-password';
import { stigSessionControls } from './stig-session';

/**
 * Every requirement of the DISA Okta IDaaS STIG V1R2 (29 Vuln IDs, V-273186 to V-273209 and V-279689 to V-279693),
 * one control each, id OKTA.STIG.<vuln number>v1, ordered by Vuln ID.
 */
export const oktaStigControls: Control[] = [
  ...stigSessionControls,
  ...stigAccountControls,
  ...stigPasswordControls,
  ...stigAuthenticationControls,
  ...stigAuditControls,
  ...stigNetworkControls,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The Vuln IDs of STIG V1R2, from `reference/okta/stig-v1r2.json`. */
export const stigV1R2VulnIds = [
  ...Array.from({ length: 24 }, (_, i) => `V-${273186 + i}`),
  ...Array.from({ length: 5 }, (_, i) => `V-${279689 + i}`),
];

export {
  stigAccountControls,
  stigAuditControls,
  stigAuthenticationControls,
  stigNetworkControls,
  stigPasswordControls,
  stigSessionControls,
};
