import { serviceNowManifest } from '@/connectors/servicenow/manifest';
import { tokenRequestEvent, tokenResponseEvent } from '@/connectors/servicenow/hosts';

/**
 * Runs in the page's own world, where ServiceNow keeps the session's anti-CSRF token in the global `g_ck`
 * (reference §1.2). It answers the isolated content script's request event with the current value, read at
 * each request because the token rotates; it keeps nothing and talks to nothing else.
 */
export default defineContentScript({
  matches: serviceNowManifest.contentMatches,
  excludeMatches: serviceNowManifest.contentExcludeMatches,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    document.addEventListener(tokenRequestEvent, () => {
      const token = (window as unknown as { g_ck?: unknown }).g_ck;
      document.dispatchEvent(new CustomEvent(tokenResponseEvent, { detail: typeof token === 'string' ? token : '' }));
    });
  },
});
