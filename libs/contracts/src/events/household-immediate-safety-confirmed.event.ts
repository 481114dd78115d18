import { EncryptedText, encryptedTextSchema } from '../personal-data';
import { TOPICS } from '../topics';
import { actorSchema, PERSON_ROLES, PersonRole, timestampSchema, uuidSchema } from './common';

/** Superseded by `IMMEDIATE_SAFETY_CONFIRMED_V2` (ADR 0004, ADR 0020): old records are read as it through `UPCASTERS`; producers write `IMMEDIATE_SAFETY_CONFIRMED_V2`, and the outbox refuses this type. */
export const IMMEDIATE_SAFETY_CONFIRMED = 'nl.veiligthuis.household.ImmediateSafetyConfirmed.v1' as const;
/** The newest version: how safety was confirmed only encrypted (ADR 0020). */
export const IMMEDIATE_SAFETY_CONFIRMED_V2 = 'nl.veiligthuis.household.ImmediateSafetyConfirmed.v2' as const;

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
  summary: 'Immediate safety was confirmed for one person of the household, by whom and how (v1: how in clear; superseded by v2).',
  supersededBy: IMMEDIATE_SAFETY_CONFIRMED_V2,
} as const;

/**
 * v2: as v1, but how immediate safety was realised is free text about that person and travels only encrypted
 * under the person's data key in safety-investigation's key table (`how.personId` = `personId`, ADR 0020).
 */
export interface ImmediateSafetyConfirmedV2Data extends Omit<ImmediateSafetyConfirmedData, 'how'> {
  /** Always present when written as v2; absent only on a v1 record read through the upcaster. */
  how?: EncryptedText;
}

const { how: _howV1, ...confirmedPropertiesV1 } = immediateSafetyConfirmedSchema.properties;

export const immediateSafetyConfirmedV2Schema = {
  $id: 'urn:vt:schema:household.ImmediateSafetyConfirmed.v2',
  type: 'object',
  required: ['householdId', 'personId', 'role', 'how', 'confirmedAt', 'actor'],
  additionalProperties: false,
  properties: { ...confirmedPropertiesV1, how: encryptedTextSchema },
} as const;

export const immediateSafetyConfirmedV2Contract = {
  type: IMMEDIATE_SAFETY_CONFIRMED_V2,
  address: TOPICS.householdPhases,
  producer: 'safety-investigation',
  schema: immediateSafetyConfirmedV2Schema,
  summary: 'Immediate safety was confirmed for one person of the household, by whom, and how (encrypted under the person\'s key).',
} as const;

/** v1 → v2: everything but the clear-text `how`. */
export function upcastImmediateSafetyConfirmedV1(data: ImmediateSafetyConfirmedData): ImmediateSafetyConfirmedV2Data {
  const { how: _clearText, ...rest } = data;
  return rest;
}
