import {
  ACUTE_CHECK_COMPLETED,
  ADVIESVRAAG_CONVERTED_TO_MELDING,
  ADVIESVRAAG_RECEIVED,
  AdviesvraagConvertedToMeldingData,
  AdviesvraagReceivedData,
  AcuteCheckCompletedData,
  CRISIS_INTERVENTION_REQUESTED,
  CrisisInterventionRequestedData,
  HOUSEHOLD_DATA_ERASED,
  HOUSEHOLD_HANDED_OVER,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HOUSEHOLD_RECORD_OPENED,
  HouseholdDataErasedData,
  HouseholdHandedOverData,
  HouseholdPhaseChangedV2Data,
  HouseholdRecordOpenedData,
  MELDING_RECEIVED,
  MeldingReceivedData,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  PERSON_DATA_ERASED,
  PersonDataErasedData,
  SafetyAssessmentCompletedV2Data,
} from '@vt/contracts';
import { erasureReason } from '@vt/privacy';
import { defineModel, Row } from './model';

const STATUS_ORDER = ['registered', 'acute-check-done', 'with-crisis-function', 'assessed'] as const;
type MeldingStatus = (typeof STATUS_ORDER)[number];

interface IntakeState {
  meldingen: Map<string, Row>;
  persons: Row[];
  melders: Row[];
  adviesvragen: Map<string, Row>;
  adviesvragers: Row[];
  /** Where triage's facts put each melding: intake moves the status forward only. */
  status: Map<string, { status: MeldingStatus; at: string; outcome?: string }>;
  /**
   * Radar's view of each case (docs/adr/0018): the record's status as of its latest phase fact (`at`), the
   * latest accepted overdracht and the latest entry into directe veiligheid.
   */
  cases: Map<string, RadarCase>;
  /** Each person's (or melder's) erasure, the first one: a second finds the person erased and changes nothing. */
  erasures: Map<string, PersonDataErasedData>;
  /** Households whose own key (free text about the household, docs/adr/0020) was erased, by household id. */
  householdErasures: Map<string, HouseholdDataErasedData>;
}

interface RadarCase {
  record: 'open' | 'closed';
  at: string;
  handedOverAt: string | null;
  directeVeiligheidAt: string | null;
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a);

function recordCase(state: IntakeState, householdId: string, record: 'open' | 'closed', at: string, entersDirecteVeiligheid: boolean): void {
  const current = state.cases.get(householdId);
  const newer = !current || Date.parse(current.at) <= Date.parse(at);
  state.cases.set(householdId, {
    record: newer ? record : (current?.record ?? record),
    at: newer ? at : (current?.at ?? at),
    handedOverAt: current?.handedOverAt ?? null,
    directeVeiligheidAt: later(current?.directeVeiligheidAt ?? null, entersDirecteVeiligheid ? at : null),
  });
}

/** intake's `radarCaseStatus` (@vt/intake-domain, which this library may not import): gesloten, or handed over until directe veiligheid again. */
function caseStatus(c: RadarCase): { status: 'open' | 'closed'; closedBy: 'gesloten' | 'overdracht' | null } {
  if (c.record === 'closed') return { status: 'closed', closedBy: 'gesloten' };
  if (c.handedOverAt !== null && (c.directeVeiligheidAt === null || Date.parse(c.directeVeiligheidAt) < Date.parse(c.handedOverAt))) return { status: 'closed', closedBy: 'overdracht' };
  return { status: 'open', closedBy: null };
}

function advance(state: IntakeState, meldingId: string, status: MeldingStatus, at: string, outcome?: string): void {
  const current = state.status.get(meldingId);
  if (current && STATUS_ORDER.indexOf(current.status) >= STATUS_ORDER.indexOf(status)) return;
  state.status.set(meldingId, { status, at, outcome: outcome ?? current?.outcome });
}

/**
 * intake: meldingen (routing, categories, radar, status in the process from triage's facts), their persons
 * by id and role, the melder as categories, adviesvragen and their conversion, radar's view of each case
 * (`household_case`), and erasures (`person_erasure`, when a person's or melder's row was erased, the destroyed
 * key). Names, BSNs, contact details and the account are personal data: in the log only as ciphertext, never
 * compared. Not compared: `erasure_request` (a destruction request's clock: approaching/breached states are the service's own clockwork) and
 * `household_retention` (its rule and end are computed from the case, not published) are not modelled, nor
 * `person_key.destroyed_at` (the database's clock at destruction; the event carries `erasedAt`, which
 * `person_erasure` is compared on).
 */
export const intakeModel = defineModel<IntakeState>({
  service: 'intake',
  defaultSchema: 'intake',
  tables: [
    {
      table: 'melding',
      key: ['melding_id'],
      columns: {
        melding_id: 'uuid',
        household_id: 'uuid',
        received_at: 'timestamptz',
        gemeente_code: 'text',
        island: 'text',
        acute_indicated: 'boolean',
        registered_by: 'text',
        channel: 'text',
        vt_region: 'text',
        veiligheidsregio: 'text',
        aard: 'text[]',
        tags: 'text[]',
        radar_classification: 'text',
        radar_references: 'jsonb',
        radar_decision: 'jsonb',
        adviesvraag_id: 'uuid',
        status: 'text',
        status_changed_at: 'timestamptz',
        assessment_outcome: 'text',
      },
    },
    { table: 'melding_person', key: ['person_id'], columns: { person_id: 'uuid', melding_id: 'uuid', role: 'text', erased_at: 'timestamptz' } },
    {
      table: 'melder',
      key: ['melding_id'],
      columns: { melding_id: 'uuid', melder_id: 'uuid', kind: 'text', sector: 'text', role: 'text', identity_sealed: 'boolean', erased_at: 'timestamptz' },
    },
    {
      table: 'adviesvraag',
      key: ['adviesvraag_id'],
      columns: {
        adviesvraag_id: 'uuid',
        household_id: 'uuid',
        received_at: 'timestamptz',
        registered_by: 'text',
        channel: 'text',
        vt_region: 'text',
        veiligheidsregio: 'text',
        aard: 'text[]',
        tags: 'text[]',
        converted_melding_id: 'uuid',
        converted_at: 'timestamptz',
        converted_by: 'text',
      },
    },
    { table: 'adviesvrager', key: ['adviesvraag_id'], columns: { adviesvraag_id: 'uuid', kind: 'text', sector: 'text', role: 'text' } },
    {
      table: 'household_case',
      key: ['household_id'],
      columns: {
        household_id: 'uuid',
        status: 'text',
        updated_at: 'timestamptz',
        record_status: 'text',
        handed_over_at: 'timestamptz',
        directe_veiligheid_at: 'timestamptz',
        closed_by: 'text',
      },
    },
    {
      table: 'person_erasure',
      key: ['person_id'],
      columns: { person_id: 'uuid', erasure_id: 'uuid', household_id: 'uuid', subject_kind: 'text', reason: 'text', request_id: 'uuid', erased_at: 'timestamptz', actor: 'text' },
    },
    // Only destroyed keys: a live key is made when intake first encrypts for a person, which no event tells.
    { table: 'household_erasure', key: ['household_id'], columns: { household_id: 'uuid', erasure_id: 'uuid', reason: 'text', erased_at: 'timestamptz', actor: 'text' } },
    { table: 'person_key', key: ['person_id'], liveRows: 'destroyed_at is not null', columns: { person_id: 'uuid', destroyed_reason: 'text' } },
  ],
  initial: () => ({ meldingen: new Map(), persons: [], melders: [], adviesvragen: new Map(), adviesvragers: [], status: new Map(), cases: new Map(), erasures: new Map(), householdErasures: new Map() }),
  on: {
    [MELDING_RECEIVED]: (state, { data }) => {
      const d = data as MeldingReceivedData;
      state.meldingen.set(d.meldingId, {
        melding_id: d.meldingId,
        household_id: d.householdId,
        received_at: d.receivedAt,
        gemeente_code: d.gemeenteCode ?? null,
        island: d.island ?? null,
        acute_indicated: d.acuteIndication.indicated,
        registered_by: d.actor,
        channel: d.registration?.channel ?? null,
        vt_region: d.region?.vtRegion ?? null,
        veiligheidsregio: d.region?.veiligheidsregio ?? null,
        aard: d.concerns?.aard ?? null,
        tags: d.concerns?.tags ?? null,
        radar_classification: d.radar?.classification ?? null,
        radar_references: d.radar?.references ?? null,
        radar_decision: d.radar?.decision ?? null,
        adviesvraag_id: d.convertedFromAdviesvraag ?? null,
      });
      for (const person of d.persons) state.persons.push({ person_id: person.personId, melding_id: d.meldingId, role: person.role });
      if (d.registration && d.melderId) {
        const r = d.registration;
        state.melders.push({ melding_id: d.meldingId, melder_id: d.melderId, kind: r.melderKind, sector: r.melderSector ?? null, role: r.melderRole, identity_sealed: r.melderIdentitySealed });
      }
    },
    [ADVIESVRAAG_RECEIVED]: (state, { data, householdid }) => {
      const d = data as AdviesvraagReceivedData;
      state.adviesvragen.set(d.adviesvraagId, {
        adviesvraag_id: d.adviesvraagId,
        household_id: householdid,
        received_at: d.receivedAt,
        registered_by: d.actor,
        channel: d.channel,
        vt_region: d.region?.vtRegion ?? null,
        veiligheidsregio: d.region?.veiligheidsregio ?? null,
        aard: d.concerns.aard,
        tags: d.concerns.tags,
        converted_melding_id: null,
        converted_at: null,
        converted_by: null,
      });
      state.adviesvragers.push({ adviesvraag_id: d.adviesvraagId, kind: d.adviesvrager.kind, sector: d.adviesvrager.sector ?? null, role: d.adviesvrager.role });
    },
    [ADVIESVRAAG_CONVERTED_TO_MELDING]: (state, { data }) => {
      const d = data as AdviesvraagConvertedToMeldingData;
      const row = state.adviesvragen.get(d.adviesvraagId);
      if (row) Object.assign(row, { converted_melding_id: d.meldingId, converted_at: d.convertedAt, converted_by: d.actor });
    },
    [ACUTE_CHECK_COMPLETED]: (state, { data }) => {
      const d = data as AcuteCheckCompletedData;
      advance(state, d.meldingId, 'acute-check-done', d.checkedAt);
    },
    [CRISIS_INTERVENTION_REQUESTED]: (state, { data }) => {
      const d = data as CrisisInterventionRequestedData;
      advance(state, d.meldingId, 'with-crisis-function', d.requestedAt);
    },
    [SAFETY_ASSESSMENT_COMPLETED_V2]: (state, { data }) => {
      const d = data as SafetyAssessmentCompletedV2Data;
      advance(state, d.meldingId, 'assessed', d.completedAt, d.outcome);
    },
    [HOUSEHOLD_RECORD_OPENED]: (state, { data }) => {
      const d = data as HouseholdRecordOpenedData;
      recordCase(state, d.householdId, 'open', d.openedAt, true);
    },
    [HOUSEHOLD_PHASE_CHANGED_V2]: (state, { data }) => {
      const d = data as HouseholdPhaseChangedV2Data;
      recordCase(state, d.householdId, d.to === 'gesloten' ? 'closed' : 'open', d.changedAt, d.to === 'directe-veiligheid');
    },
    [HOUSEHOLD_HANDED_OVER]: (state, { data, time }) => {
      const d = data as HouseholdHandedOverData;
      const current = state.cases.get(d.householdId) ?? { record: 'open' as const, at: '-infinity', handedOverAt: null, directeVeiligheidAt: null };
      state.cases.set(d.householdId, { ...current, handedOverAt: later(current.handedOverAt, time) });
    },
    [PERSON_DATA_ERASED]: (state, { data }) => {
      const d = data as PersonDataErasedData;
      if (!state.erasures.has(d.personId)) state.erasures.set(d.personId, d);
    },
    [HOUSEHOLD_DATA_ERASED]: (state, { data }) => {
      const d = data as HouseholdDataErasedData;
      if (!state.householdErasures.has(d.householdId)) state.householdErasures.set(d.householdId, d);
    },
  },
  rows: (state) => ({
    melding: [...state.meldingen.values()].map((row) => {
      const status = state.status.get(row['melding_id'] as string);
      return { ...row, status: status?.status ?? 'registered', status_changed_at: status?.at ?? null, assessment_outcome: status?.outcome ?? null };
    }),
    melding_person: state.persons.map((row) => {
      const erased = state.erasures.get(row['person_id'] as string);
      return { ...row, erased_at: erased?.subjectKind === 'person' ? erased.erasedAt : null };
    }),
    melder: state.melders.map((row) => {
      const erased = state.erasures.get(row['melder_id'] as string);
      return { ...row, erased_at: erased?.subjectKind === 'melder' ? erased.erasedAt : null };
    }),
    adviesvraag: [...state.adviesvragen.values()],
    adviesvrager: state.adviesvragers,
    household_case: [...state.cases].map(([household_id, c]) => {
      const { status, closedBy } = caseStatus(c);
      return { household_id, status, updated_at: c.at, record_status: c.record, handed_over_at: c.handedOverAt, directe_veiligheid_at: c.directeVeiligheidAt, closed_by: closedBy };
    }),
    person_erasure: [...state.erasures.values()].map((d) => ({
      person_id: d.personId,
      erasure_id: d.erasureId,
      household_id: d.householdId,
      subject_kind: d.subjectKind,
      reason: d.reason,
      request_id: d.requestId ?? null,
      erased_at: d.erasedAt,
      actor: d.actor,
    })),
    household_erasure: [...state.householdErasures.values()].map((d) => ({ household_id: d.householdId, erasure_id: d.erasureId, reason: d.reason, erased_at: d.erasedAt, actor: d.actor })),
    // A destroyed key per erased person, and per household whose own key (its free text, docs/adr/0020) was erased.
    person_key: [
      ...[...state.erasures.values()].map((d) => ({ person_id: d.personId, destroyed_reason: erasureReason(d.reason, d.erasureId) })),
      ...[...state.householdErasures.values()].map((d) => ({ person_id: d.householdId, destroyed_reason: erasureReason(d.reason, d.erasureId) })),
    ],
  }),
});
