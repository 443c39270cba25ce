import type { Control } from '@/utils/controls';
import { accountLifecycleControls } from './account-lifecycle';
import { authenticationSettingControls } from './authentication-settings';
import { browserProtectionControls } from './browser-protections';
import { dataExposureControls } from './data-exposure';
import { healthCheckControls } from './health-check';
import { integrationControls } from './integrations';
import { mfaControls } from './mfa';
import { monitoringControls } from './monitoring';
import { networkControls } from './network';
import { oauthAccessControls } from './oauth-access';
import { passwordPolicyControls } from './password-policy';
import { platformControls } from './platform';
import { privilegedAccessControls } from './privileged-access';
import { sessionControls } from './session';
import { thirdPartyControls } from './third-party';

export const salesforceControls: Control[] = [
  ...passwordPolicyControls,
  ...sessionControls,
  ...authenticationSettingControls,
  ...mfaControls,
  ...privilegedAccessControls,
  ...accountLifecycleControls,
  ...networkControls,
  ...browserProtectionControls,
  ...thirdPartyControls,
  ...oauthAccessControls,
  ...dataExposureControls,
  ...monitoringControls,
  ...integrationControls,
  ...platformControls,
  ...healthCheckControls,
];
