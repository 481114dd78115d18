import { KeyboardEvent, memo, ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import reference from 'virtual:vt-reference';
import type { Session } from '../auth/session';
import { accessMessage, call, problemOf } from '../api/http';
import { placeFieldErrors, Problem, ProblemField } from '../api/problem';
import { countByStatus, DeadlineStatus, deadlineStatus, Filter, filterQueue, NO_FILTER, Queue, QueueItem, Sort, SortKey, sortQueue, STATUS_LABELS, toQueue, visibleRange, workingDaysText } from './queue.model';
import {
  AssessmentDraft,
  assessmentPath,
  emptyAssessment,
  emptyInforming,
  GROUND_LABELS,
  InformingDraft,
  informingPath,
  METHOD_LABELS,
  options,
  OUTCOME_LABELS,
  TAXATIE_LABELS,
  toAssessmentBody,
  toInformingBody,
} from './assessment-form.model';
import { triageFieldMessage } from './triage-messages';

const DAY = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const MOMENT = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const TIME = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });
/** The due day: `dueAt` is the exclusive end (local midnight after it), so the day is the one just before. */
const dueDay = (dueAt: number) => DAY.format(new Date(dueAt - 1));
const short = (id: string) => id.slice(0, 8);
const STATUS_MARK: Record<DeadlineStatus, string> = { breached: '■', approaching: '▲', running: '' };
const SORT_LABELS: Record<SortKey, string> = { dueAt: 'Uiterste datum', receivedAt: 'Ontvangen', status: 'Termijnstatus' };
const ROLE_LABELS = new Map(reference.codeLists.personRoles.map((r) => [r.code, r.label]));

/** The result of a request as the screen shows it: a sentence for the alert box, or the problem with fields to place. */
function refusalText(answer: Awaited<ReturnType<typeof call>>, what: string): { message?: string; problem?: Problem } {
  if (answer.kind === 'network-error') return { message: `${what} is niet gelukt: crisis-triage is niet bereikbaar (${answer.message}). Probeer het opnieuw.` };
  const problem = problemOf(answer);
  if (!problem) return {};
  // A 403's detail is the service's (English) sentence: the screen says it in Dutch, naming what the user can do.
  if (problem.status === 403) return { message: 'Geen toegang: uw rol of regio geeft geen toegang tot deze gegevens. Meld u aan met de rol Crisisdienst en triage en de regio van deze melding, of vraag functioneel beheer om toegang.', problem };
  const access = accessMessage(problem);
  if (access) return { message: access, problem };
  if (problem.fields.length > 0) return { problem };
  return { message: `${what} is niet gelukt (${problem.status} ${problem.error}): ${problem.detail ?? 'geen toelichting'}`, problem };
}

export function TriageScreen({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const regions = session.regions.filter((r) => r !== '*');
  const [region, setRegion] = useState(regions[0] ?? '');
  const [queue, setQueue] = useState<Queue | undefined>();
  const [loadError, setLoadError] = useState<{ message: string; status?: number } | undefined>();
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [sort, setSort] = useState<Sort>({ key: 'dueAt', direction: 'asc' });
  const [selected, setSelected] = useState<QueueItem | undefined>();
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    if (!region) return;
    setLoading(true);
    const answer = await call('crisis-triage', `/api/v1/regions/${encodeURIComponent(region)}/assessment-queue`, { method: 'GET', token: session.accessToken, headers: { 'x-access-purpose': 'veiligheidsbeoordeling' } });
    setLoading(false);
    if (answer.kind === 'answered' && answer.status === 200) {
      setQueue(toQueue(answer.body));
      setLoadError(undefined);
      setNow(Date.now());
      return;
    }
    const refused = refusalText(answer, 'De wachtrij laden');
    setLoadError({ message: refused.message ?? 'De wachtrij laden is niet gelukt.', ...(refused.problem ? { status: refused.problem.status } : {}) });
  }, [region, session.accessToken]);

  useEffect(() => void load(), [load]);
  // The status (approaching, breached) follows the clock while the screen is open; the working days left are the API's as of its answer.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  const items = queue?.items;
  const sorted = useMemo(() => (items ? sortQueue(items, sort, now) : []), [items, sort, now]);
  const shown = useMemo(() => filterQueue(sorted, filter, now), [sorted, filter, now]);
  const counts = useMemo(() => countByStatus(items ?? [], now), [items, now]);
  const open = useCallback((item: QueueItem) => setSelected(item), []);
  const filterRef = useRef<HTMLInputElement>(null);

  const assessed = useCallback((subjectId: string) => setQueue((q) => (q ? { ...q, items: q.items.filter((i) => i.subjectId !== subjectId) } : q)), []);
  const close = useCallback(() => {
    setSelected(undefined);
    filterRef.current?.focus();
  }, []);

  return (
    <section aria-labelledby="triage-titel" className="triage">
      <h1 id="triage-titel">Veiligheidsbeoordelingen</h1>
      <p className="hint">
        Open veiligheidsbeoordelingen van uw regio, de eerstvolgende uiterste datum bovenaan. De termijn is 5 werkdagen na ontvangst; de werkdagen telt crisis-triage.
        Tab en Shift+Tab gaan door de wachtrij, Enter op <em>Beoordelen</em> opent het formulier, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> legt de beoordeling vast.
      </p>
      {regions.length > 1 && (
        <div className="field">
          <label htmlFor="triage-region">Regio</label>
          <select id="triage-region" value={region} onChange={(e) => setRegion(e.target.value)}>
            {regions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </div>
      )}
      {regions.length === 0 && <p role="alert" className="error-box">Uw account heeft geen regio; de wachtrij is per regio. Meld u aan met een regio.</p>}
      {loadError && (
        <div role="alert" className="error-box">
          <p>{loadError.message}</p>
          {loadError.status === 401 ? <button type="button" onClick={onSignOut}>Opnieuw aanmelden</button> : <button type="button" onClick={() => void load()}>Opnieuw proberen</button>}
        </div>
      )}

      {selected && <AssessmentPanel key={selected.subjectId} item={selected} session={session} onAssessed={assessed} onClose={close} onSignOut={onSignOut} />}

      <form className="queue-controls" role="search" aria-label="Wachtrij zoeken en sorteren" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="triage-filter-text">Zoek op melding- of huishoudnummer</label>
          <input ref={filterRef} id="triage-filter-text" type="search" autoComplete="off" value={filter.text} onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="triage-filter-status">Termijnstatus</label>
          <select id="triage-filter-status" value={filter.status} onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value as Filter['status'] }))}>
            <option value="all">Alle</option>
            <option value="breached">{STATUS_LABELS.breached}</option>
            <option value="approaching">{STATUS_LABELS.approaching}</option>
            <option value="running">{STATUS_LABELS.running}</option>
          </select>
        </div>
        <div className="field checkbox">
          <input id="triage-filter-acute" type="checkbox" checked={filter.acuteOnly} onChange={(e) => setFilter((f) => ({ ...f, acuteOnly: e.target.checked }))} />
          <label htmlFor="triage-filter-acute">Alleen acute meldingen</label>
        </div>
        <div className="field">
          <label htmlFor="triage-sort">Sorteren op</label>
          <select id="triage-sort" value={sort.key} onChange={(e) => setSort((s) => ({ ...s, key: e.target.value as SortKey }))}>
            {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => <option key={k} value={k}>{SORT_LABELS[k]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="triage-direction">Volgorde</label>
          <select id="triage-direction" value={sort.direction} onChange={(e) => setSort((s) => ({ ...s, direction: e.target.value as Sort['direction'] }))}>
            <option value="asc">Oplopend (eerstvolgende eerst)</option>
            <option value="desc">Aflopend</option>
          </select>
        </div>
        <button type="button" onClick={() => void load()} disabled={loading}>{loading ? 'Bezig met laden…' : 'Vernieuwen'}</button>
      </form>

      <p role="status" aria-live="polite" data-testid="queue-count">
        {queue
          ? `${shown.length} van ${queue.items.length} beoordelingen getoond · ${counts.breached} verstreken, ${counts.approaching} naderend · werkdagen per ${TIME.format(new Date(queue.asOf))}`
          : loading ? 'Wachtrij laden…' : ''}
      </p>
      {queue && <QueueTable shown={shown} sort={sort} now={now} selected={selected?.subjectId} onOpen={open} />}
      {queue && shown.length === 0 && <p>{queue.items.length === 0 ? 'Er wachten geen veiligheidsbeoordelingen in deze regio.' : 'Geen beoordelingen voor deze zoekopdracht.'}</p>}
    </section>
  );
}

const OVERSCAN = 20;
const ESTIMATED_ROW_HEIGHT = 41;

/**
 * The queue as a table that renders only the rows near the viewport (windowing), with spacer rows for the rest, so
 * 2,000 entries render and re-sort fast. `aria-rowcount` and `aria-rowindex` tell assistive technology the whole
 * size; a row's button that gets the focus by Tab is scrolled into view by the browser, which moves the window, so
 * Tab walks the whole queue. The search field and the sort are the quick way to an entry.
 */
function QueueTable({ shown, sort, now, selected, onOpen }: { shown: QueueItem[]; sort: Sort; now: number; selected: string | undefined; onOpen: (item: QueueItem) => void }) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [rowHeight, setRowHeight] = useState(ESTIMATED_ROW_HEIGHT);
  const [range, setRange] = useState(() => visibleRange(0, window.innerHeight, ESTIMATED_ROW_HEIGHT, shown.length, OVERSCAN));

  const measure = useCallback(() => {
    const body = bodyRef.current;
    if (!body) return;
    const row = body.querySelector<HTMLElement>('tr.row');
    const height = row ? row.getBoundingClientRect().height || ESTIMATED_ROW_HEIGHT : rowHeight;
    if (Math.abs(height - rowHeight) > 0.5) setRowHeight(height);
    const next = visibleRange(-body.getBoundingClientRect().top, window.innerHeight, height, shown.length, OVERSCAN);
    setRange((current) => (current.start === next.start && current.end === next.end ? current : next));
  }, [shown.length, rowHeight]);

  useLayoutEffect(measure, [measure, shown]);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [measure]);

  const start = Math.min(range.start, shown.length);
  const end = Math.min(range.end, shown.length);
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined);
  return (
    <table className="queue" aria-rowcount={shown.length + 1} data-rows={shown.length}>
      <caption className="visually-hidden">Open veiligheidsbeoordelingen, gesorteerd op {SORT_LABELS[sort.key].toLowerCase()} ({sort.direction === 'asc' ? 'oplopend' : 'aflopend'})</caption>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col" aria-sort={ariaSort('dueAt')}>Uiterste datum</th>
          <th scope="col">Werkdagen over</th>
          <th scope="col" aria-sort={ariaSort('status')}>Termijn</th>
          <th scope="col" aria-sort={ariaSort('receivedAt')}>Ontvangen</th>
          <th scope="col">Melding</th>
          <th scope="col"><span className="visually-hidden">Actie</span></th>
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {start > 0 && <tr aria-hidden="true" className="spacer"><td colSpan={6} style={{ height: start * rowHeight }} /></tr>}
        {shown.slice(start, end).map((item, i) => (
          <Row key={item.subjectId} index={start + i + 2} item={item} status={deadlineStatus(item, now)} current={item.subjectId === selected} onOpen={onOpen} />
        ))}
        {end < shown.length && <tr aria-hidden="true" className="spacer"><td colSpan={6} style={{ height: (shown.length - end) * rowHeight }} /></tr>}
      </tbody>
    </table>
  );
}

/** One row; memoised, so a re-sort or a filter only moves rows and a 2,000-row queue stays fast. */
const Row = memo(function Row({ index, item, status, current, onOpen }: { index: number; item: QueueItem; status: DeadlineStatus; current: boolean; onOpen: (item: QueueItem) => void }) {
  return (
    <tr className={`row status-${status}`} aria-rowindex={index} aria-current={current ? 'true' : undefined}>
      <td>{dueDay(item.dueAt)}</td>
      <td>{workingDaysText(item, status)}</td>
      <td><span className={`deadline deadline-${status}`}>{STATUS_MARK[status] && <span aria-hidden="true">{STATUS_MARK[status]} </span>}{STATUS_LABELS[status]}</span></td>
      <td>{MOMENT.format(new Date(item.receivedAt))}</td>
      <td>
        <code>{short(item.meldingId)}</code>
        {item.acute && <span className="tag"> acuut</span>}
        {item.basis === 'monitoring' && <span className="tag"> op verzoek van monitoring</span>}
      </td>
      <td><button type="button" aria-label={`Beoordelen melding ${short(item.meldingId)}`} onClick={() => onOpen(item)}>Beoordelen</button></td>
    </tr>
  );
});

type ControlProps = { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string; required?: boolean };

function Field({ id, label, errors, hint, required, children }: { id: string; label: string; errors: ProblemField[]; hint?: ReactNode; required?: boolean; children: (props: ControlProps) => ReactNode }) {
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${errors.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}{required ? <span aria-hidden="true"> *</span> : null}</label>
      {children({ id, name: id, ...(errors.length ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}), ...(required ? { required: true } : {}) })}
      {hint && <div id={`${id}-hint`} className="hint">{hint}</div>}
      {errors.length > 0 && <div id={`${id}-error`} className="field-error">{errors.map(triageFieldMessage).join(' ')}</div>}
    </div>
  );
}

const ASSESSMENT_PATHS = ['taxatie', 'outcome', 'reasoning'];

function AssessmentPanel({ item, session, onAssessed, onClose, onSignOut }: { item: QueueItem; session: Session; onAssessed: (subjectId: string) => void; onClose: () => void; onSignOut: () => void }) {
  const [draft, setDraft] = useState<AssessmentDraft>(emptyAssessment);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [failure, setFailure] = useState<{ message: string; status?: number } | undefined>();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ met: boolean } | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const placed = useMemo(() => placeFieldErrors(problem?.fields ?? [], (path) => ASSESSMENT_PATHS.includes(path)), [problem]);

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (!problem && !failure) return;
    (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current?.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  }, [problem, failure]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  async function submit() {
    if (sending || done) return;
    setSending(true);
    setProblem(undefined);
    setFailure(undefined);
    const answer = await call('crisis-triage', assessmentPath(item), { method: 'POST', token: session.accessToken, body: toAssessmentBody(draft) });
    setSending(false);
    if (answer.kind === 'answered' && answer.status === 201) {
      const deadline = (answer.body as { deadline?: { met?: boolean } } | undefined)?.deadline;
      setDone({ met: deadline?.met !== false });
      onAssessed(item.subjectId);
      return;
    }
    const refused = refusalText(answer, 'Vastleggen');
    if (refused.problem?.error === 'already-assessed') {
      onAssessed(item.subjectId);
      setFailure({ message: 'Deze veiligheidsbeoordeling was al vastgelegd (door een collega of eerder); zij staat niet meer in de wachtrij.' });
      return;
    }
    setProblem(refused.problem && !refused.message ? refused.problem : undefined);
    if (refused.message) setFailure({ message: refused.message, ...(refused.problem ? { status: refused.problem.status } : {}) });
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }
  const errorsAt = (path: string) => placed.byPath.get(path) ?? [];
  const titleId = `beoordeling-${item.subjectId}`;

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>Veiligheidsbeoordeling melding {short(item.meldingId)}</h2>
      <dl className="facts">
        <dt>Melding</dt><dd>{item.meldingId}</dd>
        <dt>Uiterste datum</dt><dd>{dueDay(item.dueAt)} ({workingDaysText(item, deadlineStatus(item, Date.now()))}, {STATUS_LABELS[deadlineStatus(item, Date.now())].toLowerCase()})</dd>
        <dt>Wettelijke basis</dt><dd>{item.legalBasis}</dd>
      </dl>
      {done ? (
        <p ref={doneRef} tabIndex={-1} role="status" className="notice">
          Veiligheidsbeoordeling vastgelegd{done.met ? ', binnen de termijn' : ', na de termijn'}. Zij staat niet meer in de wachtrij. Leg hieronder vast hoe de betrokkenen zijn geïnformeerd.
        </p>
      ) : (
        <form ref={formRef} noValidate onKeyDown={onKeyDown} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          {failure && (
            <div role="alert" tabIndex={-1} className="error-box">
              <p>{failure.message}</p>
              {failure.status === 401 && <button type="button" onClick={onSignOut}>Opnieuw aanmelden</button>}
            </div>
          )}
          {problem && placed.unplaced.length > 0 && (
            <div role="alert" className="error-box"><ul>{placed.unplaced.map((f, i) => <li key={i}>{f.path}: {triageFieldMessage(f)}</li>)}</ul></div>
          )}
          <Field id="taxatie" label="Taxatie" errors={errorsAt('taxatie')} required hint="De veiligheidstaxatie: welke onveiligheid er is, los van de uitkomst.">
            {(props) => (
              <select {...props} value={draft.taxatie} onChange={(e) => setDraft((d) => ({ ...d, taxatie: e.target.value as AssessmentDraft['taxatie'] }))}>
                <option value="">Kies een taxatie</option>
                {options(TAXATIE_LABELS).map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
              </select>
            )}
          </Field>
          <Field id="outcome" label="Uitkomst" errors={errorsAt('outcome')} required>
            {(props) => (
              <select {...props} value={draft.outcome} onChange={(e) => setDraft((d) => ({ ...d, outcome: e.target.value as AssessmentDraft['outcome'] }))}>
                <option value="">Kies een uitkomst</option>
                {options(OUTCOME_LABELS).map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
              </select>
            )}
          </Field>
          <Field id="reasoning" label="Onderbouwing" errors={errorsAt('reasoning')} required hint="Waarom deze taxatie en uitkomst; de inspectie leest dit mee.">
            {(props) => <textarea {...props} rows={4} maxLength={4000} value={draft.reasoning} onChange={(e) => setDraft((d) => ({ ...d, reasoning: e.target.value }))} />}
          </Field>
          <button type="submit" className="primary" disabled={sending}>{sending ? 'Bezig met vastleggen…' : 'Veiligheidsbeoordeling vastleggen'}</button>{' '}
          <button type="button" onClick={onClose}>Sluiten</button>
        </form>
      )}
      <Informing householdId={item.householdId} session={session} onSignOut={onSignOut} />
      {done && <button type="button" onClick={onClose}>Terug naar de wachtrij</button>}
    </section>
  );
}

interface InformingPerson {
  personId: string;
  role: string;
  clocks: { timerId: string; dueAt: string; state: string; extensions: number }[];
  recordings: { kind: 'informed' | 'withheld'; informedAt?: string; method?: string; ground?: string; decidedAt?: string }[];
}

/** Per involved person of the household: the informing clock and what was recorded, and the form to record it (the informing API). */
function Informing({ householdId, session, onSignOut }: { householdId: string; session: Session; onSignOut: () => void }) {
  const [persons, setPersons] = useState<InformingPerson[] | undefined>();
  const [failure, setFailure] = useState<{ message: string; status?: number } | undefined>();

  const load = useCallback(async () => {
    const answer = await call('crisis-triage', `/api/v1/households/${encodeURIComponent(householdId)}/informing`, { method: 'GET', token: session.accessToken, headers: { 'x-access-purpose': 'informeren-betrokkenen' } });
    if (answer.kind === 'answered' && answer.status === 200) {
      setPersons(((answer.body as { persons?: InformingPerson[] }).persons ?? []).map((p) => ({ ...p, clocks: p.clocks ?? [], recordings: p.recordings ?? [] })));
      setFailure(undefined);
      return;
    }
    const refused = refusalText(answer, 'De betrokkenen laden');
    setFailure({ message: refused.message ?? 'De betrokkenen laden is niet gelukt.', ...(refused.problem ? { status: refused.problem.status } : {}) });
  }, [householdId, session.accessToken]);
  useEffect(() => void load(), [load]);

  return (
    <section aria-labelledby={`informeren-${householdId}`}>
      <h3 id={`informeren-${householdId}`}>Informeren betrokkenen</h3>
      <p className="hint">Wie Veilig Thuis gegevens van anderen kreeg, wordt binnen 4 weken geïnformeerd (Wmo 2015 art. 5.3.1), of er wordt een wettelijke grond vastgelegd om dat niet te doen.</p>
      {failure && (
        <div role="alert" className="error-box">
          <p>{failure.message}</p>
          {failure.status === 401 && <button type="button" onClick={onSignOut}>Opnieuw aanmelden</button>}
        </div>
      )}
      {persons === undefined && !failure && <p role="status">Betrokkenen laden…</p>}
      {persons?.length === 0 && <p>Van dit huishouden zijn geen betrokkenen bekend.</p>}
      {persons?.map((person, i) => <PersonInforming key={person.personId} index={i + 1} person={person} householdId={householdId} session={session} onRecorded={load} />)}
    </section>
  );
}

const INFORMING_PATHS = ['kind', 'informedAt', 'method', 'withheld', 'withheld.ground'];

function PersonInforming({ index, person, householdId, session, onRecorded }: { index: number; person: InformingPerson; householdId: string; session: Session; onRecorded: () => Promise<void> }) {
  const [draft, setDraft] = useState<InformingDraft>(emptyInforming);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [recordedNow, setRecordedNow] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const placed = useMemo(() => placeFieldErrors(problem?.fields ?? [], (path) => INFORMING_PATHS.includes(path)), [problem]);
  const errorsAt = (path: string) => placed.byPath.get(path) ?? [];
  const id = (field: string) => `informing-${index}-${field}`;
  const label = `persoon ${index}`;
  const role = ROLE_LABELS.get(person.role) ?? person.role;
  const recording = person.recordings[person.recordings.length - 1];
  const clock = person.clocks[person.clocks.length - 1];

  useEffect(() => {
    if (problem || failure) (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current?.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  }, [problem, failure]);
  useEffect(() => {
    if (recordedNow && recording) doneRef.current?.focus();
  }, [recordedNow, recording]);

  async function submit() {
    if (sending) return;
    setSending(true);
    setProblem(undefined);
    setFailure(undefined);
    const answer = await call('crisis-triage', informingPath(householdId, person.personId), { method: 'POST', token: session.accessToken, body: toInformingBody(draft, new Date()) });
    setSending(false);
    if (answer.kind === 'answered' && answer.status === 201) {
      setRecordedNow(true);
      await onRecorded();
      return;
    }
    const refused = refusalText(answer, 'Informeren vastleggen');
    setProblem(refused.problem && !refused.message ? refused.problem : undefined);
    if (refused.message) setFailure(refused.message);
  }

  return (
    <fieldset className="person">
      <legend>Persoon {index}: {role}</legend>
      {clock && (
        <p className="hint">
          Termijn informeren: uiterlijk {dueDay(Date.parse(clock.dueAt))}
          {clock.extensions > 0 ? ` (${clock.extensions}× verlengd)` : ''} · {clock.state === 'breached' ? 'verstreken' : clock.state === 'approaching' ? 'nadert' : clock.state === 'met' ? 'gehaald' : clock.state === 'completed-late' ? 'te laat afgerond' : 'loopt'}
        </p>
      )}
      {recording ? (
        <p ref={doneRef} tabIndex={-1} role="status" data-testid={`informing-${index}-recorded`}>
          {recording.kind === 'informed'
            ? `Geïnformeerd op ${MOMENT.format(new Date(recording.informedAt ?? ''))} (${METHOD_LABELS[recording.method as keyof typeof METHOD_LABELS] ?? recording.method}).`
            : `Niet geïnformeerd: ${GROUND_LABELS[recording.ground as keyof typeof GROUND_LABELS] ?? recording.ground}.`}
        </p>
      ) : (
        <form ref={formRef} noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          {failure && <div role="alert" tabIndex={-1} className="error-box"><p>{failure}</p></div>}
          {problem && placed.unplaced.length > 0 && <div role="alert" className="error-box"><ul>{placed.unplaced.map((f, i) => <li key={i}>{f.path}: {triageFieldMessage(f)}</li>)}</ul></div>}
          <Field id={id('kind')} label={`Vastleggen voor ${label}`} errors={errorsAt('kind')}>
            {(props) => (
              <select {...props} value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as InformingDraft['kind'] }))}>
                <option value="informed">Geïnformeerd</option>
                <option value="withheld">Niet informeren (wettelijke grond)</option>
              </select>
            )}
          </Field>
          {draft.kind === 'informed' ? (
            <>
              <Field id={id('informedAt')} label={`Geïnformeerd op (${label})`} errors={errorsAt('informedAt')} hint="Leeg laten: nu.">
                {(props) => <input {...props} type="datetime-local" value={draft.informedAt} onChange={(e) => setDraft((d) => ({ ...d, informedAt: e.target.value }))} />}
              </Field>
              <Field id={id('method')} label={`Manier van informeren (${label})`} errors={errorsAt('method')} required>
                {(props) => (
                  <select {...props} value={draft.method} onChange={(e) => setDraft((d) => ({ ...d, method: e.target.value as InformingDraft['method'] }))}>
                    <option value="">Kies hoe</option>
                    {options(METHOD_LABELS).map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
                  </select>
                )}
              </Field>
            </>
          ) : (
            <Field id={id('ground')} label={`Grond om niet te informeren (${label})`} errors={[...errorsAt('withheld'), ...errorsAt('withheld.ground')]} required hint="De bron van de informatie wordt nooit genoemd waar dat iemand in gevaar brengt.">
              {(props) => (
                <select {...props} value={draft.ground} onChange={(e) => setDraft((d) => ({ ...d, ground: e.target.value as InformingDraft['ground'] }))}>
                  <option value="">Kies een grond</option>
                  {options(GROUND_LABELS).map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
                </select>
              )}
            </Field>
          )}
          <button type="submit" disabled={sending}>{sending ? 'Bezig…' : `Informeren vastleggen (${label})`}</button>
        </form>
      )}
    </fieldset>
  );
}
