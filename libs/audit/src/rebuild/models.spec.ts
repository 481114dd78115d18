import { randomUUID } from 'node:crypto';
import {
  ACUTE_CHECK_COMPLETED,
  ASSESSMENT_REQUEST_JOINED,
  CRISIS_ACTION_RECORDED,
  CRISIS_INTERVENTION_REQUESTED,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DEADLINE_SUPERSEDED,
  DeadlineFacts,
  INFORMING_WITHHELD,
  INVOLVED_PERSON_INFORMED,
  PersonRef,
  EventDataByType,
  EventType,
  HOUSEHOLD_HANDED_OVER,
  HOUSEHOLD_PHASE_CHANGED,
  HOUSEHOLD_RECORD_OPENED,
  IMMEDIATE_SAFETY_CONFIRMED,
  INVESTIGATION_OPENED,
  MELDING_RECEIVED,
  newEvent,
  HUISVERBOD_ENDED,
  HUISVERBOD_EXTENDED,
  HUISVERBOD_IMPOSED,
  INVESTIGATION_CONCLUDED,
  INVESTIGATION_FINDING_RECORDED,
  INVESTIGATION_STEP_COMPLETED,
  INVESTIGATION_STEP_PLANNED,
  NEW_ASSESSMENT_REQUESTED,
  PERSON_DATA_ERASED,
  REFERRAL_ACCEPTED,
  REFERRAL_DECLINED,
  REFERRAL_ISSUED,
  REFERRAL_REROUTED,
  SAFETY_ASSESSMENT_COMPLETED,
  SAFETY_CONDITIONS_RECORDED,
  TOPICS,
  upcastData,
  upcastEvent,
} from '@vt/contracts';
import { FoldWorker } from './fold-worker-client';
import { ModelFold, Row } from './model';
import { SERVICE_MODELS } from './models';
import { RecordFold } from './record-fold';

const householdId = randomUUID();
const meldingId = randomUUID();
const victim = { personId: randomUUID(), role: 'victim' as const };
const child = { personId: randomUUID(), role: 'child-involved' as const };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();

function event<T extends EventType>(type: T, service: string, data: EventDataByType[T], time: string) {
  return newEvent({ type, service, householdId, data, time: new Date(time) });
}

/** Folds events as the rebuild reads them from the log: a superseded type as its newest version (ADR 0004). */
function replay(...events: { topic: string; event: ReturnType<typeof event> }[]) {
  const fold = new ModelFold([...SERVICE_MODELS]);
  for (const e of events) fold.apply({ topic: e.topic, event: upcastEvent(e.event) });
  const rows = (service: string, table: string): Row[] => fold.rows().find((t) => t.model.service === service && t.spec.table === table)?.rows ?? [];
  return rows;
}

const received = event(
  MELDING_RECEIVED,
  'intake',
  {
    meldingId,
    householdId,
    receivedAt: at(0),
    gemeenteCode: 'GM0014',
    region: { vtRegion: 'vt-groningen', veiligheidsregio: 'VR01', calendar: 'nl' },
    registration: { channel: 'telefoon', melderKind: 'professional', melderSector: 'politie-justitie', melderRole: 'melder', melderIdentitySealed: false },
    concerns: { aard: ['ex-partnergeweld'], tags: [] },
    melderId: randomUUID(),
    personalData: [],
    acuteIndication: { indicated: true, signals: ['physical-violence'] },
    persons: [victim, child],
    actor: 'user:call-handler-1',
  },
  at(0),
);
const checkId = randomUUID();
const checked = event(
  ACUTE_CHECK_COMPLETED,
  'crisis-triage',
  { checkId, meldingId, householdId, gemeenteCode: 'GM0014', acute: true, grounds: ['physical-violence'], ruleSetVersion: 'acute-rules/1', persons: [victim, child], checkedAt: at(1), actor: 'system:crisis-triage' },
  at(1),
);
const interventionId = randomUUID();
const crisis = event(
  CRISIS_INTERVENTION_REQUESTED,
  'crisis-triage',
  { interventionId, meldingId, householdId, crisisRegion: 'VR01', gemeenteCode: 'GM0014', grounds: ['physical-violence'], ruleSetVersion: 'acute-rules/1', persons: [victim, child], requestedAt: at(1), actor: 'system:crisis-triage' },
  at(1),
);
const confirmedBy = (personId: string, minute: number) =>
  event(CRISIS_ACTION_RECORDED, 'crisis-triage', { interventionId, householdId, action: 'immediate-safety-confirmed', personId, recordedAt: at(minute), actor: 'user:crisis-1' }, at(minute));
const timerId = randomUUID();
const facts: DeadlineFacts = {
  timerId,
  clock: 'veiligheidsbeoordeling',
  legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7',
  householdId,
  subjectId: meldingId,
  startedAt: at(0),
  dueAt: '2026-03-09T23:00:00.000Z',
  counting: 'working-days',
  calendar: 'nl',
};
const started = event(DEADLINE_STARTED, 'crisis-triage', { ...facts, approachingAt: '2026-03-06T23:00:00.000Z', warnings: [] }, at(1));
const assessment = (met: boolean) =>
  event(
    SAFETY_ASSESSMENT_COMPLETED,
    'crisis-triage',
    {
      assessmentId: randomUUID(),
      meldingId,
      householdId,
      gemeenteCode: 'GM0014',
      taxatie: 'acuut',
      outcome: 'onderzoek',
      reasoning: 'geen medewerking',
      completedAt: at(30),
      deadline: { dueAt: facts.dueAt, met },
      actor: 'user:triage-1',
    },
    at(30),
  );
const opened = event(
  HOUSEHOLD_RECORD_OPENED,
  'safety-investigation',
  { householdId, phase: 'directe-veiligheid', gemeenteCode: 'GM0014', persons: [victim, child], basedOn: { meldingId, acuteCheckId: checkId, acute: true }, reason: 'acute melding', openedAt: at(2), actor: 'system:safety-investigation' },
  at(2),
);
const safe = (person: PersonRef, minute: number) =>
  event(IMMEDIATE_SAFETY_CONFIRMED, 'safety-investigation', { householdId, personId: person.personId, role: person.role, how: 'seen', confirmedAt: at(minute), actor: 'user:inv-1' }, at(minute));
const moved = event(
  HOUSEHOLD_PHASE_CHANGED,
  'safety-investigation',
  { householdId, command: 'MoveToDuurzameVeiligheid', from: 'directe-veiligheid', to: 'duurzame-veiligheid', reason: 'everyone safe', basedOn: {}, confirmationsWithdrawn: [], changedAt: at(20), actor: 'user:inv-1' },
  at(20),
);

const on = (topic: string, e: ReturnType<typeof event>) => ({ topic, event: e });

describe('the auditor’s model of each service', () => {
  it('intake: a melding with its routing and persons by id, its status taken forward by triage’s facts only', () => {
    const done = assessment(true);
    const rows = replay(on(TOPICS.meldingen, received), on(TOPICS.triageAssessments, done), on(TOPICS.triageAssessments, checked), on(TOPICS.triageAssessments, crisis));
    expect(rows('intake', 'melding')).toEqual([
      expect.objectContaining({
        melding_id: meldingId,
        household_id: householdId,
        gemeente_code: 'GM0014',
        vt_region: 'vt-groningen',
        channel: 'telefoon',
        aard: ['ex-partnergeweld'],
        status: 'assessed',
        status_changed_at: at(30),
        assessment_outcome: 'onderzoek',
      }),
    ]);
    expect(rows('intake', 'melding_person')).toEqual([
      { person_id: victim.personId, melding_id: meldingId, role: 'victim', erased_at: null },
      { person_id: child.personId, melding_id: meldingId, role: 'child-involved', erased_at: null },
    ]);
    expect(rows('intake', 'melder')).toEqual([expect.objectContaining({ melding_id: meldingId, kind: 'professional', identity_sealed: false })]);
  });

  it('intake compares no personal field: names, BSNs and addresses are not among the columns', () => {
    const columns = SERVICE_MODELS.flatMap((model) => model.tables.flatMap((table) => Object.keys(table.columns)));
    for (const personal of ['name', 'bsn', 'birth_date', 'postcode', 'house_number', 'phone', 'email', 'account', 'question', 'advice']) expect(columns).not.toContain(personal);
  });

  it('crisis-triage: the intervention is confirmed once every person is, the assessment completes the open queue entry', () => {
    const done = assessment(true);
    const rows = replay(on(TOPICS.meldingen, received), on(TOPICS.triageAssessments, checked), on(TOPICS.triageAssessments, crisis), on(TOPICS.triageAssessments, confirmedBy(victim.personId, 5)));
    // One region model (docs/adr/0017): the queue and the crisis function are keyed by VT region; an intervention written
    // before it (crisisRegion VR01) is the one crisis-triage moved to the VT region of its gemeente.
    expect(rows('crisis-triage', 'crisis_intervention')).toEqual([expect.objectContaining({ intervention_id: interventionId, crisis_region: 'vt-groningen', status: 'open', persons: [victim, child] })]);
    expect(rows('crisis-triage', 'safety_assessment')).toEqual([expect.objectContaining({ melding_id: meldingId, region: 'vt-groningen', received_at: at(0), acute: true, status: 'open', assessment_id: null })]);

    const later = replay(
      on(TOPICS.meldingen, received),
      on(TOPICS.triageAssessments, checked),
      on(TOPICS.triageAssessments, crisis),
      on(TOPICS.triageAssessments, confirmedBy(victim.personId, 5)),
      on(TOPICS.triageAssessments, confirmedBy(child.personId, 6)),
      on(TOPICS.triageAssessments, done),
    );
    expect(later('crisis-triage', 'crisis_intervention')).toEqual([expect.objectContaining({ status: 'immediate-safety-confirmed' })]);
    expect(later('crisis-triage', 'crisis_action')).toHaveLength(2);
    expect(later('crisis-triage', 'safety_assessment')).toEqual([expect.objectContaining({ status: 'completed', outcome: 'onderzoek', taxatie: 'acuut', completed_by: 'user:triage-1', completed_at: at(30) })]);
  });

  it('crisis-triage timers: met, breached, extended, and completed late when the assessment came after a breach', () => {
    const timer = (...events: ReturnType<typeof event>[]) => replay(...events.map((e) => on(e.type.includes('Deadline') ? TOPICS.triageDeadlines : TOPICS.triageAssessments, e)))('crisis-triage', 'timer');
    expect(timer(started)).toEqual([expect.objectContaining({ timer_id: timerId, state: 'running', extensions: 0, due_at: facts.dueAt, completed_at: null })]);
    expect(timer(started, event(DEADLINE_MET, 'crisis-triage', { ...facts, metAt: at(30) }, at(30)))).toEqual([expect.objectContaining({ state: 'met', completed_at: at(30) })]);
    const breached = event(DEADLINE_BREACHED, 'crisis-triage', { ...facts, breachedAt: '2026-03-09T23:00:01.000Z' }, '2026-03-09T23:00:01.000Z');
    expect(timer(started, breached)).toEqual([expect.objectContaining({ state: 'breached', completed_at: null })]);
    expect(timer(started, breached, assessment(false))).toEqual([expect.objectContaining({ state: 'completed-late', completed_at: at(30) })]);
    const extended = event(DEADLINE_EXTENDED, 'crisis-triage', { ...facts, dueAt: '2026-03-23T23:00:00.000Z', previousDueAt: facts.dueAt, extension: 1, reason: 'more time', actor: 'user:triage-1' }, at(40));
    expect(timer(started, extended)).toEqual([expect.objectContaining({ state: 'running', extensions: 1, due_at: '2026-03-23T23:00:00.000Z' })]);
  });

  it('crisis-triage informing per person (ADR 0021): a clock per person, persons kept, recordings, met in time or late, and a melding-level clock superseded', () => {
    const informing = { ...facts, clock: 'informeren-betrokkenen', legalBasis: 'Wmo 2015 art. 5.3.1', counting: 'calendar-term', dueAt: '2026-03-30T22:00:00.000Z' };
    const legacy = randomUUID();
    const [victimClock, childClock] = [randomUUID(), randomUUID()];
    const deadlines = (e: ReturnType<typeof event>) => on(TOPICS.triageDeadlines, e);
    const events = [
      on(TOPICS.meldingen, received),
      on(TOPICS.triageAssessments, checked),
      deadlines(event(DEADLINE_STARTED, 'crisis-triage', { ...informing, timerId: legacy, approachingAt: informing.dueAt, warnings: [] }, at(1))),
      deadlines(event(DEADLINE_EXTENDED, 'crisis-triage', { ...informing, timerId: legacy, dueAt: '2026-04-13T22:00:00.000Z', previousDueAt: informing.dueAt, extension: 1, reason: 'buitenland', actor: 'user:t' }, at(2))),
      ...[
        [victimClock, victim],
        [childClock, child],
      ].map(([timer, person]) =>
        deadlines(event(DEADLINE_STARTED, 'crisis-triage', { ...informing, timerId: timer as string, personId: (person as PersonRef).personId, dueAt: '2026-04-13T22:00:00.000Z', approachingAt: informing.dueAt, warnings: [] }, at(3))),
      ),
      deadlines(
        event(
          DEADLINE_SUPERSEDED,
          'crisis-triage',
          { ...informing, timerId: legacy, dueAt: '2026-04-13T22:00:00.000Z', reason: 'informing-clock-per-person', supersededBy: [{ timerId: victimClock, personId: victim.personId }, { timerId: childClock, personId: child.personId }], supersededAt: at(3), actor: 'system:crisis-triage' },
          at(3),
        ),
      ),
      on(
        TOPICS.triageAssessments,
        event(INVOLVED_PERSON_INFORMED, 'crisis-triage', { informingId: randomUUID(), householdId, personId: victim.personId, role: 'victim', informedAt: at(10), method: 'gesprek', informedBy: 'user:i', metClocks: [{ timerId: victimClock, subjectId: meldingId, dueAt: '2026-04-13T22:00:00.000Z', inTime: true }], recordedAt: at(11), actor: 'user:i' }, at(11)),
      ),
      deadlines(event(DEADLINE_MET, 'crisis-triage', { ...informing, timerId: victimClock, personId: victim.personId, dueAt: '2026-04-13T22:00:00.000Z', metAt: at(10) }, at(11))),
      on(
        TOPICS.triageAssessments,
        event(INFORMING_WITHHELD, 'crisis-triage', { informingId: randomUUID(), householdId, personId: child.personId, role: 'child-involved', ground: 'bescherming-betrokkene', legalBasis: 'Wmo 2015 art. 5.3.1 [verify lid]', decidedAt: at(12), metClocks: [{ timerId: childClock, subjectId: meldingId, dueAt: '2026-04-13T22:00:00.000Z', inTime: false }], recordedAt: at(12), actor: 'user:t' }, at(12)),
      ),
    ];
    const rows = replay(...events);
    const timers = new Map(rows('crisis-triage', 'timer').map((row) => [row['timer_id'], row]));
    expect(timers.get(legacy)).toMatchObject({ person_id: null, state: 'superseded', completed_at: at(3), extensions: 1 });
    expect(timers.get(victimClock)).toMatchObject({ person_id: victim.personId, state: 'met', completed_at: at(10), extensions: 1 });
    expect(timers.get(childClock)).toMatchObject({ person_id: child.personId, state: 'completed-late', completed_at: at(12), extensions: 1 });
    expect(rows('crisis-triage', 'melding_person')).toEqual([
      { melding_id: meldingId, person_id: victim.personId, household_id: householdId, role: 'victim' },
      { melding_id: meldingId, person_id: child.personId, household_id: householdId, role: 'child-involved' },
    ]);
    expect(rows('crisis-triage', 'informing').map((row) => [row['person_id'], row['kind'], row['informed_at'], row['ground']])).toEqual([
      [victim.personId, 'informed', at(10), null],
      [child.personId, 'withheld', null, 'bescherming-betrokkene'],
    ]);
    // A melding whose informing clock ran per melding (never converted) keeps no persons.
    expect(replay(on(TOPICS.meldingen, received), on(TOPICS.triageAssessments, checked), events[2] as (typeof events)[0])('crisis-triage', 'melding_person')).toEqual([]);
  });

  it('safety-investigation: the phase follows the changes, and the record holds every event in log order', () => {
    const rows = replay(
      on(TOPICS.householdPhases, opened),
      on(TOPICS.householdPhases, safe(victim, 10)),
      on(TOPICS.householdPhases, safe(child, 11)),
      on(TOPICS.householdPhases, moved),
    );
    expect(rows('safety-investigation', 'household')).toEqual([{ household_id: householdId, phase: 'duurzame-veiligheid', gemeente_code: 'GM0014', vt_region: 'vt-groningen', opened_at: at(2) }]);
    expect(rows('safety-investigation', 'household_event').map((row) => [row['sequence'], row['event_id'], (row['type'] as string).split('.')[3]])).toEqual([
      [1, opened.id, 'HouseholdRecordOpened'],
      [2, expect.any(String), 'ImmediateSafetyConfirmed'],
      [3, expect.any(String), 'ImmediateSafetyConfirmed'],
      [4, moved.id, 'HouseholdPhaseChanged'],
    ]);
    // The v1 phase change is recorded as its newest version: a reason code, no clear text (ADR 0020).
    expect(rows('safety-investigation', 'household_event')[3]).toMatchObject({ type: 'nl.veiligthuis.household.HouseholdPhaseChanged.v2', data: upcastData(moved.type, moved.data).data, recorded_at: at(20) });
  });

  it('safety-investigation and referral: an investigation opens, a referral is issued', () => {
    const investigationId = randomUUID();
    const referralId = randomUUID();
    const rows = replay(
      on(TOPICS.investigations, event(INVESTIGATION_OPENED, 'safety-investigation', { investigationId, householdId, basedOn: { assessmentId: checkId, meldingId }, openedAt: at(31), actor: 'system:safety-investigation' }, at(31))),
      on(
        TOPICS.referrals,
        event(
          REFERRAL_ISSUED,
          'referral',
          {
            referralId,
            householdId,
            partnerId: 'lokaal-team-gm0014',
            partnerType: 'lokaal-team',
            gemeenteCode: 'GM0014',
            disclosure: { legalBasis: 'Wmo 2015 art. 4.1.1 lid 2 sub e', purpose: 'hulp', fields: [] },
            directoryVersion: 'v1',
            issuedAt: at(3),
            actor: 'system:referral',
          },
          at(3),
        ),
      ),
    );
    expect(rows('safety-investigation', 'investigation')).toEqual([{ investigation_id: investigationId, household_id: householdId, assessment_id: checkId, melding_id: meldingId, status: 'open', opened_at: at(31), conclusion: null, concluded_at: null, concluded_by: null, concluded_event_id: null }]);
    expect(rows('referral', 'referral')).toEqual([expect.objectContaining({ referral_id: referralId, partner_id: 'lokaal-team-gm0014', legal_basis: 'Wmo 2015 art. 4.1.1 lid 2 sub e' })]);
  });

  it('crisis-triage: an assessment monitoring asked for is keyed by the request and continues the household’s latest melding', () => {
    const request = newEvent({
      type: NEW_ASSESSMENT_REQUESTED,
      service: 'safety-investigation',
      householdId,
      data: { householdId, monitoringId: checkId, reason: 'not stable', requestedAt: at(50), actor: 'system:safety-investigation' },
      time: new Date(at(50)),
    });
    const open = replay(on(TOPICS.meldingen, received), on(TOPICS.triageAssessments, checked), on(TOPICS.triageAssessments, assessment(true)), on(TOPICS.householdPhases, request));
    expect(open('crisis-triage', 'safety_assessment')).toEqual([
      expect.objectContaining({ subject_id: meldingId, basis: 'melding', status: 'completed', monitoring_id: null }),
      expect.objectContaining({
        subject_id: request.id,
        basis: 'monitoring',
        melding_id: meldingId,
        household_id: householdId,
        region: 'vt-groningen',
        received_at: at(50),
        acute: null,
        status: 'open',
        monitoring_id: checkId,
      }),
    ]);
    const base = assessment(true).data;
    const completed = event(
      SAFETY_ASSESSMENT_COMPLETED,
      'crisis-triage',
      { ...base, assessmentId: randomUUID(), outcome: 'geen-vervolgstappen', completedAt: at(55), basedOn: { basis: 'monitoring', requestId: request.id, monitoringId: checkId } },
      at(55),
    );
    const done = replay(on(TOPICS.meldingen, received), on(TOPICS.triageAssessments, checked), on(TOPICS.triageAssessments, assessment(true)), on(TOPICS.householdPhases, request), on(TOPICS.triageAssessments, completed));
    const [first, second] = done('crisis-triage', 'safety_assessment');
    expect(first).toMatchObject({ subject_id: meldingId, outcome: 'onderzoek', completed_at: at(30) });
    expect(second).toMatchObject({ subject_id: request.id, status: 'completed', outcome: 'geen-vervolgstappen', completed_at: at(55) });
    // The melding's own status keeps the first assessment's outcome (intake moves forward only).
    expect(done('intake', 'melding')).toEqual([expect.objectContaining({ status: 'assessed', assessment_outcome: 'onderzoek' })]);
  });

  it('crisis-triage: a request that joined the open assessment is a join row, not an assessment of its own', () => {
    const request = newEvent({
      type: NEW_ASSESSMENT_REQUESTED,
      service: 'safety-investigation',
      householdId,
      data: { householdId, monitoringId: checkId, reason: 'nog steeds zorgen', requestedAt: at(10), actor: 'system:safety-investigation' },
      time: new Date(at(10)),
    });
    const joined = newEvent({
      type: ASSESSMENT_REQUEST_JOINED,
      service: 'crisis-triage',
      householdId,
      subject: request.id,
      causedBy: request,
      data: { householdId, requestId: request.id, monitoringId: checkId, reason: 'nog steeds zorgen', requestedAt: at(10), joinedSubjectId: meldingId, joinedAt: at(11), actor: 'system:crisis-triage' },
      time: new Date(at(11)),
    });
    // The melding's assessment is still open when the request comes: the request joins it.
    const rows = replay(on(TOPICS.meldingen, received), on(TOPICS.triageAssessments, checked), on(TOPICS.householdPhases, request), on(TOPICS.triageAssessments, joined));
    expect(rows('crisis-triage', 'safety_assessment')).toEqual([expect.objectContaining({ subject_id: meldingId, basis: 'melding', status: 'open' })]);
    expect(rows('crisis-triage', 'assessment_request_joined')).toEqual([
      { request_id: request.id, subject_id: meldingId, household_id: householdId, monitoring_id: checkId, requested_at: at(10), joined_at: at(11) },
    ]);
    // Completing the assessment it joined completes the one assessment; the join row stays as it was.
    const done = replay(on(TOPICS.meldingen, received), on(TOPICS.triageAssessments, checked), on(TOPICS.householdPhases, request), on(TOPICS.triageAssessments, joined), on(TOPICS.triageAssessments, assessment(true)));
    expect(done('crisis-triage', 'safety_assessment')).toEqual([expect.objectContaining({ subject_id: meldingId, status: 'completed', outcome: 'onderzoek' })]);
    expect(done('crisis-triage', 'assessment_request_joined')).toEqual([expect.objectContaining({ request_id: request.id, subject_id: meldingId })]);
    // Without the join fact the same request is an assessment of its own.
    expect(replay(on(TOPICS.meldingen, received), on(TOPICS.triageAssessments, checked), on(TOPICS.householdPhases, request))('crisis-triage', 'safety_assessment')).toHaveLength(2);
  });

  it('safety-investigation: plan steps, findings as ciphertext, the conclusion as published, huisverboden', () => {
    const investigationId = randomUUID();
    const stepId = randomUUID();
    const findingId = randomUUID();
    const huisverbodId = randomUUID();
    const ciphertext = { keyId: randomUUID(), alg: 'A256GCM', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' } as unknown as EventDataByType[typeof INVESTIGATION_FINDING_RECORDED]['finding'];
    const concluded: EventDataByType[typeof INVESTIGATION_CONCLUDED] = {
      investigationId,
      householdId,
      gemeenteCode: 'GM0014',
      basedOn: { assessmentId: checkId, meldingId },
      conclusion: { unsafety: true, risks: [] },
      safetyConditions: [],
      outcome: 'overdracht',
      handOverTo: [],
      concludedAt: at(45),
      actor: 'user:inv-1',
    } as unknown as EventDataByType[typeof INVESTIGATION_CONCLUDED];
    const huisverbod = { huisverbodId, householdId };
    const rows = replay(
      on(TOPICS.investigations, event(INVESTIGATION_OPENED, 'safety-investigation', { investigationId, householdId, basedOn: { assessmentId: checkId, meldingId }, openedAt: at(31), actor: 'system:safety-investigation' }, at(31))),
      on(TOPICS.investigations, event(INVESTIGATION_STEP_PLANNED, 'safety-investigation', { investigationId, householdId, stepId, kind: 'gesprek', personId: victim.personId, plannedAt: at(32), actor: 'user:inv-1' }, at(32))),
      on(TOPICS.investigations, event(INVESTIGATION_STEP_COMPLETED, 'safety-investigation', { investigationId, householdId, stepId, completedAt: at(33), actor: 'user:inv-2' }, at(33))),
      on(TOPICS.investigations, event(INVESTIGATION_FINDING_RECORDED, 'safety-investigation', { investigationId, householdId, findingId, personId: victim.personId, stepId, finding: ciphertext, recordedAt: at(34), actor: 'user:inv-1' }, at(34))),
      on(TOPICS.investigations, event(INVESTIGATION_CONCLUDED, 'safety-investigation', concluded, at(45))),
      on(
        TOPICS.investigations,
        event(
          HUISVERBOD_IMPOSED,
          'safety-investigation',
          { ...huisverbod, personId: child.personId, burgemeesterOf: 'GM0014', imposedAt: at(10), endsAt: '2026-03-12T09:10:00.000Z', maxEndsAt: '2026-03-30T09:10:00.000Z', legalBasis: 'Wtvh art. 2', recordedAt: at(11), actor: 'user:inv-1' },
          at(11),
        ),
      ),
      on(TOPICS.investigations, event(HUISVERBOD_EXTENDED, 'safety-investigation', { ...huisverbod, previousEndsAt: '2026-03-12T09:10:00.000Z', endsAt: '2026-03-30T09:10:00.000Z', decidedAt: at(12), reason: 'still unsafe', recordedAt: at(12), actor: 'user:inv-1' }, at(12))),
      on(TOPICS.investigations, event(HUISVERBOD_ENDED, 'safety-investigation', { ...huisverbod, endsAt: '2026-03-30T09:10:00.000Z', at: '2026-03-30T09:10:00.000Z', actor: 'system:safety-investigation' }, '2026-03-30T09:10:00.000Z')),
    );
    expect(rows('safety-investigation', 'investigation')).toEqual([expect.objectContaining({ status: 'concluded', conclusion: upcastData(INVESTIGATION_CONCLUDED, concluded).data, concluded_at: at(45), concluded_by: 'user:inv-1' })]);
    expect(rows('safety-investigation', 'investigation_step')).toEqual([
      { step_id: stepId, investigation_id: investigationId, kind: 'gesprek', person_id: victim.personId, third_party: null, legal_basis: null, planned_at: at(32), planned_by: 'user:inv-1', completed_at: at(33), completed_by: 'user:inv-2' },
    ]);
    expect(rows('safety-investigation', 'investigation_finding')).toEqual([
      { finding_id: findingId, investigation_id: investigationId, person_id: victim.personId, step_id: stepId, finding: ciphertext, recorded_at: at(34), recorded_by: 'user:inv-1' },
    ]);
    expect(rows('safety-investigation', 'huisverbod')).toEqual([expect.objectContaining({ huisverbod_id: huisverbodId, person_id: child.personId, ends_at: '2026-03-30T09:10:00.000Z', status: 'ended', recorded_at: at(11) })]);
  });

  it('referral: accepted, declined and re-routed along the partners tried, the household and terugkoppeling', () => {
    const first = randomUUID();
    const second = randomUUID();
    const issued = (referralId: string, partnerId: string, minute: number, rerouteOf?: string) =>
      event(
        REFERRAL_ISSUED,
        'referral',
        {
          referralId,
          householdId,
          partnerId,
          partnerType: 'lokaal-team',
          gemeenteCode: 'GM0014',
          disclosure: { legalBasis: 'Wmo 2015 art. 4.1.1 lid 2 sub e', purpose: 'hulp', fields: [] },
          directoryVersion: 'v1',
          issuedAt: at(minute),
          actor: 'system:referral',
          regionCode: 'vt-groningen',
          purpose: 'overdracht',
          basis: { eventType: SAFETY_ASSESSMENT_COMPLETED, eventId: randomUUID(), outcome: 'overdracht-lokaal-team' },
          answerDueAt: '2026-03-16T23:00:00.000Z',
          ...(rerouteOf ? { rerouteOf } : {}),
        } as EventDataByType[typeof REFERRAL_ISSUED],
        at(minute),
      );
    const declined = event(
      REFERRAL_DECLINED,
      'referral',
      { referralId: first, householdId, partnerId: 'lt-a', declinedAt: at(39), answeredBy: 'partner-user-1', answerId: randomUUID(), reason: { code: 'geen-capaciteit', text: 'vol' } } as EventDataByType[typeof REFERRAL_DECLINED],
      at(40),
    );
    const rerouted = event(REFERRAL_REROUTED, 'referral', { referralId: first, householdId, partnerId: 'lt-a', because: 'declined', toPartnerId: 'lt-b', toPartnerType: 'lokaal-team', newReferralId: second, reroutedAt: at(40) }, at(40));
    const accepted = event(REFERRAL_ACCEPTED, 'referral', { referralId: second, householdId, partnerId: 'lt-b', acceptedAt: at(49), answeredBy: 'partner-user-2', answerId: randomUUID() }, at(50));
    const conditions = event(SAFETY_CONDITIONS_RECORDED, 'safety-investigation', { householdId, conditions: ['geen-geweld'], handedOverTo: ['lokaal-team', 'melder'], recordedAt: at(35), actor: 'user:inv-1' }, at(35));
    const rows = replay(
      on(TOPICS.meldingen, received),
      on(TOPICS.householdPhases, conditions),
      on(TOPICS.referrals, issued(first, 'lt-a', 36)),
      on(TOPICS.referrals, declined),
      on(TOPICS.referrals, rerouted),
      on(TOPICS.referrals, issued(second, 'lt-b', 40, first)),
      on(TOPICS.referrals, accepted),
    );
    expect(rows('referral', 'referral')).toEqual([
      expect.objectContaining({ referral_id: first, status: 'rerouted', tried: ['lt-a'], answered_at: at(40), answered_by: 'partner-user-1', decline_code: 'geen-capaciteit', closed_at: at(40), outcome: 'overdracht-lokaal-team' }),
      expect.objectContaining({ referral_id: second, status: 'accepted', tried: ['lt-a', 'lt-b'], reroute_of: first, answered_at: at(50), answered_by: 'partner-user-2', closed_at: null, decline_code: null, answer_due_at: '2026-03-16T23:00:00.000Z' }),
    ]);
    const sorted = [victim, child].sort((a, b) => (a.personId < b.personId ? -1 : 1));
    expect(rows('referral', 'household')).toEqual([
      { household_id: householdId, gemeente_code: 'GM0014', region_code: 'vt-groningen', island: null, persons: sorted, safety_condition_count: 1, conditions_to_melder: true },
    ]);
    expect(rows('referral', 'partner_subscription')).toEqual([
      { partner_id: 'lt-a', since: at(36) },
      { partner_id: 'lt-b', since: at(40) },
    ]);
    expect(rows('referral', 'melding_feedback')).toEqual([{ melding_id: meldingId, household_id: householdId, feedback_due: true }]);
  });

  it('erasure: intake records it and clears the person’s row, both services destroy the key once; radar’s case follows the household', () => {
    const erasure = (erasureId: string, minute: number) =>
      event(
        PERSON_DATA_ERASED,
        'intake',
        { erasureId, personId: victim.personId, householdId, subjectKind: 'person', erasedAt: at(minute), reason: 'verzoek-betrokkene', legalBasis: 'AVG art. 17', actor: 'user:privacy-1' } as EventDataByType[typeof PERSON_DATA_ERASED],
        at(minute),
      );
    const firstErasure = randomUUID();
    const closed = event(HOUSEHOLD_PHASE_CHANGED, 'safety-investigation', { ...moved.data, from: 'duurzame-veiligheid', to: 'gesloten', changedAt: at(58) }, at(58));
    const rows = replay(
      on(TOPICS.meldingen, received),
      on(TOPICS.householdPhases, opened),
      on(TOPICS.householdPhases, closed),
      on(TOPICS.householdPhases, moved),
      on(TOPICS.privacyErasures, erasure(firstErasure, 59)),
      on(TOPICS.privacyErasures, erasure(randomUUID(), 60)),
    );
    expect(rows('intake', 'melding_person')).toEqual([
      { person_id: victim.personId, melding_id: meldingId, role: 'victim', erased_at: at(59) },
      { person_id: child.personId, melding_id: meldingId, role: 'child-involved', erased_at: null },
    ]);
    expect(rows('intake', 'person_erasure')).toEqual([
      { person_id: victim.personId, erasure_id: firstErasure, household_id: householdId, subject_kind: 'person', reason: 'verzoek-betrokkene', request_id: null, erased_at: at(59), actor: 'user:privacy-1' },
    ]);
    const destroyed = [{ person_id: victim.personId, destroyed_reason: `verzoek-betrokkene (erasure ${firstErasure})` }];
    expect(rows('intake', 'person_key')).toEqual(destroyed);
    expect(rows('safety-investigation', 'person_key')).toEqual(destroyed);
    // A phase change older than the case's latest fact does not reopen it (the live upsert keeps the newest).
    expect(rows('intake', 'household_case')).toEqual([
      { household_id: householdId, status: 'closed', updated_at: at(58), record_status: 'closed', handed_over_at: null, directe_veiligheid_at: at(2), closed_by: 'gesloten' },
    ]);
  });

  it('intake: radar counts a case handed over by an accepted overdracht as closed, until the household enters directe veiligheid again (docs/adr/0018)', () => {
    const handedOver = event(
      HOUSEHOLD_HANDED_OVER,
      'safety-investigation',
      {
        householdId,
        referralId: randomUUID(),
        partnerId: 'lokaal-team-gm0014',
        partnerType: 'lokaal-team',
        acceptedAt: at(39),
        basis: { eventType: 'nl.veiligthuis.referral.ReferralAccepted.v1', eventId: randomUUID(), outcome: 'overdracht-lokaal-team' },
        actor: 'system:safety-investigation',
      },
      at(40),
    );
    const acute = event(HOUSEHOLD_PHASE_CHANGED, 'safety-investigation', { ...moved.data, command: 'RegisterAcuteIncident', from: 'duurzame-veiligheid', to: 'directe-veiligheid', changedAt: at(50) }, at(50));
    const handedOverRows = replay(on(TOPICS.householdPhases, opened), on(TOPICS.householdPhases, moved), on(TOPICS.householdPhases, handedOver));
    expect(handedOverRows('intake', 'household_case')).toEqual([
      { household_id: householdId, status: 'closed', updated_at: at(20), record_status: 'open', handed_over_at: at(40), directe_veiligheid_at: at(2), closed_by: 'overdracht' },
    ]);
    const reopened = replay(on(TOPICS.householdPhases, opened), on(TOPICS.householdPhases, moved), on(TOPICS.householdPhases, handedOver), on(TOPICS.householdPhases, acute));
    expect(reopened('intake', 'household_case')).toEqual([
      { household_id: householdId, status: 'open', updated_at: at(50), record_status: 'open', handed_over_at: at(40), directe_veiligheid_at: at(50), closed_by: null },
    ]);
  });
});

describe('folding in the rebuild’s worker thread', () => {
  const log = [
    on(TOPICS.meldingen, received),
    on(TOPICS.triageAssessments, checked),
    on(TOPICS.triageAssessments, crisis),
    on(TOPICS.triageAssessments, confirmedBy(victim.personId, 5)),
    on(TOPICS.triageDeadlines, started),
    on(TOPICS.triageAssessments, assessment(false)),
    on(TOPICS.householdPhases, opened),
    on(TOPICS.householdPhases, safe(victim, 10)),
    on(TOPICS.householdPhases, safe(child, 11)),
    on(TOPICS.householdPhases, moved),
  ];
  // Raw records as read from the log, superseded types among them (folded as their newest version), and three that are no CloudEvent.
  const records: { topic: string; value: Buffer | null }[] = [
    ...log.map(({ topic, event: e }) => ({ topic, value: Buffer.from(JSON.stringify(e), 'utf8') })),
    { topic: TOPICS.meldingen, value: Buffer.from('not json', 'utf8') },
    { topic: TOPICS.meldingen, value: null },
    { topic: TOPICS.meldingen, value: Buffer.from('{"no":"type"}', 'utf8') },
  ];
  const tablesOf = (tables: { model: { service: string }; spec: { table: string }; rows: Row[] }[]) => tables.map((t) => [t.model.service, t.spec.table, t.rows]);

  it('gives the same rows and counts as folding on this thread', async () => {
    const here = new RecordFold([...SERVICE_MODELS]);
    for (const record of records) here.add(record.topic, record.value);
    expect({ events: here.events, unreadable: here.unreadableRecords }).toEqual({ events: log.length, unreadable: 3 });
    const worker = FoldWorker.start([...SERVICE_MODELS]) as FoldWorker;
    expect(worker).toBeDefined();
    try {
      // In log order, in batches of one topic as the reader hands them over.
      for (let start = 0; start < records.length; ) {
        const topic = (records[start] as (typeof records)[number]).topic;
        let end = start;
        while (end < records.length && records[end]?.topic === topic) end++;
        await worker.add(topic, records.slice(start, end).map((record) => record.value));
        start = end;
      }
      const got = await worker.rows();
      expect({ events: got.events, unreadable: got.unreadableRecords }).toEqual({ events: here.events, unreadable: here.unreadableRecords });
      expect(tablesOf(got.tables)).toEqual(tablesOf(here.rows()));
      expect(got.tables.filter((t) => t.rows.length > 0).length).toBeGreaterThan(5);
    } finally {
      await worker.stop();
    }
  });

  it('fails the rebuild when the worker is gone, rather than give the rows folded so far', async () => {
    const worker = FoldWorker.start([...SERVICE_MODELS]) as FoldWorker;
    await worker.add(TOPICS.meldingen, [records[0]?.value ?? null]);
    await worker.stop();
    await worker.add(TOPICS.triageAssessments, [records[1]?.value ?? null]);
    await expect(worker.rows()).rejects.toThrow(/fold worker/);
  });
});
