import { controlsFor } from '@/utils/controls';
import type { SalesforceModel } from './model';

export const defineSalesforceControl = controlsFor<SalesforceModel>();
