import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, timestampSchema, uuidSchema } from './common';

/** Superseded by `INVESTIGATION_CONCLUDED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `INVESTIGATION_CONCLUDED_V2`, and the outbox refuses this type. */
export const INVESTIGATION_CONCLUDED = 'nl.veiligthuis.investigation.InvestigationConcluded.v1' as const;
/** The newest version: the safety conditions only encrypted (ADR 0020). */
export const INVESTIGATION_CONCLUDED_V2 = 'nl.veiligthuis.investigation.InvestigationConcluded.v2' as const;

/**
 * What follows an integral investigation (Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2). `verzoek-beschermingsmaatregel`
 * (added within v2, docs/adr/0037) is the route for adults that `verzoek-rvdk` is for children: VT asks the openbaar
 * ministerie to request a protection measure for an adult from the kantonrechter (curatele, beschermingsbewind,
 * mentorschap: BW boek 1 titels 16, 19 and 20) [verify who may request: BW 1:379, 1:432, 1:451].
 */
export const INVESTIGATION_OUTCOMES = ['overdracht', 'voorwaarden-en-vervolg', 'verzoek-rvdk', 'afsluiten', 'verzoek-beschermingsmaatregel'] as const;
export type InvestigationOutcome = (typeof INVESTIGATION_OUTCOMES)[number];

/**
 * Risks an investigation can conclude to, code list `investigation-risks/1`. Additive: a new code is a
 * new entry, a code is never renamed.
 */
export const INVESTIGATION_RISKS = [
  'lichamelijk-geweld',
  'seksueel-geweld',
  'psychisch-geweld',
  'verwaarlozing',
  'getuige-van-huiselijk-geweld',
  'eergerelateerd-geweld',
  'stalking',
  'financieel-misbruik',
  'ontspoorde-mantelzorg',
  'middelengebruik',
  'psychische-problematiek',
  'opvoedingsonmacht',
  'overig',
] as const;
export type InvestigationRisk = (typeof INVESTIGATION_RISKS)[number];

/**
 * The kinds of party an investigation hands the household or its safety conditions over to. Types,
 * not partners: the referral service picks the partner of that type for the household's gemeente or
 * region. The names are those of PARTNER_TYPES (referral-issued.event.ts, `openbaar-ministerie` among them since
 * docs/adr/0037) plus `betrokken-zorg` (care already involved), `huisarts`, and `household` (the household itself).
 */
export const HANDOVER_PARTNER_TYPES = [
  'lokaal-team',
  'rvdk',
  'politie',
  'vrouwenopvang',
  'ggz',
  'gecertificeerde-instelling',
  'slachtofferhulp',
  'reclassering',
  'mdt',
  'betrokken-zorg',
  'openbaar-ministerie',
  'huisarts',
  'household',
] as const;
export type HandoverPartnerType = (typeof HANDOVER_PARTNER_TYPES)[number];

/**
 * The household's integral investigation was concluded: whether there is unsafety and which risks,
 * the veiligheidsvoorwaarden, and what follows. Stops the 10-week `onderzoek` clock in crisis-triage.
 * - `overdracht`: `handOverTo` names the partner types that take over (at least one).
 * - `voorwaarden-en-vervolg`: VT keeps the case; `safetyConditions` (at least one) are handed to `handOverTo`.
 * - `verzoek-rvdk`: a request to the Raad voor de Kinderbescherming; `handOverTo` holds
 *   `rvdk` (and the law has VT inform the gemeente: `lokaal-team`).
 * - `afsluiten`: nothing follows; `handOverTo` may be empty.
 * - `verzoek-beschermingsmaatregel`: a request for a protection measure for an adult (curatele, beschermingsbewind,
 *   mentorschap) through the openbaar ministerie; `handOverTo` holds `openbaar-ministerie`.
 * No free text: the findings per person are in `InvestigationFindingRecorded`, encrypted for that person.
 */
export interface InvestigationConcludedData {
  investigationId: string;
  householdId: string;
  /** Absent for an island household. */
  gemeenteCode?: string;
  basedOn: { assessmentId: string; meldingId: string };
  conclusion: { unsafety: boolean; risks: InvestigationRisk[] };
  safetyConditions: string[];
  outcome: InvestigationOutcome;
  handOverTo: HandoverPartnerType[];
  concludedAt: string;
  actor: string;
}

export const investigationConcludedSchema = {
  $id: 'urn:vt:schema:investigation.InvestigationConcluded.v1',
  type: 'object',
  required: ['investigationId', 'householdId', 'basedOn', 'conclusion', 'safetyConditions', 'outcome', 'handOverTo', 'concludedAt', 'actor'],
  additionalProperties: false,
  properties: {
    investigationId: uuidSchema,
    householdId: uuidSchema,
    gemeenteCode: gemeenteCodeSchema,
    basedOn: {
      type: 'object',
      required: ['assessmentId', 'meldingId'],
      additionalProperties: false,
      properties: { assessmentId: uuidSchema, meldingId: uuidSchema },
    },
    conclusion: {
      type: 'object',
      required: ['unsafety', 'risks'],
      additionalProperties: false,
      properties: {
        unsafety: { type: 'boolean' },
        risks: { type: 'array', items: { enum: [...INVESTIGATION_RISKS] } },
      },
    },
    safetyConditions: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 1000 } },
    outcome: { enum: [...INVESTIGATION_OUTCOMES] },
    handOverTo: { type: 'array', items: { enum: [...HANDOVER_PARTNER_TYPES] } },
    concludedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const investigationConcludedContract = {
  type: INVESTIGATION_CONCLUDED,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: investigationConcludedSchema,
  summary: "The household's integral investigation was concluded, with unsafety and risks, safety conditions and the outcome (v1: conditions in clear; superseded by v2).",
  supersededBy: INVESTIGATION_CONCLUDED_V2,
} as const;

/**
 * v2: as v1, but the veiligheidsvoorwaarden are free text about the household and travel only encrypted, as one
 * list (`{ items }`) under the household's key in safety-investigation's key table; `safetyConditionCount` says
 * how many (0 when none were set, and then `safetyConditions` is absent). ADR 0020.
 */
export interface InvestigationConcludedV2Data extends Omit<InvestigationConcludedData, 'safetyConditions'> {
  safetyConditions?: EncryptedText;
  safetyConditionCount: number;
}

const { safetyConditions: _conditionsV1, ...concludedPropertiesV1 } = investigationConcludedSchema.properties;
export const investigationConcludedV2Schema = {
  $id: 'urn:vt:schema:investigation.InvestigationConcluded.v2',
  type: 'object',
  required: ['investigationId', 'householdId', 'basedOn', 'conclusion', 'safetyConditionCount', 'outcome', 'handOverTo', 'concludedAt', 'actor'],
  additionalProperties: false,
  properties: { ...concludedPropertiesV1, safetyConditions: encryptedTextSchema, safetyConditionCount: { type: 'integer', minimum: 0 } },
} as const;

export const investigationConcludedV2Contract = {
  type: INVESTIGATION_CONCLUDED_V2,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: investigationConcludedV2Schema,
  summary: "The household's integral investigation was concluded, with unsafety and risks, the safety conditions (encrypted under the household's key) and the outcome.",
} as const;

/** v1 → v2: the number of conditions; their clear text is not carried over. */
export function upcastInvestigationConcludedV1(data: InvestigationConcludedData): InvestigationConcludedV2Data {
  const { safetyConditions, ...rest } = data;
  return { ...rest, safetyConditionCount: safetyConditions.length };
}
