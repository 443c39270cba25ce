import { createDatabase } from '@/utils/db';

/** The extension pages' handle on the database the service worker writes. */
export const db = createDatabase();
