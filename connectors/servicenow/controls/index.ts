import type { Control } from '@/utils/controls';
import { hardeningControls } from './hardening';

/** ServiceNow's Instance Security Hardening Settings (one control per setting), then privileged access, authentication, network, integrations, exposure and lifecycle checks. */
export const serviceNowControls: Control[] = [...hardeningControls];
