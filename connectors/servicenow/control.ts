import { controlsFor } from '@/utils/controls';
import type { ServiceNowModel } from './model';

export const defineServiceNowControl = controlsFor<ServiceNowModel>();
