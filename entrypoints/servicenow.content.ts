import { serviceNowPageHeaders } from '@/connectors/servicenow/hosts';
import { serviceNowManifest } from '@/connectors/servicenow/manifest';
import { startOverlay } from '@/utils/overlay/engine';
import { answerPageFetch } from '@/utils/page-fetch/serve';

/**
 * ServiceNow: the UI16 or Next Experience shell, and the classic page in its `gsft_main` iframe (every frame
 * runs its own overlay). The top frame also carries the service worker's reads, with the page's user token.
 * The same script is registered on custom-domain instances the admin allowed (see the connector's `customDomains`).
 */
export default defineContentScript({
  matches: serviceNowManifest.contentMatches,
  excludeMatches: serviceNowManifest.contentExcludeMatches,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    if (window === window.top) {
      browser.runtime.onMessage.addListener((message: unknown) => answerPageFetch(message, { headers: () => serviceNowPageHeaders(document) }));
    }
    startOverlay(ctx);
  },
});
