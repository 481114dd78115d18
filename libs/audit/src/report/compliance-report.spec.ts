import { randomUUID } from 'node:crypto';
import {
  ADVIESVRAAG_RECEIVED,
  DEADLINE_BREACHED,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DEADLINE_SUPERSEDED,
  INFORMING_WITHHELD,
  INVOLVED_PERSON_INFORMED,
  MELDING_RECEIVED,
  newEvent,
  SAFETY_ASSESSMENT_COMPLETED_V2,
} from '@vt/contracts';
import { ComplianceFolder } from './compliance-report';
import { parsePeriod } from './period';
import { renderReportText } from './render-report';

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

describe('informing involved persons, per person (DOMAIN.md point 7; issue 11 point 1; ADR 0021)', () => {
  const INFORMING = { clock: 'informeren-betrokkenen', legalBasis: 'Wmo 2015 art. 5.3.1', counting: 'calendar-term', calendar: 'nl', startedAt: '2025-02-03T09:00:00.000Z' };
  const informingEvent = (type: typeof DEADLINE_STARTED | typeof DEADLINE_BREACHED | typeof DEADLINE_MET | typeof DEADLINE_SUPERSEDED, facts: Record<string, unknown>, at: string, extra: Record<string, unknown> = {}) =>
    newEvent({ type, service: 'crisis-triage', householdId: facts['householdId'] as string, time: new Date(at), data: { ...INFORMING, ...facts, ...extra } as never });

  it('given a melding of three persons, one informed in time, one withheld in time and one never informed, then 2 within term and 1 late; nothing else is a breach', () => {
    const folder = new ComplianceFolder();
    const m = melding('2025-02-03T09:00:00.000Z');
    folder.add(m);
    const { householdId, meldingId } = m.data;
    const dueAt = '2025-03-03T23:00:00.000Z';
    const clocks = ['victim', 'child-involved', 'suspected-perpetrator'].map((role) => ({ timerId: randomUUID(), personId: randomUUID(), role, householdId, subjectId: meldingId, dueAt }));
    for (const c of clocks) folder.add(informingEvent(DEADLINE_STARTED, c, '2025-02-03T09:00:00.000Z', { approachingAt: dueAt, warnings: [] }));
    const [informed, withheld, forgotten] = clocks as [(typeof clocks)[0], (typeof clocks)[0], (typeof clocks)[0]];
    const metClock = (c: (typeof clocks)[0], inTime: boolean) => [{ timerId: c.timerId, subjectId: meldingId, dueAt, inTime }];
    folder.add(newEvent({ type: INVOLVED_PERSON_INFORMED, service: 'crisis-triage', householdId, time: new Date('2025-02-20T10:00:00Z'), data: { informingId: randomUUID(), householdId, personId: informed.personId, role: 'victim', informedAt: '2025-02-20T10:00:00.000Z', method: 'gesprek', informedBy: 'user:i', metClocks: metClock(informed, true), recordedAt: '2025-02-20T10:00:00.000Z', actor: 'user:i' } }));
    folder.add(informingEvent(DEADLINE_MET, informed, '2025-02-20T10:00:00.000Z', { metAt: '2025-02-20T10:00:00.000Z' }));
    folder.add(newEvent({ type: INFORMING_WITHHELD, service: 'crisis-triage', householdId, time: new Date('2025-02-21T10:00:00Z'), data: { informingId: randomUUID(), householdId, personId: withheld.personId, role: 'child-involved', ground: 'bescherming-betrokkene', legalBasis: 'Wmo 2015 art. 5.3.1 [verify lid]', decidedAt: '2025-02-21T10:00:00.000Z', metClocks: metClock(withheld, true), recordedAt: '2025-02-21T10:00:00.000Z', actor: 'user:i' } }));
    folder.add(informingEvent(DEADLINE_MET, withheld, '2025-02-21T10:00:00.000Z', { metAt: '2025-02-21T10:00:00.000Z' }));
    folder.add(informingEvent(DEADLINE_BREACHED, forgotten, dueAt, { breachedAt: dueAt }));

    const { inspectorate } = folder.report('vt-utrecht', parsePeriod('2025H1'));
    expect(inspectorate.informeren).toEqual({ due: 3, withinTerm: 2, late: 1, pending: 0, share: 2 / 3, withheld: 1, recordedAfterDue: 0, superseded: 0, meldingLevel: 0 });
    expect(inspectorate.openBreaches.breaches.map((b) => b.timerId)).toEqual([forgotten.timerId]);
    expect(renderReportText(folder.report('vt-utrecht', parsePeriod('2025H1')))).toMatch(/informeren betrokkenen per person \(4 weeks\)\s+66\.7%/);
  });

  it('given a melding-level clock superseded by clocks per person, one breached and then recorded as informed before its due date, then the superseded clock counts neither way and the breach did not happen', () => {
    const folder = new ComplianceFolder();
    const m = melding('2025-01-06T09:00:00.000Z');
    folder.add(m);
    const { householdId, meldingId } = m.data;
    const dueAt = '2025-02-03T23:00:00.000Z';
    const legacy = { timerId: randomUUID(), householdId, subjectId: meldingId, dueAt };
    folder.add(informingEvent(DEADLINE_STARTED, legacy, '2025-01-06T09:00:00.000Z', { approachingAt: dueAt, warnings: [] }));
    folder.add(informingEvent(DEADLINE_BREACHED, legacy, dueAt, { breachedAt: dueAt }));
    const person = { timerId: randomUUID(), personId: randomUUID(), householdId, subjectId: meldingId, dueAt };
    folder.add(informingEvent(DEADLINE_STARTED, person, '2025-03-01T00:00:00.000Z', { approachingAt: dueAt, warnings: [] }));
    folder.add(informingEvent(DEADLINE_BREACHED, person, '2025-03-01T00:00:00.000Z', { breachedAt: dueAt }));
    folder.add(informingEvent(DEADLINE_SUPERSEDED, legacy, '2025-03-01T00:00:00.000Z', { reason: 'informing-clock-per-person', supersededBy: [{ timerId: person.timerId, personId: person.personId }], supersededAt: '2025-03-01T00:00:00.000Z', actor: 'system:crisis-triage' }));
    // An unconverted melding-level clock (its melding was not found): not measured, not an open breach.
    const unconverted = { timerId: randomUUID(), householdId, subjectId: randomUUID(), dueAt };
    folder.add(informingEvent(DEADLINE_STARTED, unconverted, '2025-01-06T09:00:00.000Z', { approachingAt: dueAt, warnings: [] }));
    folder.add(informingEvent(DEADLINE_BREACHED, unconverted, dueAt, { breachedAt: dueAt }));
    const before = folder.report('vt-utrecht', parsePeriod('2025H1')).inspectorate;
    expect(before.informeren).toMatchObject({ due: 1, withinTerm: 0, late: 1, superseded: 1, meldingLevel: 1 });
    expect(before.openBreaches.breaches.map((b) => b.timerId)).toEqual([person.timerId]);

    folder.add(newEvent({ type: INVOLVED_PERSON_INFORMED, service: 'crisis-triage', householdId, time: new Date('2025-03-02T10:00:00Z'), data: { informingId: randomUUID(), householdId, personId: person.personId, role: 'victim', informedAt: '2025-01-20T10:00:00.000Z', method: 'brief', informedBy: 'user:i', metClocks: [{ timerId: person.timerId, subjectId: meldingId, dueAt, inTime: true }], recordedAt: '2025-03-02T10:00:00.000Z', actor: 'user:i' } }));
    folder.add(informingEvent(DEADLINE_MET, person, '2025-03-02T10:00:00.000Z', { metAt: '2025-01-20T10:00:00.000Z' }));
    const after = folder.report('vt-utrecht', parsePeriod('2025H1')).inspectorate;
    expect(after.informeren).toEqual({ due: 1, withinTerm: 1, late: 0, pending: 0, share: 1, withheld: 0, recordedAfterDue: 1, superseded: 1, meldingLevel: 1 });
    expect(after.openBreaches.total).toBe(0);
  });
});

describe('lateness of the veiligheidsbeoordeling from receipt (issue 11 point 2)', () => {
  it('given a police melding received at 22:00 and registered in the next morning’s batch, then its lateness counts from 22:00 and its registration shows apart', () => {
    const folder = new ComplianceFolder();
    const householdId = randomUUID();
    const meldingId = randomUUID();
    const receivedAt = '2025-01-06T21:00:00.000Z';
    const registeredAt = '2025-01-07T07:30:00.000Z';
    folder.add(newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId, time: new Date(registeredAt), data: { meldingId, householdId, receivedAt, registeredAt, lateRegistration: { reason: 'batchverwerking' }, region: REGION, acuteIndication: { indicated: false }, persons: [{ personId: randomUUID(), role: 'victim' }], actor: 'user:ch' } }));
    // Five working days after Monday 6 January: due at the end of Monday 13 January; assessed on Tuesday 14 January at 10:00.
    const timer = { timerId: randomUUID(), clock: 'veiligheidsbeoordeling', householdId, subjectId: meldingId, dueAt: '2025-01-13T23:00:00.000Z' };
    folder.add(newEvent({ type: DEADLINE_STARTED, service: 'crisis-triage', householdId, time: new Date(registeredAt), data: { ...timer, legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7', startedAt: receivedAt, counting: 'working-days', calendar: 'nl', approachingAt: '2025-01-12T23:00:00.000Z', warnings: [] } }));
    folder.add(deadline(DEADLINE_BREACHED, timer, '2025-01-13T23:00:00.000Z'));
    folder.add(newEvent({ type: SAFETY_ASSESSMENT_COMPLETED_V2, service: 'crisis-triage', householdId, time: new Date('2025-01-14T09:00:00Z'), data: { assessmentId: randomUUID(), meldingId, householdId, taxatie: 'acuut', outcome: 'onderzoek', reasoning: { personId: householdId, keyId: randomUUID(), alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'cg', tag: 'AAAAAAAAAAAAAAAAAAAAAA' }, completedAt: '2025-01-14T09:00:00.000Z', deadline: { dueAt: timer.dueAt, met: false }, actor: 'user:t' } }));

    const report = folder.report('vt-utrecht', parsePeriod('2025H1'));
    expect(report.inspectorate.veiligheidsbeoordeling).toMatchObject({ due: 1, late: 1, withinTerm: 0 });
    expect(report.inspectorate.lateAssessments).toEqual([
      {
        subjectId: meldingId,
        meldingId,
        householdId,
        receivedAt,
        registeredAt,
        lateRegistrationReason: 'batchverwerking',
        clockStartedAt: receivedAt,
        clockFromReceipt: true,
        dueAt: timer.dueAt,
        doneAt: '2025-01-14T09:00:00.000Z',
        daysLate: 0.4,
        registrationDelayHours: 10.5,
      },
    ]);
    expect(report.inspectorate.registrationDelay).toEqual({ measured: 1, anHourOrMore: 1, medianMinutes: 630, maxHours: 10.5, byReason: { batchverwerking: 1 } });
    expect(renderReportText(report)).toContain(`melding ${meldingId}: received 2025-01-06 22:00, registered 2025-01-07 08:30 (batchverwerking); due 2025-01-14 00:00; assessed 2025-01-14 10:00; 0.4 days late`);
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
