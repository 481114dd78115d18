import { HouseholdPhase, PersonRef } from '@vt/contracts';

/**
 * The household safety record, one per household, owned by safety-investigation: the phase
 * (directe veiligheid → duurzame veiligheid → herstel, or gesloten), per person whether immediate safety
 * is realised, and the facts of sustainable safety. It is what `evolve` makes of the household's events.
 */
export type ImmediateSafety = { status: 'unconfirmed' } | { status: 'confirmed'; confirmedBy: string; confirmedAt: string; how: string };

export interface HouseholdPerson extends PersonRef {
  immediateSafety: ImmediateSafety;
}

export interface SafetyConditions {
  conditions: string[];
  handedOverTo: string[];
  recordedBy: string;
  recordedAt: string;
}

export interface MonitoringResult {
  stable: boolean;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

/** The running monitoring period: which check-ins fell due, and whether any result in it was unstable. */
export interface MonitoringPeriod {
  monitoringId: string;
  startedAt: string;
  checkInsDueAt: string[];
  /** How many check-ins have fallen due (MonitoringCheckInDue). */
  due: number;
  stableResults: number;
  unstable: boolean;
}

export interface RecordedHousehold {
  status: 'recorded';
  householdId: string;
  /** Absent for an island household. */
  gemeenteCode?: string;
  openedAt: string;
  phase: HouseholdPhase;
  persons: HouseholdPerson[];
  meldingIds: string[];
  safetyConditions: SafetyConditions | null;
  /** The latest monitoring result since the household last entered directe veiligheid. */
  monitoring: MonitoringResult | null;
  /** Null when no monitoring runs: none started, or it ended (confirmed, a new assessment, directe veiligheid, closed). */
  monitoringPeriod: MonitoringPeriod | null;
}

export type HouseholdState = { status: 'unknown' } | RecordedHousehold;

export const initialHouseholdState: HouseholdState = { status: 'unknown' };
