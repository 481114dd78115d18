/** The signed-in user as the workspace knows them: the access token and what its claims say (the services decide). */
export interface Session {
  accessToken: string;
  subject: string;
  roles: string[];
  regions: string[];
  /** Epoch seconds. */
  expiresAt: number;
}

/** Reads the claims of a compact JWS without verifying it: only to choose screens; every service verifies the token. */
export function sessionFromToken(accessToken: string): Session | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    if (typeof claims['sub'] !== 'string' || typeof claims['exp'] !== 'number') return undefined;
    return { accessToken, subject: claims['sub'], roles: strings(claims['roles']), regions: strings(claims['regions']), expiresAt: claims['exp'] };
  } catch {
    return undefined;
  }
}

export function isExpired(session: Session, nowSeconds = Date.now() / 1000): boolean {
  return session.expiresAt <= nowSeconds;
}

const KEY = 'vt-workspace-session';

/** Kept for the tab only (sessionStorage): closing the tab signs out. */
export function storedSession(storage: Storage = sessionStorage): Session | undefined {
  const token = storage.getItem(KEY);
  const session = token ? sessionFromToken(token) : undefined;
  return session && !isExpired(session) ? session : undefined;
}

export function storeSession(session: Session | undefined, storage: Storage = sessionStorage): void {
  if (session) storage.setItem(KEY, session.accessToken);
  else storage.removeItem(KEY);
}

export const ROLE_LABELS: Record<string, string> = {
  'call-handler': 'Medewerker meldpunt (call handler)',
  triage: 'Crisisdienst en triage',
  investigator: 'Onderzoeker',
  'referral-coordinator': 'Coördinator overdracht',
  auditor: 'Auditor',
  'privacy-officer': 'Privacyfunctionaris',
  admin: 'Beheerder',
};
