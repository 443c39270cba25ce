import { randomBytes } from 'node:crypto';

/**
 * Okta sessions. One sign-in creates one session whose `sid` is set host-only on both the org host and the
 * `-admin` host (the real Okta shares the session with the Admin Console; the emulator sets the same value
 * on both through a redirect). Each session has its own XSRF token for the pages' `_xsrfToken` element.
 */
export interface OktaSession {
  org: string;
  userId: string;
  username: string;
  role: 'SUPER_ADMIN' | 'READ_ONLY_ADMIN' | 'USER';
  xsrfToken: string;
  created: number;
}

export class Sessions {
  private sessions = new Map<string, OktaSession>();
  private transfers = new Map<string, { sid: string; redirect: string }>();
  /** Every sid, XSRF token and transfer token ever handed out, ended ones included (tests search for them). */
  readonly issued: string[] = [];

  create(info: Omit<OktaSession, 'xsrfToken' | 'created'>): string {
    const sid = `102${randomBytes(24).toString('base64url')}`;
    const xsrfToken = randomBytes(18).toString('base64url');
    this.sessions.set(sid, { ...info, xsrfToken, created: Date.now() });
    this.issued.push(sid, xsrfToken);
    return sid;
  }

  get(sid: string | undefined, org: string): OktaSession | undefined {
    const session = sid ? this.sessions.get(sid) : undefined;
    return session && session.org === org ? session : undefined;
  }

  end(sid: string): void {
    this.sessions.delete(sid);
  }

  /** One-time token that carries the session to the admin host (`/login/sessionCookieRedirect`). */
  issueTransfer(sid: string, redirect: string): string {
    const token = randomBytes(24).toString('base64url');
    this.transfers.set(token, { sid, redirect });
    this.issued.push(token);
    return token;
  }

  consumeTransfer(token: string | null): { sid: string; redirect: string } | undefined {
    if (!token) return undefined;
    const entry = this.transfers.get(token);
    this.transfers.delete(token);
    return entry && this.sessions.has(entry.sid) ? entry : undefined;
  }

  endOrg(org: string): void {
    for (const [sid, info] of this.sessions) if (info.org === org) this.sessions.delete(sid);
  }
}

export const sidCookie = (sid: string) => `sid=${sid}; Path=/; Secure; HttpOnly; SameSite=Lax`;
export const clearSidCookie = 'sid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax';
