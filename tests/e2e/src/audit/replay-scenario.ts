import { randomUUID } from 'node:crypto';
import {
  ACUTE_CHECK_COMPLETED,
  ADVIESVRAAG_RECEIVED,
  CASE_DATA_ACCESSED_V2,
  CloudEvent,
  DEADLINE_BREACHED,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DEADLINE_SUPERSEDED,
  DeadlineFacts,
  EVENT_CATALOG,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HOUSEHOLD_RECORD_OPENED,
  INFORMING_WITHHELD,
  INVESTIGATION_OPENED,
  INVOLVED_PERSON_INFORMED,
  isKnownEventType,
  MELDING_RECEIVED,
  newEvent,
  PERSON_DATA_ERASED,
  PersonRef,
  REFERRAL_ISSUED,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  TOPICS,
} from '@vt/contracts';
import { PersonDataCipher } from '@vt/privacy';

const UTRECHT = { vtRegion: 'vt-utrecht', veiligheidsregio: 'VR09', calendar: 'nl' };
const TWENTE = { vtRegion: 'vt-twente', veiligheidsregio: 'VR05', calendar: 'nl' };
const VB_BASIS = 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 1';
const OZ_BASIS = 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2';
const INFORMING_BASIS = 'Wmo 2015 art. 5.3.1';

export interface ReplayScenario {
  records: { topic: string; event: CloudEvent<string, unknown> }[];
  householdId: string;
  meldingId: string;
  victimId: string;
  melderId: string;
  erasedAt: string;
  otherMeldingId: string;
  /** The police melding received on a Sunday at 22:00 and registered in the Monday morning batch (melding 2). */
  policeMeldingId: string;
  /** How many events are keyed by the household. */
  householdEvents: number;
}

interface MeldingSpec {
  receivedAt: string;
  /** When registered, when later than receipt (with the reason). */
  registered?: { at: string; reason: 'batchverwerking' };
  region: typeof UTRECHT;
  melder: 'politie-justitie' | 'onderwijs' | 'non-professional';
  aard: string[];
  radar: 'first' | 'hermelding' | 'vervolgmelding';
  /** The veiligheidsbeoordeling's clock: due, and met / breached / neither. */
  dueAt: string;
  clock: 'met' | 'breached' | 'running';
  assessment?: { taxatie: 'acuut' | 'structureel' | 'acuut-en-structureel' | 'geen'; outcome: 'onderzoek' | 'voorwaarden-en-vervolg' | 'overdracht-lokaal-team' | 'geen-vervolgstappen'; at: string };
}

/**
 * A generated log for vt-utrecht, 2025H1, whose counts are easy to check by hand:
 *
 * | # | received   | melder                  | aard                                 | radar          | veiligheidsbeoordeling clock | taxatie / outcome |
 * | 1 | 2025-01-06 | professional, politie   | ex-partnergeweld, kindermishandeling | first          | met                          | acuut-en-structureel / onderzoek (the replayed household) |
 * | 2 | 2025-02-02 | professional, politie   | ex-partnergeweld                     | hermelding     | breached, assessed late (H1) | structureel / voorwaarden-en-vervolg |
 * | 3 | 2025-02-10 | professional, onderwijs | kindermishandeling                   | first          | met                          | structureel / voorwaarden-en-vervolg |
 * | 4 | 2025-03-03 | non-professional        | ex-partnergeweld, kindermishandeling | first          | met                          | structureel / overdracht-lokaal-team |
 * | 5 | 2025-04-07 | non-professional        | ouderenmishandeling                  | hermelding     | breached, assessed late (H1) | geen / geen-vervolgstappen |
 * | 6 | 2025-05-05 | non-professional        | ex-partnergeweld                     | vervolgmelding | breached, not assessed       | — |
 * | 7 | 2025-06-20 | non-professional        | kindermishandeling                   | first          | running (due 2025-06-27)     | — |
 * Melding 2 is a police melding received on Sunday 2 February at 22:00 and registered in the Monday morning batch
 * (08:30, `batchverwerking`): its five working days run from receipt (due Friday 7 February), so the assessment on
 * Monday 10 February at 10:00 is 2.4 days late, though it would look in time counted from registration.
 * Informing (one clock per person, from registration, ADR 0021):
 * - melding 1: the melding-level clock of the first releases breached on 3 February (nothing could meet it) and was
 *   superseded on 20 May by a clock for the victim, already breached; the victim was in fact informed on 20 January,
 *   recorded on 20 May: met in time, recorded after the due date;
 * - melding 2: victim informed in time, the child's informing withheld in time (a legal ground), the suspected
 *   perpetrator informed on 10 March, after the due date of 3 March: late;
 * - melding 4: a melding-level clock that breached and was never converted: not measured, not an open breach.
 * So informing for vt-utrecht 2025H1: 4 due, 3 within term (1 withheld, 1 recorded after the due date), 1 late; 1
 * superseded and 1 melding-level clock not counted; no informing breach open at the end.
 * Outside: a vt-utrecht melding in 2025H2, and a vt-twente melding in 2025H1 with a breached clock.
 * The household of melding 1 also has an onderzoek whose 10 weeks were breached on 2025-03-19 (not concluded).
 * Adviesvragen: two for vt-utrecht in H1, one for vt-twente, one without region.
 */
/** The reasoning of every veiligheidsbeoordeling in the scenario, as a professional wrote it (markup included, to prove it is escaped). */
export const SCENARIO_REASONING = 'Geweld tussen ouders waar kinderen bij zijn; <b>toedracht</b> onduidelijk';

/**
 * `cipher` holds intake's key table (persons' fields); `triageCipher` crisis-triage's, under whose household keys the
 * assessments' reasoning is sealed (ADR 0020), as each service encrypts with its own keys.
 */
export async function replayScenario(cipher: PersonDataCipher, triageCipher: PersonDataCipher): Promise<ReplayScenario> {
  const records: ReplayScenario['records'] = [];
  const put = (event: CloudEvent<string, unknown>, topic?: string) => {
    const address = isKnownEventType(event.type) ? EVENT_CATALOG[event.type].address : undefined;
    records.push({ topic: topic ?? address ?? TOPICS.referrals, event });
  };

  const melding = async (spec: MeldingSpec, householdId = randomUUID(), extra: { personalData?: Awaited<ReturnType<PersonDataCipher['encryptFields']>>[]; melderId?: string; persons?: PersonRef[]; actor?: string } = {}) => {
    const meldingId = randomUUID();
    const professional = spec.melder !== 'non-professional';
    const registeredAt = spec.registered?.at ?? spec.receivedAt;
    const event = newEvent({
      type: MELDING_RECEIVED,
      service: 'intake',
      householdId,
      subject: meldingId,
      time: new Date(registeredAt),
      data: {
        meldingId,
        householdId,
        receivedAt: spec.receivedAt,
        ...(spec.registered ? { registeredAt: spec.registered.at, lateRegistration: { reason: spec.registered.reason } } : {}),
        gemeenteCode: spec.region === UTRECHT ? 'GM0344' : 'GM0153',
        region: spec.region,
        registration: { channel: 'telefoon', melderKind: professional ? 'professional' : 'non-professional', ...(professional ? { melderSector: spec.melder } : {}), melderRole: 'melder', melderIdentitySealed: !professional },
        concerns: { aard: spec.aard, tags: [] },
        radar: { classification: spec.radar, references: [] },
        acuteIndication: extra.personalData ? { indicated: true, signals: ['physical-violence' as const] } : { indicated: false },
        persons: extra.persons ?? [{ personId: randomUUID(), role: 'victim' }],
        ...(extra.melderId ? { melderId: extra.melderId } : {}),
        ...(extra.personalData ? { personalData: extra.personalData } : {}),
        actor: extra.actor ?? 'user:call-handler-ut',
      },
    });
    put(event);
    const timerId = randomUUID();
    const facts = { timerId, clock: 'veiligheidsbeoordeling', legalBasis: VB_BASIS, householdId, subjectId: meldingId, startedAt: spec.receivedAt, dueAt: spec.dueAt, counting: 'working-days', calendar: 'nl' };
    put(newEvent({ type: DEADLINE_STARTED, service: 'crisis-triage', householdId, time: new Date(registeredAt), causedBy: event, data: { ...facts, approachingAt: spec.dueAt, warnings: [] } }));
    if (spec.clock === 'breached') put(newEvent({ type: DEADLINE_BREACHED, service: 'crisis-triage', householdId, time: new Date(spec.dueAt), causedBy: event, data: { ...facts, breachedAt: spec.dueAt } }));
    let assessmentId: string | undefined;
    if (spec.assessment) {
      assessmentId = randomUUID();
      const met = spec.clock === 'met';
      put(
        newEvent({
          type: SAFETY_ASSESSMENT_COMPLETED_V2,
          service: 'crisis-triage',
          householdId,
          subject: meldingId,
          time: new Date(spec.assessment.at),
          causedBy: event,
          data: {
            assessmentId,
            meldingId,
            householdId,
            taxatie: spec.assessment.taxatie,
            outcome: spec.assessment.outcome,
            reasoning: await triageCipher.encryptText(householdId, SCENARIO_REASONING),
            completedAt: spec.assessment.at,
            deadline: { dueAt: spec.dueAt, met },
            actor: 'user:triage-ut',
          },
        }),
      );
      if (met) put(newEvent({ type: DEADLINE_MET, service: 'crisis-triage', householdId, time: new Date(spec.assessment.at), causedBy: event, data: { ...facts, metAt: spec.assessment.at } }));
    }
    return { event, meldingId, householdId, assessmentId };
  };

  /** An informing clock: per person (`personId`), or melding-level as the first releases ran it. */
  const informingClock = (m: { event: CloudEvent<string, unknown>; meldingId: string; householdId: string }, startedAt: string, dueAt: string, personId?: string) => {
    const facts: DeadlineFacts = { timerId: randomUUID(), clock: 'informeren-betrokkenen', legalBasis: INFORMING_BASIS, householdId: m.householdId, subjectId: m.meldingId, ...(personId ? { personId } : {}), startedAt, dueAt, counting: 'calendar-term', calendar: 'nl' };
    return { facts, start: (at: string) => put(newEvent({ type: DEADLINE_STARTED, service: 'crisis-triage', householdId: m.householdId, time: new Date(at), causedBy: m.event, data: { ...facts, approachingAt: dueAt, warnings: [] } })) };
  };
  const breach = (facts: DeadlineFacts, at: string) => put(newEvent({ type: DEADLINE_BREACHED, service: 'crisis-triage', householdId: facts.householdId, time: new Date(at), data: { ...facts, breachedAt: facts.dueAt } }));
  /** A recording of informing (or of the ground for not informing) that meets a clock: DeadlineMet when in time. */
  const inform = (clock: DeadlineFacts, person: PersonRef, how: { at: string; recordedAt: string; withheld?: boolean }) => {
    const inTime = Date.parse(how.at) <= Date.parse(clock.dueAt);
    const common = { informingId: randomUUID(), householdId: clock.householdId, personId: person.personId, role: person.role, metClocks: [{ timerId: clock.timerId, subjectId: clock.subjectId, dueAt: clock.dueAt, inTime }], recordedAt: how.recordedAt, actor: 'user:investigator-ut' };
    const recording = how.withheld
      ? newEvent({ type: INFORMING_WITHHELD, service: 'crisis-triage', householdId: clock.householdId, subject: person.personId, time: new Date(how.recordedAt), data: { ...common, ground: 'bescherming-betrokkene', legalBasis: 'Wmo 2015 art. 5.3.1: bescherming van de betrokkene [verify lid]', decidedAt: how.at } })
      : newEvent({ type: INVOLVED_PERSON_INFORMED, service: 'crisis-triage', householdId: clock.householdId, subject: person.personId, time: new Date(how.recordedAt), data: { ...common, informedAt: how.at, method: 'gesprek', informedBy: 'user:investigator-ut' } });
    put(recording);
    if (inTime) put(newEvent({ type: DEADLINE_MET, service: 'crisis-triage', householdId: clock.householdId, time: new Date(how.recordedAt), causedBy: recording, data: { ...clock, metAt: how.at } as never }));
  };

  // 1: the household that is replayed, with its personal data encrypted per person.
  const householdId = randomUUID();
  const victimId = randomUUID();
  const melderId = randomUUID();
  const personalData = [await cipher.encryptFields(victimId, { naam: 'Test Slachtoffer', bsn: '999993653' }), await cipher.encryptFields(melderId, { naam: 'Agent Test', telefoon: '0201234567' })];
  const first = await melding(
    { receivedAt: '2025-01-06T09:00:00.000Z', region: UTRECHT, melder: 'politie-justitie', aard: ['ex-partnergeweld', 'kindermishandeling'], radar: 'first', dueAt: '2025-01-13T23:00:00.000Z', clock: 'met', assessment: { taxatie: 'acuut-en-structureel', outcome: 'onderzoek', at: '2025-01-08T14:00:00.000Z' } },
    householdId,
    { personalData, melderId, persons: [{ personId: victimId, role: 'victim' }] },
  );
  const acuteCheckId = randomUUID();
  put(newEvent({ type: ACUTE_CHECK_COMPLETED, service: 'crisis-triage', householdId, time: new Date('2025-01-06T09:00:01.000Z'), causedBy: first.event, data: { checkId: acuteCheckId, meldingId: first.meldingId, householdId, gemeenteCode: 'GM0344', acute: true, grounds: ['physical-violence'], ruleSetVersion: 'acute-rules/1', persons: [{ personId: victimId, role: 'victim' }], checkedAt: '2025-01-06T09:00:01.000Z', actor: 'system:crisis-triage' } }));
  put(newEvent({ type: HOUSEHOLD_RECORD_OPENED, service: 'safety-investigation', householdId, time: new Date('2025-01-06T09:00:02.000Z'), causedBy: first.event, data: { householdId, phase: 'directe-veiligheid', gemeenteCode: 'GM0344', persons: [{ personId: victimId, role: 'victim' }], basedOn: { meldingId: first.meldingId, acuteCheckId, acute: true }, reason: 'Eerste melding voor dit huishouden', openedAt: '2025-01-06T09:00:02.000Z', actor: 'system:safety-investigation' } }));
  const investigationId = randomUUID();
  const assessmentId = first.assessmentId as string;
  put(newEvent({ type: INVESTIGATION_OPENED, service: 'safety-investigation', householdId, time: new Date('2025-01-08T14:00:01.000Z'), causedBy: first.event, data: { investigationId, householdId, basedOn: { assessmentId, meldingId: first.meldingId }, openedAt: '2025-01-08T14:00:01.000Z', actor: 'system:safety-investigation' } }));
  const onderzoek = { timerId: randomUUID(), clock: 'onderzoek', legalBasis: OZ_BASIS, householdId, subjectId: assessmentId, startedAt: '2025-01-08T14:00:00.000Z', dueAt: '2025-03-19T14:00:00.000Z', counting: 'calendar-term', calendar: 'nl' };
  put(newEvent({ type: DEADLINE_STARTED, service: 'crisis-triage', householdId, time: new Date('2025-01-08T14:00:02.000Z'), causedBy: first.event, data: { ...onderzoek, approachingAt: '2025-03-05T14:00:00.000Z', warnings: [] } }));
  put(newEvent({ type: REFERRAL_ISSUED, service: 'referral', householdId, time: new Date('2025-01-09T10:00:00.000Z'), causedBy: first.event, data: { referralId: randomUUID(), householdId, partnerId: 'lokaal-team-gm0344', partnerType: 'lokaal-team', gemeenteCode: 'GM0344', disclosure: { legalBasis: 'Wmo 2015 art. 5.2.6', purpose: 'overdracht aan het lokaal team', fields: ['householdReference', 'persons.role'] }, directoryVersion: 'partners-2025-01', issuedAt: '2025-01-09T10:00:00.000Z', actor: 'user:coordinator-ut' } }));
  put(newEvent({ type: CASE_DATA_ACCESSED_V2, service: 'intake', householdId, time: new Date('2025-01-10T08:30:00.000Z'), data: { accessId: randomUUID(), householdId, subject: { kind: 'melding', id: first.meldingId }, service: 'intake', purpose: 'onderzoek', fields: ['persons', 'concerns'], accessedAt: '2025-01-10T08:30:00.000Z', actor: 'user:investigator-ut' } }));
  put(newEvent({ type: HOUSEHOLD_PHASE_CHANGED_V2, service: 'safety-investigation', householdId, time: new Date('2025-02-01T12:00:00.000Z'), data: { householdId, command: 'MoveToDuurzameVeiligheid', from: 'directe-veiligheid', to: 'duurzame-veiligheid', reasonCode: 'immediate-safety-realised-for-everyone', basedOn: { confirmations: [{ personId: victimId, role: 'victim', confirmedBy: 'user:investigator-ut', confirmedAt: '2025-01-31T12:00:00.000Z' }] }, confirmationsWithdrawn: [], changedAt: '2025-02-01T12:00:00.000Z', actor: 'user:investigator-ut' } }));
  put(newEvent({ type: DEADLINE_BREACHED, service: 'crisis-triage', householdId, time: new Date('2025-03-19T14:00:00.000Z'), data: { ...onderzoek, breachedAt: '2025-03-19T14:00:00.000Z' } }));
  // Melding 1's informing clock ran per melding (the first releases): a false breach, superseded by the victim's own clock.
  const legacy = informingClock(first, '2025-01-06T09:00:00.000Z', '2025-02-03T23:00:00.000Z');
  legacy.start('2025-01-06T09:00:00.000Z');
  breach(legacy.facts, '2025-02-03T23:00:00.000Z');
  const victimClock = informingClock(first, '2025-01-06T09:00:00.000Z', '2025-02-03T23:00:00.000Z', victimId);
  victimClock.start('2025-05-20T08:00:00.000Z');
  breach(victimClock.facts, '2025-05-20T08:00:00.000Z');
  put(
    newEvent({
      type: DEADLINE_SUPERSEDED,
      service: 'crisis-triage',
      householdId,
      time: new Date('2025-05-20T08:00:00.000Z'),
      data: { ...legacy.facts, reason: 'informing-clock-per-person', supersededBy: [{ timerId: victimClock.facts.timerId, personId: victimId }], supersededAt: '2025-05-20T08:00:00.000Z', actor: 'system:crisis-triage' },
    }),
  );
  inform(victimClock.facts, { personId: victimId, role: 'victim' }, { at: '2025-01-20T10:00:00.000Z', recordedAt: '2025-05-20T09:00:00.000Z' });
  const erasedAt = '2025-05-02T10:00:00.000Z';
  put(newEvent({ type: PERSON_DATA_ERASED, service: 'intake', householdId, time: new Date(erasedAt), data: { erasureId: randomUUID(), personId: melderId, householdId, subjectKind: 'melder', erasedAt, reason: 'verzoek-betrokkene', legalBasis: 'Wmo 2015 art. 5.3.5', actor: 'user:privacy-officer-ut' } }));
  // A type no describer knows yet: it must still appear, with its actor and subject.
  const unknown = newEvent({ type: CASE_DATA_ACCESSED_V2, service: 'referral', householdId, subject: 'feedback-1', time: new Date('2025-05-10T10:00:00.000Z'), data: {} as never });
  put({ ...unknown, type: 'nl.veiligthuis.referral.ReferralFeedbackSomethingNew.v1', dataschema: 'urn:vt:schema:referral.ReferralFeedbackSomethingNew.v1', data: { actor: 'user:coordinator-ut', note: 'nieuw soort feit' } }, TOPICS.referrals);
  const householdEvents = records.filter((r) => r.event.householdid === householdId).length;

  // 2–7 and the ones outside the region or period.
  const policePersons: PersonRef[] = [
    { personId: randomUUID(), role: 'victim' },
    { personId: randomUUID(), role: 'child-involved', minor: true },
    { personId: randomUUID(), role: 'suspected-perpetrator' },
  ];
  const police = await melding(
    {
      receivedAt: '2025-02-02T21:00:00.000Z',
      registered: { at: '2025-02-03T07:30:00.000Z', reason: 'batchverwerking' },
      region: UTRECHT,
      melder: 'politie-justitie',
      aard: ['ex-partnergeweld'],
      radar: 'hermelding',
      dueAt: '2025-02-07T23:00:00.000Z',
      clock: 'breached',
      assessment: { taxatie: 'structureel', outcome: 'voorwaarden-en-vervolg', at: '2025-02-10T09:00:00.000Z' },
    },
    undefined,
    { persons: policePersons },
  );
  const [policeVictim, policeChild, policeSuspect] = policePersons.map((person) => {
    const clock = informingClock(police, '2025-02-03T07:30:00.000Z', '2025-03-03T23:00:00.000Z', person.personId);
    clock.start('2025-02-03T07:30:01.000Z');
    return { person, clock };
  }) as [{ person: PersonRef; clock: ReturnType<typeof informingClock> }, { person: PersonRef; clock: ReturnType<typeof informingClock> }, { person: PersonRef; clock: ReturnType<typeof informingClock> }];
  inform(policeVictim.clock.facts, policeVictim.person, { at: '2025-02-12T10:00:00.000Z', recordedAt: '2025-02-12T11:00:00.000Z' });
  inform(policeChild.clock.facts, policeChild.person, { at: '2025-02-13T10:00:00.000Z', recordedAt: '2025-02-13T10:00:00.000Z', withheld: true });
  breach(policeSuspect.clock.facts, '2025-03-03T23:00:00.000Z');
  inform(policeSuspect.clock.facts, policeSuspect.person, { at: '2025-03-10T10:00:00.000Z', recordedAt: '2025-03-10T11:00:00.000Z' });
  await melding({ receivedAt: '2025-02-10T09:00:00.000Z', region: UTRECHT, melder: 'onderwijs', aard: ['kindermishandeling'], radar: 'first', dueAt: '2025-02-17T23:00:00.000Z', clock: 'met', assessment: { taxatie: 'structureel', outcome: 'voorwaarden-en-vervolg', at: '2025-02-14T09:00:00.000Z' } });
  const fourth = await melding({ receivedAt: '2025-03-03T09:00:00.000Z', region: UTRECHT, melder: 'non-professional', aard: ['ex-partnergeweld', 'kindermishandeling'], radar: 'first', dueAt: '2025-03-10T23:00:00.000Z', clock: 'met', assessment: { taxatie: 'structureel', outcome: 'overdracht-lokaal-team', at: '2025-03-06T09:00:00.000Z' } });
  // A melding-level informing clock of the first releases, never converted (e.g. its melding not found at the conversion).
  const unconverted = informingClock(fourth, '2025-03-03T09:00:00.000Z', '2025-03-31T22:00:00.000Z');
  unconverted.start('2025-03-03T09:00:00.000Z');
  breach(unconverted.facts, '2025-03-31T22:00:00.000Z');
  await melding({ receivedAt: '2025-04-07T09:00:00.000Z', region: UTRECHT, melder: 'non-professional', aard: ['ouderenmishandeling'], radar: 'hermelding', dueAt: '2025-04-14T22:00:00.000Z', clock: 'breached', assessment: { taxatie: 'geen', outcome: 'geen-vervolgstappen', at: '2025-04-16T09:00:00.000Z' } });
  await melding({ receivedAt: '2025-05-05T09:00:00.000Z', region: UTRECHT, melder: 'non-professional', aard: ['ex-partnergeweld'], radar: 'vervolgmelding', dueAt: '2025-05-12T22:00:00.000Z', clock: 'breached' });
  await melding({ receivedAt: '2025-06-20T09:00:00.000Z', region: UTRECHT, melder: 'non-professional', aard: ['kindermishandeling'], radar: 'first', dueAt: '2025-06-27T22:00:00.000Z', clock: 'running' });
  const other = await melding({ receivedAt: '2025-07-02T09:00:00.000Z', region: UTRECHT, melder: 'politie-justitie', aard: ['kindermishandeling'], radar: 'first', dueAt: '2025-07-09T22:00:00.000Z', clock: 'running' });
  await melding({ receivedAt: '2025-03-03T09:00:00.000Z', region: TWENTE, melder: 'politie-justitie', aard: ['kindermishandeling'], radar: 'first', dueAt: '2025-03-10T23:00:00.000Z', clock: 'breached' });

  const adviesvraag = (receivedAt: string, region?: typeof UTRECHT) => {
    const id = randomUUID();
    put(newEvent({ type: ADVIESVRAAG_RECEIVED, service: 'intake', householdId: randomUUID(), subject: id, time: new Date(receivedAt), data: { adviesvraagId: id, receivedAt, channel: 'telefoon', adviesvrager: { kind: 'professional', sector: 'onderwijs', role: 'melder' }, ...(region ? { region } : {}), concerns: { aard: ['kindermishandeling'], tags: [] }, actor: 'user:call-handler-ut' } }));
  };
  adviesvraag('2025-01-15T10:00:00.000Z', UTRECHT);
  adviesvraag('2025-05-15T10:00:00.000Z', UTRECHT);
  adviesvraag('2025-05-15T10:00:00.000Z', TWENTE);
  adviesvraag('2025-05-16T10:00:00.000Z');

  return { records, householdId, meldingId: first.meldingId, victimId, melderId, erasedAt, otherMeldingId: other.meldingId, policeMeldingId: police.meldingId, householdEvents };
}
