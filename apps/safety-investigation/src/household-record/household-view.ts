import { HouseholdPhase, PersonRole } from '@vt/contracts';
import { evolve, HouseholdState, initialHouseholdState, MonitoringResult, SafetyConditions } from '@vt/household-domain';
import { StoredHouseholdEvent } from './household-record.repository';

export interface HouseholdPersonView {
  personId: string;
  role: PersonRole;
  immediateSafety: 'unconfirmed' | 'confirmed';
  confirmedBy?: string;
  confirmedAt?: string;
  how?: string;
}

/** One entry of the household's history: the event's data, its id, type and time, and the phase after it. */
export type HouseholdHistoryEntry = { eventId: string; type: string; recordedAt: string; phase: HouseholdPhase } & Record<string, unknown>;

export interface HouseholdView {
  householdId: string;
  phase: HouseholdPhase;
  gemeenteCode?: string;
  openedAt: string;
  persons: HouseholdPersonView[];
  safetyConditions: SafetyConditions | null;
  monitoring: MonitoringResult | null;
  meldingIds: string[];
  history: HouseholdHistoryEntry[];
}

/** What GET /api/v1/households/:id shows: the state the events add up to, and every event (refusals too) in order. */
export function householdView(events: StoredHouseholdEvent[]): HouseholdView | undefined {
  let state: HouseholdState = initialHouseholdState;
  const history: HouseholdHistoryEntry[] = [];
  for (const { eventId, recordedAt, event } of events) {
    state = evolve(state, event);
    if (state.status !== 'recorded') continue;
    const { householdId: _householdId, ...details } = event.data;
    history.push({ eventId, type: event.type, recordedAt, ...details, phase: state.phase });
  }
  if (state.status !== 'recorded') return undefined;
  return {
    householdId: state.householdId,
    phase: state.phase,
    gemeenteCode: state.gemeenteCode,
    openedAt: state.openedAt,
    persons: state.persons.map(({ personId, role, immediateSafety }) =>
      immediateSafety.status === 'confirmed'
        ? { personId, role, immediateSafety: 'confirmed', confirmedBy: immediateSafety.confirmedBy, confirmedAt: immediateSafety.confirmedAt, how: immediateSafety.how }
        : { personId, role, immediateSafety: 'unconfirmed' },
    ),
    safetyConditions: state.safetyConditions,
    monitoring: state.monitoring,
    meldingIds: state.meldingIds,
    history,
  };
}
