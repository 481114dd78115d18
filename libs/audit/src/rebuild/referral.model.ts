import { REFERRAL_ISSUED, ReferralIssuedData } from '@vt/contracts';
import { defineModel, Row } from './model';

interface ReferralState {
  referrals: Map<string, Row>;
}

/**
 * referral: each referral issued, with its partner and the legal basis of what it disclosed. Its lifecycle (partner
 * answers, expiry, re-routing) and the service's household and feedback tables are not modelled yet.
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
      },
    },
  ],
  initial: () => ({ referrals: new Map() }),
  on: {
    [REFERRAL_ISSUED]: (state, { data }) => {
      const d = data as ReferralIssuedData;
      state.referrals.set(d.referralId, {
        referral_id: d.referralId,
        household_id: d.householdId,
        partner_id: d.partnerId,
        partner_type: d.partnerType,
        gemeente_code: d.gemeenteCode ?? null,
        legal_basis: d.disclosure.legalBasis,
        directory_version: d.directoryVersion,
        issued_at: d.issuedAt,
      });
    },
  },
  rows: (state) => ({ referral: [...state.referrals.values()] }),
});
