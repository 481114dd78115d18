import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const INVESTIGATION_OPENED = 'nl.veiligthuis.investigation.InvestigationOpened.v1' as const;

/**
 * The veiligheidsbeoordeling decided on onderzoek, and the household's one integral investigation
 * (children and adults together) was opened. Its 10-week clock is kept by crisis-triage
 * (`DeadlineStarted`, clock `onderzoek`, subject = the assessment id).
 */
export interface InvestigationOpenedData {
  investigationId: string;
  householdId: string;
  basedOn: { assessmentId: string; meldingId: string };
  openedAt: string;
  actor: string;
}

export const investigationOpenedSchema = {
  $id: 'urn:vt:schema:investigation.InvestigationOpened.v1',
  type: 'object',
  required: ['investigationId', 'householdId', 'basedOn', 'openedAt', 'actor'],
  additionalProperties: false,
  properties: {
    investigationId: uuidSchema,
    householdId: uuidSchema,
    basedOn: {
      type: 'object',
      required: ['assessmentId', 'meldingId'],
      additionalProperties: false,
      properties: { assessmentId: uuidSchema, meldingId: uuidSchema },
    },
    openedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const investigationOpenedContract = {
  type: INVESTIGATION_OPENED,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: investigationOpenedSchema,
  summary: "The household's integral investigation was opened on the assessment's decision to investigate.",
} as const;
