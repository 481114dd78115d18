import {
  HOUSEHOLD_PHASE_CHANGED,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HOUSEHOLD_RECORD_OPENED,
  IMMEDIATE_SAFETY_CONFIRMED,
  MELDING_ADDED_TO_HOUSEHOLD,
  MONITORING_RESULT_RECORDED,
  SAFETY_CONDITIONS_RECORDED,
  upcastData,
} from '@vt/contracts';
import { decide, evolve, HouseholdEvent, HouseholdNotFound, onAcuteCheckCompleted, WorkflowCommand } from './household.decider';
import {
  acuteIncident,
  child,
  close,
  closed,
  conditions,
  confirm,
  firstMelding,
  given,
  householdId,
  inDuurzameVeiligheid,
  inHerstel,
  laterMelding,
  melding,
  monitoring,
  now,
  openRecord,
  partner,
  system,
  toDuurzameVeiligheid,
  toHerstel,
  victim,
} from './household.fixtures';

describe('household record: opening and later meldingen', () => {
  it('given no record, when a melding opens one, then the household is in directe-veiligheid with every person unconfirmed', () => {
    const events = decide(openRecord(), given(), now);
    expect(events).toEqual([
      {
        type: HOUSEHOLD_RECORD_OPENED,
        data: {
          householdId,
          phase: 'directe-veiligheid',
          gemeenteCode: 'GM0363',
          persons: [victim, child],
          basedOn: { ...firstMelding, acute: true },
          reason: 'first melding, judged acute: immediate safety must be realised for everyone involved',
          openedAt: now.toISOString(),
          actor: system,
        },
      },
    ]);
    expect(given(...events)).toMatchObject({
      status: 'recorded',
      phase: 'directe-veiligheid',
      persons: [
        { ...victim, immediateSafety: { status: 'unconfirmed' } },
        { ...child, immediateSafety: { status: 'unconfirmed' } },
      ],
      safetyConditions: null,
      monitoring: null,
    });
  });

  it('given no record, when a melding judged not acute opens one, then it still starts in directe-veiligheid and says so', () => {
    const [opened] = decide(openRecord([victim], false), given(), now);
    expect(opened).toMatchObject({ data: { phase: 'directe-veiligheid', reason: 'first melding: immediate safety is assessed first for everyone involved' } });
  });

  it('given an open record, when another melding asks to open it, then nothing new is recorded', () => {
    expect(decide(openRecord(), given(...decide(openRecord(), given(), now)), now)).toEqual([]);
  });

  describe('the acute check decides which command follows', () => {
    const check = { ...firstMelding, checkId: firstMelding.acuteCheckId, householdId, gemeenteCode: 'GM0363', acute: true, grounds: ['physical-violence'], ruleSetVersion: 'acute-rules/2', persons: [victim], checkedAt: now.toISOString(), actor: 'system:crisis-triage' };

    it('given no record, when a melding was checked, then the record is opened', () => {
      expect(onAcuteCheckCompleted(check, given(), system)).toEqual({ type: 'OpenHouseholdRecord', householdId, gemeenteCode: 'GM0363', persons: [victim], basedOn: { ...firstMelding, acute: true }, actor: system });
    });

    // Rule (plan "Regions", docs/adr/0017): every read and write of a household's data is scoped to its VT region, so the
    // record learns the region from the acute check (vtRegion, added in v1) and keeps it.
    it('given no record, when a melding of a VT region was checked, then the record is opened in that region and keeps it', () => {
      const command = onAcuteCheckCompleted({ ...check, gemeenteCode: 'GM0758', vtRegion: 'vt-west-brabant' }, given(), system);
      expect(command).toMatchObject({ type: 'OpenHouseholdRecord', gemeenteCode: 'GM0758', vtRegion: 'vt-west-brabant' });
      const events = decide(command, given(), now);
      expect(events).toEqual([expect.objectContaining({ type: HOUSEHOLD_RECORD_OPENED, data: expect.objectContaining({ gemeenteCode: 'GM0758', vtRegion: 'vt-west-brabant' }) })]);
      expect(given(...events)).toMatchObject({ status: 'recorded', vtRegion: 'vt-west-brabant' });
    });

    it('given an acute check from before checks carried a VT region, when the record opens, then it names none (the gemeente decides it)', () => {
      const [opened] = decide(onAcuteCheckCompleted(check, given(), system), given(), now);
      expect(opened?.data).not.toHaveProperty('vtRegion');
      expect(given(...(opened ? [opened] : []))).not.toHaveProperty('vtRegion');
    });

    it('given a record, when a melding was checked, then the melding is registered on it', () => {
      expect(onAcuteCheckCompleted(check, given(...inHerstel()), system)).toEqual({ type: 'RegisterMelding', ...firstMelding, acute: true, persons: [victim], actor: system });
    });
  });

  it('given a household in duurzame-veiligheid, when a later melding is not acute, then its new persons join unconfirmed and the phase stays', () => {
    const events = decide(melding({ acute: false }), given(...inDuurzameVeiligheid()), now);
    expect(events).toEqual([
      {
        type: MELDING_ADDED_TO_HOUSEHOLD,
        data: { householdId, ...laterMelding, acute: false, persons: [victim, partner], addedPersons: [partner], addedAt: now.toISOString(), actor: system },
      },
    ]);
    expect(given(...inDuurzameVeiligheid(), ...events)).toMatchObject({
      phase: 'duurzame-veiligheid',
      persons: [{ ...victim, immediateSafety: { status: 'confirmed' } }, { ...child, immediateSafety: { status: 'confirmed' } }, { ...partner, immediateSafety: { status: 'unconfirmed' } }],
    });
  });

  it('given a household in herstel, when a later melding is not acute, then the phase stays herstel', () => {
    const events = decide(melding({ acute: false }), given(...inHerstel()), now);
    expect(events.map((event) => event.type)).toEqual([MELDING_ADDED_TO_HOUSEHOLD]);
    expect(given(...inHerstel(), ...events)).toMatchObject({ phase: 'herstel' });
  });

  it('given a household in duurzame-veiligheid, when a later melding is acute, then it is back in directe-veiligheid and nobody is confirmed', () => {
    const events = decide(melding({ acute: true }), given(...inDuurzameVeiligheid()), now);
    expect(events[1]).toEqual({
      type: HOUSEHOLD_PHASE_CHANGED_V2,
      data: {
        householdId,
        command: 'RegisterMelding',
        from: 'duurzame-veiligheid',
        to: 'directe-veiligheid',
        reasonCode: 'acute-melding',
        basedOn: { melding: { ...laterMelding, acute: true } },
        confirmationsWithdrawn: [victim.personId, child.personId],
        changedAt: now.toISOString(),
        actor: system,
      },
    });
    const state = given(...inDuurzameVeiligheid(), ...events);
    expect(state).toMatchObject({ phase: 'directe-veiligheid' });
    expect(state.status === 'recorded' && state.persons.map((person) => person.immediateSafety.status)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
  });

  it('given a household in herstel, when a later melding is acute, then it regresses to directe-veiligheid, nobody is confirmed and the monitoring result no longer counts', () => {
    const events = decide(melding({ acute: true }), given(...inHerstel()), now);
    expect(events.map((event) => event.type)).toEqual([MELDING_ADDED_TO_HOUSEHOLD, HOUSEHOLD_PHASE_CHANGED_V2]);
    expect(events[1]?.data).toMatchObject({ from: 'herstel', to: 'directe-veiligheid', basedOn: { melding: { ...laterMelding, acute: true } } });
    const state = given(...inHerstel(), ...events);
    expect(state).toMatchObject({ phase: 'directe-veiligheid', monitoring: null, safetyConditions: { handedOverTo: ['lokaal-team-gm0363'] } });
    expect(state.status === 'recorded' && state.persons.every((person) => person.immediateSafety.status === 'unconfirmed')).toBe(true);
  });

  it('given a household in directe-veiligheid with confirmations, when a later melding is acute, then directe-veiligheid starts over', () => {
    const before = [...decide(openRecord(), given(), now)];
    const confirmed = [...before, ...decide(confirm(victim), given(...before), now)];
    const events = decide(melding({ acute: true }), given(...confirmed), now);
    expect(events[1]?.data).toMatchObject({ from: 'directe-veiligheid', to: 'directe-veiligheid', confirmationsWithdrawn: [victim.personId] });
  });

  it('given a closed household, when a later melding arrives, then the record reopens in directe-veiligheid', () => {
    const events = decide(melding({ acute: false }), given(...closed()), now);
    expect(events[1]?.data).toMatchObject({
      command: 'RegisterMelding',
      from: 'gesloten',
      to: 'directe-veiligheid',
      reasonCode: 'melding-reopened-closed-household',
      basedOn: { melding: { ...laterMelding, acute: false } },
    });
    expect(given(...closed(), ...events)).toMatchObject({ phase: 'directe-veiligheid' });
  });

  it('given a melding already on the record, when it is registered again, then nothing new is recorded', () => {
    const events = [...inHerstel(), ...decide(melding({ acute: true }), given(...inHerstel()), now)];
    expect(decide(melding({ acute: true }), given(...events), now)).toEqual([]);
  });

  // Rule (ADR 0004, ADR 0020): a record's facts from before the second versions are read as the newest version; the
  // upcasters drop their clear text, and what they establish (a confirmation, conditions handed over, a stable result) still counts.
  it('given facts recorded as v1 (with clear text), when read as their newest version, then they still count, without the text', () => {
    const asNewest = (type: string, data: unknown): HouseholdEvent => upcastData(type as never, data) as HouseholdEvent;
    const opened = decide(openRecord([victim]), given(), now);
    const at = now.toISOString();
    const legacy = [
      asNewest(IMMEDIATE_SAFETY_CONFIRMED, { householdId, personId: victim.personId, role: 'victim', how: 'bij haar zus', confirmedAt: at, actor: 'user:investigator-17' }),
      asNewest(HOUSEHOLD_PHASE_CHANGED, { householdId, command: 'MoveToDuurzameVeiligheid', from: 'directe-veiligheid', to: 'duurzame-veiligheid', reason: 'iedereen veilig', basedOn: {}, confirmationsWithdrawn: [], changedAt: at, actor: 'user:investigator-17' }),
      asNewest(SAFETY_CONDITIONS_RECORDED, { householdId, conditions: ['geen alcohol', 'school elke dag'], handedOverTo: ['lokaal-team-gm0363'], recordedAt: at, actor: 'user:investigator-17' }),
      asNewest(MONITORING_RESULT_RECORDED, { householdId, stable: true, reason: 'rustig', recordedAt: at, actor: 'user:investigator-17' }),
    ];
    const state = [...opened, ...legacy].reduce(evolve, given());
    expect(JSON.stringify(state)).not.toMatch(/bij haar zus|iedereen veilig|geen alcohol|rustig/);
    expect(state).toMatchObject({
      phase: 'duurzame-veiligheid',
      persons: [{ ...victim, immediateSafety: { status: 'confirmed', confirmedAt: at } }],
      safetyConditions: { conditionCount: 2, handedOverTo: ['lokaal-team-gm0363'] },
      monitoring: { stable: true },
    });
    expect(legacy[1]?.data).toMatchObject({ reasonCode: 'immediate-safety-realised-for-everyone' });
    expect(decide(toHerstel(), state, now)[0]).toMatchObject({ type: HOUSEHOLD_PHASE_CHANGED_V2, data: { to: 'herstel' } });
  });

  describe('given no record', () => {
    const commands: WorkflowCommand[] = [melding({ acute: true }), confirm(victim), toDuurzameVeiligheid(), conditions(), monitoring(true), toHerstel(), acuteIncident(), close()];

    it.each(commands.map((command) => [command.type, command] as const))('when %s, then it is refused as a household without a record', (_type, command) => {
      expect(() => decide(command, given(), now)).toThrow(HouseholdNotFound);
      expect(() => decide(command, given(), now)).toThrow(`${command.type} refused: the household has no record`);
    });
  });
});
