import { TOPICS } from '../topics';
import { actorSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema } from './common';

export const MELDING_ADDED_TO_HOUSEHOLD = 'nl.veiligthuis.household.MeldingAddedToHousehold.v1' as const;

/**
 * A later melding (after its acute check) was added to a household that already has a record.
 * `addedPersons` are the melding's persons the record did not hold yet; they start unconfirmed.
 */
export interface MeldingAddedToHouseholdData {
  householdId: string;
  meldingId: string;
  acuteCheckId: string;
  acute: boolean;
  persons: PersonRef[];
  addedPersons: PersonRef[];
  addedAt: string;
  actor: string;
}

export const meldingAddedToHouseholdSchema = {
  $id: 'urn:vt:schema:household.MeldingAddedToHousehold.v1',
  type: 'object',
  required: ['householdId', 'meldingId', 'acuteCheckId', 'acute', 'persons', 'addedPersons', 'addedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    meldingId: uuidSchema,
    acuteCheckId: uuidSchema,
    acute: { type: 'boolean' },
    persons: { type: 'array', minItems: 1, items: personRefSchema },
    addedPersons: { type: 'array', items: personRefSchema },
    addedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const meldingAddedToHouseholdContract = {
  type: MELDING_ADDED_TO_HOUSEHOLD,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: meldingAddedToHouseholdSchema,
  summary: 'A later melding was added to the household record; persons new to the record start with immediate safety unconfirmed.',
} as const;
