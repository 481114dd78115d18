import {
  MELDING_RECEIVED,
  MeldingReceivedData,
  REFERRAL_ACCEPTED,
  REFERRAL_COMPLETED,
  REFERRAL_DECLINED_V2,
  REFERRAL_EXPIRED,
  REFERRAL_ISSUED,
  REFERRAL_REROUTED,
  ReferralAcceptedData,
  ReferralCompletedData,
  ReferralDeclinedV2Data,
  ReferralIssuedData,
  SAFETY_CONDITIONS_RECORDED_V2,
  SafetyConditionsRecordedV2Data,
} from '@vt/contracts';
import type { CloudEvent } from '@vt/contracts';
import { defineModel, Row } from './model';

interface ReferralState {
  referrals: Map<string, Row>;
  households: Map<string, Row & { persons: Map<string, { personId: string; role: string; minor?: boolean }> }>;
  /** Per melding, the first terugkoppeling row (a melding read twice keeps its first). */
  feedback: Map<string, Row>;
}

/** `persons` of referral's household table is a set (an aggregate with no order): both sides compare it sorted by person, then role. */
const SORTED_PERSONS = `(select coalesce(jsonb_agg(p order by p->>'personId' collate "C", p->>'role' collate "C"), '[]'::jsonb) from jsonb_array_elements(persons) p)`;

function answered(row: Row, event: CloudEvent, status: string, answeredBy: string, closed: boolean, decline?: { code: string }): void {
  Object.assign(row, {
    status,
    answered_at: row['answered_at'] ?? event.time,
    answered_by: answeredBy,
    closed_at: closed ? event.time : null,
    decline_code: decline?.code ?? null,
  });
}

/**
 * referral: each referral and its lifecycle (issued, accepted, declined, completed, expired, re-routed: the
 * status, the partner's answer and when the referral closed; the partners tried along a re-routing chain), what
 * referral keeps of each household (where it lives, its persons by id and role and whether each is a minor, how many safety conditions), the
 * partners it reads answers from, and whether a melding's melder gets terugkoppeling.
 * Not compared: `referral.wanted_type` (the partner type routing looked for; no event carries it when a fallback
 * type was chosen) and `household.updated_at` (when referral last wrote the row, its own bookkeeping).
 * The service writes `answered_at` and `closed_at` with the time of the fact it publishes (the event's time).
 */
export const referralModel = defineModel<ReferralState>({
  service: 'referral',
  defaultSchema: 'referral',
  tables: [
    {
      table: 'referral',
      key: ['referral_id'],
      columns: {
        referral_id: 'uuid',
        household_id: 'uuid',
        partner_id: 'text',
        partner_type: 'text',
        gemeente_code: 'text',
        legal_basis: 'text',
        directory_version: 'text',
        issued_at: 'timestamptz',
        status: 'text',
        region_code: 'text',
        purpose: 'text',
        outcome: 'text',
        tried: 'text[]',
        reroute_of: 'uuid',
        answer_due_at: 'timestamptz',
        household_reference: 'uuid',
        answered_at: 'timestamptz',
        answered_by: 'text',
        decline_code: 'text',
        closed_at: 'timestamptz',
      },
    },
    {
      table: 'household',
      key: ['household_id'],
      liveColumns: { persons: SORTED_PERSONS },
      columns: { household_id: 'uuid', gemeente_code: 'text', region_code: 'text', island: 'text', persons: 'jsonb', safety_condition_count: 'integer', conditions_to_melder: 'boolean' },
    },
    { table: 'partner_subscription', key: ['partner_id'], columns: { partner_id: 'text', since: 'timestamptz' } },
    { table: 'melding_feedback', key: ['melding_id'], columns: { melding_id: 'uuid', household_id: 'uuid', feedback_due: 'boolean' } },
  ],
  initial: () => ({ referrals: new Map(), households: new Map(), feedback: new Map() }),
  on: {
    [MELDING_RECEIVED]: (state, { data }) => {
      const d = data as MeldingReceivedData;
      const household = state.households.get(d.householdId) ?? { household_id: d.householdId, gemeente_code: null, region_code: null, island: null, safety_condition_count: null, conditions_to_melder: false, persons: new Map() };
      household['gemeente_code'] = d.gemeenteCode ?? household['gemeente_code'];
      household['region_code'] = d.region?.vtRegion ?? household['region_code'];
      household['island'] = d.island ?? household['island'];
      for (const person of d.persons) {
        // Whether the person was a minor at receipt travels with them (docs/adr/0022); absent when unknown.
        const kept = { personId: person.personId, role: person.role, ...(person.minor !== undefined ? { minor: person.minor } : {}) };
        household.persons.set(JSON.stringify(kept), kept);
      }
      state.households.set(d.householdId, household);
      if (!state.feedback.has(d.meldingId)) {
        state.feedback.set(d.meldingId, { melding_id: d.meldingId, household_id: d.householdId, feedback_due: d.registration?.melderKind === 'professional' && d.registration.melderRole === 'melder' });
      }
    },
    [SAFETY_CONDITIONS_RECORDED_V2]: (state, { data }) => {
      const d = data as SafetyConditionsRecordedV2Data;
      const household = state.households.get(d.householdId) ?? { household_id: d.householdId, gemeente_code: null, region_code: null, island: null, persons: new Map() };
      // Referral keeps how many conditions there are, never their text (docs/adr/0020).
      Object.assign(household, { safety_condition_count: d.conditionCount, conditions_to_melder: d.handedOverTo.includes('melder') });
      state.households.set(d.householdId, household);
    },
    [REFERRAL_ISSUED]: (state, { data }) => {
      const d = data as ReferralIssuedData;
      const before = d.rerouteOf ? ((state.referrals.get(d.rerouteOf)?.['tried'] as string[] | undefined) ?? []) : [];
      state.referrals.set(d.referralId, {
        referral_id: d.referralId,
        household_id: d.householdId,
        partner_id: d.partnerId,
        partner_type: d.partnerType,
        gemeente_code: d.gemeenteCode ?? null,
        legal_basis: d.disclosure.legalBasis,
        directory_version: d.directoryVersion,
        issued_at: d.issuedAt,
        status: 'issued',
        region_code: d.regionCode ?? null,
        purpose: d.purpose ?? 'overdracht',
        outcome: d.basis?.outcome ?? null,
        tried: [...before, d.partnerId],
        reroute_of: d.rerouteOf ?? null,
        answer_due_at: d.answerDueAt ?? null,
        // The partner's household reference (docs/adr/0016), recorded in ReferralIssued; absent on older referrals.
        household_reference: d.householdReference ?? null,
        answered_at: null,
        answered_by: null,
        decline_code: null,
        closed_at: null,
      });
    },
    [REFERRAL_ACCEPTED]: (state, event) => {
      const d = event.data as ReferralAcceptedData;
      const row = state.referrals.get(d.referralId);
      if (row) answered(row, event, 'accepted', d.answeredBy, false);
    },
    [REFERRAL_DECLINED_V2]: (state, event) => {
      const d = event.data as ReferralDeclinedV2Data;
      const row = state.referrals.get(d.referralId);
      if (row) answered(row, event, 'declined', d.answeredBy, true, d.reason);
    },
    [REFERRAL_COMPLETED]: (state, event) => {
      const d = event.data as ReferralCompletedData;
      const row = state.referrals.get(d.referralId);
      if (row) answered(row, event, 'completed', d.completedBy, true);
    },
    [REFERRAL_REROUTED]: (state, event) => {
      const row = state.referrals.get((event.data as { referralId: string }).referralId);
      if (row) Object.assign(row, { status: 'rerouted', closed_at: event.time });
    },
    [REFERRAL_EXPIRED]: (state, event) => {
      const row = state.referrals.get((event.data as { referralId: string }).referralId);
      if (row) Object.assign(row, { status: 'expired', closed_at: event.time });
    },
  },
  rows: (state) => {
    const since = new Map<string, string>();
    for (const row of state.referrals.values()) {
      const partner = row['partner_id'] as string;
      const issued = row['issued_at'] as string;
      const current = since.get(partner);
      if (!current || Date.parse(issued) < Date.parse(current)) since.set(partner, issued);
    }
    const byPersonThenRole = (a: { personId: string; role: string }, b: { personId: string; role: string }) =>
      a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : a.role < b.role ? -1 : a.role > b.role ? 1 : 0;
    return {
      referral: [...state.referrals.values()],
      household: [...state.households.values()].map(({ persons, ...row }) => ({ ...row, persons: [...persons.values()].sort(byPersonThenRole) })),
      partner_subscription: [...since].map(([partner_id, at]) => ({ partner_id, since: at })),
      melding_feedback: [...state.feedback.values()],
    };
  },
});
