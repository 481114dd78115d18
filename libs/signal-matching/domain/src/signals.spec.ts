import { decide, evolve, initialState, PseudonymState, SignalCommand, SignalEvent } from './signals';
import { parsePolicy, parseTerm, SignalMatchingPolicy, signalOrganisationIds } from './policy';

const policy: SignalMatchingPolicy = parsePolicy(
  {
    regions: [
      {
        region: 'vt-groningen',
        optedIn: true,
        legalBasis: 'regionale verordening (test)',
        organisations: [
          { organisationId: 'ggz-groningen', name: 'GGZ Groningen' },
          { organisationId: 'lokaal-team-gm0014', name: 'Wijkteam Groningen', phone: '050 000 0000' },
        ],
      },
      { region: 'vt-drenthe', optedIn: true, legalBasis: 'convenant (test)', organisations: [{ organisationId: 'ggz-drenthe', name: 'GGZ Drenthe' }] },
      { region: 'vt-fryslan', optedIn: false, organisations: [{ organisationId: 'ggz-fryslan', name: 'GGZ Fryslân' }] },
    ],
  },
  { termMs: parseTerm('P2Y') },
);

const now = new Date('2026-12-07T10:00:00Z');
let counter = 0;
const id = (): string => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

const register = (organisationId: string, region: string, birthMonth = '2010-05', signalId = id()): SignalCommand => ({ type: 'RegisterSignal', organisationId, region, birthMonth, signalId, nextMatchId: id });

/** Given the events so far (by running the commands), when `command`, then the decision. */
function given(...commands: SignalCommand[]): { state: PseudonymState; events: SignalEvent[] } {
  let state = initialState();
  const events: SignalEvent[] = [];
  for (const command of commands) {
    const decision = decide(command, state, policy, now);
    if (!decision.ok) throw new Error(`given: ${decision.refusal.message}`);
    events.push(...decision.events);
    state = decision.events.reduce(evolve, state);
  }
  return { state, events };
}

describe('signal matching decider', () => {
  it('rule organisationAdmitted + regionOptedIn: an admitted organisation in an opted-in region registers a signal', () => {
    const { state } = given();
    const decision = decide(register('ggz-groningen', 'vt-groningen', '2010-05', 'a0000000-0000-4000-8000-000000000001'), state, policy, now);
    expect(decision).toEqual({
      ok: true,
      events: [
        { type: 'SignalRegistered', signalId: 'a0000000-0000-4000-8000-000000000001', organisationId: 'ggz-groningen', region: 'vt-groningen', legalBasis: 'regionale verordening (test)', expiresAt: new Date('2028-12-06T10:00:00Z'), renewed: false, at: now },
      ],
    });
  });

  it('rule newMatches: a second organisation signalling the same pseudonym matches the first, once, naming both signals', () => {
    const { state, events } = given(register('ggz-groningen', 'vt-groningen', '2010-05', 'a0000000-0000-4000-8000-000000000001'));
    expect(events).toHaveLength(1);
    const decision = decide(register('lokaal-team-gm0014', 'vt-groningen', '2010-05', 'b0000000-0000-4000-8000-000000000002'), state, policy, now);
    if (!decision.ok) throw new Error('refused');
    const matches = decision.events.filter((e) => e.type === 'SignalsMatched');
    expect(matches).toEqual([
      {
        type: 'SignalsMatched',
        matchId: expect.any(String),
        signals: [
          { signalId: 'b0000000-0000-4000-8000-000000000002', organisationId: 'lokaal-team-gm0014', region: 'vt-groningen', legalBasis: 'regionale verordening (test)' },
          { signalId: 'a0000000-0000-4000-8000-000000000001', organisationId: 'ggz-groningen', region: 'vt-groningen', legalBasis: 'regionale verordening (test)' },
        ],
        at: now,
      },
    ]);
  });

  it('rule oneActiveSignalPerOrganisation: registering again extends the active signal and matches nothing twice (eachPairOnce)', () => {
    const first = given(register('ggz-groningen', 'vt-groningen'), register('lokaal-team-gm0014', 'vt-groningen'));
    expect(first.events.filter((e) => e.type === 'SignalsMatched')).toHaveLength(1);
    const original = first.state.signals.find((s) => s.organisationId === 'ggz-groningen');
    const later = new Date(now.getTime() + 24 * 3600 * 1000);
    const decision = decide(register('ggz-groningen', 'vt-groningen', '2010-05', 'c0000000-0000-4000-8000-000000000003'), first.state, policy, later);
    expect(decision).toEqual({ ok: true, events: [expect.objectContaining({ type: 'SignalRegistered', signalId: original?.signalId, renewed: true, expiresAt: new Date(later.getTime() + policy.termMs) })] });
  });

  it('rule newMatches: signals of the same organisation never match each other', () => {
    const { events } = given(register('ggz-groningen', 'vt-groningen'), register('ggz-groningen', 'vt-groningen'));
    expect(events.map((e) => e.type)).toEqual(['SignalRegistered', 'SignalRegistered']);
  });

  it('rule matchOnlyInOptedInRegions: signals in two opted-in regions match across them', () => {
    const { events } = given(register('ggz-groningen', 'vt-groningen'), register('ggz-drenthe', 'vt-drenthe'));
    expect(events.filter((e) => e.type === 'SignalsMatched')).toHaveLength(1);
  });

  it('rule regionOptedIn: a region that has not opted in is refused before anything is looked at, whatever others signalled', () => {
    const { state } = given(register('ggz-groningen', 'vt-groningen'));
    const withOthers = decide(register('ggz-fryslan', 'vt-fryslan'), state, policy, now);
    const alone = decide(register('ggz-fryslan', 'vt-fryslan'), initialState(), policy, now);
    expect(withOthers).toEqual({ ok: false, refusal: { code: 'region-not-opted-in', field: 'region', message: 'region vt-fryslan does not take part in signal matching' } });
    expect(alone).toEqual(withOthers);
    expect(decide(register('ggz-groningen', 'vt-unknown'), initialState(), policy, now)).toMatchObject({ ok: false, refusal: { code: 'region-not-opted-in' } });
  });

  it('rule matchOnlyInOptedInRegions: a signal whose region stopped taking part is not matched', () => {
    const { state } = given(register('ggz-groningen', 'vt-groningen'));
    const optedOut: SignalMatchingPolicy = { ...policy, regions: policy.regions.map((r) => (r.region === 'vt-groningen' ? { ...r, optedIn: false } : r)) };
    const decision = decide(register('ggz-drenthe', 'vt-drenthe'), state, optedOut, now);
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['SignalRegistered']);
  });

  it('rule organisationAdmitted: an organisation the region did not admit is refused', () => {
    expect(decide(register('ggz-drenthe', 'vt-groningen'), initialState(), policy, now)).toEqual({
      ok: false,
      refusal: { code: 'organisation-not-admitted', message: 'organisation ggz-drenthe is not admitted to signal matching in region vt-groningen' },
    });
  });

  it('rule underAgeLimit: under 23 by birth month; the month of the 23rd birthday still counts, the month after does not', () => {
    expect(decide(register('ggz-groningen', 'vt-groningen', '2003-12'), initialState(), policy, now)).toMatchObject({ ok: true });
    expect(decide(register('ggz-groningen', 'vt-groningen', '2003-11'), initialState(), policy, now)).toEqual({
      ok: false,
      refusal: { code: 'over-age-limit', field: 'birthMonth', message: 'signal matching is for young people under 23; this birthMonth is past that' },
    });
    expect(decide(register('ggz-groningen', 'vt-groningen', '2027-01'), initialState(), policy, now)).toMatchObject({ ok: false, refusal: { code: 'birth-month-invalid', field: 'birthMonth' } });
    expect(decide(register('ggz-groningen', 'vt-groningen', '2010-13'), initialState(), policy, now)).toMatchObject({ ok: false, refusal: { code: 'birth-month-invalid', field: 'birthMonth' } });
  });

  it('rule underAgeLimit: a signal expires at the age limit when that comes before the end of its term', () => {
    const decision = decide(register('ggz-groningen', 'vt-groningen', '2004-06'), initialState(), policy, now);
    expect(decision.ok && decision.events[0]).toMatchObject({ expiresAt: new Date('2027-07-01T00:00:00Z') });
  });

  it('rule withdrawal: an organisation withdraws its own signal; later registrations of others no longer match it', () => {
    const { state } = given(register('ggz-groningen', 'vt-groningen', '2010-05', 'a0000000-0000-4000-8000-000000000009'));
    const withdrawn = decide({ type: 'WithdrawSignal', signalId: 'a0000000-0000-4000-8000-000000000009', organisationId: 'ggz-groningen' }, state, policy, now);
    expect(withdrawn).toEqual({ ok: true, events: [{ type: 'SignalWithdrawn', signalId: 'a0000000-0000-4000-8000-000000000009', organisationId: 'ggz-groningen', region: 'vt-groningen', at: now }] });
    const after = (withdrawn.ok ? withdrawn.events : []).reduce(evolve, state);
    const next = decide(register('lokaal-team-gm0014', 'vt-groningen'), after, policy, now);
    expect(next.ok && next.events.map((e) => e.type)).toEqual(['SignalRegistered']);
    expect(decide({ type: 'WithdrawSignal', signalId: 'a0000000-0000-4000-8000-000000000009', organisationId: 'ggz-groningen' }, after, policy, now)).toMatchObject({ ok: false, refusal: { code: 'signal-not-active' } });
  });

  it("rule withdrawal: another organisation's signal is as unknown as one that does not exist", () => {
    const { state } = given(register('ggz-groningen', 'vt-groningen', '2010-05', 'a0000000-0000-4000-8000-000000000010'));
    expect(decide({ type: 'WithdrawSignal', signalId: 'a0000000-0000-4000-8000-000000000010', organisationId: 'lokaal-team-gm0014' }, state, policy, now)).toEqual(
      decide({ type: 'WithdrawSignal', signalId: 'a0000000-0000-4000-8000-000000000010', organisationId: 'lokaal-team-gm0014' }, initialState(), policy, now),
    );
  });

  it('rule expiry: a signal expires once, not before its time; an expired signal is not matched', () => {
    const { state } = given(register('ggz-groningen', 'vt-groningen', '2010-05', 'a0000000-0000-4000-8000-000000000011'));
    const expire = { type: 'ExpireSignal', signalId: 'a0000000-0000-4000-8000-000000000011' } as const;
    expect(decide(expire, state, policy, now)).toEqual({ ok: true, events: [] });
    const due = new Date(now.getTime() + policy.termMs);
    const expired = decide(expire, state, policy, due);
    expect(expired).toEqual({ ok: true, events: [{ type: 'SignalExpired', signalId: 'a0000000-0000-4000-8000-000000000011', organisationId: 'ggz-groningen', region: 'vt-groningen', at: due }] });
    const after = (expired.ok ? expired.events : []).reduce(evolve, state);
    expect(decide(expire, after, policy, due)).toEqual({ ok: true, events: [] });
    const next = decide(register('lokaal-team-gm0014', 'vt-groningen'), state, policy, due);
    expect(next.ok && next.events.map((e) => e.type)).toEqual(['SignalRegistered']);
  });
});

describe('signal matching configuration', () => {
  it('needs a legal basis for a region that opted in, and names every problem', () => {
    expect(() => parsePolicy({ regions: [{ region: 'vt-groningen', optedIn: true, organisations: [{ organisationId: 'Bad Id', name: '' }] }] })).toThrow(
      'signal matching configuration: regions[0].legalBasis is required for a region that opted in; regions[0].organisations[0].organisationId must be a partner id (lower-case letters, digits and single hyphens); regions[0].organisations[0].name is required (it is whom the other organisation contacts)',
    );
    expect(signalOrganisationIds(policy)).toEqual(['ggz-drenthe', 'ggz-fryslan', 'ggz-groningen', 'lokaal-team-gm0014']);
  });

  it('reads the term as an ISO duration, defaulting to two years', () => {
    expect(parseTerm()).toBe(730 * 24 * 3600 * 1000);
    expect(parseTerm('PT5S')).toBe(5000);
    expect(() => parseTerm('2 years')).toThrow('SIGNAL_TERM must be a positive ISO 8601 duration');
  });
});
