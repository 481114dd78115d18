import {
  HOUSEHOLD_COMMANDS,
  HOUSEHOLD_PHASE_CHANGE_REFUSED,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HouseholdCommandName,
  HouseholdPhase,
  IMMEDIATE_SAFETY_CONFIRMED_V2,
  MONITORING_RESULT_RECORDED_V2,
  SAFETY_CONDITIONS_RECORDED_V2,
} from '@vt/contracts';
import { decide, HouseholdEvent, phaseTransition, TextSealedForAnotherSubject, WorkflowCommand } from './household.decider';
import {
  aboutHousehold,
  accepted,
  acuteIncident,
  child,
  close,
  closed,
  completed,
  conditions,
  conditionsText,
  confirm,
  everyoneConfirmed,
  given,
  history,
  householdId,
  inDirecteVeiligheid,
  inDuurzameVeiligheid,
  inHerstel,
  investigator,
  melding,
  minutesLater,
  monitoring,
  monitoringReason,
  nobodyTakesOver,
  now,
  openRecord,
  partner,
  readyForHerstel,
  sealed,
  toDuurzameVeiligheid,
  toHerstel,
  victim,
} from './household.fixtures';
import { describeRefusal, refusalIn } from './household.refusals';
import { allowedMoves, TRANSITIONS } from './household.transitions';

const phaseAfter = (events: HouseholdEvent[]): string | undefined => {
  const state = given(...events);
  return state.status === 'recorded' ? state.phase : undefined;
};

const ALLOWED_IN = {
  'directe-veiligheid': [
    { command: 'RegisterMelding' },
    { command: 'ConfirmImmediateSafety' },
    { command: 'ApplyInvestigationConclusion' },
    { command: 'RegisterMonitoringCheckInDue' },
    { command: 'MoveToDuurzameVeiligheid', to: 'duurzame-veiligheid' },
    { command: 'RegisterAcuteIncident', to: 'directe-veiligheid' },
    { command: 'CloseHousehold', to: 'gesloten' },
    { command: 'RegisterHandover', to: 'duurzame-veiligheid' },
    { command: 'RegisterHandoverCompleted' },
    { command: 'RegisterHandoverFailed' },
  ],
  'duurzame-veiligheid': [
    { command: 'RegisterMelding' },
    { command: 'ConfirmImmediateSafety' },
    { command: 'RecordSafetyConditions' },
    { command: 'RecordMonitoringResult' },
    { command: 'ApplyInvestigationConclusion' },
    { command: 'RegisterMonitoringCheckInDue' },
    { command: 'MoveToHerstel', to: 'herstel' },
    { command: 'RegisterAcuteIncident', to: 'directe-veiligheid' },
    { command: 'CloseHousehold', to: 'gesloten' },
    { command: 'RegisterHandover' },
    { command: 'RegisterHandoverCompleted' },
    { command: 'RegisterHandoverFailed' },
  ],
  herstel: [
    { command: 'RegisterMelding' },
    { command: 'ConfirmImmediateSafety' },
    { command: 'RecordMonitoringResult' },
    { command: 'ApplyInvestigationConclusion' },
    { command: 'RegisterMonitoringCheckInDue' },
    { command: 'RegisterAcuteIncident', to: 'directe-veiligheid' },
    { command: 'CloseHousehold', to: 'gesloten' },
    { command: 'RegisterHandover' },
    { command: 'RegisterHandoverCompleted' },
    { command: 'RegisterHandoverFailed' },
  ],
  gesloten: [{ command: 'RegisterMelding', to: 'directe-veiligheid' }, { command: 'RegisterHandover' }, { command: 'RegisterHandoverCompleted' }, { command: 'RegisterHandoverFailed' }],
};

describe('household phases: the transition table', () => {
  it.each(Object.entries(ALLOWED_IN))('from %s, allows exactly these moves', (phase, allowed) => {
    expect(allowedMoves(phase as HouseholdPhase)).toEqual(allowed);
  });

  it('maps a requested target phase to its command; back to directe-veiligheid is an acute incident; the explanation travels sealed, if given', () => {
    const r = aboutHousehold('r');
    expect(phaseTransition('duurzame-veiligheid', r, investigator).type).toBe('MoveToDuurzameVeiligheid');
    expect(phaseTransition('herstel', r, investigator).type).toBe('MoveToHerstel');
    expect(phaseTransition('directe-veiligheid', r, investigator).type).toBe('RegisterAcuteIncident');
    expect(phaseTransition('gesloten', r, investigator)).toEqual({ type: 'CloseHousehold', explanation: r, actor: investigator });
    expect(phaseTransition('gesloten', undefined, investigator)).toEqual({ type: 'CloseHousehold', actor: investigator });
  });

  // A household in each phase where every guard of that phase's moves holds.
  const ready: Record<HouseholdPhase, () => HouseholdEvent[]> = { 'directe-veiligheid': everyoneConfirmed, 'duurzame-veiligheid': readyForHerstel, herstel: inHerstel, gesloten: closed };
  const sample: Record<HouseholdCommandName, WorkflowCommand> = {
    RegisterMelding: melding({ acute: false }),
    ConfirmImmediateSafety: confirm(victim),
    MoveToDuurzameVeiligheid: toDuurzameVeiligheid(),
    RecordSafetyConditions: conditions(),
    RecordMonitoringResult: monitoring(true),
    MoveToHerstel: toHerstel(),
    RegisterAcuteIncident: acuteIncident(),
    CloseHousehold: close(),
    ApplyInvestigationConclusion: { type: 'ApplyInvestigationConclusion', investigationId: householdId, outcome: 'overdracht', unsafety: true, safetyConditionCount: 0, handOverTo: ['lokaal-team'], actor: investigator },
    RegisterMonitoringCheckInDue: { type: 'RegisterMonitoringCheckInDue', monitoringId: householdId, checkIn: 1, actor: investigator },
    RegisterHandover: accepted(),
    RegisterHandoverCompleted: completed(),
    RegisterHandoverFailed: nobodyTakesOver(),
  };
  const cells = (Object.keys(TRANSITIONS) as HouseholdPhase[]).flatMap((phase) => HOUSEHOLD_COMMANDS.map((command) => ({ phase, command, target: (TRANSITIONS[phase] as Partial<Record<HouseholdCommandName, string>>)[command] })));

  it.each(cells.filter((cell) => cell.target !== undefined).map((cell) => [cell.phase, cell.command, cell.target === 'stays' ? cell.phase : cell.target] as const))(
    'given a household in %s whose guards hold, when %s, then it is in %s',
    (phase, command, target) => {
      const before = ready[phase]();
      const events = decide(sample[command], given(...before), now);
      expect(refusalIn(events)).toBeUndefined();
      expect(phaseAfter([...before, ...events])).toBe(target);
    },
  );

  // A check-in of a closed record's ended monitoring is silently not announced (a timer asked, not a person).
  it.each(cells.filter((cell) => cell.target === undefined && cell.command !== 'RegisterMonitoringCheckInDue').map((cell) => [cell.phase, cell.command] as const))('given a household in %s, when %s, then it is refused naming the allowed moves', (phase, command) => {
    const before = ready[phase]();
    const events = decide(sample[command], given(...before), now);
    expect(events).toEqual([
      {
        type: HOUSEHOLD_PHASE_CHANGE_REFUSED,
        data: { householdId, command, phase, reason: phase === 'gesloten' ? 'household-closed' : 'not-allowed-in-phase', missing: [], allowed: ALLOWED_IN[phase], refusedAt: now.toISOString(), actor: sample[command].actor },
      },
    ]);
    expect(phaseAfter([...before, ...events])).toBe(phase);
  });
});

describe('household phases: directe veiligheid', () => {
  // Rule (ADR 0020, ISSUE-11 plan "Free text"): how a person's immediate safety was realised is text about that
  // person; it enters the record and the event only sealed under that person's key, and the decider keeps it as it is.
  it('given a household in directe-veiligheid, when immediate safety is confirmed for a person, then that person is confirmed with who, when and how (sealed under the person\'s key)', () => {
    const how = sealed(victim.personId, 'moved to a safe address with her sister');
    const events = decide(confirm(victim, 'moved to a safe address with her sister'), given(...inDirecteVeiligheid()), now);
    expect(events).toEqual([{ type: IMMEDIATE_SAFETY_CONFIRMED_V2, data: { householdId, personId: victim.personId, role: 'victim', how, confirmedAt: now.toISOString(), actor: investigator } }]);
    expect(given(...inDirecteVeiligheid(), ...events)).toMatchObject({
      persons: [
        { ...victim, immediateSafety: { status: 'confirmed', confirmedBy: investigator, confirmedAt: now.toISOString(), how } },
        { ...child, immediateSafety: { status: 'unconfirmed' } },
      ],
    });
  });

  // Rule (ADR 0020): text about one person under that person's key; text about the household under the household's.
  it('refuses to record text sealed for another subject than the one it is about: a caller\'s mistake, not a refusal on the record', () => {
    const underTheHousehold: WorkflowCommand = { type: 'ConfirmImmediateSafety', personId: victim.personId, how: aboutHousehold('seen'), actor: investigator };
    expect(() => decide(underTheHousehold, given(...inDirecteVeiligheid()), now)).toThrow(TextSealedForAnotherSubject);
    const underAPerson: WorkflowCommand = { type: 'RecordSafetyConditions', conditions: sealed(victim.personId, 'no contact'), conditionCount: 1, handedOverTo: [], actor: investigator };
    expect(() => decide(underAPerson, given(...inDuurzameVeiligheid()), now)).toThrow(`the safety conditions must be sealed under the key of ${householdId}, not of ${victim.personId}`);
    const explainedUnderAPerson: WorkflowCommand = { type: 'CloseHousehold', explanation: sealed(victim.personId, 'done'), actor: investigator };
    expect(() => decide(explainedUnderAPerson, given(...inDuurzameVeiligheid()), now)).toThrow(TextSealedForAnotherSubject);
  });

  it('given a person already confirmed, when immediate safety is confirmed again, then nothing new is recorded', () => {
    expect(decide(confirm(victim), given(...everyoneConfirmed()), now)).toEqual([]);
  });

  it('given a household, when immediate safety is confirmed for a person who is not part of it, then it is refused naming that person', () => {
    const stranger = { personId: '99999999-1c3e-4a8e-9b8e-2f7d8c1e0a09', role: 'victim' as const };
    const [refused] = decide(confirm(stranger), given(...inDirecteVeiligheid()), now);
    expect(refused).toMatchObject({ type: HOUSEHOLD_PHASE_CHANGE_REFUSED, data: { command: 'ConfirmImmediateSafety', reason: 'unknown-person', missing: [{ fact: 'person-in-household', personId: stranger.personId }] } });
  });

  it('given a person who joined by a later melding during duurzame-veiligheid, when their immediate safety is confirmed, then it is recorded', () => {
    const before = [...inDuurzameVeiligheid(), ...decide(melding({ acute: false }), given(...inDuurzameVeiligheid()), now)];
    const events = decide(confirm(partner, 'stays with his brother'), given(...before), now);
    expect(events.map((event) => event.type)).toEqual([IMMEDIATE_SAFETY_CONFIRMED_V2]);
    expect(phaseAfter([...before, ...events])).toBe('duurzame-veiligheid');
  });

  it('given immediate safety confirmed for one of two persons, when moving to duurzame-veiligheid, then it is refused naming exactly the other person', () => {
    const before = history(openRecord(), confirm(victim));
    const events = decide(toDuurzameVeiligheid(), given(...before), now);
    expect(events).toEqual([
      {
        type: HOUSEHOLD_PHASE_CHANGE_REFUSED,
        data: {
          householdId,
          command: 'MoveToDuurzameVeiligheid',
          phase: 'directe-veiligheid',
          reason: 'immediate-safety-not-confirmed',
          missing: [{ fact: 'immediate-safety-confirmed', personId: child.personId, role: 'child-involved' }],
          allowed: ALLOWED_IN['directe-veiligheid'],
          refusedAt: now.toISOString(),
          actor: investigator,
        },
      },
    ]);
    expect(given(...before, ...events)).toEqual(given(...before));
  });

  it('given nobody confirmed, when moving to duurzame-veiligheid, then the refusal names every person', () => {
    const [refused] = decide(toDuurzameVeiligheid(), given(...inDirecteVeiligheid()), now);
    expect(refusalIn(refused ? [refused] : [])?.missing.map((fact) => fact.personId)).toEqual([victim.personId, child.personId]);
  });

  it('given immediate safety confirmed for everyone, when moving to duurzame-veiligheid, then the household moves, resting on every confirmation', () => {
    const before = everyoneConfirmed();
    const events = decide(toDuurzameVeiligheid(), given(...before), now);
    const confirmedAt = (minutes: number) => minutesLater(minutes).toISOString();
    expect(events).toEqual([
      {
        type: HOUSEHOLD_PHASE_CHANGED_V2,
        data: {
          householdId,
          command: 'MoveToDuurzameVeiligheid',
          from: 'directe-veiligheid',
          to: 'duurzame-veiligheid',
          reasonCode: 'immediate-safety-realised-for-everyone',
          explanation: aboutHousehold('everyone is safe for now; the risk factors come next'),
          basedOn: {
            confirmations: [
              { personId: victim.personId, role: 'victim', confirmedBy: investigator, confirmedAt: confirmedAt(-2) },
              { personId: child.personId, role: 'child-involved', confirmedBy: investigator, confirmedAt: confirmedAt(-1) },
            ],
          },
          confirmationsWithdrawn: [],
          changedAt: now.toISOString(),
          actor: investigator,
        },
      },
    ]);
    expect(phaseAfter([...before, ...events])).toBe('duurzame-veiligheid');
  });

  it('given a household in directe-veiligheid, when an acute incident is registered, then directe-veiligheid starts over and confirmations are withdrawn', () => {
    const events = decide(acuteIncident(), given(...everyoneConfirmed()), now);
    expect(events[0]?.data).toMatchObject({ command: 'RegisterAcuteIncident', from: 'directe-veiligheid', to: 'directe-veiligheid', confirmationsWithdrawn: [victim.personId, child.personId], basedOn: {} });
    expect(decide(toDuurzameVeiligheid(), given(...everyoneConfirmed(), ...events), now)[0]?.type).toBe(HOUSEHOLD_PHASE_CHANGE_REFUSED);
  });
});

describe('household phases: duurzame veiligheid', () => {
  // Rule (ADR 0020): safety conditions are text about the household: one sealed list under the household's key, with their count.
  it('given a household in duurzame-veiligheid, when safety conditions are recorded and handed over, then they are on the record, sealed, with their count', () => {
    const events = decide(conditions(['lokaal-team-gm0363', 'household']), given(...inDuurzameVeiligheid()), now);
    expect(events).toEqual([
      {
        type: SAFETY_CONDITIONS_RECORDED_V2,
        data: {
          householdId,
          conditions: conditionsText,
          conditionCount: 2,
          handedOverTo: ['lokaal-team-gm0363', 'household'],
          recordedAt: now.toISOString(),
          actor: investigator,
        },
      },
    ]);
    expect(given(...inDuurzameVeiligheid(), ...events)).toMatchObject({ safetyConditions: { conditions: conditionsText, conditionCount: 2, handedOverTo: ['lokaal-team-gm0363', 'household'], recordedBy: investigator } });
  });

  it('refuses a count of no conditions: conditions are at least one', () => {
    const none: WorkflowCommand = { type: 'RecordSafetyConditions', conditions: conditionsText, conditionCount: 0, handedOverTo: [], actor: investigator };
    expect(() => decide(none, given(...inDuurzameVeiligheid()), now)).toThrow('safety conditions are at least one condition');
  });

  it('given a household in duurzame-veiligheid, when a monitoring result is recorded, then it is the latest result', () => {
    const events = decide(monitoring(false), given(...readyForHerstel()), now);
    expect(events).toEqual([{ type: MONITORING_RESULT_RECORDED_V2, data: { householdId, stable: false, reason: monitoringReason(false), recordedAt: now.toISOString(), actor: investigator } }]);
    expect(given(...readyForHerstel(), ...events)).toMatchObject({ monitoring: { stable: false, reason: monitoringReason(false) } });
  });

  it('given conditions handed over and a stable latest monitoring result, when moving to herstel, then the household moves, resting on both', () => {
    const events = decide(toHerstel(), given(...readyForHerstel()), now);
    expect(events).toEqual([
      {
        type: HOUSEHOLD_PHASE_CHANGED_V2,
        data: {
          householdId,
          command: 'MoveToHerstel',
          from: 'duurzame-veiligheid',
          to: 'herstel',
          reasonCode: 'sustainable-safety-shown',
          explanation: aboutHousehold('conditions hold and safety is stable'),
          basedOn: {
            safetyConditions: { recordedBy: investigator, recordedAt: minutesLater(-2).toISOString(), handedOverTo: ['lokaal-team-gm0363'] },
            monitoringResult: { stable: true, recordedBy: investigator, recordedAt: minutesLater(-1).toISOString() },
          },
          confirmationsWithdrawn: [],
          changedAt: now.toISOString(),
          actor: investigator,
        },
      },
    ]);
  });

  it('given nothing of sustainable safety recorded, when moving to herstel, then it is refused naming conditions, handover and monitoring', () => {
    const events = decide(toHerstel(), given(...inDuurzameVeiligheid()), now);
    expect(refusalIn(events)).toEqual({
      householdId,
      command: 'MoveToHerstel',
      phase: 'duurzame-veiligheid',
      reason: 'sustainable-safety-not-shown',
      missing: [{ fact: 'safety-conditions-recorded' }, { fact: 'safety-conditions-handed-over' }, { fact: 'monitoring-result-recorded' }],
      allowed: ALLOWED_IN['duurzame-veiligheid'],
      refusedAt: now.toISOString(),
      actor: investigator,
    });
  });

  it('given conditions that were not handed over, when moving to herstel, then it is refused naming the handover', () => {
    const before = history(openRecord(), confirm(victim), confirm(child), toDuurzameVeiligheid(), conditions([]), monitoring(true));
    expect(refusalIn(decide(toHerstel(), given(...before), now))?.missing).toEqual([{ fact: 'safety-conditions-handed-over' }]);
  });

  it('given conditions handed over but no monitoring result, when moving to herstel, then it is refused naming the monitoring result', () => {
    const before = history(openRecord(), confirm(victim), confirm(child), toDuurzameVeiligheid(), conditions());
    expect(refusalIn(decide(toHerstel(), given(...before), now))?.missing).toEqual([{ fact: 'monitoring-result-recorded' }]);
  });

  it('given a stable result followed by an unstable one, when moving to herstel, then it is refused: the latest result counts', () => {
    const before = [...readyForHerstel(), ...decide(monitoring(false), given(...readyForHerstel()), now)];
    expect(refusalIn(decide(toHerstel(), given(...before), now))?.missing).toEqual([{ fact: 'monitoring-result-stable' }]);
  });

  it('given a household in duurzame-veiligheid, when an acute incident is registered, then it is back in directe-veiligheid with nobody confirmed', () => {
    const events = decide(acuteIncident(), given(...inDuurzameVeiligheid()), now);
    expect(events[0]?.data).toMatchObject({ command: 'RegisterAcuteIncident', from: 'duurzame-veiligheid', to: 'directe-veiligheid', reasonCode: 'acute-incident', explanation: aboutHousehold('police report new violence last night') });
    expect(given(...inDuurzameVeiligheid(), ...events)).toMatchObject({ phase: 'directe-veiligheid', persons: [{ immediateSafety: { status: 'unconfirmed' } }, { immediateSafety: { status: 'unconfirmed' } }] });
  });
});

describe('household phases: herstel and back', () => {
  it('given a household in herstel, when an acute incident is registered, then it regresses to directe-veiligheid with every person unconfirmed', () => {
    const events = decide(acuteIncident(), given(...inHerstel()), now);
    expect(events).toEqual([
      {
        type: HOUSEHOLD_PHASE_CHANGED_V2,
        data: {
          householdId,
          command: 'RegisterAcuteIncident',
          from: 'herstel',
          to: 'directe-veiligheid',
          reasonCode: 'acute-incident',
          explanation: aboutHousehold('police report new violence last night'),
          basedOn: {},
          confirmationsWithdrawn: [victim.personId, child.personId],
          changedAt: now.toISOString(),
          actor: investigator,
        },
      },
    ]);
    expect(given(...inHerstel(), ...events)).toMatchObject({
      phase: 'directe-veiligheid',
      persons: [{ immediateSafety: { status: 'unconfirmed' } }, { immediateSafety: { status: 'unconfirmed' } }],
      monitoring: null,
    });
  });

  it('given a regression from herstel, when the household is back in duurzame-veiligheid, then herstel needs a new stable monitoring result', () => {
    const after = (before: HouseholdEvent[], command: WorkflowCommand): HouseholdEvent[] => [...before, ...decide(command, given(...before), now)];
    const backInDuurzameVeiligheid = [acuteIncident(), confirm(victim), confirm(child), toDuurzameVeiligheid()].reduce(after, inHerstel());
    expect(phaseAfter(backInDuurzameVeiligheid)).toBe('duurzame-veiligheid');
    expect(refusalIn(decide(toHerstel(), given(...backInDuurzameVeiligheid), now))?.missing).toEqual([{ fact: 'monitoring-result-recorded' }]);
  });

  it('given a household in herstel, when a monitoring result is recorded, then it is kept and the phase stays', () => {
    const events = decide(monitoring(true), given(...inHerstel()), now);
    expect(events.map((event) => event.type)).toEqual([MONITORING_RESULT_RECORDED_V2]);
    expect(phaseAfter([...inHerstel(), ...events])).toBe('herstel');
  });
});

describe('household phases: closing', () => {
  it.each([
    ['directe-veiligheid', inDirecteVeiligheid],
    ['duurzame-veiligheid', inDuurzameVeiligheid],
    ['herstel', inHerstel],
  ] as const)('given a household in %s, when it is closed, then it is gesloten, with its reason code, the sealed explanation and actor', (phase, before) => {
    const events = decide(close(), given(...before()), now);
    expect(events).toEqual([
      {
        type: HOUSEHOLD_PHASE_CHANGED_V2,
        data: {
          householdId,
          command: 'CloseHousehold',
          from: phase,
          to: 'gesloten',
          reasonCode: 'closed-by-decision',
          explanation: aboutHousehold('safety is lasting; no further involvement of Veilig Thuis'),
          basedOn: {},
          confirmationsWithdrawn: [],
          changedAt: now.toISOString(),
          actor: investigator,
        },
      },
    ]);
    expect(phaseAfter([...before(), ...events])).toBe('gesloten');
  });

  it('given a household, when it is closed without an explanation, then the change carries its reason code only', () => {
    const [changed] = decide({ type: 'CloseHousehold', actor: investigator }, given(...inDuurzameVeiligheid()), now);
    expect(changed?.data).toMatchObject({ command: 'CloseHousehold', to: 'gesloten', reasonCode: 'closed-by-decision' });
    expect(changed?.data).not.toHaveProperty('explanation');
  });

  it('given a closed household, when it is closed again, then it is refused: only a new melding reopens it', () => {
    const events = decide(close(), given(...closed()), now);
    expect(refusalIn(events)).toMatchObject({ command: 'CloseHousehold', phase: 'gesloten', reason: 'household-closed', missing: [], allowed: ALLOWED_IN.gesloten });
  });
});

describe('household phases: refusals in words', () => {
  it('names the persons lacking confirmation and the allowed moves', () => {
    const [refused] = decide(toDuurzameVeiligheid(), given(...history(openRecord(), confirm(victim))), now);
    const refusal = refusalIn(refused ? [refused] : []);
    expect(refusal && describeRefusal(refusal)).toBe(
      `MoveToDuurzameVeiligheid needs immediate safety confirmed for every person (phase directe-veiligheid); missing: immediate safety confirmed (person ${child.personId}, child-involved); ` +
        'allowed: RegisterMelding, ConfirmImmediateSafety, ApplyInvestigationConclusion, RegisterMonitoringCheckInDue, MoveToDuurzameVeiligheid (to duurzame-veiligheid), RegisterAcuteIncident (to directe-veiligheid), CloseHousehold (to gesloten), ' +
        'RegisterHandover (to duurzame-veiligheid), RegisterHandoverCompleted, RegisterHandoverFailed',
    );
  });

  it('names the moves a phase allows when the move is not one of them', () => {
    const refusal = refusalIn(decide(toHerstel(), given(...inDirecteVeiligheid()), now));
    expect(refusal && describeRefusal(refusal)).toMatch(/^MoveToHerstel is not allowed in this phase \(phase directe-veiligheid\); allowed: RegisterMelding, /);
  });
});
