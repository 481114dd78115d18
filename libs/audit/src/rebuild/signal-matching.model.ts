import { SIGNAL_EXPIRED, SIGNAL_REGISTERED, SIGNAL_WITHDRAWN, SignalEndedData, SignalRegisteredData, SIGNALS_MATCHED, SignalsMatchedData } from '@vt/contracts';
import { defineModel, Row } from './model';

interface SignalMatchingState {
  signals: Map<string, Row>;
  matches: Row[];
}

/**
 * signal-matching (docs/adr/0038): each signal (organisation, region, legal basis, status, when it was registered,
 * expires and ended) and each match between two signals. Not compared: `signal.pseudonym`, which the log holds only
 * encrypted (a rebuild never decrypts) and the live table clears when a signal ends.
 */
export const signalMatchingModel = defineModel<SignalMatchingState>({
  service: 'signal-matching',
  defaultSchema: 'signal_matching',
  tables: [
    {
      table: 'signal',
      key: ['signal_id'],
      columns: {
        signal_id: 'uuid',
        organisation_id: 'text',
        region: 'text',
        legal_basis: 'text',
        status: 'text',
        registered_at: 'timestamptz',
        expires_at: 'timestamptz',
        ended_at: 'timestamptz',
      },
    },
    { table: 'signal_match', key: ['match_id'], columns: { match_id: 'uuid', signal_a: 'uuid', signal_b: 'uuid', matched_at: 'timestamptz' } },
  ],
  initial: () => ({ signals: new Map(), matches: [] }),
  on: {
    [SIGNAL_REGISTERED]: (state, { data }) => {
      const d = data as SignalRegisteredData;
      const row = state.signals.get(d.signalId);
      // A renewal moves the expiry only; the first registration's time stays.
      if (row && d.renewed) row['expires_at'] = d.expiresAt;
      else {
        state.signals.set(d.signalId, {
          signal_id: d.signalId,
          organisation_id: d.organisationId,
          region: d.region,
          legal_basis: d.legalBasis,
          status: 'active',
          registered_at: d.registeredAt,
          expires_at: d.expiresAt,
          ended_at: null,
        });
      }
    },
    [SIGNAL_WITHDRAWN]: (state, { data }) => {
      const d = data as SignalEndedData;
      const row = state.signals.get(d.signalId);
      if (row) Object.assign(row, { status: 'withdrawn', ended_at: d.endedAt });
    },
    [SIGNAL_EXPIRED]: (state, { data }) => {
      const d = data as SignalEndedData;
      const row = state.signals.get(d.signalId);
      if (row) Object.assign(row, { status: 'expired', ended_at: d.endedAt });
    },
    [SIGNALS_MATCHED]: (state, { data }) => {
      const d = data as SignalsMatchedData;
      const [a, b] = d.signals.map((s) => s.signalId).sort() as [string, string];
      state.matches.push({ match_id: d.matchId, signal_a: a, signal_b: b, matched_at: d.matchedAt });
    },
  },
  rows: (state) => ({ signal: [...state.signals.values()], signal_match: state.matches }),
});
