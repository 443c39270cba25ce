import type { Control } from '@/utils/controls';
import { hygieneAdminAccountControls } from './hygiene-admin-accounts';
import { hygieneAdminControls } from './hygiene-admins';
import { hygieneAuthenticatorControls } from './hygiene-authenticators';
import { hygieneIntegrationControls } from './hygiene-integrations';
import { hygieneOrgControls } from './hygiene-org';
import { hygieneSessionControls } from './hygiene-sessions';
import { hygieneThreatControls } from './hygiene-threats';
import { hygieneTokenControls } from './hygiene-tokens';
import { oktaStigControls } from './stig';
import { thirdPartyControls } from './third-party';

/** The DISA Okta IDaaS STIG V1R2 (one control per Vuln ID), then admin hygiene and HealthInsight-style checks. */
export const oktaControls: Control[] = [
  ...oktaStigControls,
  ...hygieneAdminControls,
  ...hygieneAdminAccountControls,
  ...hygieneTokenControls,
  ...hygieneThreatControls,
  ...hygieneAuthenticatorControls,
  ...hygieneSessionControls,
  ...hygieneIntegrationControls,
  ...hygieneOrgControls,
  ...thirdPartyControls,
];
