import { oktaManifest } from '@/connectors/okta/manifest';
import { isOktaAdminHost, oktaPageHeaders } from '@/connectors/okta/hosts';
import { startOverlay } from '@/utils/overlay/engine';
import { answerPageFetch } from '@/utils/page-fetch/serve';

export default defineContentScript({
  matches: oktaManifest.contentMatches,
  runAt: 'document_idle',
  main(ctx) {
    if (!isOktaAdminHost(location.hostname)) return;
    // The service worker reads Okta's API through this page: same origin, the admin's session, Okta's XSRF header.
    browser.runtime.onMessage.addListener((message: unknown) => answerPageFetch(message, { headers: () => oktaPageHeaders(document) }));
    startOverlay(ctx);
  },
});
