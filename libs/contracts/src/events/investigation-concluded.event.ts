import { TOPICS } from '../topics';
import { actorSchema, gemeenteCodeSchema, timestampSchema, uuidSchema } from './common';

export const INVESTIGATION_CONCLUDED = 'nl.veiligthuis.investigation.InvestigationConcluded.v1' as const;

/** What follows an integral investigation (Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2). */
export const INVESTIGATION_OUTCOMES = ['overdracht', 'voorwaarden-en-vervolg', 'verzoek-rvdk', 'afsluiten'] as const;
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
 * region. The names are those of PARTNER_TYPES (referral-issued.event.ts) plus `betrokken-zorg` (care
 * already involved), `openbaar-ministerie`, `huisarts`, and `household` (the household itself).
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
  summary: "The household's integral investigation was concluded, with unsafety and risks, safety conditions and the outcome.",
} as const;
