import { EncryptedText, HandoverBasis, HouseholdPhase, PartnerType, PersonRef, RoutingFailureReason } from '@vt/contracts';

/**
 * The household safety record, one per household, owned by safety-investigation: the phase
 * (directe veiligheid → duurzame veiligheid → herstel, or gesloten), per person whether immediate safety
 * is realised, and the facts of sustainable safety. It is what `evolve` makes of the household's events.
 * Free text stays sealed (`EncryptedText`, ADR 0020): the state holds it as the events carry it, and only a read
 * that may show it opens it. A sealed text is absent on facts recorded before ADR 0020 (their clear text was not kept).
 */
export type ImmediateSafety = { status: 'unconfirmed' } | { status: 'confirmed'; confirmedBy: string; confirmedAt: string; how?: EncryptedText };

export interface HouseholdPerson extends PersonRef {
  immediateSafety: ImmediateSafety;
}

export interface SafetyConditions {
  /** The conditions, one sealed list under the household's key. */
  conditions?: EncryptedText;
  conditionCount: number;
  handedOverTo: string[];
  recordedBy: string;
  recordedAt: string;
}

export interface MonitoringResult {
  stable: boolean;
  /** What the monitoring found, sealed under the household's key. */
  reason?: EncryptedText;
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
  /** The highest check-in announced overdue (MonitoringCheckInOverdue), 0 for none. */
  overdue: number;
}

/**
 * An overdracht a partner accepted: zicht op veiligheid passed to that partner. It ends when the household
 * enters directe veiligheid again (Veilig Thuis realises immediate safety itself); `completedAt` when the
 * partner reported its work done.
 */
export interface Handover {
  referralId: string;
  partnerId: string;
  partnerType: PartnerType;
  acceptedAt: string;
  completedAt?: string;
  endedAt?: string;
}

/** An overdracht for which no partner could be found; open until a later overdracht is accepted. */
export interface HandoverFailure {
  /** Absent when no referral was ever issued for the overdracht (nobody fitted from the start). */
  referralId?: string;
  wanted: string;
  reasonCode: RoutingFailureReason;
  failedAt: string;
  /** The routing failure it rests on, and the outcome the overdracht was wanted for. */
  basis: HandoverBasis;
}

export interface RecordedHousehold {
  status: 'recorded';
  householdId: string;
  /** Absent for an island household. */
  gemeenteCode?: string;
  /**
   * The household's VT region as its record was opened with (`HouseholdRecordOpened.vtRegion`); absent for a
   * record opened before events carried it (then its gemeente's VT region applies; docs/adr/0017).
   */
  vtRegion?: string;
  openedAt: string;
  phase: HouseholdPhase;
  persons: HouseholdPerson[];
  meldingIds: string[];
  safetyConditions: SafetyConditions | null;
  /** The latest monitoring result since the household last entered directe veiligheid. */
  monitoring: MonitoringResult | null;
  /** Null when no monitoring runs: none started, or it ended (confirmed, a new assessment, directe veiligheid, closed). */
  monitoringPeriod: MonitoringPeriod | null;
  /** Every overdracht accepted, in order; those without `endedAt` hold zicht op veiligheid (none: Veilig Thuis does). */
  handovers: Handover[];
  /** Overdrachten no partner could be found for since the last accepted one: a referral coordinator has to act. */
  handoverFailures: HandoverFailure[];
}

/** Who holds zicht op veiligheid: the partners of the handovers that have not ended, or else Veilig Thuis. */
export function zichtOpVeiligheid(state: RecordedHousehold): Handover[] {
  return state.handovers.filter((handover) => handover.endedAt === undefined);
}

export type HouseholdState = { status: 'unknown' } | RecordedHousehold;

export const initialHouseholdState: HouseholdState = { status: 'unknown' };
