import type { Control } from '@/utils/controls';
import { authenticationControls } from './authentication';
import { exposureControls } from './exposure';
import { hardeningControls } from './hardening';
import { integrationControls } from './integrations';
import { lifecycleControls } from './lifecycle';
import { networkControls } from './network';
import { privilegedControls } from './privileged';
import { thirdPartyControls } from './third-party';

/**
 * ServiceNow's Instance Security Hardening Settings (one control per setting, from the catalog), then the
 * checks of the instance's people and integrations: privileged roles, MFA and SSO, IP access, OAuth apps,
 * the paths third-party OAuth clients open to privileged roles, certificates, public pages, and account lifecycle.
 */
export const serviceNowControls: Control[] = [
  ...hardeningControls,
  ...privilegedControls,
  ...authenticationControls,
  ...networkControls,
  ...integrationControls,
  ...thirdPartyControls,
  ...exposureControls,
  ...lifecycleControls,
];
