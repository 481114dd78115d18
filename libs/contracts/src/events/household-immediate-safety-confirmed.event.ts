import { TOPICS } from '../topics';
import { actorSchema, PERSON_ROLES, PersonRole, timestampSchema, uuidSchema } from './common';

export const IMMEDIATE_SAFETY_CONFIRMED = 'nl.veiligthuis.household.ImmediateSafetyConfirmed.v1' as const;

/** Someone confirmed that immediate safety is realised for one person of the household, and how. */
export interface ImmediateSafetyConfirmedData {
  householdId: string;
  personId: string;
  role: PersonRole;
  how: string;
  confirmedAt: string;
  actor: string;
}

export const immediateSafetyConfirmedSchema = {
  $id: 'urn:vt:schema:household.ImmediateSafetyConfirmed.v1',
  type: 'object',
  required: ['householdId', 'personId', 'role', 'how', 'confirmedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    personId: uuidSchema,
    role: { enum: [...PERSON_ROLES] },
    how: { type: 'string', minLength: 1 },
    confirmedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const immediateSafetyConfirmedContract = {
  type: IMMEDIATE_SAFETY_CONFIRMED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: immediateSafetyConfirmedSchema,
  summary: 'Immediate safety was confirmed for one person of the household, by whom and how.',
} as const;
