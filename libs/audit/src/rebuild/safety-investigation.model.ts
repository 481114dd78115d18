import {
  EVENT_CATALOG,
  HOUSEHOLD_PHASE_CHANGED,
  HOUSEHOLD_RECORD_OPENED,
  HouseholdPhaseChangedData,
  HouseholdRecordOpenedData,
  INVESTIGATION_CONCLUDED,
  INVESTIGATION_OPENED,
  InvestigationConcludedData,
  InvestigationOpenedData,
  TOPICS,
} from '@vt/contracts';
import type { CloudEvent } from '@vt/contracts';
import { defineModel, Row } from './model';

interface SafetyInvestigationState {
  households: Map<string, Row>;
  /** Each household's record: its events in log order, numbered from 1. */
  events: Row[];
  sequence: Map<string, number>;
  investigations: Map<string, Row>;
}

/** Every event type safety-investigation writes on the household phases topic: together they are the household's record. */
export const HOUSEHOLD_RECORD_TYPES = Object.values(EVENT_CATALOG)
  .filter((contract) => contract.producer === 'safety-investigation' && contract.address === TOPICS.householdPhases)
  .map((contract) => contract.type as string);

function recordEvent(state: SafetyInvestigationState, event: CloudEvent): void {
  const householdId = event.householdid;
  const sequence = (state.sequence.get(householdId) ?? 0) + 1;
  state.sequence.set(householdId, sequence);
  state.events.push({ household_id: householdId, sequence, event_id: event.id, type: event.type, data: event.data, recorded_at: event.time });
  if (event.type === HOUSEHOLD_RECORD_OPENED) {
    const d = event.data as HouseholdRecordOpenedData;
    state.households.set(householdId, { household_id: householdId, phase: d.phase, gemeente_code: d.gemeenteCode ?? null, opened_at: d.openedAt });
  } else if (event.type === HOUSEHOLD_PHASE_CHANGED) {
    const household = state.households.get(householdId);
    if (household) household['phase'] = (event.data as HouseholdPhaseChangedData).to;
  }
}

/**
 * safety-investigation: each household's phase and its record, event by event (type, data, time), which holds
 * every person's immediate safety, the safety conditions and the monitoring; and the integral investigations (opened, concluded). Steps, findings, huisverboden and scheduled facts are not
 * modelled yet.
 */
export const safetyInvestigationModel = defineModel<SafetyInvestigationState>({
  service: 'safety-investigation',
  defaultSchema: 'safety_investigation',
  tables: [
    { table: 'household', key: ['household_id'], columns: { household_id: 'uuid', phase: 'text', gemeente_code: 'text', opened_at: 'timestamptz' } },
    {
      table: 'household_event',
      key: ['household_id', 'sequence'],
      columns: { household_id: 'uuid', sequence: 'integer', event_id: 'uuid', type: 'text', data: 'jsonb', recorded_at: 'timestamptz' },
    },
    {
      table: 'investigation',
      key: ['investigation_id'],
      columns: { investigation_id: 'uuid', household_id: 'uuid', assessment_id: 'uuid', melding_id: 'uuid', status: 'text', opened_at: 'timestamptz', concluded_at: 'timestamptz', concluded_by: 'text' },
    },
  ],
  initial: () => ({ households: new Map(), events: [], sequence: new Map(), investigations: new Map() }),
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
        concluded_at: null,
        concluded_by: null,
      });
    },
    [INVESTIGATION_CONCLUDED]: (state, { data }) => {
      const d = data as InvestigationConcludedData;
      const row = state.investigations.get(d.investigationId);
      if (row) Object.assign(row, { status: 'concluded', concluded_at: d.concludedAt, concluded_by: d.actor });
    },
  },
  rows: (state) => ({ household: [...state.households.values()], household_event: state.events, investigation: [...state.investigations.values()] }),
});
