import { EarlierInvolvement, RadarPerson } from './radar';
import { radarCaseStatus } from './radar-case';
import { compareAddresses, decideRadarRegistration, proposeRadar, RadarMelding } from './radar-proposals';

/*
 * The rules under test, with their sources:
 * - DOMAIN.md, "The process after a melding", point 2 Radar: first / hermelding (someone involved is known from a
 *   closed case) / vervolgmelding (adds to a running case).
 * - Issue 11 point 3 ("Radar proposes; a person decides"): a melding no longer joins "the household of the first
 *   match"; it may join only when all matched persons belong to one open household at the same address; in every
 *   other case (persons from different households, a person who moved, a closed case) it opens its own household
 *   and records the matches as links for triage; a case closed by overdracht counts as closed.
 * - ISSUE-11-PLAN.md, Radar: the call handler decides; without a decision the melding is kept apart; a join radar
 *   does not allow is refused naming why.
 * Test BSNs from the public 9999 range only; names and addresses are invented.
 */

const moeder: RadarPerson = { personRef: 'p-0', bsn: '999993653', name: 'Anna de Vries', dateOfBirth: '1990-04-12', postcode: '1011 AB', houseNumber: 12 };
const partner: RadarPerson = { personRef: 'p-1', bsn: '999990408', name: 'Bram Jansen' };
const kind: RadarPerson = { personRef: 'p-2', name: 'Sem de Vries', dateOfBirth: '2016-09-01', postcode: '1011 AB', houseNumber: 12 };

const address = { postcode: '1011 AB', houseNumber: '12' };
const melding = (persons: RadarPerson[] = [moeder, partner, kind], at: RadarMelding['address'] = address): RadarMelding => ({ persons, address: at });

const involvement = (overrides: Partial<EarlierInvolvement>): EarlierInvolvement => ({
  caseId: 'household-a',
  region: 'vt-amsterdam-amstelland',
  status: 'open',
  matchedOn: 'bsn',
  personRef: 'p-0',
  caseAddress: { postcode: '1011AB', houseNumber: '12' },
  ...overrides,
});

describe('radarCaseStatus: when a case counts as closed for radar', () => {
  it('given a household record in any phase but gesloten and no handover, then the case is open (DOMAIN.md: a running case)', () => {
    expect(radarCaseStatus({ record: 'open', directeVeiligheidSince: '2025-01-01T10:00:00Z' })).toEqual({ status: 'open' });
  });

  it('given a household record that is gesloten, then the case is closed, by gesloten (DOMAIN.md: a closed case)', () => {
    expect(radarCaseStatus({ record: 'closed', directeVeiligheidSince: '2025-01-01T10:00:00Z' })).toEqual({ status: 'closed', closedBy: 'gesloten' });
  });

  it('given an accepted overdracht (HouseholdHandedOver) after the household entered directe veiligheid, then the case is closed, by overdracht (issue 11 point 3: a case closed by overdracht counts as closed)', () => {
    expect(radarCaseStatus({ record: 'open', directeVeiligheidSince: '2025-01-01T10:00:00Z', handedOverAt: '2025-02-01T10:00:00Z' })).toEqual({ status: 'closed', closedBy: 'overdracht' });
  });

  it('given a handover and then a new entry into directe veiligheid (an acute incident), then the case is open again (plan: closed until the household enters directe veiligheid again)', () => {
    expect(radarCaseStatus({ record: 'open', directeVeiligheidSince: '2025-03-01T10:00:00Z', handedOverAt: '2025-02-01T10:00:00Z' })).toEqual({ status: 'open' });
  });

  it('given the facts in any order of arrival, then only their times decide (intake keeps the latest of each)', () => {
    expect(radarCaseStatus({ record: 'open', handedOverAt: new Date('2025-02-01T10:00:00Z') })).toEqual({ status: 'closed', closedBy: 'overdracht' });
  });

  it('given a handover and an entry into directe veiligheid at the same instant, then the entry wins: VT holds zicht op veiligheid', () => {
    expect(radarCaseStatus({ record: 'open', directeVeiligheidSince: '2025-02-01T10:00:00Z', handedOverAt: '2025-02-01T10:00:00Z' })).toEqual({ status: 'open' });
  });

  it('given a closed record that was also handed over, then it is closed by gesloten', () => {
    expect(radarCaseStatus({ record: 'closed', handedOverAt: '2025-02-01T10:00:00Z' }).closedBy).toBe('gesloten');
  });
});

describe('compareAddresses: the same address is the same normalised postcode and house number', () => {
  it.each([
    [{ postcode: '1011ab', houseNumber: '12a' }, { postcode: '1011 AB', houseNumber: '12-A' }, 'same'],
    [{ postcode: '1011 AB', houseNumber: 12 }, { postcode: '1011 AB', houseNumber: '14' }, 'different'],
    [{ postcode: '1011 AB', houseNumber: 12 }, { postcode: '9711 AB', houseNumber: '12' }, 'different'],
    [{ postcode: '1011 AB' }, { postcode: '1011 AB', houseNumber: '12' }, 'unknown'],
    [undefined, { postcode: '1011 AB', houseNumber: '12' }, 'unknown'],
    [{ postcode: null, houseNumber: null }, { postcode: '1011 AB', houseNumber: '12' }, 'unknown'],
  ])('given %j and %j, then they are %s', (a, b, expected) => {
    expect(compareAddresses(a, b)).toBe(expected);
  });
});

describe('proposeRadar: what radar proposes per earlier case', () => {
  it('given no earlier involvement, when proposed, then the melding is first and nothing is proposed (DOMAIN.md: first)', () => {
    expect(proposeRadar(melding(), [])).toEqual({ classification: 'first', references: [], proposals: [], unchecked: [] });
  });

  it('given every matched person in one open household at the same address, when proposed, then the melding may join it (issue 11 point 3: "may join it")', () => {
    const result = proposeRadar(melding(), [involvement({}), involvement({ personRef: 'p-2', matchedOn: 'name-dob-address' })]);
    expect(result.classification).toBe('vervolgmelding');
    expect(result.proposals).toEqual([
      {
        caseId: 'household-a',
        region: 'vt-amsterdam-amstelland',
        status: 'open',
        matches: [
          { personRef: 'p-0', matchedOn: 'bsn' },
          { personRef: 'p-2', matchedOn: 'name-dob-address' },
        ],
        mayJoin: true,
      },
    ]);
    expect(result.references.every((reference) => reference.mayJoin)).toBe(true);
  });

  it('given two persons matching two different open households, when proposed, then neither may be joined: different-households (issue 11 point 3: "persons from different households")', () => {
    const result = proposeRadar(melding(), [involvement({ caseId: 'household-a' }), involvement({ caseId: 'household-b', personRef: 'p-1' })]);
    expect(result.classification).toBe('vervolgmelding');
    expect(result.proposals.map((p) => [p.caseId, p.mayJoin, p.reason])).toEqual([
      ['household-a', false, 'different-households'],
      ['household-b', false, 'different-households'],
    ]);
    expect(result.proposals[0]?.message).toContain('own household');
  });

  it('given one person in an open household and another known only from a closed one, when proposed, then the open one may not be joined either: not every matched person belongs to it', () => {
    const result = proposeRadar(melding(), [involvement({ caseId: 'household-a' }), involvement({ caseId: 'household-old', personRef: 'p-1', status: 'closed' })]);
    expect(result.proposals.map((p) => [p.caseId, p.mayJoin, p.reason])).toEqual([
      ['household-a', false, 'different-households'],
      ['household-old', false, 'case-closed'],
    ]);
  });

  it('given a person known in the open household and also from an earlier closed case, when proposed, then the open household may still be joined: the closed case is history', () => {
    const result = proposeRadar(melding(), [involvement({ caseId: 'household-a' }), involvement({ caseId: 'household-old', status: 'closed' })]);
    expect(result.proposals.map((p) => [p.caseId, p.mayJoin, p.reason])).toEqual([
      ['household-a', true, undefined],
      ['household-old', false, 'case-closed'],
    ]);
  });

  it('given a person known in two running cases, when proposed, then neither may be joined (different-households)', () => {
    const result = proposeRadar(melding([moeder]), [involvement({ caseId: 'household-a' }), involvement({ caseId: 'household-b' })]);
    expect(result.proposals.map((p) => p.reason)).toEqual(['different-households', 'different-households']);
  });

  it('given the one matched person known in an open household at another address, when proposed, then it may not be joined: moved (issue 11 point 3: "a person who moved")', () => {
    const result = proposeRadar(melding([moeder]), [involvement({ caseAddress: { postcode: '9711 AB', houseNumber: '3' } })]);
    expect(result.classification).toBe('vervolgmelding');
    expect(result.proposals[0]).toMatchObject({ caseId: 'household-a', mayJoin: false, reason: 'moved' });
    expect(result.proposals[0]?.message).not.toMatch(/9711|1011/);
  });

  it('given a melding or household without postcode and house number, when proposed, then the same address cannot be confirmed: address-unknown', () => {
    expect(proposeRadar(melding([moeder], { postcode: '1011 AB' }), [involvement({})]).proposals[0]).toMatchObject({ mayJoin: false, reason: 'address-unknown' });
    expect(proposeRadar(melding([moeder]), [involvement({ caseAddress: {} })]).proposals[0]).toMatchObject({ mayJoin: false, reason: 'address-unknown' });
    expect(proposeRadar({ persons: [moeder] }, [involvement({})]).proposals[0]).toMatchObject({ mayJoin: false, reason: 'address-unknown' });
  });

  it('given a match with a case closed by an accepted overdracht, when proposed, then it is a hermelding and the case may not be joined (issue 11 point 3: "a case closed by overdracht counts as closed")', () => {
    // Intake's case status (radarCaseStatus) makes a handed-over case `closed`; the proposal says only that.
    const status = radarCaseStatus({ record: 'open', directeVeiligheidSince: '2025-01-01T10:00:00Z', handedOverAt: '2025-02-01T10:00:00Z' }).status;
    const result = proposeRadar(melding([moeder]), [involvement({ status })]);
    expect(result.classification).toBe('hermelding');
    expect(result.proposals[0]).toMatchObject({ status: 'closed', mayJoin: false, reason: 'case-closed' });
    expect(result.proposals[0]).not.toHaveProperty('closedBy');
  });

  it('given a closed case that fits every other rule, when proposed, then case-closed is the reason named (the first that applies)', () => {
    expect(proposeRadar(melding([moeder]), [involvement({ status: 'closed', caseAddress: { postcode: '9711 AB', houseNumber: '3' } })]).proposals[0]?.reason).toBe('case-closed');
  });

  it('given matches with a running and a closed case, when proposed, then the running case comes first and the melding is a vervolgmelding (DOMAIN.md)', () => {
    const result = proposeRadar(melding(), [involvement({ caseId: 'household-old', status: 'closed', personRef: 'p-1' }), involvement({ caseId: 'household-a' })]);
    expect(result.classification).toBe('vervolgmelding');
    expect(result.proposals.map((p) => p.caseId)).toEqual(['household-a', 'household-old']);
  });

  it('given an involvement carrying more than a reference, when proposed, then the proposals and references hold only reference fields (issue 11: no household\'s persons or history become visible)', () => {
    const leaky = { ...involvement({}), persons: ['Anna de Vries'], history: ['verslag'] } as EarlierInvolvement;
    const result = proposeRadar(melding([moeder]), [leaky]);
    expect(Object.keys(result.proposals[0] ?? {}).sort()).toEqual(['caseId', 'matches', 'mayJoin', 'region', 'status']);
    expect(Object.keys(result.references[0] ?? {}).sort()).toEqual(['caseId', 'matchedOn', 'mayJoin', 'personRef', 'region', 'status']);
    expect(JSON.stringify(result)).not.toMatch(/Anna|verslag|1011/);
  });
});

describe('decideRadarRegistration: the call handler decides', () => {
  const NEW = 'household-new';

  it('given all matched persons in one open household at the same address and a join decision, when registered, then the melding joins that household (plan: the call handler decides)', () => {
    const proposed = proposeRadar(melding(), [involvement({}), involvement({ personRef: 'p-2', matchedOn: 'name-dob-address' })]);
    expect(decideRadarRegistration(proposed, { join: 'household-a' }, NEW)).toEqual({ ok: true, value: { kind: 'joined', householdId: 'household-a' } });
  });

  it('given the same household that may be joined but no decision, when registered, then the melding is kept apart: its own household, the match a link (plan: without a decision the melding is kept apart)', () => {
    const proposed = proposeRadar(melding(), [involvement({})]);
    expect(decideRadarRegistration(proposed, undefined, NEW)).toEqual({ ok: true, value: { kind: 'kept-apart', householdId: NEW } });
    expect(decideRadarRegistration(proposed, {}, NEW)).toEqual({ ok: true, value: { kind: 'kept-apart', householdId: NEW } });
    expect(proposed.references).toEqual([expect.objectContaining({ caseId: 'household-a', mayJoin: true })]);
  });

  it('given two persons matching two different households and no decision, when registered, then the melding gets its own household with two links (issue 11 point 3)', () => {
    const proposed = proposeRadar(melding(), [involvement({ caseId: 'household-a' }), involvement({ caseId: 'household-b', personRef: 'p-1' })]);
    expect(decideRadarRegistration(proposed, undefined, NEW)).toEqual({ ok: true, value: { kind: 'kept-apart', householdId: NEW } });
    expect(proposed.references.map((reference) => reference.caseId)).toEqual(['household-a', 'household-b']);
  });

  it('given two different households and a decision to join one, when registered, then it is refused: different-households', () => {
    const proposed = proposeRadar(melding(), [involvement({ caseId: 'household-a' }), involvement({ caseId: 'household-b', personRef: 'p-1' })]);
    const decided = decideRadarRegistration(proposed, { join: 'household-b' }, NEW);
    expect(decided).toEqual({ ok: false, problem: { code: 'different-households', message: expect.stringContaining('household-b') } });
  });

  it('given one person known at another address and a decision to join, when registered, then it is refused: moved; without the decision the melding has its own household (issue 11 point 3: "a person who moved")', () => {
    const proposed = proposeRadar(melding([moeder]), [involvement({ caseAddress: { postcode: '9711 AB', houseNumber: '3' } })]);
    expect(decideRadarRegistration(proposed, { join: 'household-a' }, NEW)).toMatchObject({ ok: false, problem: { code: 'moved' } });
    expect(decideRadarRegistration(proposed, undefined, NEW)).toEqual({ ok: true, value: { kind: 'kept-apart', householdId: NEW } });
  });

  it('given a case closed by an accepted overdracht and a decision to join it, when registered, then it is refused: case-closed, without telling how the other case was closed (its history)', () => {
    const proposed = proposeRadar(melding([moeder]), [involvement({ status: radarCaseStatus({ record: 'open', handedOverAt: '2025-02-01T10:00:00Z' }).status })]);
    expect(proposed.classification).toBe('hermelding');
    const decided = decideRadarRegistration(proposed, { join: 'household-a' }, NEW);
    expect(decided).toMatchObject({ ok: false, problem: { code: 'case-closed', message: expect.stringContaining('closed case') } });
  });

  it('given a decision to join a household radar did not propose, when registered, then it is refused: not-matched', () => {
    const proposed = proposeRadar(melding([moeder]), [involvement({})]);
    expect(decideRadarRegistration(proposed, { join: 'household-z' }, NEW)).toMatchObject({ ok: false, problem: { code: 'not-matched' } });
    expect(decideRadarRegistration(proposeRadar(melding([moeder]), []), { join: 'household-z' }, NEW)).toMatchObject({ ok: false, problem: { code: 'not-matched' } });
  });

  it('given no match at all, when registered, then the melding is a new household: no-match', () => {
    expect(decideRadarRegistration(proposeRadar(melding(), []), undefined, NEW)).toEqual({ ok: true, value: { kind: 'no-match', householdId: NEW } });
  });

  it('given the old behaviour "join the household of the first match", when a melding matches an open household without a decision, then it no longer joins (issue 11 point 3)', () => {
    const proposed = proposeRadar(melding([moeder]), [involvement({})]);
    const decided = decideRadarRegistration(proposed, undefined, NEW);
    expect(decided.ok && decided.value.householdId).toBe(NEW);
  });
});
