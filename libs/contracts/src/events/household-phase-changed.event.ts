import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, PERSON_ROLES, PersonRole, timestampSchema, uuidSchema } from './common';
import { HOUSEHOLD_PHASES, HouseholdPhase } from './household-record-opened.event';
import { HANDOVER_PARTY_PATTERN } from './household-safety-conditions-recorded.event';

/** Superseded by `HOUSEHOLD_PHASE_CHANGED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `HOUSEHOLD_PHASE_CHANGED_V2`, and the outbox refuses this type. */
export const HOUSEHOLD_PHASE_CHANGED = 'nl.veiligthuis.household.HouseholdPhaseChanged.v1' as const;
/** The newest version: a reason code, and a person's explanation only encrypted (ADR 0020). */
export const HOUSEHOLD_PHASE_CHANGED_V2 = 'nl.veiligthuis.household.HouseholdPhaseChanged.v2' as const;

/** Every command of the household phase workflow, as events and refusals name them. */
export const HOUSEHOLD_COMMANDS = [
  'RegisterMelding',
  'ConfirmImmediateSafety',
  'MoveToDuurzameVeiligheid',
  'RecordSafetyConditions',
  'RecordMonitoringResult',
  'MoveToHerstel',
  'RegisterAcuteIncident',
  'CloseHousehold',
  'ApplyInvestigationConclusion',
  'RegisterMonitoringCheckInDue',
  'RegisterHandover',
  'RegisterHandoverCompleted',
  'RegisterHandoverFailed',
] as const;
export type HouseholdCommandName = (typeof HOUSEHOLD_COMMANDS)[number];

export const PHASE_CHANGING_COMMANDS = [
  'RegisterMelding',
  'MoveToDuurzameVeiligheid',
  'MoveToHerstel',
  'RegisterAcuteIncident',
  'CloseHousehold',
  'ApplyInvestigationConclusion',
  'RecordMonitoringResult',
  'RegisterHandover',
] as const;
export type PhaseChangingCommand = (typeof PHASE_CHANGING_COMMANDS)[number];

/** The recorded facts a phase change rests on; which ones depend on the move. */
export interface PhaseChangeBasis {
  /** Leaving directe veiligheid: the confirmation of every person's immediate safety. */
  confirmations?: { personId: string; role: PersonRole; confirmedBy: string; confirmedAt: string }[];
  /** Entering herstel: the safety conditions and to whom they were handed over. */
  safetyConditions?: { recordedBy: string; recordedAt: string; handedOverTo: string[] };
  /** Entering herstel: the latest monitoring result, which was stable. */
  monitoringResult?: { stable: boolean; recordedBy: string; recordedAt: string };
  /** Back to directe veiligheid because of a melding: the melding and its acute check. */
  melding?: { meldingId: string; acuteCheckId: string; acute: boolean };
  /** Closing on an investigation's conclusion (afsluiten, no unsafety found). */
  investigation?: { investigationId: string; outcome: string; unsafety: boolean };
  /** Leaving directe veiligheid because a partner accepted an overdracht: the referral it accepted. */
  referral?: { referralId: string; partnerId: string; partnerType: string; acceptedAt: string };
}

/**
 * The household moved from one phase to another, by `command`. `from` equals `to` when an acute melding
 * or incident arrives while the household is already in directe veiligheid: that phase starts over.
 * Entering directe veiligheid withdraws every confirmation of immediate safety (`confirmationsWithdrawn`).
 * Closing is a change `to: 'gesloten'`; there is no separate closing event.
 */
export interface HouseholdPhaseChangedData {
  householdId: string;
  command: PhaseChangingCommand;
  from: HouseholdPhase;
  to: HouseholdPhase;
  reason: string;
  basedOn: PhaseChangeBasis;
  confirmationsWithdrawn: string[];
  changedAt: string;
  actor: string;
}

export const householdPhaseChangedSchema = {
  $id: 'urn:vt:schema:household.HouseholdPhaseChanged.v1',
  type: 'object',
  required: ['householdId', 'command', 'from', 'to', 'reason', 'basedOn', 'confirmationsWithdrawn', 'changedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    command: { enum: [...PHASE_CHANGING_COMMANDS] },
    from: { enum: [...HOUSEHOLD_PHASES] },
    to: { enum: [...HOUSEHOLD_PHASES] },
    reason: { type: 'string', minLength: 1 },
    basedOn: {
      type: 'object',
      additionalProperties: false,
      properties: {
        confirmations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['personId', 'role', 'confirmedBy', 'confirmedAt'],
            additionalProperties: false,
            properties: { personId: uuidSchema, role: { enum: [...PERSON_ROLES] }, confirmedBy: actorSchema, confirmedAt: timestampSchema },
          },
        },
        safetyConditions: {
          type: 'object',
          required: ['recordedBy', 'recordedAt', 'handedOverTo'],
          additionalProperties: false,
          properties: { recordedBy: actorSchema, recordedAt: timestampSchema, handedOverTo: { type: 'array', items: { type: 'string', pattern: HANDOVER_PARTY_PATTERN } } },
        },
        monitoringResult: {
          type: 'object',
          required: ['stable', 'recordedBy', 'recordedAt'],
          additionalProperties: false,
          properties: { stable: { type: 'boolean' }, recordedBy: actorSchema, recordedAt: timestampSchema },
        },
        melding: {
          type: 'object',
          required: ['meldingId', 'acuteCheckId', 'acute'],
          additionalProperties: false,
          properties: { meldingId: uuidSchema, acuteCheckId: uuidSchema, acute: { type: 'boolean' } },
        },
        investigation: {
          type: 'object',
          required: ['investigationId', 'outcome', 'unsafety'],
          additionalProperties: false,
          properties: { investigationId: uuidSchema, outcome: { type: 'string', minLength: 1 }, unsafety: { type: 'boolean' } },
        },
        referral: {
          type: 'object',
          required: ['referralId', 'partnerId', 'partnerType', 'acceptedAt'],
          additionalProperties: false,
          properties: { referralId: uuidSchema, partnerId: { type: 'string', minLength: 1 }, partnerType: { type: 'string', minLength: 1 }, acceptedAt: timestampSchema },
        },
      },
    },
    confirmationsWithdrawn: { type: 'array', items: uuidSchema },
    changedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const householdPhaseChangedContract = {
  type: HOUSEHOLD_PHASE_CHANGED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: householdPhaseChangedSchema,
  summary: 'The household moved to another phase (or started directe veiligheid over), with its reason, actor and the facts it rests on (v1: reason in clear; superseded by v2).',
  supersededBy: HOUSEHOLD_PHASE_CHANGED_V2,
} as const;

/**
 * Why the phase changed, as a code (the facts it rests on are in `basedOn`):
 * - `acute-melding`: a melding judged acute (RegisterMelding) — directe veiligheid (again);
 * - `melding-reopened-closed-household`: a melding about a closed household (RegisterMelding);
 * - `acute-incident`: a new acute incident (RegisterAcuteIncident);
 * - `immediate-safety-realised-for-everyone`: MoveToDuurzameVeiligheid;
 * - `sustainable-safety-shown`: MoveToHerstel;
 * - `closed-by-decision`: CloseHousehold;
 * - `investigation-found-no-unsafety`: ApplyInvestigationConclusion (afsluiten without unsafety);
 * - `monitoring-found-safety-not-stable`: RecordMonitoringResult, not stable, back to directe veiligheid;
 * - `monitoring-period-stable`: RecordMonitoringResult completing a stable period, on to herstel;
 * - `overdracht-accepted`: RegisterHandover, a partner took the household over.
 */
export const PHASE_CHANGE_REASONS = [
  'acute-melding',
  'melding-reopened-closed-household',
  'acute-incident',
  'immediate-safety-realised-for-everyone',
  'sustainable-safety-shown',
  'closed-by-decision',
  'investigation-found-no-unsafety',
  'monitoring-found-safety-not-stable',
  'monitoring-period-stable',
  'overdracht-accepted',
] as const;
export type PhaseChangeReason = (typeof PHASE_CHANGE_REASONS)[number];

/**
 * v2: as v1, with the reason as a code (`reasonCode`) and the explanation a person gave (a requested phase
 * transition) only encrypted under the household's data key in safety-investigation's key table (ADR 0020).
 */
export interface HouseholdPhaseChangedV2Data extends Omit<HouseholdPhaseChangedData, 'reason'> {
  reasonCode: PhaseChangeReason;
  /** The explanation the deciding person gave, encrypted; absent when the change follows from facts alone. */
  explanation?: EncryptedText;
}

const { reason: _reasonV1, ...phaseChangedPropertiesV1 } = householdPhaseChangedSchema.properties;

export const householdPhaseChangedV2Schema = {
  $id: 'urn:vt:schema:household.HouseholdPhaseChanged.v2',
  type: 'object',
  required: ['householdId', 'command', 'from', 'to', 'reasonCode', 'basedOn', 'confirmationsWithdrawn', 'changedAt', 'actor'],
  additionalProperties: false,
  properties: { ...phaseChangedPropertiesV1, reasonCode: { enum: [...PHASE_CHANGE_REASONS] }, explanation: encryptedTextSchema },
} as const;

export const householdPhaseChangedV2Contract = {
  type: HOUSEHOLD_PHASE_CHANGED_V2,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: householdPhaseChangedV2Schema,
  summary: 'The household moved to another phase (or started directe veiligheid over), with a reason code, actor, the facts it rests on, and any explanation encrypted.',
} as const;

/** The reason code a phase change stands for, from its command and phases (how v1 records are read). */
export function phaseChangeReasonOf(change: Pick<HouseholdPhaseChangedData, 'command' | 'from' | 'to'>): PhaseChangeReason {
  switch (change.command) {
    case 'RegisterMelding':
      return change.from === 'gesloten' ? 'melding-reopened-closed-household' : 'acute-melding';
    case 'RegisterAcuteIncident':
      return 'acute-incident';
    case 'MoveToDuurzameVeiligheid':
      return 'immediate-safety-realised-for-everyone';
    case 'MoveToHerstel':
      return 'sustainable-safety-shown';
    case 'CloseHousehold':
      return 'closed-by-decision';
    case 'ApplyInvestigationConclusion':
      return 'investigation-found-no-unsafety';
    case 'RecordMonitoringResult':
      return change.to === 'herstel' ? 'monitoring-period-stable' : 'monitoring-found-safety-not-stable';
    case 'RegisterHandover':
      return 'overdracht-accepted';
  }
}

/** v1 → v2: the reason code follows from the command and phases; the clear-text reason is not carried over. */
export function upcastHouseholdPhaseChangedV1(data: HouseholdPhaseChangedData): HouseholdPhaseChangedV2Data {
  const { reason: _clearText, ...rest } = data;
  return { ...rest, reasonCode: phaseChangeReasonOf(data) };
}
