import { salesforceManifest } from '@/connectors/salesforce/manifest';
import { startOverlay } from '@/utils/overlay/engine';

/** Salesforce Setup: Lightning and the classic page in its Setup iframe (every frame runs its own overlay). */
export default defineContentScript({
  matches: salesforceManifest.contentMatches,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    startOverlay(ctx);
  },
});
