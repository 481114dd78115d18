import { randomUUID } from 'node:crypto';
import { CloudEvent, EventDataByType, EventType, newEvent, SIGNAL_EXPIRED, SIGNAL_REGISTERED, SIGNAL_WITHDRAWN, SIGNALS_MATCHED, TOPICS } from '@vt/contracts';
import { ModelFold, ServiceModel } from './model';
import { signalMatchingModel } from './signal-matching.model';

const at = (second: number): Date => new Date(Date.UTC(2026, 11, 7, 9, 0, second));
const sealed = (personId: string) => ({ personId, keyId: randomUUID(), alg: 'A256GCM' as const, iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'AAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA' });

function event<T extends EventType>(type: T, key: string, data: EventDataByType[T], time: Date): { topic: string; event: CloudEvent } {
  return { topic: TOPICS.signals, event: newEvent({ type, service: 'signal-matching', householdId: key, subject: key, time, data }) as CloudEvent };
}

describe('rebuild model of signal-matching', () => {
  it('folds registrations, a renewal, a match, a withdrawal and an expiry into the signal and signal_match rows', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const matchId = randomUUID();
    const registered = (signalId: string, organisationId: string, second: number, expiresAt: string, renewed?: true) =>
      event(SIGNAL_REGISTERED, signalId, { signalId, organisationId, region: 'vt-groningen', legalBasis: 'convenant', pseudonym: sealed(signalId), expiresAt, ...(renewed ? { renewed } : {}), registeredAt: at(second).toISOString(), actor: `user:partner:${organisationId}:x` }, at(second));
    const fold = new ModelFold([signalMatchingModel as ServiceModel]);
    for (const record of [
      registered(a, 'ggz-groningen', 1, '2028-12-07T09:00:01.000Z'),
      registered(b, 'lokaal-team-gm0014', 2, '2028-12-07T09:00:02.000Z'),
      event(SIGNALS_MATCHED, matchId, { matchId, signals: [b, a].map((signalId) => ({ signalId, organisationId: 'x', region: 'vt-groningen', legalBasis: 'convenant' })), matchedAt: at(2).toISOString() }, at(2)),
      registered(a, 'ggz-groningen', 3, '2028-12-07T09:00:03.000Z', true),
      event(SIGNAL_WITHDRAWN, a, { signalId: a, organisationId: 'ggz-groningen', region: 'vt-groningen', endedAt: at(4).toISOString(), actor: 'user:partner:ggz-groningen:x' }, at(4)),
      event(SIGNAL_EXPIRED, b, { signalId: b, organisationId: 'lokaal-team-gm0014', region: 'vt-groningen', endedAt: at(5).toISOString(), actor: 'system:signal-matching' }, at(5)),
    ])
      fold.apply(record);
    const rows = Object.fromEntries(fold.rows().map(({ spec, rows }) => [spec.table, rows]));
    expect(rows['signal']).toEqual([
      { signal_id: a, organisation_id: 'ggz-groningen', region: 'vt-groningen', legal_basis: 'convenant', status: 'withdrawn', registered_at: at(1).toISOString(), expires_at: '2028-12-07T09:00:03.000Z', ended_at: at(4).toISOString() },
      { signal_id: b, organisation_id: 'lokaal-team-gm0014', region: 'vt-groningen', legal_basis: 'convenant', status: 'expired', registered_at: at(2).toISOString(), expires_at: '2028-12-07T09:00:02.000Z', ended_at: at(5).toISOString() },
    ]);
    expect(rows['signal_match']).toEqual([{ match_id: matchId, signal_a: [a, b].sort()[0], signal_b: [a, b].sort()[1], matched_at: at(2).toISOString() }]);
  });
});
