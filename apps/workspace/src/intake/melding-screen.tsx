import { KeyboardEvent, ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import reference from 'virtual:vt-reference';
import type { Session } from '../auth/session';
import { accessMessage, call, problemOf } from '../api/http';
import { IdempotencyKeys, sendIdempotently } from '../api/idempotent-submit';
import { placeFieldErrors, Problem, ProblemField } from '../api/problem';
import { findGemeente } from '../reference';
import { bsnHint } from './bsn';
import { CheckboxGroup, Field, FieldErrors, fieldId, householdPaths, HouseholdFields, SelectField } from './fields';
import { intakeFieldMessage } from './intake-messages';
import { emptyDraft, emptyPerson, LATE_REGISTRATION_LABELS, lateRegistrationShown, MeldingDraft, PersonDraft, toRequestBody } from './melding-form.model';

export { fieldId } from './fields';

const lists = reference.codeLists;
const SIGNALS = [
  { code: 'physical-violence', label: 'Lichamelijk geweld' },
  { code: 'sexual-violence', label: 'Seksueel geweld' },
  { code: 'basic-care-lacking', label: 'Basiszorg ontbreekt' },
  { code: 'victim-disclosure', label: 'Onthulling door slachtoffer' },
];
const CLASSIFICATIONS: Record<string, string> = { first: 'Eerste melding', hermelding: 'Hermelding', vervolgmelding: 'Vervolgmelding' };
const RADAR_REASONS: Record<string, string> = {
  'case-closed': 'de zaak is gesloten',
  'different-households': 'de personen horen bij verschillende huishoudens',
  moved: 'het huishouden woont op een ander adres',
  'address-unknown': 'het adres is onbekend',
};

const LATE_REASONS = Object.entries(LATE_REGISTRATION_LABELS).map(([code, label]) => ({ code, label }));

/** The paths the form shows, in form order: where an API field error can be put. */
function shownPaths(draft: MeldingDraft, lateShown: boolean): string[] {
  return [
    'receivedAt', ...(lateShown ? ['lateRegistration', 'lateRegistration.reason'] : []), 'channel', 'melder', 'melder.kind', 'melder.sector', 'melder.role', 'melder.name', 'melder.organisation', 'melder.phone', 'melder.email', 'melder.identitySealed',
    ...(draft.melder.identitySealed ? ['melder.sealReason', 'melder.sealExplanation'] : []),
    ...householdPaths(draft.household),
    'persons', ...draft.persons.flatMap((_, i) => [`persons[${i}]`, `persons[${i}].role`, `persons[${i}].name`, `persons[${i}].birthDate`, `persons[${i}].estimatedAge`, `persons[${i}].bsn`]),
    'concerns.aard', 'concerns.tags', 'concerns.account', 'acuteIndication', 'acuteIndication.indicated', 'acuteIndication.signals', 'acuteIndication.ground', 'radar.join',
  ];
}

type Registered = { meldingId: string; householdId?: string; radar?: string; radarDecision?: { kind: string }; alreadyConverted?: boolean };

/** Converting an adviesvraag: the melding form starts from it and registers through `POST /api/v1/adviesvragen/:id/melding`. */
export interface Conversion {
  adviesvraagId: string;
  draft: MeldingDraft;
  /** Back to the adviesvraag screen: with the melding's id after it was registered (or found registered), without to cancel. */
  onClose: (meldingId?: string) => void;
}
type RadarAnswer = { classification: string; households: { householdId: string; region: string; status: string; mayJoin: boolean; reason?: string; matches: { person: number; matchedOn: string }[] }[] };

export function MeldingScreen({ session, onSignOut, conversion }: { session: Session; onSignOut: () => void; conversion?: Conversion }) {
  const [draft, setDraft] = useState<MeldingDraft>(() => (conversion ? structuredClone(conversion.draft) : emptyDraft()));
  // Once intake named `lateRegistration` in a refusal the reason stays on the form, whatever the browser's clock says.
  const [lateAsked, setLateAsked] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [registered, setRegistered] = useState<Registered | undefined>();
  const [radar, setRadar] = useState<RadarAnswer | undefined>();
  const keys = useRef(new IdempotencyKeys());
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const lateShown = lateRegistrationShown(draft.receivedAt, new Date(), lateAsked);
  const paths = useMemo(() => shownPaths(draft, lateShown), [draft, lateShown]);
  const placed = useMemo(() => placeFieldErrors(problem?.fields ?? [], (path) => paths.includes(path)), [problem, paths]);
  const gemeenteCodeOf = (text: string) => findGemeente(reference.gemeenten, text)?.code;

  // After a refusal the first field in error gets the focus (else the summary); after a success, the confirmation.
  useEffect(() => {
    if (!problem && !failure) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? summaryRef.current)?.focus();
  }, [problem, failure]);
  useEffect(() => doneRef.current?.focus(), [registered]);

  const update = (change: (d: MeldingDraft) => MeldingDraft) => setDraft((d) => change(structuredClone(d)));
  const errorsAt = (path: string) => placed.byPath.get(path) ?? [];

  function handleAnswer(answer: Awaited<ReturnType<typeof call>>, what: string): Problem | undefined {
    const refused = problemOf(answer);
    if (answer.kind === 'network-error') {
      setFailure(`${what} is niet gelukt: intake is niet bereikbaar (${answer.message}). Uw invoer staat er nog. Probeer het opnieuw; een melding die toch aankwam wordt nooit dubbel geregistreerd.`);
      return undefined;
    }
    if (refused && accessMessage(refused)) {
      setFailure(accessMessage(refused));
      return refused;
    }
    if (refused?.fields.some((f) => f.path.startsWith('lateRegistration'))) setLateAsked(true);
    if (refused && refused.fields.length === 0) setFailure(`${what} is niet gelukt (${refused.status} ${refused.error}): ${refused.detail ?? 'geen toelichting'}`);
    setProblem(refused && refused.fields.length > 0 ? refused : undefined);
    return refused;
  }

  async function submit() {
    if (sending) return;
    const body = JSON.stringify(toRequestBody(draft, gemeenteCodeOf, { lateShown }));
    setSending(true);
    setFailure(undefined);
    setProblem(undefined);
    // A conversion takes no Idempotency-Key: an adviesvraag becomes a melding at most once, and a retry of one that did
    // arrive gets the 409 naming the melding (shown as registered below).
    const answer = await sendIdempotently(
      (key) =>
        conversion
          ? call('intake', `/api/v1/adviesvragen/${encodeURIComponent(conversion.adviesvraagId)}/melding`, { method: 'POST', token: session.accessToken, body })
          : call('intake', '/api/v1/meldingen', { method: 'POST', token: session.accessToken, body, headers: { 'idempotency-key': key } }),
      keys.current.keyFor(body),
    );
    setSending(false);
    if (answer.kind === 'answered' && answer.status === 201) {
      keys.current.settled();
      setRegistered(answer.body as Registered);
      return;
    }
    const converted = answer.kind === 'answered' && answer.status === 409 ? (answer.body as { error?: string; meldingId?: string } | undefined) : undefined;
    if (conversion && converted?.error === 'adviesvraag-already-converted' && converted.meldingId) {
      setRegistered({ meldingId: converted.meldingId, alreadyConverted: true });
      return;
    }
    handleAnswer(answer, 'Registreren');
  }

  async function checkRadar() {
    const body = toRequestBody(draft, gemeenteCodeOf);
    setFailure(undefined);
    setProblem(undefined);
    const answer = await call('intake', '/api/v1/radar/matches', { method: 'POST', token: session.accessToken, body: { household: body['household'], persons: body['persons'] }, headers: { 'x-access-purpose': 'registratie' } });
    if (answer.kind === 'answered' && answer.status === 200) setRadar(answer.body as RadarAnswer);
    else handleAnswer(answer, 'Radar controleren');
  }

  function newMelding() {
    if (conversion) return conversion.onClose(registered?.meldingId);
    setDraft(emptyDraft());
    setLateAsked(false);
    setRegistered(undefined);
    setRadar(undefined);
    setProblem(undefined);
    setFailure(undefined);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  if (registered) {
    return (
      <section aria-labelledby="geregistreerd">
        <h1 id="geregistreerd" ref={doneRef} tabIndex={-1}>{registered.alreadyConverted ? 'Adviesvraag was al omgezet' : 'Melding geregistreerd'}</h1>
        {conversion && <p>{registered.alreadyConverted ? 'Deze adviesvraag werd eerder al een melding; er is geen tweede melding geregistreerd.' : 'De adviesvraag is omgezet: Veilig Thuis neemt de verantwoordelijkheid voor de veiligheid over.'}</p>}
        <dl className="facts">
          {conversion && (<><dt>Adviesvraagnummer</dt><dd>{conversion.adviesvraagId}</dd></>)}
          <dt>Meldingnummer</dt><dd data-testid="melding-id">{registered.meldingId}</dd>
          {registered.householdId && (<><dt>Huishouden</dt><dd>{registered.householdId}</dd></>)}
          {registered.radar && (<><dt>Radar</dt><dd>{CLASSIFICATIONS[registered.radar] ?? registered.radar}</dd></>)}
        </dl>
        <button type="button" onClick={newMelding}>{conversion ? 'Terug naar adviesvragen' : 'Nieuwe melding'}</button>
      </section>
    );
  }

  const text = (path: string, label: string, value: string, set: (v: string) => void, extra: { type?: string; hint?: ReactNode; required?: boolean; list?: string; autoComplete?: string; inputMode?: 'numeric' | 'tel' | 'email' } = {}) => (
    <Field path={path} label={label} errors={errorsAt(path)} hint={extra.hint} required={extra.required}>
      {(props) => <input {...props} type={extra.type ?? 'text'} value={value} list={extra.list} autoComplete={extra.autoComplete ?? 'off'} inputMode={extra.inputMode} onChange={(e) => set(e.target.value)} />}
    </Field>
  );
  const select = (path: string, label: string, value: string, options: { code: string; label: string }[], set: (v: string) => void, placeholder?: string, hint?: ReactNode) => (
    <SelectField path={path} label={label} value={value} options={options} errors={errorsAt(path)} onChange={set} placeholder={placeholder} hint={hint} />
  );
  const title = conversion ? 'Adviesvraag omzetten naar melding' : 'Melding registreren';

  return (
    <section aria-labelledby="melding-titel">
      <h1 id="melding-titel">{title}</h1>
      {conversion && (
        <p>
          Adviesvraag {conversion.adviesvraagId}: wat de adviesvraag al zei staat ingevuld. Een melding vraagt meer: de naam en een telefoon of e-mail van de
          melder, personen met naam en wat de melder vertelde. De vraag en het advies blijven bij de adviesvraag.{' '}
          <button type="button" onClick={() => conversion.onClose()}>Annuleren</button>
        </p>
      )}
      <p className="hint">Alles werkt met het toetsenbord: Tab en Shift+Tab gaan van veld naar veld, spatie vinkt aan, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> registreert de melding.</p>
      <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
        {failure && (
          <div role="alert" className="error-box">
            <p>{failure}</p>
            {problem?.status === 401 || failure.startsWith('U bent niet') ? <button type="button" onClick={onSignOut}>Opnieuw aanmelden</button> : null}
          </div>
        )}
        {problem && (
          <div role="alert" className="error-box">
            <p>De melding is niet geregistreerd: {problem.fields.length === 1 ? 'één veld' : `${problem.fields.length} velden`} {problem.fields.length === 1 ? 'moet' : 'moeten'} worden aangepast.</p>
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
          {text('receivedAt', 'Ontvangen op', draft.receivedAt, (v) => update((d) => ({ ...d, receivedAt: v })), { type: 'datetime-local', required: true, hint: 'Wanneer de melding Veilig Thuis bereikte; de wettelijke termijnen lopen vanaf hier.' })}
          {lateShown && (
            <>
              <FieldErrors path="lateRegistration" errors={errorsAt('lateRegistration')} />
              {select('lateRegistration.reason', 'Reden late registratie', draft.lateReason, LATE_REASONS, (v) => update((d) => ({ ...d, lateReason: v })), '(geen: de melding is niet laat)',
                'Verplicht als de melding meer dan 24 uur na ontvangst wordt geregistreerd; de termijnen lopen vanaf de ontvangst.')}
            </>
          )}
          {select('channel', 'Kanaal', draft.channel, lists.channels, (v) => update((d) => ({ ...d, channel: v })))}
        </fieldset>

        <fieldset>
          <legend>Melder</legend>
          <FieldErrors path="melder" errors={errorsAt('melder')} />
          {select('melder.kind', 'Soort melder', draft.melder.kind, lists.melderKinds, (v) => update((d) => { d.melder.kind = v; return d; }))}
          {draft.melder.kind === 'professional' && select('melder.sector', 'Sector', draft.melder.sector, lists.melderSectors, (v) => update((d) => { d.melder.sector = v; return d; }), 'Kies een sector')}
          {select('melder.role', 'Rol van de melder', draft.melder.role, lists.melderRoles, (v) => update((d) => { d.melder.role = v; return d; }))}
          {text('melder.name', 'Naam melder', draft.melder.name, (v) => update((d) => { d.melder.name = v; return d; }), { required: true })}
          {text('melder.organisation', 'Organisatie', draft.melder.organisation, (v) => update((d) => { d.melder.organisation = v; return d; }))}
          {text('melder.phone', 'Telefoon', draft.melder.phone, (v) => update((d) => { d.melder.phone = v; return d; }), { type: 'tel', inputMode: 'tel', hint: 'Telefoon of e-mail is verplicht.' })}
          {text('melder.email', 'E-mail', draft.melder.email, (v) => update((d) => { d.melder.email = v; return d; }), { type: 'email', inputMode: 'email' })}
          <Field path="melder.identitySealed" label="Identiteit afschermen voor het huishouden" errors={errorsAt('melder.identitySealed')} checkbox>
            {(props) => <input {...props} type="checkbox" checked={draft.melder.identitySealed} onChange={(e) => update((d) => { d.melder.identitySealed = e.target.checked; return d; })} />}
          </Field>
          {draft.melder.identitySealed && (
            <>
              {select('melder.sealReason', 'Reden afscherming', draft.melder.sealReason, lists.sealReasons, (v) => update((d) => { d.melder.sealReason = v; return d; }), 'Kies een reden')}
              {text('melder.sealExplanation', 'Toelichting afscherming', draft.melder.sealExplanation, (v) => update((d) => { d.melder.sealExplanation = v; return d; }), { hint: 'Verplicht bij reden ‘Overig’.' })}
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>Huishouden</legend>
          <HouseholdFields household={draft.household} errorsAt={errorsAt} gemeenteRequired onChange={(h) => update((d) => ({ ...d, household: h }))} />
        </fieldset>

        <fieldset>
          <legend>Personen</legend>
          <FieldErrors path="persons" errors={errorsAt('persons')} />
          {draft.persons.map((person, i) => (
            <PersonFields key={i} index={i} person={person} errorsAt={errorsAt} canRemove={draft.persons.length > 1}
              onChange={(p) => update((d) => { d.persons[i] = p; return d; })}
              onRemove={() => update((d) => { d.persons.splice(i, 1); return d; })} />
          ))}
          <button type="button" onClick={() => update((d) => { d.persons.push(emptyPerson()); return d; })}>Persoon toevoegen</button>
        </fieldset>

        <fieldset>
          <legend>Zorgen</legend>
          <CheckboxGroup path="concerns.aard" legend="Aard van het geweld" options={lists.aard} values={draft.concerns.aard} errors={errorsAt('concerns.aard')} onChange={(v) => update((d) => { d.concerns.aard = v; return d; })} />
          <CheckboxGroup path="concerns.tags" legend="Aanvullende kenmerken" options={lists.tags} values={draft.concerns.tags} errors={errorsAt('concerns.tags')} onChange={(v) => update((d) => { d.concerns.tags = v; return d; })} />
          <Field path="concerns.account" label="Wat vertelde de melder?" errors={errorsAt('concerns.account')} required>
            {(props) => <textarea {...props} rows={4} value={draft.concerns.account} onChange={(e) => update((d) => { d.concerns.account = e.target.value; return d; })} />}
          </Field>
        </fieldset>

        <fieldset>
          <legend>Acute onveiligheid</legend>
          <Field path="acuteIndication.indicated" label="Acuut gevaar: direct naar de crisisdienst" errors={errorsAt('acuteIndication.indicated')} checkbox>
            {(props) => <input {...props} type="checkbox" checked={draft.acute.indicated} onChange={(e) => update((d) => { d.acute.indicated = e.target.checked; return d; })} />}
          </Field>
          {draft.acute.indicated && (
            <>
              <CheckboxGroup path="acuteIndication.signals" legend="Signalen" options={SIGNALS} values={draft.acute.signals} errors={errorsAt('acuteIndication.signals')} onChange={(v) => update((d) => { d.acute.signals = v; return d; })} />
              {text('acuteIndication.ground', 'Toelichting acuut gevaar', draft.acute.ground, (v) => update((d) => { d.acute.ground = v; return d; }))}
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>Radar</legend>
          <p className="hint">Radar zoekt eerdere betrokkenheid van deze personen (BSN, of naam, geboortedatum en adres). Zonder keuze blijft de melding een eigen huishouden.</p>
          <button type="button" onClick={() => void checkRadar()}>Radar controleren</button>
          {radar && (
            <div role="status" className="radar">
              <p>Radar: <strong>{CLASSIFICATIONS[radar.classification] ?? radar.classification}</strong>{radar.households.length === 0 ? '; geen eerdere huishoudens gevonden.' : ''}</p>
              {radar.households.length > 0 && (
                <fieldset>
                  <legend>Bij welk huishouden hoort deze melding?</legend>
                  <FieldErrors path="radar.join" errors={errorsAt('radar.join')} />
                  <label className="choice"><input type="radio" name="radar-join" checked={draft.radarJoin === ''} onChange={() => update((d) => ({ ...d, radarJoin: '' }))} /> Apart houden (nieuw huishouden, met verwijzing voor triage)</label>
                  {radar.households.map((h) => (
                    <label key={h.householdId} className="choice">
                      <input type="radio" name="radar-join" disabled={!h.mayJoin} checked={draft.radarJoin === h.householdId} onChange={() => update((d) => ({ ...d, radarJoin: h.householdId }))} />{' '}
                      Huishouden {h.householdId.slice(0, 8)} ({h.region}, {h.status === 'open' ? 'lopende zaak' : 'gesloten'}; {h.matches.map((m) => `persoon ${m.person + 1} op ${m.matchedOn === 'bsn' ? 'BSN' : 'naam, geboortedatum en adres'}`).join(', ')})
                      {!h.mayJoin && h.reason ? ` — niet samen te voegen: ${RADAR_REASONS[h.reason] ?? h.reason}` : ''}
                    </label>
                  ))}
                </fieldset>
              )}
            </div>
          )}
        </fieldset>

        <button type="submit" className="primary" disabled={sending} aria-describedby="registreer-uitleg">{sending ? 'Bezig met registreren…' : conversion ? 'Melding registreren uit adviesvraag' : 'Melding registreren'}</button>
        <span id="registreer-uitleg" className="hint"> of <kbd>Ctrl</kbd>+<kbd>Enter</kbd></span>
      </form>
    </section>
  );
}

function PersonFields({ index, person, errorsAt, canRemove, onChange, onRemove }: { index: number; person: PersonDraft; errorsAt: (path: string) => ProblemField[]; canRemove: boolean; onChange: (p: PersonDraft) => void; onRemove: () => void }) {
  const base = `persons[${index}]`;
  const hint = bsnHint(person.bsn);
  const set = (change: Partial<PersonDraft>) => onChange({ ...person, ...change });
  return (
    <fieldset className="person">
      <legend>Persoon {index + 1}</legend>
      <FieldErrors path={base} errors={errorsAt(base)} />
      <Field path={`${base}.role`} label={`Rol persoon ${index + 1}`} errors={errorsAt(`${base}.role`)} required>
        {(props) => <select {...props} value={person.role} onChange={(e) => set({ role: e.target.value })}>{lists.personRoles.map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}</select>}
      </Field>
      <Field path={`${base}.name`} label={`Naam persoon ${index + 1}`} errors={errorsAt(`${base}.name`)} required>
        {(props) => <input {...props} type="text" autoComplete="off" value={person.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field path={`${base}.birthDate`} label={`Geboortedatum persoon ${index + 1}`} errors={errorsAt(`${base}.birthDate`)}>
        {(props) => <input {...props} type="date" value={person.birthDate} onChange={(e) => set({ birthDate: e.target.value })} />}
      </Field>
      <Field path={`${base}.estimatedAge`} label={`Geschatte leeftijd persoon ${index + 1}`} errors={errorsAt(`${base}.estimatedAge`)} hint="Alleen als de geboortedatum onbekend is.">
        {(props) => <input {...props} type="text" inputMode="numeric" autoComplete="off" value={person.estimatedAge} onChange={(e) => set({ estimatedAge: e.target.value })} />}
      </Field>
      <Field path={`${base}.bsn`} label={`BSN persoon ${index + 1}`} errors={errorsAt(`${base}.bsn`)} hint={hint.kind === 'empty' || hint.kind === 'ok' ? (hint.kind === 'ok' ? 'Voldoet aan de elfproef.' : 'Optioneel; 9 cijfers.') : <span className="warning">{hint.message}</span>}>
        {(props) => <input {...props} type="text" inputMode="numeric" autoComplete="off" value={person.bsn} onChange={(e) => set({ bsn: e.target.value })} />}
      </Field>
      {canRemove && <button type="button" onClick={onRemove}>Persoon {index + 1} verwijderen</button>}
    </fieldset>
  );
}
