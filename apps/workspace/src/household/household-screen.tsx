import { FormEvent, ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../auth/session';
import { call, ServiceName } from '../api/http';
import type { Attempt } from '../api/idempotent-submit';
import {
  clockRows,
  dateTime,
  defaultPurpose,
  DeadlineApi,
  householdIdFrom,
  householdIdInHash,
  InvestigationApi,
  investigationRows,
  PersonApi,
  personRows,
  PHASE_LABELS,
  phasePath,
  PURPOSES,
  Read,
  readOf,
  ReferralApi,
  referralRows,
  safetySummary,
  MergedTimeline,
  mergeTimelines,
  SERVICE_LABELS,
  TIMELINE_SERVICES,
  TimelinePartApi,
  timelineRows,
} from './household.model';

interface HouseholdApi {
  householdId: string;
  phase: string;
  vtRegion?: string;
  gemeenteCode?: string;
  openedAt: string;
  persons: PersonApi[];
  referrals?: ReferralApi[];
  zichtOpVeiligheid?: { heldBy: string; partners?: { partnerId: string }[] };
  meldingIds: string[];
}
interface Loaded {
  householdId: string;
  record: Read<HouseholdApi>;
  deadlines: Read<{ deadlines: DeadlineApi[] }>;
  investigations: Read<{ investigationId: string }[]>;
  details: { investigationId: string; read: Read<InvestigationApi> }[];
  /** Each service's part of the timeline, merged by time; a part that could not be read is a sentence. */
  timeline: MergedTimeline;
}

/** Reads the household's sections from the services (the timeline from all five); each read is recorded by the service with its purpose. */
async function load(householdId: string, session: Session, purpose: string): Promise<Loaded> {
  const get = (service: ServiceName, path: string) => call(service, path, { method: 'GET', token: session.accessToken, headers: { 'x-access-purpose': purpose } });
  const id = encodeURIComponent(householdId);
  const [record, deadlines, investigations, ...parts] = await Promise.all([
    get('safety-investigation', `/api/v1/households/${id}`),
    get('crisis-triage', `/api/v1/deadlines?householdId=${id}`),
    get('safety-investigation', `/api/v1/households/${id}/investigations`),
    ...TIMELINE_SERVICES.map((service) => get(service, `/api/v1/households/${id}/timeline`)),
  ]);
  const list = readOf<{ investigationId: string }[]>(investigations, 'Onderzoek');
  const details = list.kind === 'ok' ? await Promise.all(list.body.map(async ({ investigationId }) => ({ investigationId, read: readOf<InvestigationApi>(await get('safety-investigation', `/api/v1/investigations/${encodeURIComponent(investigationId)}`), 'Onderzoeksplan en bevindingen') }))) : [];
  return {
    householdId,
    record: readOf<HouseholdApi>(record, 'Huishoudendossier'),
    deadlines: readOf<{ deadlines: DeadlineApi[] }>(deadlines, 'Termijnen'),
    investigations: list,
    details,
    timeline: mergeTimelines(TIMELINE_SERVICES.map((service, i) => ({ service, read: readOf<TimelinePartApi>(parts[i] as Attempt, `Tijdlijn van ${SERVICE_LABELS[service].toLowerCase()}`) }))),
  };
}

export function HouseholdScreen({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [householdId, setHouseholdId] = useState(() => householdIdInHash(window.location.hash));
  const [input, setInput] = useState(householdId ?? '');
  const [inputError, setInputError] = useState<string | undefined>();
  const [purpose, setPurpose] = useState(() => defaultPurpose(session.roles));
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [loading, setLoading] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  /** After Openen (or a link) the focus goes to the household's heading once it is shown; Vernieuwen leaves it where it is. */
  const focusHeading = useRef(false);

  useEffect(() => {
    const onHash = () => setHouseholdId(householdIdInHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const refresh = useCallback(
    async (id: string) => {
      setLoading(true);
      const next = await load(id, session, purpose);
      setLoaded(next);
      setLoading(false);
      return next;
    },
    [session, purpose],
  );

  useEffect(() => {
    if (!householdId) return;
    setInput(householdId);
    focusHeading.current = true;
    void refresh(householdId);
    // Only a new household id reloads; a changed purpose applies to the next read (Openen or Vernieuwen).
  }, [householdId]);

  function open(event: FormEvent) {
    event.preventDefault();
    const parsed = householdIdFrom(input);
    if ('error' in parsed) {
      setInputError(parsed.error);
      inputRef.current?.focus();
      return;
    }
    setInputError(undefined);
    if (parsed.id === householdId) {
      focusHeading.current = true;
      void refresh(parsed.id);
    } else window.location.hash = `#/household/${parsed.id}`;
  }

  useEffect(() => {
    if (loaded && focusHeading.current) {
      focusHeading.current = false;
      headingRef.current?.focus();
    }
  }, [loaded]);

  const record = loaded?.record;
  const signInAgain = [loaded?.record, loaded?.deadlines, ...(loaded?.timeline.missing.map((m) => m.read) ?? [])].some((r) => r?.kind === 'denied' && r.message.startsWith('U bent niet'));
  return (
    <>
      <h1>Huishouden</h1>
      <p className="hint">Open een huishouden met zijn id (typ of plak het, of gebruik een link <code>#/household/&lt;id&gt;</code>). Elke inzage wordt met het doel vastgelegd.</p>
      <form className="household-search" onSubmit={open} noValidate>
        <div className={`field${inputError ? ' invalid' : ''}`}>
          <label htmlFor="household-id">Huishouden-id</label>
          <input
            id="household-id"
            ref={inputRef}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={inputError ? 'household-id-error' : undefined}
          />
          {inputError && <div id="household-id-error" className="field-error">{inputError}</div>}
        </div>
        <div className="field">
          <label htmlFor="household-purpose">Doel van inzage</label>
          <select id="household-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
            {PURPOSES.map((p) => <option key={p.code} value={p.code}>{p.label}</option>)}
          </select>
        </div>
        <button type="submit" className="primary" disabled={loading}>Openen</button>
      </form>
      <p role="status" className="visually-hidden">{loading ? 'Huishouden laden…' : loaded ? `Huishouden ${loaded.householdId} geladen.` : ''}</p>

      {loaded && (
        <article aria-labelledby="household-heading" className="household">
          <h2 id="household-heading" ref={headingRef} tabIndex={-1}>
            Huishouden <span className="mono">{loaded.householdId}</span>
          </h2>
          {signInAgain && <p><button type="button" onClick={onSignOut}>Opnieuw aanmelden</button></p>}
          <p>
            <a href={`#/household/${loaded.householdId}`}>Link naar dit huishouden</a>{' '}
            <button type="button" onClick={() => void refresh(loaded.householdId)} disabled={loading}>Vernieuwen</button>
          </p>
          {record?.kind !== 'ok' ? (
            <Message read={record} />
          ) : (
            <>
              <Section id="fase" title="Fase">
                <ol className="phase-path" aria-label="Fasen van het huishouden">
                  {phasePath(record.body.phase).map((step) => (
                    <li key={step.phase} className={step.state} aria-current={step.state === 'current' ? 'step' : undefined}>
                      {step.label} <span className="phase-state">({step.state === 'current' ? 'huidige fase' : step.state === 'done' ? 'afgerond' : 'nog niet'})</span>
                    </li>
                  ))}
                </ol>
                <p data-testid="household-phase">Huidige fase: <strong>{PHASE_LABELS[record.body.phase] ?? record.body.phase}</strong>. {safetySummary(record.body.phase, record.body.persons)}</p>
                <dl className="facts">
                  <dt>VT-regio</dt><dd>{record.body.vtRegion ?? 'onbekend'}</dd>
                  <dt>Gemeente</dt><dd>{record.body.gemeenteCode ?? 'onbekend'}</dd>
                  <dt>Dossier geopend</dt><dd>{dateTime(record.body.openedAt)}</dd>
                  <dt>Meldingen</dt><dd>{record.body.meldingIds.join(', ')}</dd>
                  <dt>Zicht op veiligheid</dt><dd>{record.body.zichtOpVeiligheid?.heldBy === 'partners' ? `Bij partners: ${(record.body.zichtOpVeiligheid.partners ?? []).map((p) => p.partnerId).join(', ')}` : 'Veilig Thuis'}</dd>
                </dl>
              </Section>
              <Section id="personen" title="Personen en directe veiligheid">
                <Table caption="Personen in het huishouden" headers={['Persoon', 'Rol', 'Minderjarig', 'Directe veiligheid']} rows={personRows(record.body.persons).map((p) => [<span className="mono" key="id">{p.personId.slice(0, 8)}</span>, p.role, p.minor, p.safety])} />
              </Section>
            </>
          )}
          <Section id="termijnen" title="Wettelijke termijnen">
            {loaded.deadlines.kind === 'ok' ? (
              loaded.deadlines.body.deadlines.length === 0 ? (
                <p>Geen termijnen voor dit huishouden.</p>
              ) : (
                <Table
                  caption="Termijnen, eerst overschreden en bijna verlopen"
                  headers={['Termijn', 'Voor', 'Uiterlijk', 'Stand', 'Wettelijke grondslag']}
                  rows={clockRows(loaded.deadlines.body.deadlines).map((c) => [c.clock, c.person, c.dueAt, <span key="s" className={`clock-${c.urgency}`}>{c.state}</span>, c.legalBasis])}
                />
              )
            ) : (
              <Message read={loaded.deadlines} />
            )}
          </Section>
          <Section id="onderzoek" title="Onderzoek: plan en bevindingen">
            {loaded.investigations.kind !== 'ok' ? (
              <Message read={loaded.investigations} />
            ) : loaded.details.length === 0 ? (
              <p>Er is (nog) geen onderzoek geopend voor dit huishouden.</p>
            ) : (
              loaded.details.map(({ investigationId, read }) =>
                read.kind !== 'ok' ? (
                  <Message key={investigationId} read={read} />
                ) : (
                  <div key={investigationId}>
                    <p>Onderzoek <span className="mono">{investigationId.slice(0, 8)}</span>: {investigationRows(read.body).status}</p>
                    <Table caption="Onderzoeksplan" headers={['Stap', 'Persoon of derde', 'Grondslag', 'Gepland', 'Stand']} rows={investigationRows(read.body).steps} empty="Nog geen stappen gepland." />
                    <Table caption="Bevindingen" headers={['Persoon', 'Bevinding', 'Vastgelegd', 'Door']} rows={investigationRows(read.body).findings} empty="Nog geen bevindingen." />
                  </div>
                ),
              )
            )}
          </Section>
          {record?.kind === 'ok' && (
            <Section id="verwijzingen" title="Verwijzingen en antwoorden van partners">
              <Table
                caption="Verwijzingen"
                headers={['Partner', 'Doel', 'Verwezen', 'Antwoord']}
                rows={referralRows(record.body.referrals ?? []).map((r) => [r.partner, r.purpose, r.issuedAt, r.answer])}
                empty="Geen verwijzingen bekend bij het huishoudendossier."
              />
            </Section>
          )}
          <Section id="tijdlijn" title="Tijdlijn">
            <p className="hint">
              De feiten die intake, crisisdienst en triage, veiligheid en onderzoek en verwijzing over dit huishouden vastlegden, samengevoegd op tijd, zoals <code>vt audit replay</code> ze toont (met dezelfde code); bij elk feit staat welke dienst het vastlegde. Vrije tekst staat versleuteld. Antwoorden van partners staan erin zoals verwijzing ze vastlegde; de volledige geschiedenis geeft de replay van de auditor.
            </p>
            {loaded.timeline.missing.length > 0 && (
              <ul className="timeline-missing" aria-label="Delen van de tijdlijn die niet konden worden gelezen">
                {loaded.timeline.missing.map((m) => (
                  <li key={m.service}>
                    <Message read={m.read} />
                  </li>
                ))}
              </ul>
            )}
            {loaded.timeline.texts.length > 0 && (
              <>
                <ol className="timeline" aria-label="Tijdlijn, oudste eerst">
                  {timelineRows(loaded.timeline.entries).map((row, i) => (
                    <li key={i}>
                      <time dateTime={row.iso}>{row.time}</time> <strong>{row.what}</strong>
                      {row.actor && <> door <span className="mono">{row.actor}</span></>} <span className="tag">{row.service}</span>
                      <div className="hint" lang="en">{row.replay}</div>
                      {row.details.length > 0 && <ul className="details">{row.details.map((d, j) => <li key={j}>{d}</li>)}</ul>}
                    </li>
                  ))}
                </ol>
                <details>
                  <summary>Als tekst, zoals <code>vt audit replay</code> hem afdrukt (per dienst)</summary>
                  {loaded.timeline.texts.map((t) => (
                    <pre key={t.service} lang="en" tabIndex={0} aria-label={`Tijdlijn als tekst: ${SERVICE_LABELS[t.service]}`}>{t.text}</pre>
                  ))}
                </details>
              </>
            )}
          </Section>
        </article>
      )}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`h-${id}`} className="household-section">
      <h3 id={`h-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

/** A section that could not be read says why, as a sentence: no access (the service decided) or what failed. */
function Message({ read }: { read: Read<unknown> | undefined }) {
  if (!read || read.kind === 'ok') return null;
  return <p className={read.kind === 'denied' ? 'notice' : 'error-box'}>{read.message}</p>;
}

function Table({ caption, headers, rows, empty }: { caption: string; headers: string[]; rows: ReactNode[][]; empty?: string }) {
  if (rows.length === 0) return <p>{empty ?? 'Geen gegevens.'}</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>{headers.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>{row.map((cell, j) => <td key={j}>{cell}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}
