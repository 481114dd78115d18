import { describe as describeEvent } from './describers';

describe('timeline describers for signal matching (docs/adr/0038)', () => {
  it('names organisations, signals and legal bases, never a pseudonym', () => {
    const registered = describeEvent('nl.veiligthuis.signals.SignalRegistered.v1', { signalId: 's1', organisationId: 'ggz-groningen', region: 'vt-groningen', legalBasis: 'convenant', pseudonym: { personId: 's1', ciphertext: 'xyz' }, expiresAt: '2028-12-07T00:00:00.000Z', actor: 'user:partner:ggz-groningen:a' }, '2026-12-07T00:00:00.000Z');
    expect(registered).toMatchObject({ generic: false, summary: 'Signal registered by ggz-groningen in vt-groningen (the lookup for matches), until 2028-12-07T00:00:00.000Z', actor: 'user:partner:ggz-groningen:a' });
    expect(JSON.stringify(registered)).not.toContain('xyz');
    const matched = describeEvent('nl.veiligthuis.signals.SignalsMatched.v1', { matchId: 'm', signals: [{ signalId: 's1', organisationId: 'ggz-groningen', legalBasis: 'a' }, { signalId: 's2', organisationId: 'lokaal-team-gm0014', legalBasis: 'b' }] }, '2026-12-07T00:00:00.000Z');
    expect(matched).toMatchObject({ generic: false, summary: 'Signals matched: ggz-groningen and lokaal-team-gm0014 are told whom to contact', details: [['signal of ggz-groningen', 's1 (a)'], ['signal of lokaal-team-gm0014', 's2 (b)']] });
  });
});
