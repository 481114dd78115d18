import { HOUSEHOLD_HANDED_OVER, HOUSEHOLD_HANDOVER_COMPLETED, HouseholdPhase, MinorsInHousehold, PersonRole } from '@vt/contracts';
import { evolve, Handover, HandoverFailure, householdMinors, HouseholdState, initialHouseholdState, zichtOpVeiligheid } from '@vt/household-domain';
import { OpenedList, OpenedText, SealedText } from '../free-text/sealed-text';
import { householdVtRegion } from './household-access';
import { StoredHouseholdEvent } from './household-record.repository';

/**
 * Free text in a read (ADR 0020): the words when the subject's key is there, `{ erased: true, erasedAt }` once it
 * was destroyed, and absent on facts recorded before ADR 0020 (their clear text was removed from this service).
 */
export interface HouseholdPersonView {
  personId: string;
  role: PersonRole;
  /** Whether the person was a minor at receipt of their melding; absent when unknown (docs/adr/0022). */
  minor?: boolean;
  immediateSafety: 'unconfirmed' | 'confirmed';
  confirmedBy?: string;
  confirmedAt?: string;
  /** How immediate safety was realised (sealed under this person's key). */
  how?: OpenedText;
}

export interface SafetyConditionsView {
  /** The conditions (sealed under the household's key). */
  conditions?: OpenedList;
  conditionCount: number;
  handedOverTo: string[];
  recordedBy: string;
  recordedAt: string;
}

export interface MonitoringView {
  stable: boolean;
  /** What the monitoring found (sealed under the household's key). */
  reason?: OpenedText;
  recordedBy: string;
  recordedAt: string;
}

/** One entry of the household's history: the event's data (sealed texts opened), its id, type and time, and the phase after it. */
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
  /** Whether the household has a minor (a person under 18 at receipt, or child-involved): present, none, or unknown. */
  minors: MinorsInHousehold;
  safetyConditions: SafetyConditionsView | null;
  monitoring: MonitoringView | null;
  zichtOpVeiligheid: ZichtOpVeiligheidView;
  /** Overdrachten nobody could be found for since the last accepted one: a referral coordinator has to act. */
  handoverFailures: HandoverFailure[];
  /** The referrals issued for the household and the partners' answers as this service knows them (`household_referral`). */
  referrals: HouseholdReferralView[];
  meldingIds: string[];
  history: HouseholdHistoryEntry[];
}

/**
 * What GET /api/v1/households/:id shows: the state the events add up to, and every event (refusals too) in order,
 * with every sealed text opened for the reader (the record itself keeps only the ciphertext).
 */
export async function householdView(events: StoredHouseholdEvent[], texts: SealedText, referrals: readonly HouseholdReferralRow[] = []): Promise<HouseholdView | undefined> {
  let state: HouseholdState = initialHouseholdState;
  const history: HouseholdHistoryEntry[] = [];
  for (const { eventId, recordedAt, event } of events) {
    state = evolve(state, event);
    if (state.status !== 'recorded') continue;
    const { householdId: _householdId, ...details } = event.data;
    history.push({ eventId, type: event.type, recordedAt, ...((await texts.openAll(details)) as Record<string, unknown>), phase: state.phase });
  }
  if (state.status !== 'recorded') return undefined;
  const { safetyConditions, monitoring } = state;
  return {
    householdId: state.householdId,
    phase: state.phase,
    gemeenteCode: state.gemeenteCode,
    ...(householdVtRegion(state) ? { vtRegion: householdVtRegion(state) } : {}),
    openedAt: state.openedAt,
    persons: await Promise.all(
      state.persons.map(async ({ personId, role, minor, immediateSafety }): Promise<HouseholdPersonView> => {
        const person = { personId, role, ...(minor !== undefined ? { minor } : {}) };
        if (immediateSafety.status !== 'confirmed') return { ...person, immediateSafety: 'unconfirmed' };
        const { confirmedBy, confirmedAt, how } = immediateSafety;
        return { ...person, immediateSafety: 'confirmed', confirmedBy, confirmedAt, ...(how ? { how: await texts.open(how) } : {}) };
      }),
    ),
    minors: householdMinors(state),
    safetyConditions: safetyConditions && {
      ...(safetyConditions.conditions ? { conditions: await texts.openList(safetyConditions.conditions) } : {}),
      conditionCount: safetyConditions.conditionCount,
      handedOverTo: safetyConditions.handedOverTo,
      recordedBy: safetyConditions.recordedBy,
      recordedAt: safetyConditions.recordedAt,
    },
    monitoring: monitoring && {
      stable: monitoring.stable,
      ...(monitoring.reason ? { reason: await texts.open(monitoring.reason) } : {}),
      recordedBy: monitoring.recordedBy,
      recordedAt: monitoring.recordedAt,
    },
    zichtOpVeiligheid: zichtOpVeiligheid(state).length > 0 ? { heldBy: 'partners', partners: zichtOpVeiligheid(state) } : { heldBy: 'veilig-thuis' },
    handoverFailures: state.handoverFailures,
    referrals: householdReferrals(referrals, history),
    meldingIds: state.meldingIds,
    history,
  };
}

/** A row of `household_referral`: what this service remembers of each ReferralIssued for the household, and how it closed. */
export interface HouseholdReferralRow {
  referral_id: string;
  partner_id: string;
  partner_type: string;
  purpose: string | null;
  outcome: string | null;
  reroute_of: string | null;
  issued_at: Date;
  closed: 'declined' | 'expired' | 'rerouted' | null;
  closed_at: Date | null;
}

/**
 * A referral and the partner's answer as far as this service knows it: `declined`, `expired` or `rerouted` from
 * referral's facts; `accepted` and `completed` for an overdracht (they are household events); `open` otherwise,
 * which for other referrals (RvdK, voorwaarden, informing the gemeente) means only that this service does not track it.
 */
export interface HouseholdReferralView {
  referralId: string;
  partnerId: string;
  partnerType: string;
  purpose?: string;
  outcome?: string;
  rerouteOf?: string;
  issuedAt: string;
  answer: 'open' | 'accepted' | 'completed' | 'declined' | 'expired' | 'rerouted';
  answeredAt?: string;
}

export function householdReferrals(rows: readonly HouseholdReferralRow[], history: readonly HouseholdHistoryEntry[]): HouseholdReferralView[] {
  const handover = (type: string, referralId: string) => history.find((entry) => entry.type === type && entry['referralId'] === referralId);
  return rows.map((row): HouseholdReferralView => {
    const base = {
      referralId: row.referral_id,
      partnerId: row.partner_id,
      partnerType: row.partner_type,
      ...(row.purpose ? { purpose: row.purpose } : {}),
      ...(row.outcome ? { outcome: row.outcome } : {}),
      ...(row.reroute_of ? { rerouteOf: row.reroute_of } : {}),
      issuedAt: row.issued_at.toISOString(),
    };
    if (row.closed) return { ...base, answer: row.closed, ...(row.closed_at ? { answeredAt: row.closed_at.toISOString() } : {}) };
    const completed = handover(HOUSEHOLD_HANDOVER_COMPLETED, row.referral_id);
    if (completed) return { ...base, answer: 'completed', answeredAt: String(completed['completedAt'] ?? completed.recordedAt) };
    const accepted = handover(HOUSEHOLD_HANDED_OVER, row.referral_id);
    if (accepted) return { ...base, answer: 'accepted', answeredAt: String(accepted['acceptedAt'] ?? accepted.recordedAt) };
    return { ...base, answer: 'open' };
  });
}
