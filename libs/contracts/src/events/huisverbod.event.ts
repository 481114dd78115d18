import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const HUISVERBOD_IMPOSED = 'nl.veiligthuis.investigation.HuisverbodImposed.v1' as const;
/** Superseded by `HUISVERBOD_EXTENDED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `HUISVERBOD_EXTENDED_V2`, and the outbox refuses this type. */
export const HUISVERBOD_EXTENDED = 'nl.veiligthuis.investigation.HuisverbodExtended.v1' as const;
export const HUISVERBOD_END_APPROACHING = 'nl.veiligthuis.investigation.HuisverbodEndApproaching.v1' as const;
export const HUISVERBOD_ENDED = 'nl.veiligthuis.investigation.HuisverbodEnded.v1' as const;
/** The newest version of HuisverbodExtended: the reason only encrypted (ADR 0020). */
export const HUISVERBOD_EXTENDED_V2 = 'nl.veiligthuis.investigation.HuisverbodExtended.v2' as const;

/** Where the imposing burgemeester sits: a gemeente code, or an island (where only a pilot allows it). */
export const HUISVERBOD_ISLANDS = ['bonaire', 'saba', 'sint-eustatius'] as const;
export type HuisverbodIsland = (typeof HUISVERBOD_ISLANDS)[number];

const burgemeesterOfSchema = { type: 'string', pattern: '^(GM[0-9]{4}|bonaire|saba|sint-eustatius)$' } as const;

/**
 * The burgemeester imposed a tijdelijk huisverbod on a person of the household (Wet tijdelijk
 * huisverbod art. 2): 10 days from `imposedAt`, ending at `endsAt`. VT records it; it does not impose it.
 */
export interface HuisverbodImposedData {
  huisverbodId: string;
  householdId: string;
  personId: string;
  burgemeesterOf: string;
  imposedAt: string;
  endsAt: string;
  /** The latest end an extension may reach: 28 days from imposition (art. 9). */
  maxEndsAt: string;
  legalBasis: string;
  recordedAt: string;
  actor: string;
}

export const huisverbodImposedSchema = {
  $id: 'urn:vt:schema:investigation.HuisverbodImposed.v1',
  type: 'object',
  required: ['huisverbodId', 'householdId', 'personId', 'burgemeesterOf', 'imposedAt', 'endsAt', 'maxEndsAt', 'legalBasis', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: {
    huisverbodId: uuidSchema,
    householdId: uuidSchema,
    personId: uuidSchema,
    burgemeesterOf: burgemeesterOfSchema,
    imposedAt: timestampSchema,
    endsAt: timestampSchema,
    maxEndsAt: timestampSchema,
    legalBasis: { type: 'string', minLength: 1 },
    recordedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const huisverbodImposedContract = {
  type: HUISVERBOD_IMPOSED,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: huisverbodImposedSchema,
  summary: 'The burgemeester imposed a tijdelijk huisverbod on a person of the household (10 days).',
} as const;

/** The burgemeester extended the huisverbod; `endsAt` is never later than 28 days from imposition (art. 9). */
export interface HuisverbodExtendedData {
  huisverbodId: string;
  householdId: string;
  previousEndsAt: string;
  endsAt: string;
  decidedAt: string;
  reason: string;
  recordedAt: string;
  actor: string;
}

export const huisverbodExtendedSchema = {
  $id: 'urn:vt:schema:investigation.HuisverbodExtended.v1',
  type: 'object',
  required: ['huisverbodId', 'householdId', 'previousEndsAt', 'endsAt', 'decidedAt', 'reason', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: {
    huisverbodId: uuidSchema,
    householdId: uuidSchema,
    previousEndsAt: timestampSchema,
    endsAt: timestampSchema,
    decidedAt: timestampSchema,
    reason: { type: 'string', minLength: 1 },
    recordedAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

export const huisverbodExtendedContract = {
  type: HUISVERBOD_EXTENDED,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: huisverbodExtendedSchema,
  summary: 'The burgemeester extended the tijdelijk huisverbod (at most to 28 days from imposition) (v1: reason in clear; superseded by v2).',
  supersededBy: HUISVERBOD_EXTENDED_V2,
} as const;

/** v2: as v1, but the recorded reason is free text about the household and travels only encrypted under the household's key (ADR 0020). */
export interface HuisverbodExtendedV2Data extends Omit<HuisverbodExtendedData, 'reason'> {
  /** Always present when written as v2; absent only on a v1 record read through the upcaster. */
  reason?: EncryptedText;
}

const { reason: _reasonV1, ...extendedPropertiesV1 } = huisverbodExtendedSchema.properties;
export const huisverbodExtendedV2Schema = {
  $id: 'urn:vt:schema:investigation.HuisverbodExtended.v2',
  type: 'object',
  required: ['huisverbodId', 'householdId', 'previousEndsAt', 'endsAt', 'decidedAt', 'reason', 'recordedAt', 'actor'],
  additionalProperties: false,
  properties: { ...extendedPropertiesV1, reason: encryptedTextSchema },
} as const;

export const huisverbodExtendedV2Contract = {
  type: HUISVERBOD_EXTENDED_V2,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: huisverbodExtendedV2Schema,
  summary: 'The burgemeester extended the tijdelijk huisverbod (at most to 28 days from imposition); the reason is encrypted under the household\'s key.',
} as const;

/** v1 → v2: everything but the clear-text reason. */
export function upcastHuisverbodExtendedV1(data: HuisverbodExtendedData): HuisverbodExtendedV2Data {
  const { reason: _clearText, ...rest } = data;
  return rest;
}

/** Clock facts of a huisverbod: its end approaches (time to prepare what follows), or it ended. */
export interface HuisverbodClockData {
  huisverbodId: string;
  householdId: string;
  endsAt: string;
  at: string;
  actor: string;
}

const huisverbodClockProperties = {
  huisverbodId: uuidSchema,
  householdId: uuidSchema,
  endsAt: timestampSchema,
  at: timestampSchema,
  actor: actorSchema,
} as const;

export const huisverbodEndApproachingSchema = {
  $id: 'urn:vt:schema:investigation.HuisverbodEndApproaching.v1',
  type: 'object',
  required: ['huisverbodId', 'householdId', 'endsAt', 'at', 'actor'],
  additionalProperties: false,
  properties: huisverbodClockProperties,
} as const;

export const huisverbodEndApproachingContract = {
  type: HUISVERBOD_END_APPROACHING,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: huisverbodEndApproachingSchema,
  summary: 'A tijdelijk huisverbod ends soon (HUISVERBOD_END_LEAD_HOURS before its end).',
} as const;

export const huisverbodEndedSchema = {
  $id: 'urn:vt:schema:investigation.HuisverbodEnded.v1',
  type: 'object',
  required: ['huisverbodId', 'householdId', 'endsAt', 'at', 'actor'],
  additionalProperties: false,
  properties: huisverbodClockProperties,
} as const;

export const huisverbodEndedContract = {
  type: HUISVERBOD_ENDED,
  address: TOPICS.investigations,
  producer: 'safety-investigation',
  schema: huisverbodEndedSchema,
  summary: 'A tijdelijk huisverbod ended.',
} as const;
