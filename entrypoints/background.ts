import { connectors } from '@/connectors';
import { handleRequest } from '@/utils/background-handlers';
import { createDatabase } from '@/utils/db';
import { requestSchema } from '@/utils/messaging';
import { markInterruptedScans } from '@/utils/scan';

export default defineBackground(() => {
  const db = createDatabase();
  const environment = {
    cookies: browser.cookies,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  };
  void markInterruptedScans(db);

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    return handleRequest(parsed.data, { db, environment, tabs: browser.tabs, connectors });
  });
});
