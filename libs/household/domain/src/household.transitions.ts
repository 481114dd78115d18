import { AllowedMove, HouseholdCommandName, HouseholdPhase } from '@vt/contracts';

/** The command records a fact; the household stays in its phase. */
export const STAYS = 'stays';
export type Target = HouseholdPhase | typeof STAYS;

/**
 * The phase workflow as a table: per phase, the commands it allows and the phase each one leads to.
 * A command absent from the current phase's row is refused, naming that row. The guards a move needs
 * on top of this (every person safe, conditions handed over, …) are the policies in household.policies.ts.
 * An acute melding leads to directe-veiligheid wherever RegisterMelding is allowed. Some facts move the
 * phase on top of the row: an investigation concluded with afsluiten and no unsafety closes the record;
 * a monitoring result that is not stable with follow-up directe-veiligheid goes back there; a stable
 * result that completes a monitoring period moves duurzame veiligheid on to herstel.
 * The handover facts (a partner accepted an overdracht, completed it, or nobody could be found) are what
 * partners did, so every phase records them; an accepted overdracht moves directe veiligheid on to
 * duurzame veiligheid when immediate safety holds for everyone, and is otherwise recorded with a refusal.
 */
export const TRANSITIONS = {
  'directe-veiligheid': {
    RegisterMelding: STAYS,
    ConfirmImmediateSafety: STAYS,
    ApplyInvestigationConclusion: STAYS,
    RegisterMonitoringCheckInDue: STAYS,
    MoveToDuurzameVeiligheid: 'duurzame-veiligheid',
    RegisterAcuteIncident: 'directe-veiligheid',
    CloseHousehold: 'gesloten',
    RegisterHandover: 'duurzame-veiligheid',
    RegisterHandoverCompleted: STAYS,
    RegisterHandoverFailed: STAYS,
  },
  'duurzame-veiligheid': {
    RegisterMelding: STAYS,
    ConfirmImmediateSafety: STAYS,
    RecordSafetyConditions: STAYS,
    RecordMonitoringResult: STAYS,
    ApplyInvestigationConclusion: STAYS,
    RegisterMonitoringCheckInDue: STAYS,
    MoveToHerstel: 'herstel',
    RegisterAcuteIncident: 'directe-veiligheid',
    CloseHousehold: 'gesloten',
    RegisterHandover: STAYS,
    RegisterHandoverCompleted: STAYS,
    RegisterHandoverFailed: STAYS,
  },
  herstel: {
    RegisterMelding: STAYS,
    ConfirmImmediateSafety: STAYS,
    RecordMonitoringResult: STAYS,
    ApplyInvestigationConclusion: STAYS,
    RegisterMonitoringCheckInDue: STAYS,
    RegisterAcuteIncident: 'directe-veiligheid',
    CloseHousehold: 'gesloten',
    RegisterHandover: STAYS,
    RegisterHandoverCompleted: STAYS,
    RegisterHandoverFailed: STAYS,
  },
  gesloten: {
    RegisterMelding: 'directe-veiligheid',
    RegisterHandover: STAYS,
    RegisterHandoverCompleted: STAYS,
    RegisterHandoverFailed: STAYS,
  },
} as const satisfies Record<HouseholdPhase, Partial<Record<HouseholdCommandName, Target>>>;

export function targetOf(phase: HouseholdPhase, command: HouseholdCommandName): Target | undefined {
  const row: Partial<Record<HouseholdCommandName, Target>> = TRANSITIONS[phase];
  return row[command];
}

export function allowedMoves(phase: HouseholdPhase): AllowedMove[] {
  return Object.entries(TRANSITIONS[phase]).map(([command, to]) => (to === STAYS ? { command: command as HouseholdCommandName } : { command: command as HouseholdCommandName, to }));
}

/** Which command a requested target phase stands for; back to directe-veiligheid means an acute incident. */
export const MOVE_TO = {
  'directe-veiligheid': 'RegisterAcuteIncident',
  'duurzame-veiligheid': 'MoveToDuurzameVeiligheid',
  herstel: 'MoveToHerstel',
  gesloten: 'CloseHousehold',
} as const satisfies Record<HouseholdPhase, HouseholdCommandName>;
