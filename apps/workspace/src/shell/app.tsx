import { ReactElement, useEffect, useState } from 'react';
import { parseWorkspaceConfig, WorkspaceConfig } from '../config';
import { ROLE_LABELS, Session, storedSession, storeSession } from '../auth/session';
import { SignIn } from '../auth/sign-in';
import { completeOidcSignIn } from '../auth/oidc';
import { MeldingScreen } from '../intake/melding-screen';
import { AdviesvraagScreen } from '../intake/adviesvraag-screen';
import { HouseholdScreen } from '../household/household-screen';
import { TriageScreen } from '../triage/triage-screen';
import { CrisisScreen } from '../crisis/crisis-screen';

/** The screens, each for the roles that may use it; a user sees only those of their roles (the services decide what they may do). */
const SCREENS: { id: string; title: string; roles: string[]; render: (session: Session, signOut: () => void) => ReactElement }[] = [
  { id: 'melding', title: 'Melding registreren', roles: ['call-handler'], render: (session, signOut) => <MeldingScreen session={session} onSignOut={signOut} /> },
  // crisis queue (issue 12 point 4)
  { id: 'crisis', title: 'Crisiswachtrij', roles: ['triage'], render: (session, signOut) => <CrisisScreen session={session} onSignOut={signOut} /> },
  // triage queue (issue 12 point 5)
  { id: 'triage', title: 'Veiligheidsbeoordelingen', roles: ['triage'], render: (session, signOut) => <TriageScreen session={session} onSignOut={signOut} /> },
  // household view (issue 12 point 6)
  { id: 'household', title: 'Huishouden', roles: ['investigator', 'triage', 'auditor'], render: (session, signOut) => <HouseholdScreen session={session} onSignOut={signOut} /> },
  { id: 'adviesvraag', title: 'Adviesvraag registreren', roles: ['call-handler'], render: (session, signOut) => <AdviesvraagScreen session={session} onSignOut={signOut} /> },
];

export function App() {
  const [config, setConfig] = useState<WorkspaceConfig | { error: string } | undefined>();
  const [session, setSession] = useState<Session | undefined>(() => storedSession());
  const [notice, setNotice] = useState<string | undefined>();
  const [hash, setHash] = useState(() => window.location.hash);

  useEffect(() => {
    fetch('/workspace-config.json', { headers: { accept: 'application/json' } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`/workspace-config.json antwoordde ${response.status}`);
        const parsed = parseWorkspaceConfig(await response.json());
        if (parsed.auth.kind === 'oidc') {
          const signedIn = await completeOidcSignIn(parsed.auth);
          if (signedIn) signIn(signedIn);
        }
        setConfig(parsed);
      })
      .catch((error: unknown) => setConfig({ error: (error as Error).message }));
    const onHash = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  function signIn(next: Session) {
    storeSession(next);
    setSession(next);
    setNotice(undefined);
  }
  function signOut(reason?: string) {
    storeSession(undefined);
    setSession(undefined);
    setNotice(reason);
  }

  if (!config) return <main className="page"><p role="status">Werkplek laden…</p></main>;
  if ('error' in config) {
    return (
      <main className="page">
        <h1>Veilig Thuis werkplek</h1>
        <p role="alert" className="error-box">De werkplek kan zijn instellingen niet laden ({config.error}). Neem contact op met functioneel beheer.</p>
      </main>
    );
  }
  if (!session) return <SignIn config={config.auth} notice={notice} onSignedIn={signIn} />;

  const screens = SCREENS.filter((screen) => screen.roles.some((role) => session.roles.includes(role)));
  const current = screens.find((screen) => `#/${screen.id}` === hash || hash.startsWith(`#/${screen.id}/`)) ?? screens[0];
  return (
    <>
      <a className="skip-link" href="#inhoud">Naar de inhoud</a>
      <header className="topbar">
        <span className="brand">Veilig Thuis werkplek</span>
        {screens.length > 1 && (
          <nav aria-label="Schermen">
            <ul>
              {screens.map((screen) => (
                <li key={screen.id}><a href={`#/${screen.id}`} aria-current={screen === current ? 'page' : undefined}>{screen.title}</a></li>
              ))}
            </ul>
          </nav>
        )}
        <span className="who">
          {session.roles.map((role) => ROLE_LABELS[role] ?? role).join(', ')} · {session.regions.map((r) => (r === '*' ? 'landelijk' : r)).join(', ')}
        </span>
        <button type="button" onClick={() => signOut('U bent afgemeld.')}>Afmelden</button>
      </header>
      <main id="inhoud" className="page" tabIndex={-1}>
        {current ? (
          current.render(session, () => signOut('Uw sessie is verlopen of uw token werd geweigerd. Meld u opnieuw aan.'))
        ) : (
          <>
            <h1>Geen schermen voor uw rol</h1>
            <p>
              De werkplek heeft nog geen schermen voor {session.roles.map((role) => ROLE_LABELS[role] ?? role).join(', ')}. Werk via de API of de
              opdrachtregel (`vt`), of meld u aan met een rol die hier schermen heeft.
            </p>
          </>
        )}
      </main>
    </>
  );
}
