import { TOPICS } from '../topics';
import { actorSchema, PERSON_ROLES, PersonRole, timestampSchema, uuidSchema } from './common';
import { HOUSEHOLD_COMMANDS, HouseholdCommandName } from './household-phase-changed.event';
import { HOUSEHOLD_PHASES, HouseholdPhase } from './household-record-opened.event';

export const HOUSEHOLD_PHASE_CHANGE_REFUSED = 'nl.veiligthuis.household.HouseholdPhaseChangeRefused.v1' as const;

export const REFUSAL_REASONS = ['not-allowed-in-phase', 'household-closed', 'immediate-safety-not-confirmed', 'sustainable-safety-not-shown', 'unknown-person'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const MISSING_FACTS = [
  'immediate-safety-confirmed',
  'person-in-household',
  'safety-conditions-recorded',
  'safety-conditions-handed-over',
  'monitoring-result-recorded',
  'monitoring-result-stable',
] as const;
export type MissingFactKind = (typeof MISSING_FACTS)[number];

/** A fact the refused command needed and did not find; `personId` (and `role`) when it is about one person. */
export interface MissingFact {
  fact: MissingFactKind;
  personId?: string;
  role?: PersonRole;
}

/** A command the household's current phase allows; `to` is the phase it moves to, absent when it only records a fact. */
export interface AllowedMove {
  command: HouseholdCommandName;
  to?: HouseholdPhase;
}

/** The phase workflow refused a command: what was asked, why not, what is missing, and what the phase allows instead. */
export interface HouseholdPhaseChangeRefusedData {
  householdId: string;
  command: HouseholdCommandName;
  phase: HouseholdPhase;
  reason: RefusalReason;
  missing: MissingFact[];
  allowed: AllowedMove[];
  refusedAt: string;
  actor: string;
}

export const householdPhaseChangeRefusedSchema = {
  $id: 'urn:vt:schema:household.HouseholdPhaseChangeRefused.v1',
  type: 'object',
  required: ['householdId', 'command', 'phase', 'reason', 'missing', 'allowed', 'refusedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    command: { enum: [...HOUSEHOLD_COMMANDS] },
    phase: { enum: [...HOUSEHOLD_PHASES] },
    reason: { enum: [...REFUSAL_REASONS] },
    missing: {
      type: 'array',
      items: {
        type: 'object',
        required: ['fact'],
        additionalProperties: false,
        properties: { fact: { enum: [...MISSING_FACTS] }, personId: uuidSchema, role: { enum: [...PERSON_ROLES] } },
      },
    },
    allowed: {
      type: 'array',
      items: {
        type: 'object',
        required: ['command'],
        additionalProperties: false,
        properties: { command: { enum: [...HOUSEHOLD_COMMANDS] }, to: { enum: [...HOUSEHOLD_PHASES] } },
      },
    },
    refusedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const householdPhaseChangeRefusedContract = {
  type: HOUSEHOLD_PHASE_CHANGE_REFUSED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: householdPhaseChangeRefusedSchema,
  summary: 'A command of the household phase workflow was refused, naming what was missing and which moves the phase allows.',
} as const;
