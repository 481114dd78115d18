import { randomUUID } from 'node:crypto';
import {
  ACUTE_CHECK_COMPLETED,
  CRISIS_ACTION_RECORDED,
  CRISIS_INTERVENTION_REQUESTED,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DeadlineFacts,
  PersonRef,
  EventDataByType,
  EventType,
  HOUSEHOLD_PHASE_CHANGED,
  HOUSEHOLD_RECORD_OPENED,
  IMMEDIATE_SAFETY_CONFIRMED,
  INVESTIGATION_OPENED,
  MELDING_RECEIVED,
  newEvent,
  REFERRAL_ISSUED,
  SAFETY_ASSESSMENT_COMPLETED,
  TOPICS,
} from '@vt/contracts';
import { ModelFold, Row } from './model';
import { SERVICE_MODELS } from './models';

const householdId = randomUUID();
const meldingId = randomUUID();
const victim = { personId: randomUUID(), role: 'victim' as const };
const child = { personId: randomUUID(), role: 'child-involved' as const };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();

function event<T extends EventType>(type: T, service: string, data: EventDataByType[T], time: string) {
  return newEvent({ type, service, householdId, data, time: new Date(time) });
}

function replay(...events: { topic: string; event: ReturnType<typeof event> }[]) {
  const fold = new ModelFold([...SERVICE_MODELS]);
  for (const e of events) fold.apply(e);
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
      { person_id: victim.personId, melding_id: meldingId, role: 'victim' },
      { person_id: child.personId, melding_id: meldingId, role: 'child-involved' },
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
    expect(rows('crisis-triage', 'crisis_intervention')).toEqual([expect.objectContaining({ intervention_id: interventionId, status: 'open', persons: [victim, child] })]);
    expect(rows('crisis-triage', 'safety_assessment')).toEqual([expect.objectContaining({ melding_id: meldingId, region: 'VR01', received_at: at(0), acute: true, status: 'open', assessment_id: null })]);

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

  it('safety-investigation: the phase follows the changes, and the record holds every event in log order', () => {
    const rows = replay(
      on(TOPICS.householdPhases, opened),
      on(TOPICS.householdPhases, safe(victim, 10)),
      on(TOPICS.householdPhases, safe(child, 11)),
      on(TOPICS.householdPhases, moved),
    );
    expect(rows('safety-investigation', 'household')).toEqual([{ household_id: householdId, phase: 'duurzame-veiligheid', gemeente_code: 'GM0014', opened_at: at(2) }]);
    expect(rows('safety-investigation', 'household_event').map((row) => [row['sequence'], row['event_id'], (row['type'] as string).split('.')[3]])).toEqual([
      [1, opened.id, 'HouseholdRecordOpened'],
      [2, expect.any(String), 'ImmediateSafetyConfirmed'],
      [3, expect.any(String), 'ImmediateSafetyConfirmed'],
      [4, moved.id, 'HouseholdPhaseChanged'],
    ]);
    expect(rows('safety-investigation', 'household_event')[3]).toMatchObject({ data: moved.data, recorded_at: at(20) });
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
    expect(rows('safety-investigation', 'investigation')).toEqual([{ investigation_id: investigationId, household_id: householdId, assessment_id: checkId, melding_id: meldingId, status: 'open', opened_at: at(31), concluded_at: null, concluded_by: null }]);
    expect(rows('referral', 'referral')).toEqual([expect.objectContaining({ referral_id: referralId, partner_id: 'lokaal-team-gm0014', legal_basis: 'Wmo 2015 art. 4.1.1 lid 2 sub e' })]);
  });
});
