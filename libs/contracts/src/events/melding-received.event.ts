import { TOPICS } from '../topics';
import { EncryptedPersonData, encryptedPersonDataSchema } from '../personal-data';
import { actorSchema, gemeenteCodeSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema } from './common';

export const MELDING_RECEIVED = 'nl.veiligthuis.intake.MeldingReceived.v1' as const;

/** What the call handler heard that points to acute unsafety (DOMAIN: acute onveiligheid). */
export const ACUTE_SIGNALS = ['physical-violence', 'sexual-violence', 'basic-care-lacking', 'victim-disclosure'] as const;
export type AcuteSignal = (typeof ACUTE_SIGNALS)[number];

/**
 * Why a melding was registered well after Veilig Thuis received it (more than `RECEIPT_REASON_AFTER` before
 * registration), as a code: the police sent it in a batch, it came in writing, systems were down, another region
 * forwarded it, or otherwise.
 */
export const LATE_REGISTRATION_REASONS = ['batchverwerking', 'schriftelijk-ontvangen', 'storing', 'doorgestuurd-door-andere-regio', 'anders'] as const;
export type LateRegistrationReason = (typeof LATE_REGISTRATION_REASONS)[number];

/** A call handler registered a melding; responsibility for safety passed to Veilig Thuis. */
export interface MeldingReceivedData {
  meldingId: string;
  householdId: string;
  /** When the call, letter, police report or portal submission reached Veilig Thuis: the statutory clocks run from here. */
  receivedAt: string;
  /** When the call handler registered it (added in v1, optional; before, `receivedAt` was the registration time). */
  registeredAt?: string;
  /** Present when the melding was registered long after receipt: why (added in v1, optional). */
  lateRegistration?: { reason: LateRegistrationReason };
  /** The household's gemeente; absent for a household on one of the islands (then `island`). */
  gemeenteCode?: string;
  /** Bonaire, Saba or Sint Eustatius: no gemeentecode, no postcode; the island desk handles it. */
  island?: 'bonaire' | 'saba' | 'sint-eustatius';
  /** Where the household was routed, with the calendar its deadlines are counted in (added in v1, optional). */
  region?: { vtRegion: string; veiligheidsregio?: string; calendar: string };
  /** How the melding came in and who the melder is as a category; never the melder's identity (optional). */
  registration?: { channel: string; melderKind: string; melderSector?: string; melderRole: string; melderIdentitySealed: boolean };
  /** The aard van het geweld and additional tags, as codes of the versioned code lists (optional). */
  concerns?: { aard: string[]; tags: string[] };
  /** Radar: earlier involvement of anyone in this melding, by reference only, never the other case's content (optional). */
  radar?: { classification: 'first' | 'hermelding' | 'vervolgmelding'; references: { caseId: string; region: string; status: 'open' | 'closed'; matchedOn: 'bsn' | 'name-dob-address' }[] };
  /** The melder as a person of their own (their data key, their rights); the melder's data is in `personalData`. */
  melderId?: string;
  /**
   * Personal fields (names, BSN, dates of birth, address, contact details, the melder's account), encrypted
   * per person under that person's data key: destroying the key erases them everywhere (libs/privacy).
   */
  personalData?: EncryptedPersonData[];
  /** Whether the call handler judged acute danger; the ground (free text) stays with intake. */
  acuteIndication: { indicated: boolean; signals?: AcuteSignal[] };
  persons: PersonRef[];
  actor: string;
  /** The adviesvraag this melding was converted from (`POST /api/v1/adviesvragen/{id}/melding`; added in v1, optional). */
  convertedFromAdviesvraag?: string;
}

/** The encrypted-data shape without its `$id`, so that each event schema can embed it. */
const { $id: _encryptedId, title: _encryptedTitle, ...encryptedPersonDataShape } = encryptedPersonDataSchema;

export const meldingReceivedSchema = {
  $id: 'urn:vt:schema:intake.MeldingReceived.v1',
  type: 'object',
  required: ['meldingId', 'householdId', 'receivedAt', 'acuteIndication', 'persons', 'actor'],
  additionalProperties: false,
  properties: {
    meldingId: uuidSchema,
    householdId: uuidSchema,
    receivedAt: timestampSchema,
    registeredAt: timestampSchema,
    lateRegistration: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { enum: [...LATE_REGISTRATION_REASONS] } } },
    gemeenteCode: gemeenteCodeSchema,
    island: { enum: ['bonaire', 'saba', 'sint-eustatius'] },
    region: {
      type: 'object',
      required: ['vtRegion', 'calendar'],
      additionalProperties: false,
      properties: { vtRegion: { type: 'string', minLength: 1 }, veiligheidsregio: { type: 'string', pattern: '^VR[0-9]{2}$' }, calendar: { type: 'string', minLength: 1 } },
    },
    registration: {
      type: 'object',
      required: ['channel', 'melderKind', 'melderRole', 'melderIdentitySealed'],
      additionalProperties: false,
      properties: {
        channel: { type: 'string', minLength: 1 },
        melderKind: { type: 'string', minLength: 1 },
        melderSector: { type: 'string', minLength: 1 },
        melderRole: { type: 'string', minLength: 1 },
        melderIdentitySealed: { type: 'boolean' },
      },
    },
    concerns: {
      type: 'object',
      required: ['aard', 'tags'],
      additionalProperties: false,
      properties: { aard: { type: 'array', minItems: 1, items: { type: 'string' } }, tags: { type: 'array', items: { type: 'string' } } },
    },
    melderId: uuidSchema,
    personalData: { type: 'array', items: encryptedPersonDataShape },
    radar: {
      type: 'object',
      required: ['classification', 'references'],
      additionalProperties: false,
      properties: {
        classification: { enum: ['first', 'hermelding', 'vervolgmelding'] },
        references: {
          type: 'array',
          items: {
            type: 'object',
            required: ['caseId', 'region', 'status', 'matchedOn'],
            additionalProperties: false,
            properties: {
              caseId: uuidSchema,
              region: { type: 'string', minLength: 1 },
              status: { enum: ['open', 'closed'] },
              matchedOn: { enum: ['bsn', 'name-dob-address'] },
            },
          },
        },
      },
    },
    acuteIndication: {
      type: 'object',
      required: ['indicated'],
      additionalProperties: false,
      properties: { indicated: { type: 'boolean' }, signals: { type: 'array', uniqueItems: true, items: { enum: [...ACUTE_SIGNALS] } } },
    },
    persons: { type: 'array', minItems: 1, items: personRefSchema },
    actor: actorSchema,
    convertedFromAdviesvraag: uuidSchema,
  },
} as const;

export const meldingReceivedContract = {
  type: MELDING_RECEIVED,
  address: TOPICS.meldingen,
  producer: 'intake',
  schema: meldingReceivedSchema,
  summary: 'A call handler registered a melding; Veilig Thuis now keeps sight of the household\'s safety.',
} as const;
