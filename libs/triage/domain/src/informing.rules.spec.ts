import { INFORMING_METHODS, INFORMING_WITHHELD_GROUNDS, PersonRef } from '@vt/contracts';
import {
  assessmentClockStart,
  convertLegacyInformingClock,
  decideInforming,
  extensionRefusal,
  INFORMING_WITHHELD_BASES,
  informingClockStart,
  InvolvedPerson,
  jurisdictionOfCalendar,
  PersonClock,
  personsToInform,
} from './informing.rules';

const victim: PersonRef = { personId: '11111111-1111-4111-8111-111111111111', role: 'victim' };
const child: PersonRef = { personId: '22222222-2222-4222-8222-222222222222', role: 'child-involved', minor: true };
const suspect: PersonRef = { personId: '33333333-3333-4333-8333-333333333333', role: 'suspected-perpetrator' };
const melderId = '44444444-4444-4444-8444-444444444444';
const meldingA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const meldingB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const now = new Date('2025-03-10T12:00:00.000Z');
const person: InvolvedPerson = { personId: victim.personId, role: victim.role };

function clock(timerId: string, startedAt: string, dueAt: string, state: PersonClock['state'] = 'running', subjectId = meldingA): PersonClock {
  return { timerId, subjectId, startedAt: new Date(startedAt), dueAt: new Date(dueAt), state };
}
const informed = (informedAt: string, method = 'gesprek') => ({ kind: 'informed' as const, informedAt: new Date(informedAt), method, informedBy: 'user:investigator-7' });

describe('rule I1: every person of the melding gets an informing clock of their own, not the melder (DOMAIN.md point 7; Persons in a household)', () => {
  it('given a melding about a victim, a child and a suspected perpetrator, when clocks are planned, then each of the three gets one, adults and child alike', () => {
    expect(personsToInform({ persons: [victim, child, suspect], melderId })).toEqual([
      { personId: victim.personId, role: 'victim' },
      { personId: child.personId, role: 'child-involved' },
      { personId: suspect.personId, role: 'suspected-perpetrator' },
    ]);
  });

  it('given the melder’s id among the persons, when clocks are planned, then the melder gets none: they gave their data themselves', () => {
    expect(personsToInform({ persons: [victim, { personId: melderId, role: 'other' }], melderId }).map((p) => p.personId)).toEqual([victim.personId]);
  });

  it('given a person named twice, when clocks are planned, then that person gets one clock', () => {
    expect(personsToInform({ persons: [victim, victim, child] })).toHaveLength(2);
  });
});

describe('rules R1 and I2: the assessment runs from receipt, informing from recording (issue 11 point 2; DOMAIN.md point 3 and point 7; ADR 0021)', () => {
  const policeBatch = { receivedAt: '2025-01-06T21:00:00.000Z', registeredAt: '2025-01-07T07:15:00.000Z' };

  it('given a police melding received at 22:00 and registered in the morning batch, when its clocks start, then the veiligheidsbeoordeling starts at 22:00', () => {
    expect(assessmentClockStart(policeBatch)).toEqual(new Date('2025-01-06T21:00:00.000Z'));
  });

  it('given the same melding, when its informing clocks start, then they start at registration: the data was recorded then', () => {
    expect(informingClockStart(policeBatch)).toEqual(new Date('2025-01-07T07:15:00.000Z'));
  });

  it('given a melding without a registration time (before issue 11 receipt was registration), when its informing clocks start, then they start at receipt', () => {
    expect(informingClockStart({ receivedAt: '2025-01-06T21:00:00.000Z' })).toEqual(new Date('2025-01-06T21:00:00.000Z'));
  });

  it('given a registration time before receipt, when its informing clocks start, then they start at receipt, never earlier', () => {
    expect(informingClockStart({ receivedAt: '2025-01-06T21:00:00.000Z', registeredAt: '2025-01-06T20:00:00.000Z' })).toEqual(new Date('2025-01-06T21:00:00.000Z'));
  });
});

describe('rules I3 and I4: recording that a person was informed meets that person’s running informing clocks (DOMAIN.md point 7; issue 11 point 1)', () => {
  it('given a person with a running clock, when informing is recorded before its due date, then that clock is met in time and nothing else', () => {
    const result = decideInforming({ person, clocks: [clock('t1', '2025-02-03T09:00:00Z', '2025-03-11T23:00:00Z')], recording: informed('2025-03-05T10:00:00Z'), now });
    expect(result).toEqual({
      ok: true,
      decision: { kind: 'informed', at: new Date('2025-03-05T10:00:00Z'), metClocks: [{ timerId: 't1', subjectId: meldingA, dueAt: '2025-03-11T23:00:00.000Z', inTime: true }], keepRunning: [], method: 'gesprek', informedBy: 'user:investigator-7' },
    });
  });

  it('given a person whose clock was already breached, when informing is recorded after the due date, then it is done late and stays a breach (inTime false)', () => {
    const result = decideInforming({ person, clocks: [clock('t1', '2025-01-06T09:00:00Z', '2025-02-03T23:00:00Z', 'breached')], recording: informed('2025-03-01T10:00:00Z', 'brief'), now });
    expect(result.ok && result.decision.metClocks).toEqual([{ timerId: 't1', subjectId: meldingA, dueAt: '2025-02-03T23:00:00.000Z', inTime: false }]);
  });

  it('given a breached clock, when the recording says the person was informed before the due date, then the clock is met in time: the breach did not happen', () => {
    const result = decideInforming({ person, clocks: [clock('t1', '2025-01-06T09:00:00Z', '2025-02-03T23:00:00Z', 'breached')], recording: informed('2025-01-20T10:00:00Z'), now });
    expect(result.ok && result.decision.metClocks[0]?.inTime).toBe(true);
  });

  it('given two meldingen about the person, when the person is informed after the first and before the second was recorded, then only the first clock is met; the second keeps running', () => {
    const first = clock('t1', '2025-02-03T09:00:00Z', '2025-03-11T23:00:00Z', 'running', meldingA);
    const second = clock('t2', '2025-03-07T09:00:00Z', '2025-04-04T22:00:00Z', 'running', meldingB);
    const result = decideInforming({ person, clocks: [second, first], recording: informed('2025-03-05T10:00:00Z'), now });
    expect(result.ok && result.decision.metClocks.map((c) => c.timerId)).toEqual(['t1']);
    expect(result.ok && result.decision.keepRunning).toEqual(['t2']);
  });

  it('given a met clock and a running one, when informing is recorded, then only the running one is met (a clock is met once)', () => {
    const result = decideInforming({ person, clocks: [clock('t1', '2025-02-03T09:00:00Z', '2025-03-03T23:00:00Z', 'met'), clock('t2', '2025-03-01T09:00:00Z', '2025-03-31T22:00:00Z')], recording: informed('2025-03-05T10:00:00Z'), now });
    expect(result.ok && result.decision.metClocks.map((c) => c.timerId)).toEqual(['t2']);
  });

  it('given a superseded (melding-level) clock only, when informing is recorded, then nothing is met: a superseded clock counts neither way', () => {
    const result = decideInforming({ person, clocks: [clock('t1', '2025-02-03T09:00:00Z', '2025-03-03T23:00:00Z', 'superseded')], recording: informed('2025-03-05T10:00:00Z'), now });
    expect(result).toMatchObject({ ok: false, refusal: { problem: 'no-running-informing-clock', category: 'conflict' } });
  });
});

describe('rule I4: refusals name their problem (issue 11 point 1; the plan: 4xx naming why)', () => {
  const running = [clock('t1', '2025-02-03T09:00:00Z', '2025-03-11T23:00:00Z')];

  it('given no such person in the household, when informing is recorded, then it is refused as unknown-person (not found)', () => {
    expect(decideInforming({ person: undefined, clocks: [], recording: informed('2025-03-05T10:00:00Z'), now })).toMatchObject({ ok: false, refusal: { problem: 'unknown-person', category: 'not-found' } });
  });

  it('given every clock of the person already met, when informing is recorded again, then it is refused as no-running-informing-clock (conflict): applied once', () => {
    expect(decideInforming({ person, clocks: [clock('t1', '2025-02-03T09:00:00Z', '2025-03-11T23:00:00Z', 'met')], recording: informed('2025-03-05T10:00:00Z'), now })).toMatchObject({
      ok: false,
      refusal: { problem: 'no-running-informing-clock', category: 'conflict' },
    });
  });

  it('given a running clock, when informedAt lies in the future, then it is refused as informed-in-the-future on informedAt', () => {
    expect(decideInforming({ person, clocks: running, recording: informed('2025-03-10T12:00:01Z'), now })).toMatchObject({ ok: false, refusal: { problem: 'informed-in-the-future', path: 'informedAt' } });
  });

  it('given a running clock, when informedAt lies before the clock started, then it is refused: there was nothing to inform about yet', () => {
    expect(decideInforming({ person, clocks: running, recording: informed('2025-02-01T10:00:00Z'), now })).toMatchObject({ ok: false, refusal: { problem: 'before-informing-clock-started', category: 'unprocessable' } });
  });

  it('given a running clock, when the method is not one of INFORMING_METHODS, then it is refused naming the list', () => {
    const result = decideInforming({ person, clocks: running, recording: informed('2025-03-05T10:00:00Z', 'rooksignaal'), now });
    expect(result).toMatchObject({ ok: false, refusal: { problem: 'unknown-informing-method', path: 'method' } });
    expect(!result.ok && result.refusal.message).toContain(INFORMING_METHODS.join(', '));
  });

  it('given a running clock, when nobody is named as having informed the person, then it is refused', () => {
    expect(decideInforming({ person, clocks: running, recording: { ...informed('2025-03-05T10:00:00Z'), informedBy: '' }, now })).toMatchObject({ ok: false, refusal: { problem: 'informed-by-required' } });
  });
});

describe('rule I5: a recorded legal ground for not informing meets the clock too, with its basis (DOMAIN.md point 7; issue 11 point 1)', () => {
  const running = [clock('t1', '2025-02-03T09:00:00Z', '2025-03-11T23:00:00Z')];

  it('given a running clock, when informing is withheld to protect the person, then the clock is met and the basis applied is recorded', () => {
    const result = decideInforming({ person, clocks: running, recording: { kind: 'withheld', ground: 'bescherming-betrokkene', decidedAt: new Date('2025-03-05T10:00:00Z'), jurisdiction: 'nl' }, now });
    expect(result).toMatchObject({ ok: true, decision: { kind: 'withheld', ground: 'bescherming-betrokkene', metClocks: [{ timerId: 't1', inTime: true }] } });
    expect(result.ok && result.decision.withheldBasis?.legalBasis).toMatch(/^Wmo 2015 art\. 5\.3\.1/);
  });

  it('given a ground that is not on the list, when it is recorded, then it is refused naming the grounds', () => {
    const result = decideInforming({ person, clocks: running, recording: { kind: 'withheld', ground: 'geen-zin', decidedAt: now, jurisdiction: 'nl' }, now });
    expect(result).toMatchObject({ ok: false, refusal: { problem: 'unknown-withheld-ground', path: 'withheld.ground' } });
  });

  it('given a household on an island, when informing is withheld, then the basis is marked [verify] and never a Wmo 2015 article', () => {
    const result = decideInforming({ person, clocks: running, recording: { kind: 'withheld', ground: 'voorkomen-strafbare-feiten', decidedAt: now, jurisdiction: jurisdictionOfCalendar('bq-saba') }, now });
    expect(result.ok && result.decision.withheldBasis?.legalBasis).toMatch(/^\[verify\]/);
    expect(result.ok && result.decision.withheldBasis?.legalBasis).not.toContain('Wmo');
  });

  it('is plain data for every ground and jurisdiction, and every unconfirmed basis says what to verify', () => {
    for (const jurisdiction of ['nl', 'bes'] as const) {
      for (const ground of INFORMING_WITHHELD_GROUNDS) {
        const basis = INFORMING_WITHHELD_BASES[jurisdiction][ground];
        expect(basis.legalBasis.length).toBeLessThanOrEqual(300);
        if (basis.legalBasis.includes('[verify')) expect(basis.verify).toBeTruthy();
      }
    }
    expect(JSON.parse(JSON.stringify(INFORMING_WITHHELD_BASES))).toEqual(INFORMING_WITHHELD_BASES);
  });
});

describe('rule I6: extensions are per clock, +2 weeks each with a reason, only for informing (Wmo 2015 art. 5.3.1 as DOMAIN.md states it)', () => {
  it('given a running informing clock, when it is extended with a reason, then nothing refuses it', () => {
    expect(extensionRefusal({ clock: 'informeren-betrokkenen', state: 'running' }, 'betrokkene is tijdelijk in het buitenland')).toBeUndefined();
    expect(extensionRefusal({ clock: 'informeren-betrokkenen', state: 'approaching' }, 'idem')).toBeUndefined();
  });

  it('given the veiligheidsbeoordeling clock, when it is extended, then that is refused as not-extendable', () => {
    expect(extensionRefusal({ clock: 'veiligheidsbeoordeling', state: 'running' }, 'druk')).toMatchObject({ problem: 'not-extendable', category: 'unprocessable' });
  });

  it.each([['met' as const], ['breached' as const], ['superseded' as const]])('given an informing clock that is %s, when it is extended, then that is refused as deadline-not-running', (state) => {
    expect(extensionRefusal({ clock: 'informeren-betrokkenen', state }, 'reden')).toMatchObject({ problem: 'deadline-not-running', category: 'conflict' });
  });

  it('given a running informing clock, when it is extended without a reason, then that is refused', () => {
    expect(extensionRefusal({ clock: 'informeren-betrokkenen', state: 'running' }, '  ')).toMatchObject({ problem: 'reason-required' });
  });
});

describe('rule I7: an open melding-level clock becomes one clock per person, none lost (issue 11 point 1; ADR 0021)', () => {
  const melding = { persons: [victim, child, suspect], melderId };

  it('given a running melding-level clock and its melding’s three persons, when it is converted, then each person gets a running clock', () => {
    expect(convertLegacyInformingClock({ timerId: 'old', state: 'running' }, melding)).toEqual({ convert: true, state: 'running', persons: personsToInform(melding) });
  });

  it('given a melding-level clock already breached, when it is converted, then each person’s clock is a breach too, unless a recording later says otherwise', () => {
    expect(convertLegacyInformingClock({ timerId: 'old', state: 'breached' }, melding)).toMatchObject({ convert: true, state: 'breached' });
  });

  it('given a melding-level clock whose MeldingReceived cannot be found, when it is converted, then it keeps running, naming why', () => {
    expect(convertLegacyInformingClock({ timerId: 'old', state: 'running' }, undefined)).toEqual({ convert: false, reason: 'melding-not-found' });
  });

  it('given a clock that already runs for a person, or one that is no longer open, when it is converted, then it is left alone', () => {
    expect(convertLegacyInformingClock({ timerId: 'new', state: 'running', personId: victim.personId }, melding)).toEqual({ convert: false, reason: 'not-melding-level' });
    expect(convertLegacyInformingClock({ timerId: 'old', state: 'superseded' }, melding)).toEqual({ convert: false, reason: 'not-open' });
  });
});
