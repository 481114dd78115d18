import { FormEvent, useEffect, useRef, useState } from 'react';
import reference from 'virtual:vt-reference';
import type { AuthConfig } from '../config';
import { ROLE_LABELS, Session, sessionFromToken } from './session';
import { oidcSignInFailure, startOidcSignIn } from './oidc';

export function SignIn({ config, notice, onSignedIn }: { config: AuthConfig; notice: string | undefined; onSignedIn: (session: Session) => void }) {
  // A failed return from the identity provider (state, its refusal, the token exchange) is said here, where one tries again.
  const [error, setError] = useState<string | undefined>(() => oidcSignInFailure());
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLElement | null>(null);
  useEffect(() => first.current?.focus(), []);

  async function devSignIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (config.kind !== 'dev') return;
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch(config.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: form.get('role'), region: form.get('region') }) });
      const body = (await response.json().catch(() => ({}))) as { accessToken?: string; detail?: string };
      const session = body.accessToken ? sessionFromToken(body.accessToken) : undefined;
      if (!response.ok || !session) throw new Error(body.detail ?? `de tokenuitgever antwoordde ${response.status}`);
      onSignedIn(session);
    } catch (failure) {
      setError(`Aanmelden is niet gelukt: ${(failure as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  const regionName = (code: string) => (code === '*' ? 'Landelijk (alle regio’s)' : (reference.regions.find((r) => r.code === code)?.name ?? code));
  return (
    <main className="page narrow">
      <h1>Aanmelden bij de Veilig Thuis werkplek</h1>
      {notice && <p role="status" className="notice">{notice}</p>}
      {error && <p role="alert" className="error-box">{error}</p>}
      {config.kind === 'dev' ? (
        <form onSubmit={(event) => void devSignIn(event)} aria-describedby="dev-uitleg">
          <p id="dev-uitleg" className="hint">Lokale omgeving: de ontwikkel-tokenuitgever geeft een token voor de rol en regio die u kiest. In productie meldt u zich aan bij de identiteitsprovider van uw organisatie.</p>
          <div className="field">
            <label htmlFor="role">Rol</label>
            <select id="role" name="role" ref={(el) => { first.current = el; }} defaultValue="call-handler">
              {config.roles.map((role) => <option key={role} value={role}>{ROLE_LABELS[role] ?? role}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="region">Regio</label>
            <select id="region" name="region" defaultValue="vt-amsterdam-amstelland">
              {config.regions.map((code) => <option key={code} value={code}>{regionName(code)}</option>)}
            </select>
          </div>
          <button type="submit" disabled={busy}>Aanmelden</button>
        </form>
      ) : (
        <button type="button" ref={(el) => { first.current = el; }} onClick={() => void startOidcSignIn(config).catch((failure: unknown) => setError(`Aanmelden is niet gelukt: ${(failure as Error).message}`))}>
          Aanmelden{config.displayName ? ` bij ${config.displayName}` : ''}
        </button>
      )}
    </main>
  );
}
