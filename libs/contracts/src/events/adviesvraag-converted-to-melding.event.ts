import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const ADVIESVRAAG_CONVERTED_TO_MELDING = 'nl.veiligthuis.intake.AdviesvraagConvertedToMelding.v1' as const;

/**
 * An adviesvraag became a melding: responsibility for sight of safety passed to Veilig Thuis. Written in the
 * transaction that stores the melding (whose `MeldingReceived` names the adviesvraag in
 * `convertedFromAdviesvraag`); an adviesvraag becomes a melding at most once. `householdId` is the melding's
 * household (the envelope's `householdid` and the record key).
 */
export interface AdviesvraagConvertedToMeldingData {
  adviesvraagId: string;
  meldingId: string;
  householdId: string;
  convertedAt: string;
  actor: string;
}

export const adviesvraagConvertedToMeldingSchema = {
  $id: 'urn:vt:schema:intake.AdviesvraagConvertedToMelding.v1',
  type: 'object',
  required: ['adviesvraagId', 'meldingId', 'householdId', 'convertedAt', 'actor'],
  additionalProperties: false,
  properties: {
    adviesvraagId: uuidSchema,
    meldingId: uuidSchema,
    householdId: uuidSchema,
    convertedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const adviesvraagConvertedToMeldingContract = {
  type: ADVIESVRAAG_CONVERTED_TO_MELDING,
  address: TOPICS.adviesvragen,
  producer: 'intake',
  schema: adviesvraagConvertedToMeldingSchema,
  summary: 'An adviesvraag became a melding; Veilig Thuis now keeps sight of the household\'s safety.',
} as const;
