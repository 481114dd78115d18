import {
  AcuteCheckCompletedData,
  EncryptedText,
  EventDataByType,
  HandoverBasis,
  HOUSEHOLD_HANDED_OVER,
  HOUSEHOLD_HANDOVER_COMPLETED,
  HOUSEHOLD_HANDOVER_FAILED_V2,
  HOUSEHOLD_PHASE_CHANGE_REFUSED,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HOUSEHOLD_RECORD_OPENED,
  HouseholdCommandName,
  HouseholdPhase,
  IMMEDIATE_SAFETY_CONFIRMED_V2,
  MELDING_ADDED_TO_HOUSEHOLD,
  MissingFact,
  MONITORING_CHECK_IN_DUE,
  MONITORING_CHECK_IN_OVERDUE,
  MONITORING_RESULT_RECORDED_V2,
  MONITORING_STARTED,
  MonitoringFollowUp,
  NEW_ASSESSMENT_REQUESTED_V2,
  InvestigationOutcome,
  PartnerType,
  PersonRef,
  PhaseChangeBasis,
  phaseChangeReasonOf,
  PhaseChangingCommand,
  RefusalReason,
  RoutingFailureReason,
  SAFETY_CONDITIONS_RECORDED_V2,
  SUSTAINABLE_SAFETY_CONFIRMED,
} from '@vt/contracts';
import { MonitoringPlan } from './monitoring.plan';
import { immediateSafetyForEveryone, sustainableSafetyShown } from './household.policies';
import { HandoverFailure, HouseholdPerson, HouseholdState, ImmediateSafety, RecordedHousehold } from './household.state';
import { allowedMoves, MOVE_TO, STAYS, Target, targetOf } from './household.transitions';

export interface OpenHouseholdRecord {
  type: 'OpenHouseholdRecord';
  householdId: string;
  /** Absent for an island household. */
  gemeenteCode?: string;
  /** The household's VT region (`vt-west-brabant`, `vt-bq-saba`): reads and writes of its record are scoped to it. */
  vtRegion?: string;
  persons: PersonRef[];
  basedOn: { meldingId: string; acuteCheckId: string; acute: boolean };
  actor: string;
}

export interface RegisterMelding {
  type: 'RegisterMelding';
  meldingId: string;
  acuteCheckId: string;
  acute: boolean;
  persons: PersonRef[];
  actor: string;
}

/**
 * Free text reaches the decider only sealed (ADR 0020): `EncryptedText` under the key of the subject it concerns
 * (`personId` of the value: the person's id, or the household's id for text about the household as a whole). The
 * decider never opens it; it checks that it was sealed for the right subject and keeps it as it is.
 */
export interface ConfirmImmediateSafety {
  type: 'ConfirmImmediateSafety';
  personId: string;
  /** How immediate safety was realised: sealed under this person's key. */
  how: EncryptedText;
  actor: string;
}

export interface RecordSafetyConditions {
  type: 'RecordSafetyConditions';
  /** The conditions as one sealed list (`{ items }`) under the household's key. */
  conditions: EncryptedText;
  /** How many conditions the sealed list holds (at least one). */
  conditionCount: number;
  handedOverTo: string[];
  /** The monitoring period the conditions start (computed from the region's configuration). */
  monitoring?: MonitoringPlan;
  actor: string;
}

export interface RecordMonitoringResult {
  type: 'RecordMonitoringResult';
  stable: boolean;
  /** What the monitoring found: sealed under the household's key. */
  reason: EncryptedText;
  /** For a result that is not stable: back to directe veiligheid, or a new assessment. */
  followUp?: MonitoringFollowUp;
  actor: string;
}

/** What the household record takes from a concluded investigation. */
export interface ApplyInvestigationConclusion {
  type: 'ApplyInvestigationConclusion';
  investigationId: string;
  outcome: InvestigationOutcome;
  unsafety: boolean;
  /** The conclusion's conditions as one sealed list under the household's key; absent when it set none. */
  safetyConditions?: EncryptedText;
  safetyConditionCount: number;
  handOverTo: string[];
  monitoring?: MonitoringPlan;
  actor: string;
}

/** A durable timer says a check-in of a monitoring period fell due. */
export interface RegisterMonitoringCheckInDue {
  type: 'RegisterMonitoringCheckInDue';
  monitoringId: string;
  checkIn: number;
  actor: string;
}

/** A durable timer says a check-in that fell due went unanswered for the region's `answerWithin`. */
export interface RegisterMonitoringCheckInOverdue {
  type: 'RegisterMonitoringCheckInOverdue';
  monitoringId: string;
  checkIn: number;
  answerWithin: string;
  actor: string;
}

/** A partner accepted a referral made for an overdracht: zicht op veiligheid passes to it. */
export interface RegisterHandover {
  type: 'RegisterHandover';
  referralId: string;
  partnerId: string;
  partnerType: PartnerType;
  acceptedAt: string;
  basis: HandoverBasis;
  actor: string;
}

/** The partner that took the household over reported its work done. */
export interface RegisterHandoverCompleted {
  type: 'RegisterHandoverCompleted';
  referralId: string;
  partnerId: string;
  partnerType: PartnerType;
  completedAt: string;
  basis: HandoverBasis;
  actor: string;
}

/** No partner could be found for an overdracht (every candidate declined or let it expire, or none fitted from the start). */
export interface RegisterHandoverFailed {
  type: 'RegisterHandoverFailed';
  /** The last referral that was declined or expired; absent when no referral was ever issued. */
  referralId?: string;
  wanted: string;
  /** Why nobody could be found, as the routing failure's code. */
  reasonCode: RoutingFailureReason;
  triedPartnerIds: string[];
  failedAt: string;
  basis: HandoverBasis;
  actor: string;
}

/** A phase transition a person asked for, with their explanation sealed under the household's key (optional). */
export interface PhaseMove {
  type: (typeof MOVE_TO)[HouseholdPhase];
  explanation?: EncryptedText;
  actor: string;
}

type NamedInContracts<T extends { type: HouseholdCommandName }> = T;

/** The commands of the phase workflow; each is named in the contracts (`HOUSEHOLD_COMMANDS`). */
export type WorkflowCommand = NamedInContracts<
  | RegisterMelding
  | ConfirmImmediateSafety
  | RecordSafetyConditions
  | RecordMonitoringResult
  | PhaseMove
  | ApplyInvestigationConclusion
  | RegisterMonitoringCheckInDue
  | RegisterHandover
  | RegisterHandoverCompleted
  | RegisterHandoverFailed
>;

/** The phase workflow's commands, opening a record, and the overdue check (a timer's, never refused, no phase). */
export type HouseholdCommand = OpenHouseholdRecord | WorkflowCommand | RegisterMonitoringCheckInOverdue;

/** The newest version of every type the household record holds (ADR 0004: producers write only the newest). */
type HouseholdEventType =
  | typeof HOUSEHOLD_RECORD_OPENED
  | typeof MELDING_ADDED_TO_HOUSEHOLD
  | typeof IMMEDIATE_SAFETY_CONFIRMED_V2
  | typeof HOUSEHOLD_PHASE_CHANGED_V2
  | typeof SAFETY_CONDITIONS_RECORDED_V2
  | typeof MONITORING_RESULT_RECORDED_V2
  | typeof HOUSEHOLD_PHASE_CHANGE_REFUSED
  | typeof MONITORING_STARTED
  | typeof MONITORING_CHECK_IN_DUE
  | typeof MONITORING_CHECK_IN_OVERDUE
  | typeof SUSTAINABLE_SAFETY_CONFIRMED
  | typeof NEW_ASSESSMENT_REQUESTED_V2
  | typeof HOUSEHOLD_HANDED_OVER
  | typeof HOUSEHOLD_HANDOVER_COMPLETED
  | typeof HOUSEHOLD_HANDOVER_FAILED_V2;

export type HouseholdEvent = { [T in HouseholdEventType]: { type: T; data: EventDataByType[T] } }[HouseholdEventType];

/** A command for a household that has no record: there is nothing to record the refusal on. */
export class HouseholdNotFound extends Error {
  override readonly name = 'HouseholdNotFound';

  constructor(readonly command: HouseholdCommandName) {
    super(`${command} refused: the household has no record`);
  }
}

/** The command the phase workflow takes from an acute check: open the record, or add the melding to it. */
export function onAcuteCheckCompleted(check: AcuteCheckCompletedData, state: HouseholdState, actor: string): HouseholdCommand {
  const basedOn = { meldingId: check.meldingId, acuteCheckId: check.checkId, acute: check.acute };
  return state.status === 'unknown'
    ? {
        type: 'OpenHouseholdRecord',
        householdId: check.householdId,
        ...(check.gemeenteCode ? { gemeenteCode: check.gemeenteCode } : {}),
        ...(check.vtRegion ? { vtRegion: check.vtRegion } : {}),
        persons: check.persons,
        basedOn,
        actor,
      }
    : { type: 'RegisterMelding', ...basedOn, persons: check.persons, actor };
}

/** The command a requested phase transition stands for; the person's explanation travels sealed, if given. */
export function phaseTransition(to: HouseholdPhase, explanation: EncryptedText | undefined, actor: string): PhaseMove {
  return { type: MOVE_TO[to], ...(explanation ? { explanation } : {}), actor };
}

/**
 * A text sealed for another subject than the one it is about: a programming error of the caller, never a refusal
 * (ADR 0020: text about a person under that person's key, text about the household under the household's key).
 */
export class TextSealedForAnotherSubject extends Error {
  override readonly name = 'TextSealedForAnotherSubject';

  constructor(what: string, expected: string, actual: string) {
    super(`${what} must be sealed under the key of ${expected}, not of ${actual}`);
  }
}

function sealedFor(text: EncryptedText, subjectId: string, what: string): EncryptedText {
  if (text.personId.toLowerCase() !== subjectId.toLowerCase()) throw new TextSealedForAnotherSubject(what, subjectId, text.personId);
  return text;
}

/**
 * The facts a command adds to the record. Pure: time and actor are passed in. A refusal is a fact too
 * (`HouseholdPhaseChangeRefused`, the only event then); only a household without a record throws.
 */
export function decide(command: HouseholdCommand, state: HouseholdState, now: Date): HouseholdEvent[] {
  if (command.type === 'OpenHouseholdRecord') return openRecord(command, state, now);
  // An overdue check-in is a timer's announcement: nothing to announce without a record, never refused.
  if (command.type === 'RegisterMonitoringCheckInOverdue') return state.status === 'unknown' ? [] : checkInOverdue(command, state, now);
  if (state.status === 'unknown') throw new HouseholdNotFound(command.type);
  // A check-in of a period that was replaced or ended is not announced (and not refused: nobody asked).
  if (command.type === 'RegisterMonitoringCheckInDue') return checkInDue(command, state);
  const target = targetOf(state.phase, command.type);
  if (target === undefined) return [refused(state, command, state.phase === 'gesloten' ? 'household-closed' : 'not-allowed-in-phase', [], now)];
  const to = target === STAYS ? state.phase : target;
  switch (command.type) {
    case 'RegisterMelding':
      return registerMelding(command, state, target, now);
    case 'ConfirmImmediateSafety':
      return confirmImmediateSafety(command, state, now);
    case 'MoveToDuurzameVeiligheid': {
      const safe = immediateSafetyForEveryone(state);
      if (!safe.holds) return [refused(state, command, 'immediate-safety-not-confirmed', safe.missing, now)];
      return [phaseChanged(state, command, to, safe.basedOn, now)];
    }
    case 'RecordSafetyConditions':
      return conditionsRecorded(state, command.conditions, command.conditionCount, command.handedOverTo, command.monitoring, command.actor, now);
    case 'RecordMonitoringResult':
      return monitoringResult(command, state, now);
    case 'ApplyInvestigationConclusion':
      return investigationConclusion(command, state, now);
    case 'MoveToHerstel': {
      const sustainable = sustainableSafetyShown(state);
      if (!sustainable.holds) return [refused(state, command, 'sustainable-safety-not-shown', sustainable.missing, now)];
      return [phaseChanged(state, command, to, sustainable.basedOn, now)];
    }
    case 'RegisterHandover':
      return handedOver(command, state, target, now);
    case 'RegisterHandoverCompleted':
      return handoverCompleted(command, state);
    case 'RegisterHandoverFailed':
      return handoverFailed(command, state);
    case 'RegisterAcuteIncident':
    case 'CloseHousehold':
      return [phaseChanged(state, command, to, {}, now)];
  }
}

/**
 * A partner accepted an overdracht: zicht op veiligheid passes to it (`HouseholdHandedOver`), and the
 * phase follows. In directe veiligheid the partner's work is duurzame veiligheid, so the household moves
 * there when immediate safety holds for every person; when it does not, the handover is recorded and the
 * move refused, naming who is missing. In other phases only the handover is recorded.
 */
function handedOver(command: RegisterHandover, state: RecordedHousehold, target: Target, now: Date): HouseholdEvent[] {
  if (state.handovers.some((handover) => handover.referralId === command.referralId)) return [];
  const { referralId, partnerId, partnerType, acceptedAt, basis, actor } = command;
  const recorded: HouseholdEvent = { type: HOUSEHOLD_HANDED_OVER, data: { householdId: state.householdId, referralId, partnerId, partnerType, acceptedAt, basis, actor } };
  if (target === STAYS) return [recorded];
  const after = evolve(state, recorded) as RecordedHousehold;
  const safe = immediateSafetyForEveryone(after);
  if (!safe.holds) return [recorded, refused(after, command, 'immediate-safety-not-confirmed', safe.missing, now)];
  // The reason is the code `overdracht-accepted`; the partner and referral are in `basedOn.referral`.
  return [recorded, phaseChanged(after, { type: command.type, actor }, target, { ...safe.basedOn, referral: { referralId, partnerId, partnerType, acceptedAt } }, now)];
}

/** Completion is recorded once; the phase does not follow it (herstel needs sustainable safety shown). */
function handoverCompleted(command: RegisterHandoverCompleted, state: RecordedHousehold): HouseholdEvent[] {
  if (state.handovers.some((handover) => handover.referralId === command.referralId && handover.completedAt !== undefined)) return [];
  const { referralId, partnerId, partnerType, completedAt, basis, actor } = command;
  return [{ type: HOUSEHOLD_HANDOVER_COMPLETED, data: { householdId: state.householdId, referralId, partnerId, partnerType, completedAt, basis, actor } }];
}

/** Nobody takes the household over: Veilig Thuis keeps zicht op veiligheid; no phase change. */
function handoverFailed(command: RegisterHandoverFailed, state: RecordedHousehold): HouseholdEvent[] {
  const seen = (failure: HandoverFailure) => (command.referralId ? failure.referralId === command.referralId : failure.basis.eventId === command.basis.eventId);
  if (state.handoverFailures.some(seen)) return [];
  const { referralId, wanted, reasonCode, triedPartnerIds, failedAt, basis, actor } = command;
  return [{ type: HOUSEHOLD_HANDOVER_FAILED_V2, data: { householdId: state.householdId, ...(referralId ? { referralId } : {}), wanted, reasonCode, triedPartnerIds, failedAt, basis, actor } }];
}

function conditionsRecorded(state: RecordedHousehold, conditions: EncryptedText, conditionCount: number, handedOverTo: string[], plan: MonitoringPlan | undefined, actor: string, now: Date): HouseholdEvent[] {
  if (!Number.isInteger(conditionCount) || conditionCount < 1) throw new RangeError(`safety conditions are at least one condition (got a count of ${conditionCount})`);
  const data = { householdId: state.householdId, conditions: sealedFor(conditions, state.householdId, 'the safety conditions'), conditionCount, handedOverTo, recordedAt: now.toISOString(), actor };
  const recorded: HouseholdEvent = { type: SAFETY_CONDITIONS_RECORDED_V2, data };
  if (!plan) return [recorded];
  return [recorded, { type: MONITORING_STARTED, data: { householdId: state.householdId, ...plan, actor } }];
}

/**
 * Voorwaarden & Vervolg records the conditions (and starts monitoring); afsluiten without unsafety
 * closes the record; overdracht and verzoek-rvdk leave the phase to what the partners report.
 */
function investigationConclusion(command: ApplyInvestigationConclusion, state: RecordedHousehold, now: Date): HouseholdEvent[] {
  if (command.outcome === 'voorwaarden-en-vervolg') {
    // conclusionProblems (investigation.rules.ts) makes sure a V&V conclusion names its conditions.
    if (!command.safetyConditions) throw new RangeError('a voorwaarden-en-vervolg conclusion carries its safety conditions');
    return conditionsRecorded(state, command.safetyConditions, command.safetyConditionCount, command.handOverTo, command.monitoring, command.actor, now);
  }
  if (command.outcome === 'afsluiten' && !command.unsafety) {
    const investigation = { investigationId: command.investigationId, outcome: command.outcome, unsafety: command.unsafety };
    return [phaseChanged(state, { type: command.type, actor: command.actor }, 'gesloten', { investigation }, now)];
  }
  return [];
}

function checkInDue(command: RegisterMonitoringCheckInDue, state: RecordedHousehold): HouseholdEvent[] {
  const period = state.monitoringPeriod;
  if (!period || period.monitoringId !== command.monitoringId || command.checkIn <= period.due) return [];
  const dueAt = period.checkInsDueAt[command.checkIn - 1];
  if (!dueAt) return [];
  return [{ type: MONITORING_CHECK_IN_DUE, data: { householdId: state.householdId, monitoringId: period.monitoringId, checkIn: command.checkIn, of: period.checkInsDueAt.length, dueAt, actor: command.actor } }];
}

/**
 * A check-in that fell due is overdue when, by the time its answer was expected, the period (still the same,
 * and with no unstable result) has fewer stable results than the check-in's number. Announced once per check-in.
 */
function checkInOverdue(command: RegisterMonitoringCheckInOverdue, state: RecordedHousehold, now: Date): HouseholdEvent[] {
  const period = state.monitoringPeriod;
  if (!period || period.monitoringId !== command.monitoringId || period.unstable) return [];
  if (command.checkIn > period.due || command.checkIn <= period.overdue || period.stableResults >= command.checkIn) return [];
  const dueAt = period.checkInsDueAt[command.checkIn - 1];
  if (!dueAt) return [];
  return [
    {
      type: MONITORING_CHECK_IN_OVERDUE,
      data: {
        householdId: state.householdId,
        monitoringId: period.monitoringId,
        checkIn: command.checkIn,
        of: period.checkInsDueAt.length,
        dueAt,
        answerWithin: command.answerWithin,
        overdueAt: now.toISOString(),
        resultsRecorded: period.stableResults,
        actor: command.actor,
      },
    },
  ];
}

/**
 * A result that is not stable sends the household back to directe veiligheid or asks for a new
 * assessment, as the investigator decides. Sustainable safety is confirmed (and duurzame veiligheid moves on
 * to herstel) by a stable result once every check-in of the period fell due, when there is a stable result
 * for each check-in and none that was not stable: a check-in nobody answered leaves the period unconfirmed
 * until a result makes it up.
 */
function monitoringResult(command: RecordMonitoringResult, state: RecordedHousehold, now: Date): HouseholdEvent[] {
  const period = state.monitoringPeriod;
  const reason = sealedFor(command.reason, state.householdId, 'a monitoring result\'s reason');
  const recorded: HouseholdEvent = {
    type: MONITORING_RESULT_RECORDED_V2,
    data: {
      householdId: state.householdId,
      ...(period ? { monitoringId: period.monitoringId } : {}),
      stable: command.stable,
      reason,
      ...(!command.stable && command.followUp ? { followUp: command.followUp } : {}),
      recordedAt: now.toISOString(),
      actor: command.actor,
    },
  };
  if (!command.stable) {
    if (command.followUp === 'directe-veiligheid') {
      // Code `monitoring-found-safety-not-stable`; what the monitoring found is the person's explanation, still sealed.
      return [recorded, phaseChanged(state, { type: 'RecordMonitoringResult', explanation: reason, actor: command.actor }, 'directe-veiligheid', {}, now)];
    }
    if (command.followUp === 'new-assessment') {
      return [
        recorded,
        { type: NEW_ASSESSMENT_REQUESTED_V2, data: { householdId: state.householdId, ...(period ? { monitoringId: period.monitoringId } : {}), reason, requestedAt: now.toISOString(), actor: command.actor } },
      ];
    }
    return [recorded];
  }
  if (!period || period.unstable || period.due < period.checkInsDueAt.length || period.stableResults + 1 < period.checkInsDueAt.length) return [recorded];
  const confirmed: HouseholdEvent = {
    type: SUSTAINABLE_SAFETY_CONFIRMED,
    data: {
      householdId: state.householdId,
      monitoringId: period.monitoringId,
      checkIns: period.checkInsDueAt.length,
      stableResults: period.stableResults + 1,
      startedAt: period.startedAt,
      confirmedAt: now.toISOString(),
      actor: command.actor,
    },
  };
  if (state.phase !== 'duurzame-veiligheid') return [recorded, confirmed];
  const after = [recorded, confirmed].reduce(evolve, state as HouseholdState) as RecordedHousehold;
  const sustainable = sustainableSafetyShown(after);
  if (!sustainable.holds) return [recorded, confirmed];
  return [recorded, confirmed, phaseChanged(after, { type: 'RecordMonitoringResult', actor: command.actor }, 'herstel', sustainable.basedOn, now)];
}

export function evolve(state: HouseholdState, event: HouseholdEvent): HouseholdState {
  if (event.type === HOUSEHOLD_RECORD_OPENED) {
    const { householdId, gemeenteCode, vtRegion, openedAt, phase, persons, basedOn } = event.data;
    return {
      status: 'recorded',
      householdId,
      gemeenteCode,
      ...(vtRegion ? { vtRegion } : {}),
      openedAt,
      phase,
      persons: persons.map(unconfirmed),
      meldingIds: [basedOn.meldingId],
      safetyConditions: null,
      monitoring: null,
      monitoringPeriod: null,
      handovers: [],
      handoverFailures: [],
    };
  }
  if (state.status === 'unknown') return state;
  switch (event.type) {
    case MELDING_ADDED_TO_HOUSEHOLD:
      return { ...state, persons: [...state.persons, ...event.data.addedPersons.map(unconfirmed)], meldingIds: [...state.meldingIds, event.data.meldingId] };
    case IMMEDIATE_SAFETY_CONFIRMED_V2: {
      const { personId, actor, confirmedAt, how } = event.data;
      // `how` stays sealed; it is absent on a confirmation recorded before ADR 0020 (its clear text was not kept).
      const confirmed: ImmediateSafety = { status: 'confirmed', confirmedBy: actor, confirmedAt, ...(how ? { how } : {}) };
      return { ...state, persons: state.persons.map((person) => (person.personId === personId ? { ...person, immediateSafety: confirmed } : person)) };
    }
    case HOUSEHOLD_PHASE_CHANGED_V2: {
      const withdrawn = new Set(event.data.confirmationsWithdrawn);
      return {
        ...state,
        phase: event.data.to,
        persons: state.persons.map((person) => (withdrawn.has(person.personId) ? unconfirmed(person) : person)),
        // Stability shown before an acute incident says nothing about the time after it.
        monitoring: event.data.to === 'directe-veiligheid' ? null : state.monitoring,
        monitoringPeriod: event.data.to === 'directe-veiligheid' || event.data.to === 'gesloten' ? null : state.monitoringPeriod,
        // Back in directe veiligheid, Veilig Thuis realises immediate safety itself: zicht op veiligheid is back with it.
        handovers: event.data.to === 'directe-veiligheid' ? state.handovers.map((handover) => (handover.endedAt ? handover : { ...handover, endedAt: event.data.changedAt })) : state.handovers,
      };
    }
    case SAFETY_CONDITIONS_RECORDED_V2: {
      const { conditions, conditionCount, handedOverTo, actor, recordedAt } = event.data;
      return { ...state, safetyConditions: { ...(conditions ? { conditions } : {}), conditionCount, handedOverTo, recordedBy: actor, recordedAt } };
    }
    case MONITORING_RESULT_RECORDED_V2: {
      const { stable, reason, actor, recordedAt } = event.data;
      const period = state.monitoringPeriod;
      return {
        ...state,
        monitoring: { stable, ...(reason ? { reason } : {}), recordedBy: actor, recordedAt },
        monitoringPeriod: period ? { ...period, stableResults: period.stableResults + (stable ? 1 : 0), unstable: period.unstable || !stable } : null,
      };
    }
    case MONITORING_STARTED: {
      const { monitoringId, startedAt, checkInsDueAt } = event.data;
      return { ...state, monitoringPeriod: { monitoringId, startedAt, checkInsDueAt, due: 0, stableResults: 0, unstable: false, overdue: 0 } };
    }
    case MONITORING_CHECK_IN_DUE:
      return state.monitoringPeriod?.monitoringId === event.data.monitoringId ? { ...state, monitoringPeriod: { ...state.monitoringPeriod, due: event.data.checkIn } } : state;
    case MONITORING_CHECK_IN_OVERDUE:
      return state.monitoringPeriod?.monitoringId === event.data.monitoringId
        ? { ...state, monitoringPeriod: { ...state.monitoringPeriod, overdue: Math.max(state.monitoringPeriod.overdue, event.data.checkIn) } }
        : state;
    case SUSTAINABLE_SAFETY_CONFIRMED:
    case NEW_ASSESSMENT_REQUESTED_V2:
      return { ...state, monitoringPeriod: null };
    case HOUSEHOLD_HANDED_OVER: {
      const { referralId, partnerId, partnerType, acceptedAt } = event.data;
      return { ...state, handovers: [...state.handovers, { referralId, partnerId, partnerType, acceptedAt }], handoverFailures: [] };
    }
    case HOUSEHOLD_HANDOVER_COMPLETED: {
      const { referralId, completedAt } = event.data;
      return { ...state, handovers: state.handovers.map((handover) => (handover.referralId === referralId ? { ...handover, completedAt } : handover)) };
    }
    case HOUSEHOLD_HANDOVER_FAILED_V2: {
      const { referralId, wanted, reasonCode, failedAt, basis } = event.data;
      return { ...state, handoverFailures: [...state.handoverFailures, { ...(referralId ? { referralId } : {}), wanted, reasonCode, failedAt, basis }] };
    }
    case HOUSEHOLD_PHASE_CHANGE_REFUSED:
      return state;
  }
  return state;
}

function openRecord(command: OpenHouseholdRecord, state: HouseholdState, now: Date): HouseholdEvent[] {
  // A record that exists stays as it is; a later melding reaches it as RegisterMelding.
  if (state.status === 'recorded') return [];
  return [
    {
      type: HOUSEHOLD_RECORD_OPENED,
      data: {
        householdId: command.householdId,
        phase: 'directe-veiligheid',
        ...(command.gemeenteCode ? { gemeenteCode: command.gemeenteCode } : {}),
        ...(command.vtRegion ? { vtRegion: command.vtRegion } : {}),
        persons: command.persons,
        basedOn: command.basedOn,
        reason: command.basedOn.acute
          ? 'first melding, judged acute: immediate safety must be realised for everyone involved'
          : 'first melding: immediate safety is assessed first for everyone involved',
        openedAt: now.toISOString(),
        actor: command.actor,
      },
    },
  ];
}

function registerMelding(command: RegisterMelding, state: RecordedHousehold, target: Target, now: Date): HouseholdEvent[] {
  if (state.meldingIds.includes(command.meldingId)) return [];
  const known = new Set(state.persons.map((person) => person.personId));
  const added: HouseholdEvent = {
    type: MELDING_ADDED_TO_HOUSEHOLD,
    data: {
      householdId: state.householdId,
      meldingId: command.meldingId,
      acuteCheckId: command.acuteCheckId,
      acute: command.acute,
      persons: command.persons,
      addedPersons: command.persons.filter((person) => !known.has(person.personId)),
      addedAt: now.toISOString(),
      actor: command.actor,
    },
  };
  const to = command.acute ? 'directe-veiligheid' : target;
  if (to === STAYS) return [added];
  // Code `melding-reopened-closed-household` from gesloten, else `acute-melding` (phaseChangeReasonOf).
  const melding = { meldingId: command.meldingId, acuteCheckId: command.acuteCheckId, acute: command.acute };
  return [added, phaseChanged(state, { type: 'RegisterMelding', actor: command.actor }, to, { melding }, now)];
}

function confirmImmediateSafety(command: ConfirmImmediateSafety, state: RecordedHousehold, now: Date): HouseholdEvent[] {
  const person = state.persons.find((candidate) => candidate.personId === command.personId);
  if (!person) return [refused(state, command, 'unknown-person', [{ fact: 'person-in-household', personId: command.personId }], now)];
  if (person.immediateSafety.status === 'confirmed') return [];
  const how = sealedFor(command.how, person.personId, 'how immediate safety was confirmed');
  return [
    {
      type: IMMEDIATE_SAFETY_CONFIRMED_V2,
      data: { householdId: state.householdId, personId: person.personId, role: person.role, how, confirmedAt: now.toISOString(), actor: command.actor },
    },
  ];
}

/**
 * A phase change: why, as a code that follows from the command and the phases (`phaseChangeReasonOf`), and the
 * explanation the deciding person gave, sealed under the household's key, when there is one.
 */
function phaseChanged(state: RecordedHousehold, command: { type: PhaseChangingCommand; explanation?: EncryptedText; actor: string }, to: HouseholdPhase, basedOn: PhaseChangeBasis, now: Date): HouseholdEvent {
  const confirmationsWithdrawn = to === 'directe-veiligheid' ? state.persons.filter((person) => person.immediateSafety.status === 'confirmed').map((person) => person.personId) : [];
  const explanation = command.explanation ? { explanation: sealedFor(command.explanation, state.householdId, 'a phase change\'s explanation') } : {};
  return {
    type: HOUSEHOLD_PHASE_CHANGED_V2,
    data: {
      householdId: state.householdId,
      command: command.type,
      from: state.phase,
      to,
      reasonCode: phaseChangeReasonOf({ command: command.type, from: state.phase, to }),
      ...explanation,
      basedOn,
      confirmationsWithdrawn,
      changedAt: now.toISOString(),
      actor: command.actor,
    },
  };
}

function refused(state: RecordedHousehold, command: WorkflowCommand, reason: RefusalReason, missing: MissingFact[], now: Date): HouseholdEvent {
  return {
    type: HOUSEHOLD_PHASE_CHANGE_REFUSED,
    data: { householdId: state.householdId, command: command.type, phase: state.phase, reason, missing, allowed: allowedMoves(state.phase), refusedAt: now.toISOString(), actor: command.actor },
  };
}

/** A person with immediate safety not (or no longer) confirmed; whether they are a minor stays on the record. */
function unconfirmed({ personId, role, minor }: PersonRef): HouseholdPerson {
  return { personId, role, ...(minor !== undefined ? { minor } : {}), immediateSafety: { status: 'unconfirmed' } };
}
