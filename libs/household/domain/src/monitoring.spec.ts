import {
  HOUSEHOLD_PHASE_CHANGED_V2,
  MONITORING_CHECK_IN_DUE,
  MONITORING_CHECK_IN_OVERDUE,
  MONITORING_RESULT_RECORDED_V2,
  MONITORING_STARTED,
  NEW_ASSESSMENT_REQUESTED_V2,
  SAFETY_CONDITIONS_RECORDED_V2,
  SUSTAINABLE_SAFETY_CONFIRMED,
} from '@vt/contracts';
import { ApplyInvestigationConclusion, decide, HouseholdCommand, RegisterMonitoringCheckInOverdue, WorkflowCommand } from './household.decider';
import { aboutHousehold, given, history, householdId, inDirecteVeiligheid, inDuurzameVeiligheid, investigator, now, system } from './household.fixtures';
import { answerWithinFor, durationMs, MonitoringConfig, MonitoringPlan, planMonitoring, validateMonitoringConfig } from './monitoring.plan';

const config: MonitoringConfig = { version: 'test/1', default: { interval: 'P28D', duration: 'P84D' }, regions: { 'vt-amsterdam-amstelland': { interval: 'P14D' } } };
const monitoringId = '9c8b7a65-4321-4fed-8cba-987654321000';
const plan = (start = now): MonitoringPlan => planMonitoring(config, 'vt-groningen', start, monitoringId);
const conditionsWithMonitoring = (): WorkflowCommand => ({ type: 'RecordSafetyConditions', conditions: aboutHousehold('no violence in the presence of the children'), conditionCount: 1, handedOverTo: ['lokaal-team-gm0363'], monitoring: plan(), actor: investigator });
const checkIn = (n: number): WorkflowCommand => ({ type: 'RegisterMonitoringCheckInDue', monitoringId, checkIn: n, actor: system });
const overdue = (n: number): RegisterMonitoringCheckInOverdue => ({ type: 'RegisterMonitoringCheckInOverdue', monitoringId, checkIn: n, answerWithin: 'P7D', actor: system });
const found = (stable: boolean) => aboutHousehold(stable ? 'calm' : 'new incident reported by school');
const result = (stable: boolean, followUp?: 'directe-veiligheid' | 'new-assessment'): WorkflowCommand => ({ type: 'RecordMonitoringResult', stable, reason: found(stable), ...(followUp ? { followUp } : {}), actor: investigator });
const conclusionConditions = aboutHousehold('father does not drink at home');
const conclusion = (outcome: ApplyInvestigationConclusion['outcome'], unsafety: boolean): ApplyInvestigationConclusion => ({
  type: 'ApplyInvestigationConclusion',
  investigationId: '3c8b7a65-4321-4fed-8cba-987654321000',
  outcome,
  unsafety,
  ...(outcome === 'voorwaarden-en-vervolg' ? { safetyConditions: conclusionConditions } : {}),
  safetyConditionCount: outcome === 'voorwaarden-en-vervolg' ? 1 : 0,
  handOverTo: outcome === 'voorwaarden-en-vervolg' ? ['lokaal-team'] : [],
  ...(outcome === 'voorwaarden-en-vervolg' ? { monitoring: plan() } : {}),
  actor: investigator,
});
const phaseOf = (events: ReturnType<typeof history>): string | undefined => {
  const state = given(...events);
  return state.status === 'recorded' ? state.phase : undefined;
};

describe('monitoring configuration and plan', () => {
  it('reads durations in weeks, days and time', () => {
    expect(durationMs('P2W')).toBe(14 * 86_400_000);
    expect(durationMs('P14D')).toBe(14 * 86_400_000);
    expect(durationMs('PT1H30M')).toBe(90 * 60_000);
    expect(durationMs('PT2S')).toBe(2000);
    expect(() => durationMs('14 days')).toThrow('"14 days" is not a duration');
  });

  it('given the default of every 4 weeks for 12 weeks, then check-ins fall at weeks 4, 8 and 12, the last at the end', () => {
    expect(plan()).toEqual({
      monitoringId,
      region: 'default',
      configVersion: 'test/1',
      interval: 'P28D',
      duration: 'P84D',
      checkInsDueAt: ['2026-12-26T10:00:00.000Z', '2027-01-23T10:00:00.000Z', '2027-02-20T10:00:00.000Z'],
      startedAt: now.toISOString(),
      endsAt: '2027-02-20T10:00:00.000Z',
    });
  });

  it('given a region override of the interval, then that region checks in every 2 weeks over the default period', () => {
    const regional = planMonitoring(config, 'vt-amsterdam-amstelland', now, monitoringId);
    expect(regional).toMatchObject({ region: 'vt-amsterdam-amstelland', interval: 'P14D', duration: 'P84D' });
    expect(regional.checkInsDueAt).toHaveLength(6);
  });

  it('refuses a configuration whose interval is longer than its period, naming the region', () => {
    expect(() => validateMonitoringConfig({ version: '1', default: { interval: 'P14D', duration: 'P84D' }, regions: { 'vt-fryslan': { interval: 'P100D' } } }, 'x.json')).toThrow(
      'monitoring configuration x.json: vt-fryslan: the interval (P100D) is longer than the duration (P84D)',
    );
    expect(() => validateMonitoringConfig({ version: '1', default: { interval: 'soon', duration: 'P84D' } }, 'x.json')).toThrow('default.interval');
  });
});

describe('monitoring: Voorwaarden & Vervolg drives the phase', () => {
  it('given duurzame veiligheid, when conditions are recorded with a plan, then monitoring starts with its check-ins', () => {
    const events = decide(conditionsWithMonitoring(), given(...inDuurzameVeiligheid()), now);
    expect(events.map((event) => event.type)).toEqual([SAFETY_CONDITIONS_RECORDED_V2, MONITORING_STARTED]);
    expect(events[1]).toMatchObject({ data: { householdId, monitoringId, checkInsDueAt: plan().checkInsDueAt, actor: investigator } });
  });

  it('announces each check-in once, and not one of a replaced period', () => {
    const before = history(...([] as WorkflowCommand[])).concat(inDuurzameVeiligheid(), decide(conditionsWithMonitoring(), given(...inDuurzameVeiligheid()), now));
    const first = decide(checkIn(1), given(...before), now);
    expect(first).toEqual([{ type: MONITORING_CHECK_IN_DUE, data: { householdId, monitoringId, checkIn: 1, of: 3, dueAt: plan().checkInsDueAt[0], actor: system } }]);
    expect(decide(checkIn(1), given(...before, ...first), now)).toEqual([]);
    expect(decide({ type: 'RegisterMonitoringCheckInDue', monitoringId: householdId, checkIn: 2, actor: system }, given(...before, ...first), now)).toEqual([]);
  });

  it('given every check-in due and every result stable, when the last result is stable, then sustainable safety is confirmed and the household moves to herstel', () => {
    const base = [...inDuurzameVeiligheid()];
    const steps: WorkflowCommand[] = [conditionsWithMonitoring(), checkIn(1), result(true), checkIn(2), result(true), checkIn(3)];
    const events = [...base];
    for (const step of steps) events.push(...decide(step, given(...events), now));
    const last = decide(result(true), given(...events), now);
    expect(last.map((event) => event.type)).toEqual([MONITORING_RESULT_RECORDED_V2, SUSTAINABLE_SAFETY_CONFIRMED, HOUSEHOLD_PHASE_CHANGED_V2]);
    expect(last[1]).toMatchObject({ data: { monitoringId, checkIns: 3, stableResults: 3 } });
    expect(last[2]).toMatchObject({ data: { command: 'RecordMonitoringResult', from: 'duurzame-veiligheid', to: 'herstel', reasonCode: 'monitoring-period-stable' } });
    expect(last[2]?.data).not.toHaveProperty('explanation');
    expect(phaseOf([...events, ...last])).toBe('herstel');
  });

  it('given a stable result before the last check-in fell due, then nothing is confirmed yet', () => {
    const events = [...inDuurzameVeiligheid()];
    for (const step of [conditionsWithMonitoring(), checkIn(1)]) events.push(...decide(step, given(...events), now));
    expect(decide(result(true), given(...events), now).map((event) => event.type)).toEqual([MONITORING_RESULT_RECORDED_V2]);
  });

  it('given a check-in nobody answered, then a stable result at the end confirms nothing until another stable result makes up for it', () => {
    const events = [...inDuurzameVeiligheid()];
    for (const step of [conditionsWithMonitoring(), checkIn(1), result(true), checkIn(2), checkIn(3)]) events.push(...decide(step, given(...events), now));
    const second = decide(result(true), given(...events), now);
    expect(second.map((event) => event.type)).toEqual([MONITORING_RESULT_RECORDED_V2]);
    events.push(...second);
    const third = decide(result(true), given(...events), now);
    expect(third.map((event) => event.type)).toEqual([MONITORING_RESULT_RECORDED_V2, SUSTAINABLE_SAFETY_CONFIRMED, HOUSEHOLD_PHASE_CHANGED_V2]);
    expect(third[1]).toMatchObject({ data: { checkIns: 3, stableResults: 3 } });
  });

  it('given a check-in that fell due and no result by its answer time, then it is announced overdue, once; a check-in answered in time is not', () => {
    const events = [...inDuurzameVeiligheid()];
    for (const step of [conditionsWithMonitoring(), checkIn(1), result(true), checkIn(2)]) events.push(...decide(step, given(...events), now));
    expect(decide(overdue(1), given(...events), now)).toEqual([]);
    const late = decide(overdue(2), given(...events), now);
    expect(late).toEqual([
      {
        type: MONITORING_CHECK_IN_OVERDUE,
        data: { householdId, monitoringId, checkIn: 2, of: 3, dueAt: plan().checkInsDueAt[1], answerWithin: 'P7D', overdueAt: now.toISOString(), resultsRecorded: 1, actor: system },
      },
    ]);
    expect(decide(overdue(2), given(...events, ...late), now)).toEqual([]);
    // Overdue changes nothing else: a later stable result still counts, and the phase stays.
    expect(phaseOf([...events, ...late])).toBe('duurzame-veiligheid');
  });

  it('announces nothing overdue for a check-in not yet due, a replaced or ended period, or a household without a record', () => {
    const events = [...inDuurzameVeiligheid()];
    for (const step of [conditionsWithMonitoring(), checkIn(1)] as HouseholdCommand[]) events.push(...decide(step, given(...events), now));
    expect(decide(overdue(2), given(...events), now)).toEqual([]);
    expect(decide({ ...overdue(1), monitoringId: householdId }, given(...events), now)).toEqual([]);
    const back = decide(result(false, 'directe-veiligheid'), given(...events), now);
    expect(decide(overdue(1), given(...events, ...back), now)).toEqual([]);
    expect(decide(overdue(1), given(), now)).toEqual([]);
  });

  it('takes the answer time from the region, else the default, else a week', () => {
    expect(answerWithinFor(config, 'vt-amsterdam-amstelland')).toBe('P7D');
    const withAnswers: MonitoringConfig = { ...config, default: { ...config.default, answerWithin: 'P5D' }, regions: { 'vt-amsterdam-amstelland': { answerWithin: 'P2D' } } };
    expect(answerWithinFor(withAnswers, 'vt-amsterdam-amstelland')).toBe('P2D');
    expect(answerWithinFor(withAnswers, 'vt-groningen')).toBe('P5D');
    expect(() => validateMonitoringConfig({ version: '1', default: { interval: 'P14D', duration: 'P84D', answerWithin: 'soon' } }, 'x.json')).toThrow('default.answerWithin');
  });

  it('given one unstable result in the period, then a stable one at the end confirms nothing', () => {
    const events = [...inDuurzameVeiligheid()];
    for (const step of [conditionsWithMonitoring(), checkIn(1), result(false), checkIn(2), checkIn(3)]) events.push(...decide(step, given(...events), now));
    expect(decide(result(true), given(...events), now).map((event) => event.type)).toEqual([MONITORING_RESULT_RECORDED_V2]);
  });

  it('when a result is not stable with follow-up directe-veiligheid, then the household goes back there and monitoring ends', () => {
    const events = [...inDuurzameVeiligheid()];
    for (const step of [conditionsWithMonitoring(), checkIn(1)]) events.push(...decide(step, given(...events), now));
    const back = decide(result(false, 'directe-veiligheid'), given(...events), now);
    expect(back.map((event) => event.type)).toEqual([MONITORING_RESULT_RECORDED_V2, HOUSEHOLD_PHASE_CHANGED_V2]);
    expect(back[0]).toMatchObject({ data: { stable: false, followUp: 'directe-veiligheid', monitoringId } });
    // Rule (ADR 0020): the reason is a code; what the monitoring found is the investigator's explanation, still sealed.
    expect(back[1]).toMatchObject({ data: { command: 'RecordMonitoringResult', to: 'directe-veiligheid', reasonCode: 'monitoring-found-safety-not-stable', explanation: found(false) } });
    const after = given(...events, ...back);
    expect(after).toMatchObject({ phase: 'directe-veiligheid', monitoringPeriod: null });
    expect(decide(checkIn(2), after, now)).toEqual([]);
  });

  it('when a result is not stable with follow-up new-assessment, then a new assessment is requested and the phase stays', () => {
    const events = [...inDuurzameVeiligheid()];
    events.push(...decide(conditionsWithMonitoring(), given(...events), now));
    const requested = decide(result(false, 'new-assessment'), given(...events), now);
    expect(requested.map((event) => event.type)).toEqual([MONITORING_RESULT_RECORDED_V2, NEW_ASSESSMENT_REQUESTED_V2]);
    // The request carries the same sealed reason as the result (household's key); crisis-triage never sees it in clear.
    expect(requested[1]).toMatchObject({ data: { householdId, monitoringId, reason: found(false) } });
    expect(phaseOf([...events, ...requested])).toBe('duurzame-veiligheid');
  });
});

describe('investigation outcomes feed the household record', () => {
  it('given directe veiligheid, when the investigation concludes voorwaarden-en-vervolg, then the conditions are recorded and monitoring starts', () => {
    const events = decide(conclusion('voorwaarden-en-vervolg', true), given(...inDirecteVeiligheid()), now);
    expect(events.map((event) => event.type)).toEqual([SAFETY_CONDITIONS_RECORDED_V2, MONITORING_STARTED]);
    expect(events[0]).toMatchObject({ data: { conditions: conclusionConditions, conditionCount: 1, handedOverTo: ['lokaal-team'] } });
  });

  it('when the investigation concludes afsluiten without unsafety, then the record is closed on that basis', () => {
    const events = decide(conclusion('afsluiten', false), given(...inDuurzameVeiligheid()), now);
    expect(events).toMatchObject([{ type: HOUSEHOLD_PHASE_CHANGED_V2, data: { command: 'ApplyInvestigationConclusion', to: 'gesloten', reasonCode: 'investigation-found-no-unsafety', basedOn: { investigation: { outcome: 'afsluiten', unsafety: false } } } }]);
  });

  it('when it concludes overdracht, verzoek-rvdk, or afsluiten with unsafety, then the phase is left to what follows', () => {
    for (const [outcome, unsafety] of [['overdracht', true], ['verzoek-rvdk', true], ['afsluiten', true]] as const) {
      expect(decide(conclusion(outcome, unsafety), given(...inDirecteVeiligheid()), now)).toEqual([]);
    }
  });
});
