import {
  ACUTE_CHECK_COMPLETED,
  AcuteCheckCompletedData,
  ASSESSMENT_REQUEST_JOINED_V2,
  AssessmentRequestJoinedV2Data,
  CRISIS_ACTION_RECORDED,
  CRISIS_INTERVENTION_REQUESTED,
  CrisisActionRecordedData,
  CrisisInterventionRequestedData,
  DEADLINE_APPROACHING,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED_V2,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DeadlineExtendedV2Data,
  DeadlineFacts,
  DeadlineMetData,
  DEADLINE_SUPERSEDED,
  DeadlineSupersededData,
  HOUSEHOLD_DATA_ERASED,
  HouseholdDataErasedData,
  INFORMING_WITHHELD,
  InformingWithheldData,
  INVOLVED_PERSON_INFORMED,
  InvolvedPersonInformedData,
  PERSON_DATA_ERASED,
  PersonDataErasedData,
  MELDING_RECEIVED,
  MeldingReceivedData,
  NEW_ASSESSMENT_REQUESTED_V2,
  NewAssessmentRequestedV2Data,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  SafetyAssessmentCompletedV2Data,
  minorsAmong,
  MinorsInHousehold,
} from '@vt/contracts';
import { erasureReason } from '@vt/privacy';
import { vtRegionOf } from '../vt-regions';
import { defineModel, Row } from './model';

/** As crisis-triage stores it (`safety_assessment.has_minor`): true, false (everyone known to be an adult), or null (unknown). */
const hasMinorOf = (minors: MinorsInHousehold): boolean | null => (minors === 'present' ? true : minors === 'none' ? false : null);
/** A household's meldingen combined: a minor in any; none only when every melding is known to have none. */
const householdHasMinor = (meldingen: (boolean | null)[]): boolean | null =>
  meldingen.some((m) => m === true) ? true : meldingen.length > 0 && meldingen.every((m) => m === false) ? false : null;

interface TimerState {
  row: Row;
  state: 'running' | 'approaching' | 'breached' | 'met' | 'superseded';
}

interface CrisisTriageState {
  acuteChecks: Row[];
  interventions: Map<string, Row & { persons: { personId: string }[] }>;
  actions: Row[];
  /** Per melding: what intake said (received, region) and what triage decided (check, assessment). */
  meldingen: Map<string, { receivedAt: string; registeredAt: string | null; region: string | null; householdId: string; persons: { personId: string; role: string }[] }>;
  /** What was recorded about informing persons (InvolvedPersonInformed / InformingWithheld), by informing id. */
  informing: Map<string, Row & { kind: 'informed' | 'withheld'; at: string; metClocks: { timerId: string; inTime: boolean }[] }>;
  checked: Map<string, { householdId: string; acute: boolean; hasMinor: boolean | null; violence: AcuteCheckCompletedData['violence'] }>;
  /** Completed assessments by subject: the melding, or the monitoring request (`basedOn.requestId`). */
  assessments: Map<string, SafetyAssessmentCompletedV2Data>;
  /** Assessments monitoring asked for (NewAssessmentRequested), by the request's event id. */
  requests: Map<string, { requestId: string } & NewAssessmentRequestedV2Data>;
  /** Requests that joined the household's open assessment instead of opening their own, by request id. */
  joined: Map<string, AssessmentRequestJoinedV2Data>;
  timers: Map<string, TimerState>;
  /** Persons and households whose key this service destroyed, and the reason it wrote (`<reason> (erasure <id>)`). */
  erased: Map<string, string>;
}

const subjectOf = (assessment: SafetyAssessmentCompletedV2Data): string => assessment.basedOn?.requestId ?? assessment.meldingId;

const informingRow = (d: InvolvedPersonInformedData | InformingWithheldData) => ({
  informing_id: d.informingId,
  household_id: d.householdId,
  person_id: d.personId,
  role: d.role,
  met_clocks: d.metClocks,
  metClocks: d.metClocks,
  recorded_at: d.recordedAt,
  actor: d.actor,
});

/**
 * crisis-triage: acute checks, crisis interventions and the actions on them, every veiligheidsbeoordeling (of a
 * checked melding, or asked for by monitoring: keyed by the request, continuing the household's latest melding,
 * docs/adr/0013; a request that joined an open assessment, `AssessmentRequestJoined`, is a join row instead of an
 * assessment of its own), the statutory timers (state, due date, extensions, the person an informing clock runs for;
 * a clock superseded by clocks per person, docs/adr/0021), the persons of each melding whose informing clocks run
 * (`melding_person`: the MeldingReceived's persons but the melder, for the meldingen with a clock per person) and
 * what was recorded about informing them (`informing`; a clock it met late is completed late). Not compared: a timer's
 * `approaching_at` (after an extension no event carries it) and its lock columns (the runner's bookkeeping);
 * crisis staff's notes never reach the log (they stay encrypted with crisis-triage). The reasoning of an assessment
 * is compared as the ciphertext the event carries (docs/adr/0020): equal keys or not, the rebuild never needs them.
 */
export const crisisTriageModel = defineModel<CrisisTriageState>({
  service: 'crisis-triage',
  defaultSchema: 'crisis_triage',
  tables: [
    {
      table: 'acute_check',
      key: ['check_id'],
      columns: { check_id: 'uuid', melding_id: 'uuid', household_id: 'uuid', gemeente_code: 'text', acute: 'boolean', grounds: 'text[]', rule_set_version: 'text', checked_at: 'timestamptz' },
    },
    {
      table: 'crisis_intervention',
      key: ['intervention_id'],
      columns: {
        intervention_id: 'uuid',
        melding_id: 'uuid',
        household_id: 'uuid',
        crisis_region: 'text',
        gemeente_code: 'text',
        grounds: 'text[]',
        persons: 'jsonb',
        status: 'text',
        requested_at: 'timestamptz',
      },
    },
    {
      table: 'crisis_action',
      key: ['event_id'],
      columns: { event_id: 'uuid', intervention_id: 'uuid', action: 'text', person_id: 'uuid', actor: 'text', recorded_at: 'timestamptz' },
    },
    {
      table: 'safety_assessment',
      key: ['subject_id'],
      columns: {
        subject_id: 'uuid',
        basis: 'text',
        melding_id: 'uuid',
        household_id: 'uuid',
        region: 'text',
        received_at: 'timestamptz',
        registered_at: 'timestamptz',
        acute: 'boolean',
        status: 'text',
        assessment_id: 'uuid',
        taxatie: 'text',
        outcome: 'text',
        reasoning: 'jsonb',
        completed_at: 'timestamptz',
        completed_by: 'text',
        monitoring_id: 'uuid',
        has_minor: 'boolean',
        aard: 'text[]',
        forms_of_violence: 'text[]',
        elderly_victim: 'text',
      },
    },
    {
      table: 'assessment_request_joined',
      key: ['request_id'],
      columns: {
        request_id: 'uuid',
        subject_id: 'uuid',
        household_id: 'uuid',
        monitoring_id: 'uuid',
        requested_at: 'timestamptz',
        joined_at: 'timestamptz',
      },
    },
    // Its own key table since it encrypts free text (docs/adr/0020): the destroyed keys, not the live ones.
    { table: 'person_key', key: ['person_id'], liveRows: 'destroyed_at is not null', columns: { person_id: 'uuid', destroyed_reason: 'text' } },
    {
      table: 'timer',
      key: ['timer_id'],
      columns: {
        timer_id: 'uuid',
        clock: 'text',
        legal_basis: 'text',
        counting: 'text',
        calendar: 'text',
        household_id: 'uuid',
        subject_id: 'uuid',
        person_id: 'uuid',
        started_at: 'timestamptz',
        due_at: 'timestamptz',
        extensions: 'integer',
        state: 'text',
        completed_at: 'timestamptz',
      },
    },
    {
      table: 'melding_person',
      key: ['melding_id', 'person_id'],
      columns: { melding_id: 'uuid', person_id: 'uuid', household_id: 'uuid', role: 'text' },
    },
    {
      table: 'informing',
      key: ['informing_id'],
      columns: {
        informing_id: 'uuid',
        household_id: 'uuid',
        person_id: 'uuid',
        role: 'text',
        kind: 'text',
        informed_at: 'timestamptz',
        method: 'text',
        informed_by: 'text',
        ground: 'text',
        legal_basis: 'text',
        decided_at: 'timestamptz',
        met_clocks: 'jsonb',
        recorded_at: 'timestamptz',
        actor: 'text',
      },
    },
  ],
  initial: () => ({ acuteChecks: [], interventions: new Map(), actions: [], meldingen: new Map(), informing: new Map(), checked: new Map(), assessments: new Map(), requests: new Map(), joined: new Map(), timers: new Map(), erased: new Map() }),
  on: {
    [MELDING_RECEIVED]: (state, { data }) => {
      const d = data as MeldingReceivedData;
      // The persons whose informing clocks run: every person of the melding but the melder, each once (rule I1).
      const persons = d.persons.filter((p, i) => p.personId !== d.melderId && d.persons.findIndex((q) => q.personId === p.personId) === i).map((p) => ({ personId: p.personId, role: p.role }));
      state.meldingen.set(d.meldingId, {
        receivedAt: d.receivedAt,
        registeredAt: d.registeredAt ?? null,
        region: vtRegionOf({ vtRegion: d.region?.vtRegion, gemeenteCode: d.gemeenteCode, island: d.island }) ?? null,
        householdId: d.householdId,
        persons,
      });
    },
    [ACUTE_CHECK_COMPLETED]: (state, { data }) => {
      const d = data as AcuteCheckCompletedData;
      state.acuteChecks.push({
        check_id: d.checkId,
        melding_id: d.meldingId,
        household_id: d.householdId,
        gemeente_code: d.gemeenteCode ?? null,
        acute: d.acute,
        grounds: d.grounds,
        rule_set_version: d.ruleSetVersion,
        checked_at: d.checkedAt,
      });
      state.checked.set(d.meldingId, { householdId: d.householdId, acute: d.acute, hasMinor: hasMinorOf(minorsAmong(d.persons)), violence: d.violence });
    },
    [CRISIS_INTERVENTION_REQUESTED]: (state, { data }) => {
      const d = data as CrisisInterventionRequestedData;
      state.interventions.set(d.interventionId, {
        intervention_id: d.interventionId,
        melding_id: d.meldingId,
        household_id: d.householdId,
        // Older interventions named a veiligheidsregio; crisis-triage moved them to their VT region (migration 1764300000285).
        crisis_region: vtRegionOf({ region: d.crisisRegion, gemeenteCode: d.gemeenteCode }) ?? d.crisisRegion,
        gemeente_code: d.gemeenteCode ?? null,
        grounds: d.grounds,
        persons: d.persons,
        requested_at: d.requestedAt,
      });
    },
    [CRISIS_ACTION_RECORDED]: (state, { id, data }) => {
      const d = data as CrisisActionRecordedData;
      state.actions.push({ event_id: id, intervention_id: d.interventionId, action: d.action, person_id: d.personId ?? null, actor: d.actor, recorded_at: d.recordedAt });
    },
    [SAFETY_ASSESSMENT_COMPLETED_V2]: (state, { data }) => {
      const d = data as SafetyAssessmentCompletedV2Data;
      state.assessments.set(subjectOf(d), d);
    },
    [NEW_ASSESSMENT_REQUESTED_V2]: (state, { id, data }) => {
      state.requests.set(id, { requestId: id, ...(data as NewAssessmentRequestedV2Data) });
    },
    [ASSESSMENT_REQUEST_JOINED_V2]: (state, { data }) => {
      const d = data as AssessmentRequestJoinedV2Data;
      state.joined.set(d.requestId, d);
    },
    [DEADLINE_STARTED]: (state, { data }) => {
      const d = data as DeadlineFacts;
      state.timers.set(d.timerId, {
        state: 'running',
        row: {
          timer_id: d.timerId,
          clock: d.clock,
          legal_basis: d.legalBasis,
          counting: d.counting,
          calendar: d.calendar,
          household_id: d.householdId,
          subject_id: d.subjectId,
          person_id: d.personId ?? null,
          started_at: d.startedAt,
          due_at: d.dueAt,
          extensions: 0,
          completed_at: null,
        },
      });
    },
    [DEADLINE_APPROACHING]: (state, { data }) => {
      const timer = state.timers.get((data as DeadlineFacts).timerId);
      if (timer && timer.state === 'running') timer.state = 'approaching';
    },
    [DEADLINE_BREACHED]: (state, { data }) => {
      const timer = state.timers.get((data as DeadlineFacts).timerId);
      if (timer && (timer.state === 'running' || timer.state === 'approaching')) timer.state = 'breached';
    },
    [DEADLINE_EXTENDED_V2]: (state, { data }) => {
      const d = data as DeadlineExtendedV2Data;
      const timer = state.timers.get(d.timerId);
      if (!timer) return;
      timer.state = 'running';
      Object.assign(timer.row, { due_at: d.dueAt, extensions: d.extension });
    },
    [PERSON_DATA_ERASED]: (state, { data }) => {
      const d = data as PersonDataErasedData;
      if (!state.erased.has(d.personId)) state.erased.set(d.personId, erasureReason(d.reason, d.erasureId));
    },
    [HOUSEHOLD_DATA_ERASED]: (state, { data }) => {
      const d = data as HouseholdDataErasedData;
      if (!state.erased.has(d.householdId)) state.erased.set(d.householdId, erasureReason(d.reason, d.erasureId));
    },
    [DEADLINE_SUPERSEDED]: (state, { data }) => {
      const d = data as DeadlineSupersededData;
      const old = state.timers.get(d.timerId);
      if (!old) return;
      old.state = 'superseded';
      old.row['completed_at'] = d.supersededAt;
      // The clocks per person that replaced it carry its extensions.
      for (const { timerId } of d.supersededBy) {
        const replacement = state.timers.get(timerId);
        if (replacement) replacement.row['extensions'] = old.row['extensions'];
      }
    },
    [INVOLVED_PERSON_INFORMED]: (state, { data }) => {
      const d = data as InvolvedPersonInformedData;
      state.informing.set(d.informingId, {
        ...informingRow(d),
        kind: 'informed',
        at: d.informedAt,
        informed_at: d.informedAt,
        method: d.method,
        informed_by: d.informedBy,
        ground: null,
        legal_basis: null,
        decided_at: null,
      });
    },
    [INFORMING_WITHHELD]: (state, { data }) => {
      const d = data as InformingWithheldData;
      state.informing.set(d.informingId, {
        ...informingRow(d),
        kind: 'withheld',
        at: d.decidedAt,
        informed_at: null,
        method: null,
        informed_by: null,
        ground: d.ground,
        legal_basis: d.legalBasis,
        decided_at: d.decidedAt,
      });
    },
    [DEADLINE_MET]: (state, { data }) => {
      const d = data as DeadlineMetData;
      const timer = state.timers.get(d.timerId);
      if (!timer) return;
      timer.state = 'met';
      timer.row['completed_at'] = d.metAt;
    },
  },
  rows: (state) => {
    const confirmed = new Map<string, Set<string>>();
    for (const action of state.actions) {
      if (action['action'] !== 'immediate-safety-confirmed' || !action['person_id']) continue;
      const id = action['intervention_id'] as string;
      confirmed.set(id, (confirmed.get(id) ?? new Set()).add(action['person_id'] as string));
    }
    // The veiligheidsbeoordeling clock's subject is the melding or the request: completing the assessment late ends it as completed-late.
    const late = new Map<string, string>();
    for (const [subject, assessment] of state.assessments) if (!assessment.deadline.met) late.set(subject, assessment.completedAt);
    // An informing clock a recording met after its due date ends as completed late, at the moment the recording names.
    const informedLate = new Map<string, string>();
    for (const recording of state.informing.values()) for (const met of recording.metClocks) if (!met.inTime && !informedLate.has(met.timerId)) informedLate.set(met.timerId, recording.at);
    const perPerson = new Set([...state.timers.values()].filter(({ row }) => row['clock'] === 'informeren-betrokkenen' && row['person_id']).map(({ row }) => row['subject_id'] as string));
    const completion = (done: SafetyAssessmentCompletedV2Data | undefined) => ({
      status: done ? 'completed' : 'open',
      assessment_id: done?.assessmentId ?? null,
      taxatie: done?.taxatie ?? null,
      outcome: done?.outcome ?? null,
      reasoning: done?.reasoning ?? null,
      completed_at: done?.completedAt ?? null,
      completed_by: done?.actor ?? null,
    });
    const fromMeldingen = [...state.checked].map(([meldingId, checked]) => {
      const melding = state.meldingen.get(meldingId);
      return {
        subject_id: meldingId,
        basis: 'melding',
        melding_id: meldingId,
        household_id: checked.householdId,
        region: melding?.region ?? null,
        received_at: melding?.receivedAt ?? null,
        registered_at: melding?.registeredAt ?? null,
        acute: checked.acute,
        ...completion(state.assessments.get(meldingId)),
        monitoring_id: null,
        has_minor: checked.hasMinor,
        // What the acute check saw of the violence (docs/adr/0036); null for a check that recorded none.
        aard: checked.violence?.aard ?? null,
        forms_of_violence: checked.violence?.forms ?? null,
        elderly_victim: checked.violence?.elderlyVictim ?? null,
      };
    });
    // A monitoring request continues the household's latest melding (by receipt) that was there when it was asked.
    // One that joined the household's open assessment is no assessment of its own.
    // Per household its meldingen in the order of `fromMeldingen` (one pass, not one scan of every melding per request).
    const meldingenOf = new Map<string, typeof fromMeldingen>();
    for (const row of fromMeldingen) {
      const list = meldingenOf.get(row.household_id);
      if (list) list.push(row);
      else meldingenOf.set(row.household_id, [row]);
    }
    const fromMonitoring = [...state.requests.values()].flatMap((request) => {
      if (state.joined.has(request.requestId)) return [];
      // Whether the household has a minor, from its meldingen received by the request's time (docs/adr/0022).
      const meldingen = (meldingenOf.get(request.householdId) ?? []).filter((row) => row.received_at !== null && Date.parse(row.received_at) <= Date.parse(request.requestedAt));
      const latest = [...meldingen].sort((a, b) => Date.parse(b.received_at as string) - Date.parse(a.received_at as string))[0];
      if (!latest) return [];
      return [
        {
          subject_id: request.requestId,
          basis: 'monitoring',
          melding_id: latest.melding_id,
          household_id: request.householdId,
          region: latest.region,
          received_at: request.requestedAt,
          registered_at: null,
          acute: null,
          ...completion(state.assessments.get(request.requestId)),
          monitoring_id: request.monitoringId ?? null,
          has_minor: householdHasMinor(meldingen.map((row) => row.has_minor)),
          aard: null,
          forms_of_violence: null,
          elderly_victim: null,
        },
      ];
    });
    return {
      acute_check: state.acuteChecks,
      crisis_intervention: [...state.interventions.values()].map(({ persons, ...row }) => ({
        ...row,
        persons,
        status: persons.every((person) => confirmed.get(row['intervention_id'] as string)?.has(person.personId)) ? 'immediate-safety-confirmed' : 'open',
      })),
      crisis_action: state.actions,
      safety_assessment: [...fromMeldingen, ...fromMonitoring],
      assessment_request_joined: [...state.joined.values()].map((joined) => ({
        request_id: joined.requestId,
        subject_id: joined.joinedSubjectId,
        household_id: joined.householdId,
        monitoring_id: joined.monitoringId ?? null,
        requested_at: joined.requestedAt,
        joined_at: joined.joinedAt,
      })),
      person_key: [...state.erased].map(([person_id, destroyed_reason]) => ({ person_id, destroyed_reason })),
      timer: [...state.timers.values()].map(({ row, state: timerState }) => {
        const completedLate =
          row['clock'] === 'veiligheidsbeoordeling' && timerState !== 'met' ? late.get(row['subject_id'] as string) : timerState !== 'met' && timerState !== 'superseded' ? informedLate.get(row['timer_id'] as string) : undefined;
        return completedLate ? { ...row, state: 'completed-late', completed_at: completedLate } : { ...row, state: timerState };
      }),
      // Kept for the meldingen whose informing clocks run per person (new ones, and those converted from a melding-level clock).
      melding_person: [...state.meldingen].flatMap(([meldingId, melding]) =>
        perPerson.has(meldingId) ? melding.persons.map((person) => ({ melding_id: meldingId, person_id: person.personId, household_id: melding.householdId, role: person.role })) : [],
      ),
      informing: [...state.informing.values()].map(({ kind, at: _at, metClocks: _metClocks, ...row }) => ({ ...row, kind })),
    };
  },
});
