import { HouseholdPhase, PersonRole } from '@vt/contracts';
import { evolve, Handover, HandoverFailure, HouseholdState, initialHouseholdState, MonitoringResult, SafetyConditions, zichtOpVeiligheid } from '@vt/household-domain';
import { householdVtRegion } from './household-access';
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

/** Who holds zicht op veiligheid: Veilig Thuis, or the partners whose acceptance of an overdracht has not ended. */
export type ZichtOpVeiligheidView = { heldBy: 'veilig-thuis' } | { heldBy: 'partners'; partners: Handover[] };

export interface HouseholdView {
  householdId: string;
  phase: HouseholdPhase;
  gemeenteCode?: string;
  /** The household's VT region (docs/adr/0017); absent only for an island record opened before records carried it. */
  vtRegion?: string;
  openedAt: string;
  persons: HouseholdPersonView[];
  safetyConditions: SafetyConditions | null;
  monitoring: MonitoringResult | null;
  zichtOpVeiligheid: ZichtOpVeiligheidView;
  /** Overdrachten nobody could be found for since the last accepted one: a referral coordinator has to act. */
  handoverFailures: HandoverFailure[];
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
    ...(householdVtRegion(state) ? { vtRegion: householdVtRegion(state) } : {}),
    openedAt: state.openedAt,
    persons: state.persons.map(({ personId, role, immediateSafety }) =>
      immediateSafety.status === 'confirmed'
        ? { personId, role, immediateSafety: 'confirmed', confirmedBy: immediateSafety.confirmedBy, confirmedAt: immediateSafety.confirmedAt, how: immediateSafety.how }
        : { personId, role, immediateSafety: 'unconfirmed' },
    ),
    safetyConditions: state.safetyConditions,
    monitoring: state.monitoring,
    zichtOpVeiligheid: zichtOpVeiligheid(state).length > 0 ? { heldBy: 'partners', partners: zichtOpVeiligheid(state) } : { heldBy: 'veilig-thuis' },
    handoverFailures: state.handoverFailures,
    meldingIds: state.meldingIds,
    history,
  };
}
