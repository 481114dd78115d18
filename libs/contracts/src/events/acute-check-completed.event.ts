import { TOPICS } from '../topics';
import { INVESTIGATION_RISKS, InvestigationRisk } from './investigation-concluded.event';
import { actorSchema, gemeenteCodeSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema, vtRegionCodeSchema } from './common';

export const ACUTE_CHECK_COMPLETED = 'nl.veiligthuis.triage.AcuteCheckCompleted.v1' as const;

/** Whether a victim of the melding was 65 or older at receipt: yes (one was), no (every victim's age known, under 65), unknown. */
export const ELDERLY_VICTIM_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type ElderlyVictimAnswer = (typeof ELDERLY_VICTIM_ANSWERS)[number];

/**
 * The forms of violence the acute check saw in a melding, which the veiligheidsbeoordeling decides from (docs/adr/0036):
 * the aard van het geweld as registered, the forms in the investigation's vocabulary (`investigation-risks/1`:
 * psychisch geweld from the tag or from a threat to life, lichamelijk and seksueel geweld and verwaarlozing from the
 * acute signals, financieel misbruik and ontspoorde mantelzorg from the tags, …), and whether a victim was 65 or older.
 */
export interface ViolenceSeen {
  aard: string[];
  forms: InvestigationRisk[];
  elderlyVictim: ElderlyVictimAnswer;
}

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
  /** (added in v1, optional) What the check saw of the violence; absent in older events and for a melding without concerns. */
  violence?: ViolenceSeen;
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
    violence: {
      type: 'object',
      required: ['aard', 'forms', 'elderlyVictim'],
      additionalProperties: false,
      properties: {
        aard: { type: 'array', items: { type: 'string', minLength: 1 } },
        forms: { type: 'array', uniqueItems: true, items: { enum: [...INVESTIGATION_RISKS] } },
        elderlyVictim: { enum: [...ELDERLY_VICTIM_ANSWERS] },
      },
    },
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
