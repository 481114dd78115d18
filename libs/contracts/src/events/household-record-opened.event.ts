import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema, vtRegionCodeSchema } from './common';

export const HOUSEHOLD_RECORD_OPENED = 'nl.veiligthuis.household.HouseholdRecordOpened.v1' as const;

export const HOUSEHOLD_PHASES = ['directe-veiligheid', 'duurzame-veiligheid', 'herstel', 'gesloten'] as const;
export type HouseholdPhase = (typeof HOUSEHOLD_PHASES)[number];

/** The household safety record was opened; a household always starts in directe veiligheid. */
export interface HouseholdRecordOpenedData {
  householdId: string;
  phase: 'directe-veiligheid';
  /** Absent for an island household. */
  gemeenteCode?: string;
  /**
   * (added in v1, optional) The household's VT region (`vt-amsterdam-amstelland`, `vt-bq-bonaire`): every read
   * and write of its record is scoped to it. Absent in older events: then the VT region of `gemeenteCode`.
   */
  vtRegion?: string;
  persons: PersonRef[];
  basedOn: { meldingId: string; acuteCheckId: string; acute: boolean };
  reason: string;
  openedAt: string;
  actor: string;
}

export const householdRecordOpenedSchema = {
  $id: 'urn:vt:schema:household.HouseholdRecordOpened.v1',
  type: 'object',
  required: ['householdId', 'phase', 'persons', 'basedOn', 'reason', 'openedAt', 'actor'],
  additionalProperties: false,
  properties: {
    householdId: uuidSchema,
    phase: { const: 'directe-veiligheid' },
    gemeenteCode: gemeenteCodeSchema,
    vtRegion: vtRegionCodeSchema,
    persons: { type: 'array', minItems: 1, items: personRefSchema },
    basedOn: {
      type: 'object',
      required: ['meldingId', 'acuteCheckId', 'acute'],
      additionalProperties: false,
      properties: { meldingId: uuidSchema, acuteCheckId: uuidSchema, acute: { type: 'boolean' } },
    },
    reason: { type: 'string', minLength: 1 },
    openedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const householdRecordOpenedContract = {
  type: HOUSEHOLD_RECORD_OPENED,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: householdRecordOpenedSchema,
  summary: 'The household safety record was opened in phase directe-veiligheid.',
} as const;
