import { controlsFor } from '@/utils/controls';
import type { OktaModel } from './model';

export const defineOktaControl = controlsFor<OktaModel>();
