import type { Control } from '@/utils/controls';

export const salesforceControls: Control[] = [];
