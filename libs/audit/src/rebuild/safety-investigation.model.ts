import {
  EVENT_CATALOG,
  HUISVERBOD_ENDED,
  HUISVERBOD_EXTENDED_V2,
  HUISVERBOD_IMPOSED,
  HuisverbodClockData,
  HuisverbodExtendedV2Data,
  HuisverbodImposedData,
  INVESTIGATION_FINDING_RECORDED,
  INVESTIGATION_STEP_COMPLETED,
  INVESTIGATION_STEP_PLANNED,
  InvestigationFindingRecordedData,
  InvestigationStepCompletedData,
  InvestigationStepPlannedData,
  HOUSEHOLD_DATA_ERASED,
  HouseholdDataErasedData,
  PERSON_DATA_ERASED,
  PersonDataErasedData,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HOUSEHOLD_RECORD_OPENED,
  HouseholdPhaseChangedV2Data,
  HouseholdRecordOpenedData,
  INVESTIGATION_CONCLUDED_V2,
  INVESTIGATION_OPENED,
  InvestigationConcludedV2Data,
  InvestigationOpenedData,
  TOPICS,
} from '@vt/contracts';
import type { CloudEvent } from '@vt/contracts';
import { erasureReason } from '@vt/privacy';
import { vtRegionOf } from '../vt-regions';
import { defineModel, Row } from './model';

interface SafetyInvestigationState {
  households: Map<string, Row>;
  /** Each household's record: its events in log order, numbered from 1. */
  events: Row[];
  sequence: Map<string, number>;
  investigations: Map<string, Row>;
  steps: Map<string, Row>;
  findings: Row[];
  huisverboden: Map<string, Row>;
  /** Every extension of a huisverbod, with its reason as published (ciphertext). */
  extensions: Row[];
  /** Persons whose key this service destroyed, and the reason it wrote (`<reason> (erasure <id>)`). */
  erased: Map<string, string>;
}

/**
 * Every event type safety-investigation writes on the household phases topic: together they are the household's
 * record. Newest versions only: the log reader upcasts a superseded type before the fold (ADR 0004).
 */
export const HOUSEHOLD_RECORD_TYPES = Object.values(EVENT_CATALOG)
  .filter((contract) => contract.producer === 'safety-investigation' && contract.address === TOPICS.householdPhases && !('supersededBy' in contract))
  .map((contract) => contract.type as string);

function recordEvent(state: SafetyInvestigationState, event: CloudEvent): void {
  const householdId = event.householdid;
  const sequence = (state.sequence.get(householdId) ?? 0) + 1;
  state.sequence.set(householdId, sequence);
  state.events.push({ household_id: householdId, sequence, event_id: event.id, type: event.type, data: event.data, recorded_at: event.time });
  if (event.type === HOUSEHOLD_RECORD_OPENED) {
    const d = event.data as HouseholdRecordOpenedData;
    // The household's VT region: the record's (added in v1), else its gemeente's, as migration 1764300000385 filled it in.
    state.households.set(householdId, { household_id: householdId, phase: d.phase, gemeente_code: d.gemeenteCode ?? null, vt_region: vtRegionOf({ vtRegion: d.vtRegion, gemeenteCode: d.gemeenteCode }) ?? null, opened_at: d.openedAt });
  } else if (event.type === HOUSEHOLD_PHASE_CHANGED_V2) {
    const household = state.households.get(householdId);
    if (household) household['phase'] = (event.data as HouseholdPhaseChangedV2Data).to;
  }
}

/**
 * safety-investigation: each household's phase and its record, event by event (type, data, time), which holds
 * every person's immediate safety, the safety conditions and the monitoring (results, requests for a new
 * assessment); the integral investigations (opened, concluded with the conclusion as published), their plan
 * steps, the findings (ciphertext under the person's key, as published: never decrypted), the tijdelijk
 * huisverboden (end, extensions, ended), and the persons whose data key it destroyed on an erasure.
 * Not compared: `scheduled_fact` (when a later fact falls due and whether it fired is the service's own
 * clockwork; what fired is on the log as the fact itself), and
 * `person_key.destroyed_at` (the database's clock at destruction, not the event's time) and the keys themselves.
 */
export const safetyInvestigationModel = defineModel<SafetyInvestigationState>({
  service: 'safety-investigation',
  defaultSchema: 'safety_investigation',
  tables: [
    { table: 'household', key: ['household_id'], columns: { household_id: 'uuid', phase: 'text', gemeente_code: 'text', vt_region: 'text', opened_at: 'timestamptz' } },
    {
      table: 'household_event',
      key: ['household_id', 'sequence'],
      columns: { household_id: 'uuid', sequence: 'integer', event_id: 'uuid', type: 'text', data: 'jsonb', recorded_at: 'timestamptz' },
    },
    {
      table: 'investigation',
      key: ['investigation_id'],
      columns: {
        investigation_id: 'uuid',
        household_id: 'uuid',
        assessment_id: 'uuid',
        melding_id: 'uuid',
        status: 'text',
        opened_at: 'timestamptz',
        conclusion: 'jsonb',
        concluded_at: 'timestamptz',
        concluded_by: 'text',
        concluded_event_id: 'uuid',
      },
    },
    {
      table: 'investigation_step',
      key: ['step_id'],
      columns: {
        step_id: 'uuid',
        investigation_id: 'uuid',
        kind: 'text',
        person_id: 'uuid',
        third_party: 'text',
        legal_basis: 'text',
        planned_at: 'timestamptz',
        planned_by: 'text',
        completed_at: 'timestamptz',
        completed_by: 'text',
      },
    },
    {
      table: 'investigation_finding',
      key: ['finding_id'],
      columns: { finding_id: 'uuid', investigation_id: 'uuid', person_id: 'uuid', step_id: 'uuid', finding: 'jsonb', recorded_at: 'timestamptz', recorded_by: 'text' },
    },
    {
      table: 'huisverbod',
      key: ['huisverbod_id'],
      columns: {
        huisverbod_id: 'uuid',
        household_id: 'uuid',
        person_id: 'uuid',
        burgemeester_of: 'text',
        imposed_at: 'timestamptz',
        ends_at: 'timestamptz',
        max_ends_at: 'timestamptz',
        status: 'text',
        recorded_at: 'timestamptz',
      },
    },
    // Each extension with its reason as the ciphertext published (docs/adr/0020); its row id is the service's own.
    {
      table: 'huisverbod_extension',
      key: ['huisverbod_id', 'ends_at'],
      columns: { huisverbod_id: 'uuid', previous_ends_at: 'timestamptz', ends_at: 'timestamptz', decided_at: 'timestamptz', reason: 'jsonb', recorded_at: 'timestamptz', recorded_by: 'text' },
    },
    // Only destroyed keys: a live key is made when the service first encrypts for a person, which no event tells.
    { table: 'person_key', key: ['person_id'], liveRows: 'destroyed_at is not null', columns: { person_id: 'uuid', destroyed_reason: 'text' } },
  ],
  initial: () => ({ households: new Map(), events: [], sequence: new Map(), investigations: new Map(), steps: new Map(), findings: [], huisverboden: new Map(), extensions: [], erased: new Map() }),
  on: {
    ...Object.fromEntries(HOUSEHOLD_RECORD_TYPES.map((type) => [type, (state: SafetyInvestigationState, event: CloudEvent) => recordEvent(state, event)])),
    [INVESTIGATION_OPENED]: (state, { data }) => {
      const d = data as InvestigationOpenedData;
      state.investigations.set(d.investigationId, {
        investigation_id: d.investigationId,
        household_id: d.householdId,
        assessment_id: d.basedOn.assessmentId,
        melding_id: d.basedOn.meldingId,
        status: 'open',
        opened_at: d.openedAt,
        conclusion: null,
        concluded_at: null,
        concluded_by: null,
        concluded_event_id: null,
      });
    },
    [INVESTIGATION_CONCLUDED_V2]: (state, { id, data }) => {
      const d = data as InvestigationConcludedV2Data;
      const row = state.investigations.get(d.investigationId);
      if (row) Object.assign(row, { status: 'concluded', conclusion: d, concluded_at: d.concludedAt, concluded_by: d.actor, concluded_event_id: id });
    },
    [INVESTIGATION_STEP_PLANNED]: (state, { data }) => {
      const d = data as InvestigationStepPlannedData;
      state.steps.set(d.stepId, {
        step_id: d.stepId,
        investigation_id: d.investigationId,
        kind: d.kind,
        person_id: d.personId ?? null,
        third_party: d.thirdParty ?? null,
        legal_basis: d.legalBasis ?? null,
        planned_at: d.plannedAt,
        planned_by: d.actor,
        completed_at: null,
        completed_by: null,
      });
    },
    [INVESTIGATION_STEP_COMPLETED]: (state, { data }) => {
      const d = data as InvestigationStepCompletedData;
      const row = state.steps.get(d.stepId);
      if (row) Object.assign(row, { completed_at: d.completedAt, completed_by: d.actor });
    },
    [INVESTIGATION_FINDING_RECORDED]: (state, { data }) => {
      const d = data as InvestigationFindingRecordedData;
      // The ciphertext as published: the live row holds the same envelope under the person's key.
      state.findings.push({ finding_id: d.findingId, investigation_id: d.investigationId, person_id: d.personId, step_id: d.stepId ?? null, finding: d.finding, recorded_at: d.recordedAt, recorded_by: d.actor });
    },
    [HUISVERBOD_IMPOSED]: (state, { data }) => {
      const d = data as HuisverbodImposedData;
      state.huisverboden.set(d.huisverbodId, {
        huisverbod_id: d.huisverbodId,
        household_id: d.householdId,
        person_id: d.personId,
        burgemeester_of: d.burgemeesterOf,
        imposed_at: d.imposedAt,
        ends_at: d.endsAt,
        max_ends_at: d.maxEndsAt,
        status: 'running',
        recorded_at: d.recordedAt,
      });
    },
    [HUISVERBOD_EXTENDED_V2]: (state, { data }) => {
      const d = data as HuisverbodExtendedV2Data;
      const row = state.huisverboden.get(d.huisverbodId);
      if (row) row['ends_at'] = d.endsAt;
      state.extensions.push({
        huisverbod_id: d.huisverbodId,
        previous_ends_at: d.previousEndsAt,
        ends_at: d.endsAt,
        decided_at: d.decidedAt,
        reason: d.reason ?? null,
        recorded_at: d.recordedAt,
        recorded_by: d.actor,
      });
    },
    [HUISVERBOD_ENDED]: (state, { data }) => {
      const row = state.huisverboden.get((data as HuisverbodClockData).huisverbodId);
      if (row) row['status'] = 'ended';
    },
    [PERSON_DATA_ERASED]: (state, { data }) => {
      const d = data as PersonDataErasedData;
      // A key is destroyed once; a later erasure of the same person finds it destroyed and changes nothing.
      if (!state.erased.has(d.personId)) state.erased.set(d.personId, erasureReason(d.reason, d.erasureId));
    },
    [HOUSEHOLD_DATA_ERASED]: (state, { data }) => {
      const d = data as HouseholdDataErasedData;
      // The household's own key (its free text, docs/adr/0020), destroyed once like a person's.
      if (!state.erased.has(d.householdId)) state.erased.set(d.householdId, erasureReason(d.reason, d.erasureId));
    },
  },
  rows: (state) => ({
    household: [...state.households.values()],
    household_event: state.events,
    investigation: [...state.investigations.values()],
    investigation_step: [...state.steps.values()],
    investigation_finding: state.findings,
    huisverbod: [...state.huisverboden.values()],
    huisverbod_extension: state.extensions,
    person_key: [...state.erased].map(([person_id, destroyed_reason]) => ({ person_id, destroyed_reason })),
  }),
});
