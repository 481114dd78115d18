import { KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import reference from 'virtual:vt-reference';
import type { Session } from '../auth/session';
import { accessMessage, call, problemOf } from '../api/http';
import { IdempotencyKeys, sendIdempotently } from '../api/idempotent-submit';
import { placeFieldErrors, Problem, ProblemField } from '../api/problem';
import { findGemeente } from '../reference';
import {
  ADVIESVRAAG_CHANNEL_LABELS,
  AdviesvraagDraft,
  AdviesvraagPersonDraft,
  AdviesvraagSource,
  AdviesvraagView,
  emptyAdviesvraag,
  emptyAdviesvraagPerson,
  meldingDraftFromAdviesvraag,
  sourceOfDraft,
  sourceOfView,
  toAdviesvraagBody,
} from './adviesvraag-form.model';
import { CheckboxGroup, Field, FieldErrors, fieldId, householdPaths, HouseholdFields, SelectField } from './fields';
import { intakeFieldMessage } from './intake-messages';
import { MeldingScreen } from './melding-screen';

const lists = reference.codeLists;
const CHANNELS = Object.entries(ADVIESVRAAG_CHANNEL_LABELS).map(([code, label]) => ({ code, label }));
const label = (list: { code: string; label: string }[], code: string | null) => (code ? (list.find((e) => e.code === code)?.label ?? code) : '—');

function shownPaths(draft: AdviesvraagDraft): string[] {
  return [
    'receivedAt', 'channel', 'adviesvrager', 'adviesvrager.kind', 'adviesvrager.sector', 'adviesvrager.role', 'adviesvrager.name', 'adviesvrager.organisation', 'adviesvrager.phone', 'adviesvrager.email',
    ...householdPaths(draft.household),
    'persons', ...draft.persons.flatMap((_, i) => [`persons[${i}]`, `persons[${i}].role`, `persons[${i}].name`, `persons[${i}].birthDate`, `persons[${i}].estimatedAge`]),
    'concerns', 'concerns.aard', 'concerns.tags', 'concerns.question', 'advice',
  ];
}

type Registered = { adviesvraagId: string; receivedAt: string; source: AdviesvraagSource; convertedMeldingId?: string };
type Converting = { adviesvraagId: string; source: AdviesvraagSource };

/**
 * Adviesvraag registreren (issue 12 point 3, role `call-handler`): someone asks advice and stays responsible
 * (DOMAIN.md). Registered with `POST /api/v1/adviesvragen` (Idempotency-Key, retried on the network as a melding is),
 * read back with `GET /api/v1/adviesvragen/:id`, and turned into a melding by the melding form in conversion mode
 * (`POST /api/v1/adviesvragen/:id/melding`).
 */
export function AdviesvraagScreen({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [draft, setDraft] = useState<AdviesvraagDraft>(() => emptyAdviesvraag());
  const [problem, setProblem] = useState<Problem | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [registered, setRegistered] = useState<Registered | undefined>();
  const [converting, setConverting] = useState<Converting | undefined>();
  const keys = useRef(new IdempotencyKeys());
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const paths = useMemo(() => shownPaths(draft), [draft]);
  const placed = useMemo(() => placeFieldErrors(problem?.fields ?? [], (path) => paths.includes(path)), [problem, paths]);
  const gemeenteCodeOf = (text: string) => findGemeente(reference.gemeenten, text)?.code;
  const errorsAt = (path: string): ProblemField[] => placed.byPath.get(path) ?? [];
  const update = (change: (d: AdviesvraagDraft) => AdviesvraagDraft) => setDraft((d) => change(structuredClone(d)));

  useEffect(() => {
    if (!problem && !failure) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? summaryRef.current)?.focus();
  }, [problem, failure]);
  useEffect(() => doneRef.current?.focus(), [registered]);

  async function submit() {
    if (sending) return;
    const body = JSON.stringify(toAdviesvraagBody(draft, gemeenteCodeOf));
    setSending(true);
    setFailure(undefined);
    setProblem(undefined);
    const answer = await sendIdempotently(
      (key) => call('intake', '/api/v1/adviesvragen', { method: 'POST', token: session.accessToken, body, headers: { 'idempotency-key': key } }),
      keys.current.keyFor(body),
    );
    setSending(false);
    if (answer.kind === 'answered' && answer.status === 201) {
      keys.current.settled();
      const { adviesvraagId, receivedAt } = answer.body as { adviesvraagId: string; receivedAt: string };
      setRegistered({ adviesvraagId, receivedAt, source: sourceOfDraft(draft, receivedAt) });
      return;
    }
    if (answer.kind === 'network-error') {
      setFailure(`Registreren is niet gelukt: intake is niet bereikbaar (${answer.message}). Uw invoer staat er nog. Probeer het opnieuw; een adviesvraag die toch aankwam wordt nooit dubbel geregistreerd.`);
      return;
    }
    const refused = problemOf(answer);
    if (refused && accessMessage(refused)) return setFailure(accessMessage(refused));
    if (refused && refused.fields.length === 0) setFailure(`Registreren is niet gelukt (${refused.status} ${refused.error}): ${refused.detail ?? 'geen toelichting'}`);
    setProblem(refused && refused.fields.length > 0 ? refused : undefined);
  }

  function newAdviesvraag() {
    setDraft(emptyAdviesvraag());
    setRegistered(undefined);
    setProblem(undefined);
    setFailure(undefined);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  if (converting) {
    const close = (meldingId?: string) => {
      setConverting(undefined);
      if (meldingId && registered?.adviesvraagId === converting.adviesvraagId) setRegistered({ ...registered, convertedMeldingId: meldingId });
    };
    return <MeldingScreen session={session} onSignOut={onSignOut} conversion={{ adviesvraagId: converting.adviesvraagId, draft: meldingDraftFromAdviesvraag(converting.source), onClose: close }} />;
  }

  if (registered) {
    return (
      <section aria-labelledby="advies-geregistreerd">
        <h1 id="advies-geregistreerd" ref={doneRef} tabIndex={-1}>Adviesvraag geregistreerd</h1>
        <dl className="facts">
          <dt>Adviesvraagnummer</dt><dd data-testid="adviesvraag-id">{registered.adviesvraagId}</dd>
          <dt>Ontvangen</dt><dd>{new Date(registered.receivedAt).toLocaleString('nl-NL')}</dd>
          {registered.convertedMeldingId && (<><dt>Omgezet naar melding</dt><dd>{registered.convertedMeldingId}</dd></>)}
        </dl>
        <p>De adviesvrager blijft verantwoordelijk. Wordt het een melding, dan neemt Veilig Thuis de verantwoordelijkheid over.</p>
        {!registered.convertedMeldingId && <button type="button" onClick={() => setConverting({ adviesvraagId: registered.adviesvraagId, source: registered.source })}>Omzetten naar melding</button>}{' '}
        <button type="button" onClick={newAdviesvraag}>Nieuwe adviesvraag</button>
      </section>
    );
  }

  const a = draft.adviesvrager;
  const text = (path: string, name: string, value: string, set: (v: string) => void, extra: { type?: string; hint?: string; required?: boolean; inputMode?: 'tel' | 'email' } = {}) => (
    <Field path={path} label={name} errors={errorsAt(path)} hint={extra.hint} required={extra.required}>
      {(props) => <input {...props} type={extra.type ?? 'text'} autoComplete="off" inputMode={extra.inputMode} value={value} onChange={(e) => set(e.target.value)} />}
    </Field>
  );
  const select = (path: string, name: string, value: string, options: { code: string; label: string }[], set: (v: string) => void, placeholder?: string) => (
    <SelectField path={path} label={name} value={value} options={options} errors={errorsAt(path)} onChange={set} placeholder={placeholder} />
  );

  return (
    <section aria-labelledby="advies-titel">
      <h1 id="advies-titel">Adviesvraag registreren</h1>
      <p className="hint">Iemand vraagt advies en blijft zelf verantwoordelijk. Naam, contactgegevens, huishouden en personen zijn niet verplicht. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> registreert.</p>
      <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
        {failure && (
          <div role="alert" className="error-box">
            <p>{failure}</p>
            {failure.startsWith('U bent niet') ? <button type="button" onClick={onSignOut}>Opnieuw aanmelden</button> : null}
          </div>
        )}
        {problem && (
          <div role="alert" className="error-box">
            <p>De adviesvraag is niet geregistreerd: {problem.fields.length === 1 ? 'één veld moet' : `${problem.fields.length} velden moeten`} worden aangepast.</p>
            <ul>
              {problem.fields.map((field, i) => {
                const target = [...placed.byPath.entries()].find(([, list]) => list.includes(field))?.[0];
                return <li key={i}>{target ? <a href={`#${fieldId(target)}`}>{intakeFieldMessage(field)}</a> : `${field.path}: ${intakeFieldMessage(field)}`}</li>;
              })}
            </ul>
          </div>
        )}
      </div>
      <form ref={formRef} noValidate onKeyDown={onKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <fieldset>
          <legend>Ontvangst</legend>
          {text('receivedAt', 'Ontvangen op', draft.receivedAt, (v) => update((d) => ({ ...d, receivedAt: v })), { type: 'datetime-local', hint: 'Wanneer de vraag binnenkwam. Bij een adviesvraag loopt geen wettelijke termijn; wordt het een melding, dan niet eerder ontvangen dan deze.' })}
          {select('channel', 'Kanaal', draft.channel, CHANNELS, (v) => update((d) => ({ ...d, channel: v })))}
        </fieldset>

        <fieldset>
          <legend>Adviesvrager</legend>
          <FieldErrors path="adviesvrager" errors={errorsAt('adviesvrager')} />
          {select('adviesvrager.kind', 'Soort adviesvrager', a.kind, lists.melderKinds, (v) => update((d) => { d.adviesvrager.kind = v; return d; }))}
          {a.kind === 'professional' && select('adviesvrager.sector', 'Sector', a.sector, lists.melderSectors, (v) => update((d) => { d.adviesvrager.sector = v; return d; }), 'Kies een sector')}
          {select('adviesvrager.role', 'Rol van de adviesvrager', a.role, lists.melderRoles, (v) => update((d) => { d.adviesvrager.role = v; return d; }))}
          {text('adviesvrager.name', 'Naam adviesvrager', a.name, (v) => update((d) => { d.adviesvrager.name = v; return d; }), { hint: 'Niet verplicht: een adviesvraag mag anoniem.' })}
          {text('adviesvrager.organisation', 'Organisatie', a.organisation, (v) => update((d) => { d.adviesvrager.organisation = v; return d; }))}
          {text('adviesvrager.phone', 'Telefoon', a.phone, (v) => update((d) => { d.adviesvrager.phone = v; return d; }), { type: 'tel', inputMode: 'tel' })}
          {text('adviesvrager.email', 'E-mail', a.email, (v) => update((d) => { d.adviesvrager.email = v; return d; }), { type: 'email', inputMode: 'email' })}
        </fieldset>

        <fieldset>
          <legend>Huishouden (als de adviesvrager het noemt)</legend>
          <HouseholdFields household={draft.household} errorsAt={errorsAt} gemeenteRequired={false} onChange={(h) => update((d) => ({ ...d, household: h }))} />
        </fieldset>

        <fieldset>
          <legend>Personen (niet verplicht)</legend>
          <FieldErrors path="persons" errors={errorsAt('persons')} />
          {draft.persons.map((person, i) => (
            <AdviesvraagPersonFields key={i} index={i} person={person} errorsAt={errorsAt}
              onChange={(p) => update((d) => { d.persons[i] = p; return d; })}
              onRemove={() => update((d) => { d.persons.splice(i, 1); return d; })} />
          ))}
          <button type="button" onClick={() => update((d) => { d.persons.push(emptyAdviesvraagPerson()); return d; })}>Persoon toevoegen</button>
        </fieldset>

        <fieldset>
          <legend>Vraag en advies</legend>
          <FieldErrors path="concerns" errors={errorsAt('concerns')} />
          <CheckboxGroup path="concerns.aard" legend="Aard van het geweld" options={lists.aard} values={draft.concerns.aard} errors={errorsAt('concerns.aard')} onChange={(v) => update((d) => { d.concerns.aard = v; return d; })} />
          <CheckboxGroup path="concerns.tags" legend="Aanvullende kenmerken" options={lists.tags} values={draft.concerns.tags} errors={errorsAt('concerns.tags')} onChange={(v) => update((d) => { d.concerns.tags = v; return d; })} />
          <Field path="concerns.question" label="Wat vraagt de adviesvrager?" errors={errorsAt('concerns.question')} required hint="Blijft bij intake; gaat niet mee in gebeurtenissen of naar partners.">
            {(props) => <textarea {...props} rows={3} value={draft.concerns.question} onChange={(e) => update((d) => { d.concerns.question = e.target.value; return d; })} />}
          </Field>
          <Field path="advice" label="Gegeven advies" errors={errorsAt('advice')} hint="Mag later volgen. Blijft bij intake.">
            {(props) => <textarea {...props} rows={3} value={draft.advice} onChange={(e) => update((d) => ({ ...d, advice: e.target.value }))} />}
          </Field>
        </fieldset>

        <button type="submit" className="primary" disabled={sending} aria-describedby="advies-uitleg">{sending ? 'Bezig met registreren…' : 'Adviesvraag registreren'}</button>
        <span id="advies-uitleg" className="hint"> of <kbd>Ctrl</kbd>+<kbd>Enter</kbd></span>
      </form>

      <AdviesvraagLookup session={session} onConvert={(view) => setConverting({ adviesvraagId: view.adviesvraagId, source: sourceOfView(view, (code) => reference.gemeenten.find((g) => g.code === code)?.name) })} />
    </section>
  );
}

function AdviesvraagPersonFields({ index, person, errorsAt, onChange, onRemove }: { index: number; person: AdviesvraagPersonDraft; errorsAt: (path: string) => ProblemField[]; onChange: (p: AdviesvraagPersonDraft) => void; onRemove: () => void }) {
  const base = `persons[${index}]`;
  const n = index + 1;
  const set = (change: Partial<AdviesvraagPersonDraft>) => onChange({ ...person, ...change });
  return (
    <fieldset className="person">
      <legend>Persoon {n}</legend>
      <FieldErrors path={base} errors={errorsAt(base)} />
      <SelectField path={`${base}.role`} label={`Rol persoon ${n}`} value={person.role} options={lists.personRoles} errors={errorsAt(`${base}.role`)} onChange={(v) => set({ role: v })} />
      <Field path={`${base}.name`} label={`Naam persoon ${n}`} errors={errorsAt(`${base}.name`)}>
        {(props) => <input {...props} type="text" autoComplete="off" value={person.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field path={`${base}.birthDate`} label={`Geboortedatum persoon ${n}`} errors={errorsAt(`${base}.birthDate`)}>
        {(props) => <input {...props} type="date" value={person.birthDate} onChange={(e) => set({ birthDate: e.target.value })} />}
      </Field>
      <Field path={`${base}.estimatedAge`} label={`Geschatte leeftijd persoon ${n}`} errors={errorsAt(`${base}.estimatedAge`)}>
        {(props) => <input {...props} type="text" inputMode="numeric" autoComplete="off" value={person.estimatedAge} onChange={(e) => set({ estimatedAge: e.target.value })} />}
      </Field>
      <button type="button" onClick={onRemove}>Persoon {n} verwijderen</button>
    </fieldset>
  );
}

/** One adviesvraag by its number (`GET /api/v1/adviesvragen/:id`, purpose `registratie`; intake records the read), to turn it into a melding later. */
function AdviesvraagLookup({ session, onConvert }: { session: Session; onConvert: (view: AdviesvraagView) => void }) {
  const [id, setId] = useState('');
  const [view, setView] = useState<AdviesvraagView | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [view]);

  async function open() {
    setView(undefined);
    setMessage(undefined);
    const wanted = id.trim();
    const answer = await call('intake', `/api/v1/adviesvragen/${encodeURIComponent(wanted)}`, { method: 'GET', token: session.accessToken, headers: { 'x-access-purpose': 'registratie' } });
    if (answer.kind === 'answered' && answer.status === 200) return setView(answer.body as AdviesvraagView);
    if (answer.kind === 'network-error') return setMessage(`Opzoeken is niet gelukt: intake is niet bereikbaar (${answer.message}).`);
    const refused = problemOf(answer);
    if (refused?.status === 404) return setMessage(`Er is geen adviesvraag ${wanted}.`);
    if (refused?.status === 400) return setMessage('Een adviesvraagnummer ziet eruit als 3f2c1a9e-…: 36 tekens, zoals het na registreren werd getoond.');
    if (refused?.status === 403) return setMessage('Geen toegang: deze adviesvraag hoort bij een regio waarvoor u niet bent aangemeld (of noemt geen gemeente; die leest alleen een landelijke medewerker).');
    setMessage((refused && accessMessage(refused)) ?? `Opzoeken is niet gelukt (${refused?.status ?? '?'}).`);
  }

  return (
    <section aria-labelledby="advies-opzoeken" className="household-search">
      <h2 id="advies-opzoeken">Adviesvraag opzoeken</h2>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void open(); }}>
        <div className="field">
          <label htmlFor="adviesvraag-lookup">Adviesvraagnummer</label>
          <input id="adviesvraag-lookup" type="text" autoComplete="off" value={id} onChange={(e) => setId(e.target.value)} aria-describedby={message ? 'adviesvraag-lookup-message' : undefined} />
        </div>
        <button type="submit">Opzoeken</button>
      </form>
      <div aria-live="polite">{message && <p id="adviesvraag-lookup-message" role="alert" className="error-box">{message}</p>}</div>
      {view && (
        <>
          <h3 ref={headingRef} tabIndex={-1}>Adviesvraag {view.adviesvraagId.slice(0, 8)}</h3>
          <dl className="facts">
            <dt>Ontvangen</dt><dd>{new Date(view.receivedAt).toLocaleString('nl-NL')}</dd>
            <dt>Kanaal</dt><dd>{label(CHANNELS, view.channel)}</dd>
            <dt>Adviesvrager</dt><dd>{label(lists.melderKinds, view.adviesvrager.kind)}{view.adviesvrager.sector ? `, ${label(lists.melderSectors, view.adviesvrager.sector)}` : ''}</dd>
            <dt>Gemeente</dt><dd>{view.region.gemeenteCode ? `${reference.gemeenten.find((g) => g.code === view.region.gemeenteCode)?.name ?? view.region.gemeenteCode} (${view.region.gemeenteCode})` : view.region.vtRegion ? (reference.regions.find((r) => r.code === view.region.vtRegion)?.name ?? view.region.vtRegion) : 'niet genoemd'}</dd>
            <dt>Aard</dt><dd>{view.aard.map((code) => label(lists.aard, code)).join(', ')}</dd>
            <dt>Melding</dt><dd>{view.convertedMeldingId ?? 'nog niet omgezet'}</dd>
          </dl>
          {!view.convertedMeldingId && <button type="button" onClick={() => onConvert(view)}>Omzetten naar melding</button>}
        </>
      )}
    </section>
  );
}
