import { randomBytes } from 'node:crypto';

/**
 * ServiceNow UI sessions. A login creates a new session (new JSESSIONID, as with `glide.ui.rotate_sessions`) with its
 * own user token: the value pages publish as `g_ck` / `sysparm_ck` and the REST API wants as `X-UserToken`.
 */
export interface ServiceNowSession {
  instance: string;
  userId: string;
  userName: string;
  /** Display name (sys_user.name). */
  name: string;
  roles: string[];
  admin: boolean;
  /** 64 hex characters. */
  token: string;
  sessionStore: string;
  created: number;
}

export class Sessions {
  private sessions = new Map<string, ServiceNowSession>();
  /** Every JSESSIONID, session store and user token (g_ck) ever handed out, ended ones included (tests search for them). */
  readonly issued: string[] = [];

  create(info: Omit<ServiceNowSession, 'token' | 'sessionStore' | 'created'>): { id: string; session: ServiceNowSession } {
    const id = randomBytes(16).toString('hex').toUpperCase();
    const session = { ...info, token: randomBytes(32).toString('hex'), sessionStore: randomBytes(16).toString('hex').toUpperCase(), created: Date.now() };
    this.sessions.set(id, session);
    this.issued.push(id, session.token, session.sessionStore);
    return { id, session };
  }

  get(id: string | undefined, instance: string): ServiceNowSession | undefined {
    const session = id ? this.sessions.get(id) : undefined;
    return session && session.instance === instance ? session : undefined;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  endInstance(instance: string): void {
    for (const [id, info] of this.sessions) if (info.instance === instance) this.sessions.delete(id);
  }
}

const attributes = 'Path=/; HttpOnly; Secure; SameSite=None';
const expired = 'Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';

export const sessionCookies = (id: string, session: ServiceNowSession) => [
  `JSESSIONID=${id}; ${attributes}`,
  `glide_session_store=${session.sessionStore}; ${attributes}`,
];
/** The node-affinity cookie the extension (like SN Utils) takes as "this is a ServiceNow instance". */
export const userRouteCookie = () => `glide_user_route=glide.${randomBytes(16).toString('hex')}; Max-Age=2147483647; ${attributes}`;
export const clearSessionCookies = [`JSESSIONID=; ${expired}; ${attributes}`, `glide_session_store=; ${expired}; ${attributes}`];
