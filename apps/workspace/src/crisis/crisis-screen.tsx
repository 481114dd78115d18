import { FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import reference from 'virtual:vt-reference';
import type { Session } from '../auth/session';
import { accessMessage, call, problemOf } from '../api/http';
import { placeFieldErrors, Problem, ProblemField } from '../api/problem';
import { ACTION_LABELS, arrivals, crisisFieldMessage, everyoneSafeAfter, GROUND_LABELS, orderQueue, parseQueue, QueueEntry, RECORDABLE_ACTIONS } from './crisis-queue.model';
import { beep, FeedStatus, openLiveFeed } from './live-feed';

const PURPOSE = { 'x-access-purpose': 'crisisinterventie' };
const SHOWN_FIELDS = ['action', 'note', 'personId'];
const personRole = (code: string) => (reference.codeLists.personRoles.find((r) => r.code === code)?.label ?? code).toLowerCase();
const gemeenteName = (code?: string) => (code ? (reference.gemeenten.find((g) => g.code === code)?.name ?? code) : 'gemeente onbekend');
const regionName = (code: string) => reference.regions.find((r) => r.code === code)?.name ?? code;
const time = (iso: string) => new Date(iso).toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const personLabel = (entry: QueueEntry, personId: string) => {
  const index = entry.persons.findIndex((p) => p.personId === personId);
  return index === -1 ? 'onbekende persoon' : `persoon ${index + 1} (${personRole(entry.persons[index]?.role ?? '')})`;
};

/**
 * The crisis function's screen (issue 12 point 4): the region's open acute meldingen, live. The stream only says
 * that something changed; the queue is then read again through crisis-triage's API, which checks and records the read.
 */
export function CrisisScreen({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const regions = session.regions.includes('*') ? reference.regions.map((r) => r.code) : session.regions;
  const [region, setRegion] = useState(regions[0] ?? '');
  const [entries, setEntries] = useState<QueueEntry[] | undefined>();
  const [status, setStatus] = useState<FeedStatus>({ kind: 'connecting' });
  const [failure, setFailure] = useState<{ text: string; signIn: boolean } | undefined>();
  const [alert, setAlert] = useState<{ text: string; interventionId: string } | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const shown = useRef<Set<string> | undefined>(undefined);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const reading = useRef<Promise<void> | undefined>(undefined);
  const again = useRef(false);

  const read = useCallback(async () => {
    const answer = await call('crisis-triage', `/api/v1/regions/${encodeURIComponent(region)}/crisis-queue`, { method: 'GET', token: session.accessToken, headers: PURPOSE });
    if (answer.kind === 'network-error') {
      setFailure({ text: `De crisiswachtrij kon niet worden gelezen: crisis-triage is niet bereikbaar (${answer.message}). De werkplek probeert het opnieuw zodra de verbinding terug is.`, signIn: false });
      return;
    }
    const refused = problemOf(answer);
    if (refused) {
      setFailure({ text: accessMessage(refused) ?? `De crisiswachtrij kon niet worden gelezen (${refused.status} ${refused.error}).`, signIn: refused.status === 401 });
      return;
    }
    setFailure(undefined);
    const next = orderQueue(parseQueue(answer.body));
    const fresh = arrivals(shown.current, next);
    shown.current = new Set([...(shown.current ?? []), ...next.map((e) => e.interventionId)]);
    setEntries(next);
    const newest = fresh[fresh.length - 1];
    if (newest) {
      setAlert({
        text: fresh.length === 1 ? `Nieuwe acute melding in ${gemeenteName(newest.gemeenteCode)} om ${time(newest.requestedAt)}.` : `${fresh.length} nieuwe acute meldingen, de laatste in ${gemeenteName(newest.gemeenteCode)}.`,
        interventionId: newest.interventionId,
      });
      beep();
    }
  }, [region, session.accessToken]);

  // One read at a time; a notice during a read asks for one more read after it.
  const refresh = useCallback(() => {
    if (reading.current) {
      again.current = true;
      return;
    }
    reading.current = read().finally(() => {
      reading.current = undefined;
      if (again.current) {
        again.current = false;
        refresh();
      }
    });
  }, [read]);

  useEffect(() => {
    shown.current = undefined;
    setEntries(undefined);
    setAlert(undefined);
    return openLiveFeed({ region, token: session.accessToken, onChange: refresh, onStatus: setStatus });
  }, [region, session.accessToken, refresh]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const refusedFeed = status.kind === 'refused' ? status.problem : undefined;
  const problemText = failure?.text ?? (refusedFeed ? (accessMessage(refusedFeed) ?? 'De live verbinding werd geweigerd.') : undefined);

  return (
    <>
      <h1>Crisiswachtrij</h1>
      {regions.length > 1 && (
        <div className="field">
          <label htmlFor="crisis-region">Regio</label>
          <select id="crisis-region" value={region} onChange={(e) => setRegion(e.target.value)}>
            {regions.map((code) => <option key={code} value={code}>{regionName(code)}</option>)}
          </select>
        </div>
      )}
      <p role="status" className="hint" data-testid="live-status">
        {regionName(region)}: {status.kind === 'live' ? 'live verbonden; nieuwe acute meldingen verschijnen vanzelf.' : status.kind === 'reconnecting' ? `verbinding verbroken; opnieuw verbinden over ${Math.ceil(status.inMs / 1000)} s.` : status.kind === 'refused' ? 'geen live verbinding.' : 'verbinden…'}
      </p>
      <div role="alert" className={alert ? 'crisis-alert' : undefined}>
        {alert && (
          <>
            <strong>{alert.text}</strong>{' '}
            <button type="button" onClick={() => document.getElementById(`crisis-${alert.interventionId}`)?.focus()}>Naar de nieuwe melding</button>{' '}
            <button type="button" onClick={() => setAlert(undefined)}>Melding gezien</button>
          </>
        )}
      </div>
      {problemText && (
        <div role="alert" className="error-box">
          <p>{problemText}</p>
          {(failure?.signIn || refusedFeed?.status === 401) && <button type="button" onClick={onSignOut}>Opnieuw aanmelden</button>}
        </div>
      )}
      {done && <p ref={doneRef} tabIndex={-1} className="notice">{done}</p>}
      {entries === undefined ? (
        !problemText && <p>Wachtrij laden…</p>
      ) : entries.length === 0 ? (
        <p>Er zijn geen open acute meldingen in {regionName(region)}.</p>
      ) : (
        <ul className="crisis-list" aria-label={`Open acute meldingen, ${regionName(region)}`}>
          {entries.map((entry) => (
            <li key={entry.interventionId}>
              <Intervention entry={entry} session={session} onRecorded={refresh} onAllSafe={(text) => setDone(text)} onSignOut={onSignOut} isNew={alert?.interventionId === entry.interventionId} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Intervention({ entry, session, onRecorded, onAllSafe, onSignOut, isNew }: { entry: QueueEntry; session: Session; onRecorded: () => void; onAllSafe: (text: string) => void; onSignOut: () => void; isNew: boolean }) {
  const id = entry.interventionId;
  const [action, setAction] = useState(RECORDABLE_ACTIONS[0] ?? '');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [result, setResult] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // Confirmed from this card, before the queue's next read says so (the next person may be confirmed before it arrives).
  const [confirmedHere, setConfirmedHere] = useState<string[]>([]);
  const confirmed = (personId: string) => entry.safetyConfirmedFor.includes(personId) || confirmedHere.includes(personId);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  useEffect(() => {
    if (!problem && !failure) return;
    (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? failureRef.current)?.focus();
  }, [problem, failure]);

  async function record(body: { action: string; personId?: string; note?: string }, done: string): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setProblem(undefined);
    setFailure(undefined);
    const answer = await call('crisis-triage', `/api/v1/crisis-interventions/${id}/actions`, { method: 'POST', token: session.accessToken, body });
    setBusy(false);
    if (answer.kind === 'answered' && answer.status === 201) {
      setResult(done);
      onRecorded();
      return true;
    }
    if (answer.kind === 'network-error') {
      setFailure(`Vastleggen is niet gelukt: crisis-triage is niet bereikbaar (${answer.message}). Probeer het opnieuw.`);
      return false;
    }
    const refused = problemOf(answer);
    if (refused && accessMessage(refused)) setFailure(accessMessage(refused));
    else if (refused && refused.fields.length > 0) setProblem(refused);
    else setFailure(`Vastleggen is niet gelukt (${refused?.status} ${refused?.error}): ${refused?.detail ?? 'geen toelichting'}`);
    return false;
  }

  // The fields this card shows; anything else the API names goes to the card's summary.
  const placed = placeFieldErrors(problem?.fields ?? [], (path) => SHOWN_FIELDS.includes(path));
  const errorsAt = (path: string): ProblemField[] => placed.byPath.get(path) ?? [];
  const unplaced = placed.unplaced;
  const actionErrors = errorsAt('action');
  const noteErrors = errorsAt('note');
  const personErrors = errorsAt('personId');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = note.trim();
    if (await record({ action, ...(trimmed ? { note: trimmed } : {}) }, `Vastgelegd: ${ACTION_LABELS[action] ?? action}.`)) setNote('');
  }

  async function confirm(personId: string) {
    const label = personLabel(entry, personId);
    const ok = await record({ action: 'immediate-safety-confirmed', personId }, `Directe veiligheid bevestigd voor ${label}.`);
    if (ok) setConfirmedHere((before) => [...before, personId]);
    if (ok && everyoneSafeAfter(entry, confirmedHere, personId)) onAllSafe(`Directe veiligheid is voor iedereen in de acute melding van ${time(entry.requestedAt)} (${gemeenteName(entry.gemeenteCode)}) bevestigd; de melding staat niet meer in de wachtrij.`);
  }

  const headingId = `crisis-${id}`;
  return (
    <article className={`crisis-card${isNew ? ' new' : ''}`} aria-labelledby={headingId} data-melding-id={entry.meldingId}>
      <h2 id={headingId} tabIndex={-1}>
        Acute melding {time(entry.requestedAt)} · {gemeenteName(entry.gemeenteCode)}
      </h2>
      <dl className="facts">
        <dt>Waarom acuut</dt>
        <dd>{entry.grounds.map((g) => GROUND_LABELS[g] ?? g).join(', ') || 'onbekend'}</dd>
        <dt>Personen</dt>
        <dd>{entry.persons.length}</dd>
        <dt>Melding</dt>
        <dd>{entry.meldingId}</dd>
      </dl>
      {entry.actions.length > 0 && (
        <>
          <h3>Vastgelegd</h3>
          <ul>
            {entry.actions.map((a, i) => (
              <li key={i}>
                {time(a.recordedAt)}: {ACTION_LABELS[a.action] ?? a.action}
                {a.personId ? `, ${personLabel(entry, a.personId)}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {result && <p ref={resultRef} tabIndex={-1} className="notice">{result}</p>}
      {failure && <div ref={failureRef} tabIndex={-1} role="alert" className="error-box">{failure}{failure.startsWith('U bent niet') && <> <button type="button" onClick={onSignOut}>Opnieuw aanmelden</button></>}</div>}
      {unplaced.length > 0 && <div role="alert" className="error-box">{unplaced.map(crisisFieldMessage).join(' ')}</div>}
      <fieldset className="group">
        <legend>Directe veiligheid per persoon</legend>
        {personErrors.length > 0 && <div id={`${id}-person-error`} className="field-error">{personErrors.map(crisisFieldMessage).join(' ')}</div>}
        <ul className="persons">
          {entry.persons.map((person) => {
            const label = personLabel(entry, person.personId);
            return (
              <li key={person.personId}>
                {confirmed(person.personId) ? (
                  <span>{label}: directe veiligheid bevestigd</span>
                ) : (
                  <button type="button" disabled={busy} onClick={() => void confirm(person.personId)} aria-describedby={personErrors.length ? `${id}-person-error` : undefined}>
                    Directe veiligheid bevestigen: {label}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="group">
          <legend>Actie vastleggen</legend>
          <div className={`field${actionErrors.length ? ' invalid' : ''}`}>
            <label htmlFor={`${id}-action`}>Actie</label>
            <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value)} {...(actionErrors.length ? { 'aria-invalid': true, 'aria-describedby': `${id}-action-error` } : {})}>
              {RECORDABLE_ACTIONS.map((code) => <option key={code} value={code}>{ACTION_LABELS[code]}</option>)}
            </select>
            {actionErrors.length > 0 && <div id={`${id}-action-error`} className="field-error">{actionErrors.map(crisisFieldMessage).join(' ')}</div>}
          </div>
          <div className={`field${noteErrors.length ? ' invalid' : ''}`}>
            <label htmlFor={`${id}-note`}>Toelichting (optioneel)</label>
            <textarea id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={[`${id}-note-hint`, noteErrors.length ? `${id}-note-error` : ''].filter(Boolean).join(' ')} {...(noteErrors.length ? { 'aria-invalid': true } : {})} />
            <div id={`${id}-note-hint`} className="hint">Wordt versleuteld bewaard bij crisis-triage.</div>
            {noteErrors.length > 0 && <div id={`${id}-note-error`} className="field-error">{noteErrors.map(crisisFieldMessage).join(' ')}</div>}
          </div>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Bezig…' : 'Actie vastleggen'}</button>
        </fieldset>
      </form>
    </article>
  );
}
