import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema, vtRegionCodeSchema } from './common';

export const ACUTE_CHECK_COMPLETED = 'nl.veiligthuis.triage.AcuteCheckCompleted.v1' as const;

/** Crisis triage judged a melding for acute unsafety, under a named version of its rule set. */
export interface AcuteCheckCompletedData {
  checkId: string;
  meldingId: string;
  householdId: string;
  /** Absent for an island household. */
  gemeenteCode?: string;
  /**
   * (added in v1, optional) The VT region of the melding (its `region.vtRegion`, e.g. `vt-west-brabant`,
   * `vt-bq-saba`): where the household's record is kept and who may read it. Absent in older events: then the
   * VT region of `gemeenteCode` in the dated VT region table.
   */
  vtRegion?: string;
  acute: boolean;
  grounds: string[];
  ruleSetVersion: string;
  persons: PersonRef[];
  checkedAt: string;
  actor: string;
}

export const acuteCheckCompletedSchema = {
  $id: 'urn:vt:schema:triage.AcuteCheckCompleted.v1',
  type: 'object',
  required: ['checkId', 'meldingId', 'householdId', 'acute', 'grounds', 'ruleSetVersion', 'persons', 'checkedAt', 'actor'],
  additionalProperties: false,
  properties: {
    checkId: uuidSchema,
    meldingId: uuidSchema,
    householdId: uuidSchema,
    gemeenteCode: gemeenteCodeSchema,
    vtRegion: vtRegionCodeSchema,
    acute: { type: 'boolean' },
    grounds: { type: 'array', items: { type: 'string' } },
    ruleSetVersion: { type: 'string', minLength: 1 },
    persons: { type: 'array', minItems: 1, items: personRefSchema },
    checkedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const acuteCheckCompletedContract = {
  type: ACUTE_CHECK_COMPLETED,
  address: TOPICS.triageAssessments,
  producer: 'crisis-triage',
  schema: acuteCheckCompletedSchema,
  summary: 'Crisis triage checked a melding for acute unsafety and recorded its grounds and rule-set version.',
} as const;
