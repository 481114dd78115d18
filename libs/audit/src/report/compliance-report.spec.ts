import { randomUUID } from 'node:crypto';
import { ADVIESVRAAG_RECEIVED, DEADLINE_BREACHED, DEADLINE_MET, DEADLINE_STARTED, MELDING_RECEIVED, newEvent, SAFETY_ASSESSMENT_COMPLETED_V2 } from '@vt/contracts';
import { ComplianceFolder } from './compliance-report';
import { parsePeriod } from './period';

const REGION = { vtRegion: 'vt-utrecht', veiligheidsregio: 'VR09', calendar: 'nl' };
const OTHER = { vtRegion: 'vt-twente', veiligheidsregio: 'VR05', calendar: 'nl' };

function melding(receivedAt: string, region = REGION, melderKind = 'professional', aard = ['kindermishandeling'], radar: 'first' | 'hermelding' | 'vervolgmelding' = 'first') {
  const householdId = randomUUID();
  const meldingId = randomUUID();
  return newEvent({
    type: MELDING_RECEIVED,
    service: 'intake',
    householdId,
    time: new Date(receivedAt),
    data: {
      meldingId,
      householdId,
      receivedAt,
      region,
      registration: { channel: 'telefoon', melderKind, ...(melderKind === 'professional' ? { melderSector: 'politie-justitie' } : {}), melderRole: 'melder', melderIdentitySealed: false },
      concerns: { aard, tags: [] },
      radar: { classification: radar, references: [] },
      acuteIndication: { indicated: false },
      persons: [{ personId: randomUUID(), role: 'victim' }],
      actor: 'user:ch',
    },
  });
}

function deadline(type: typeof DEADLINE_STARTED | typeof DEADLINE_MET | typeof DEADLINE_BREACHED, timer: { timerId: string; clock: string; householdId: string; subjectId: string; dueAt: string }, at: string) {
  const facts = { ...timer, legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7', startedAt: '2025-01-01T00:00:00.000Z', counting: 'working-days', calendar: 'nl' };
  const extra = type === DEADLINE_STARTED ? { approachingAt: at, warnings: [] } : type === DEADLINE_MET ? { metAt: at } : { breachedAt: at };
  return newEvent({ type, service: 'crisis-triage', householdId: timer.householdId, time: new Date(at), data: { ...facts, ...extra } as never });
}

describe('compliance report arithmetic', () => {
  const period = parsePeriod('2025H1');

  it('counts meldingen, melders, aard and radar of the region and period only', () => {
    const folder = new ComplianceFolder();
    [
      melding('2025-01-10T10:00:00Z'),
      melding('2025-03-10T10:00:00Z', REGION, 'non-professional', ['ex-partnergeweld', 'kindermishandeling'], 'hermelding'),
      melding('2025-06-30T21:59:00Z', REGION, 'professional', ['ouderenmishandeling'], 'vervolgmelding'), // 23:59 in Amsterdam: inside
      melding('2025-06-30T22:00:00Z'), // 1 July 00:00 in Amsterdam: outside
      melding('2024-12-31T22:59:00Z'), // 31 Dec 23:59 in Amsterdam: outside
      melding('2025-02-01T10:00:00Z', OTHER),
    ].forEach((e) => folder.add(e));
    folder.add(newEvent({ type: ADVIESVRAAG_RECEIVED, service: 'intake', householdId: randomUUID(), time: new Date('2025-02-02T10:00:00Z'), data: { adviesvraagId: randomUUID(), receivedAt: '2025-02-02T10:00:00Z', channel: 'telefoon', adviesvrager: { kind: 'professional', role: 'melder' }, region: REGION, concerns: { aard: ['kindermishandeling'], tags: [] }, actor: 'user:ch' } }));

    const { cbs } = folder.report('vt-utrecht', period);
    expect(cbs.meldingen).toBe(3);
    expect(cbs.adviezen).toBe(1);
    expect(cbs.melderKinds).toEqual({ professional: 2, 'non-professional': 1 });
    expect(cbs.melderSectors).toEqual({ 'politie-justitie': 2 });
    expect(cbs.aard).toEqual({ kindermishandeling: 2, 'ex-partnergeweld': 1, ouderenmishandeling: 1 });
    expect(cbs.radar).toEqual({ first: 1, hermelding: 1, vervolgmelding: 1 });
    expect(folder.report('*', period).cbs.meldingen).toBe(4);
  });

  // Rule (plan "Regions", docs/adr/0017): reports use VT region codes; VR20 is served by West- and Midden-Brabant,
  // so a report for vt-west-brabant counts only West-Brabant's meldingen, and a veiligheidsregio code selects nothing.
  it('counts a VT region only: West-Brabant apart from Midden-Brabant, though both lie in VR20', () => {
    const folder = new ComplianceFolder();
    const breda = { vtRegion: 'vt-west-brabant', veiligheidsregio: 'VR20', calendar: 'nl' };
    const tilburg = { vtRegion: 'vt-midden-brabant', veiligheidsregio: 'VR20', calendar: 'nl' };
    [melding('2025-01-10T10:00:00Z', breda), melding('2025-01-11T10:00:00Z', breda), melding('2025-01-12T10:00:00Z', tilburg)].forEach((e) => folder.add(e));
    expect(folder.report('vt-west-brabant', period).cbs.meldingen).toBe(2);
    expect(folder.report('vt-midden-brabant', period).cbs.meldingen).toBe(1);
    expect(folder.report('VR20', period).cbs.meldingen).toBe(0);
  });

  it('places a melding from before routing recorded its region by its gemeente in the VT region table', () => {
    const folder = new ComplianceFolder();
    const old = melding('2025-01-10T10:00:00Z');
    const { region: _region, ...withoutRegion } = old.data as unknown as Record<string, unknown>;
    folder.add({ ...old, data: { ...withoutRegion, gemeenteCode: 'GM0758' } } as never);
    expect(folder.report('vt-west-brabant', period)).toMatchObject({ cbs: { meldingen: 1 }, unattributed: 0 });
    expect(folder.report('vt-midden-brabant', period).cbs.meldingen).toBe(0);
  });

  it('measures deadlines due in the period: met within term, breached, pending; open breaches at the end', () => {
    const folder = new ComplianceFolder();
    const events = [melding('2025-02-03T09:00:00Z'), melding('2025-02-04T09:00:00Z'), melding('2025-02-05T09:00:00Z'), melding('2025-06-27T09:00:00Z')];
    events.forEach((e) => folder.add(e));
    const timers = events.map((e, i) => ({ timerId: randomUUID(), clock: 'veiligheidsbeoordeling', householdId: e.data.householdId, subjectId: e.data.meldingId, dueAt: ['2025-02-10T23:00:00Z', '2025-02-11T23:00:00Z', '2025-02-12T23:00:00Z', '2025-07-04T22:00:00Z'][i] as string }));
    const [a, b, c, d] = timers as [(typeof timers)[0], (typeof timers)[0], (typeof timers)[0], (typeof timers)[0]];
    for (const t of timers) folder.add(deadline(DEADLINE_STARTED, t, '2025-02-01T00:00:00Z'));
    folder.add(deadline(DEADLINE_MET, a, '2025-02-07T12:00:00Z'));
    folder.add(deadline(DEADLINE_BREACHED, b, '2025-02-11T23:00:00Z'));
    folder.add(deadline(DEADLINE_BREACHED, c, '2025-02-12T23:00:00Z'));
    // c was assessed late, within the period: no longer an open breach at the end.
    const late = events[2];
    if (!late) throw new Error('no melding');
    folder.add(newEvent({ type: SAFETY_ASSESSMENT_COMPLETED_V2, service: 'crisis-triage', householdId: late.data.householdId, time: new Date('2025-02-20T10:00:00Z'), data: { assessmentId: randomUUID(), meldingId: late.data.meldingId, householdId: late.data.householdId, taxatie: 'structureel', outcome: 'onderzoek', reasoning: { personId: late.data.householdId, keyId: randomUUID(), alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'cg', tag: 'AAAAAAAAAAAAAAAAAAAAAA' }, completedAt: '2025-02-20T10:00:00Z', deadline: { dueAt: c.dueAt, met: false }, actor: 'user:t' } }));

    const { inspectorate, cbs } = folder.report('vt-utrecht', period);
    expect(inspectorate.veiligheidsbeoordeling).toEqual({ due: 3, withinTerm: 1, late: 2, pending: 0, share: 1 / 3 });
    expect(inspectorate.openBreaches.total).toBe(1);
    expect(inspectorate.openBreaches.breaches[0]?.timerId).toBe(b.timerId);
    expect(inspectorate.onderzoek.share).toBeNull();
    expect(cbs.taxatie).toEqual({ structureel: 1 });
    expect(cbs.assessmentOutcomes).toEqual({ onderzoek: 1 });
    // d is due in H2; in H2 it is still running.
    expect(folder.report('vt-utrecht', parsePeriod('2025H2')).inspectorate.veiligheidsbeoordeling).toEqual({ due: 1, withinTerm: 0, late: 0, pending: 1, share: null });
    void d;
  });
});

describe('reporting periods', () => {
  it('runs half-years and years in Europe/Amsterdam time', () => {
    expect(parsePeriod('2025H1')).toEqual({ label: '2025H1', from: new Date('2024-12-31T23:00:00Z'), to: new Date('2025-06-30T22:00:00Z') });
    expect(parsePeriod('2025H2')).toEqual({ label: '2025H2', from: new Date('2025-06-30T22:00:00Z'), to: new Date('2025-12-31T23:00:00Z') });
    expect(parsePeriod('2025').to).toEqual(new Date('2025-12-31T23:00:00Z'));
    expect(() => parsePeriod('2025Q1')).toThrow(/2025H1/);
  });
});
