import { TOPICS } from '../topics';
import { EncryptedPersonData, encryptedPersonDataSchema } from '../personal-data';
import { actorSchema, gemeenteCodeSchema, PersonRef, personRefSchema, timestampSchema, uuidSchema } from './common';

export const MELDING_RECEIVED = 'nl.veiligthuis.intake.MeldingReceived.v1' as const;

/**
 * What the call handler heard that points to acute unsafety (DOMAIN: acute onveiligheid). `threat-to-life` is
 * psychisch geweld that puts someone in direct physical danger: a threat to kill or seriously harm someone, or a
 * threat of (extended) suicide, in the context of the violence (acute-rules/3; added in v1, docs/adr/0036).
 */
export const ACUTE_SIGNALS = ['physical-violence', 'sexual-violence', 'basic-care-lacking', 'victim-disclosure', 'threat-to-life'] as const;
export type AcuteSignal = (typeof ACUTE_SIGNALS)[number];

/** Why a melding may not join a household radar found (docs/adr/0018). */
export const RADAR_JOIN_REFUSALS = ['case-closed', 'different-households', 'moved', 'address-unknown'] as const;
export type RadarJoinRefusal = (typeof RADAR_JOIN_REFUSALS)[number];
/** What became of the melding: it joined a proposed household, was kept apart from the households found, or radar found none. */
export const RADAR_DECISION_KINDS = ['joined', 'kept-apart', 'no-match'] as const;
export type RadarDecisionKind = (typeof RADAR_DECISION_KINDS)[number];

/** An earlier case one of the melding's persons is known from: a link for triage, never the case's content. */
export interface MeldingRadarReference {
  caseId: string;
  region: string;
  status: 'open' | 'closed';
  matchedOn: 'bsn' | 'name-dob-address';
  /** The person of this melding who matched (one of `persons`; added in v1, optional). */
  personId?: string;
  /** Whether the melding may join that household (every matched person in it, open, same address; added in v1, optional). */
  mayJoin?: boolean;
  /** Why not, when `mayJoin` is false (added in v1, optional). */
  reason?: RadarJoinRefusal;
}

export interface MeldingRadar {
  classification: 'first' | 'hermelding' | 'vervolgmelding';
  references: MeldingRadarReference[];
  /**
   * The call handler's decision (added in v1, optional): `joined` (the melding joined `householdId`, one the
   * references allow), `kept-apart` (its own household, the references are links for triage) or `no-match`
   * (radar found nobody). `decidedBy` is the call handler who registered it.
   */
  decision?: { kind: RadarDecisionKind; householdId?: string; decidedBy: string; decidedAt: string };
}
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
  /**
   * Radar: earlier involvement of anyone in this melding, by reference only, never the other case's content
   * (optional). Radar proposes, a person decides (docs/adr/0018): each reference is a link for triage, with
   * whether the melding may join that household; `decision` says what the call handler decided.
   */
  radar?: MeldingRadar;
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
              personId: uuidSchema,
              mayJoin: { type: 'boolean' },
              reason: { enum: [...RADAR_JOIN_REFUSALS] },
            },
          },
        },
        decision: {
          type: 'object',
          required: ['kind', 'decidedBy', 'decidedAt'],
          additionalProperties: false,
          properties: {
            kind: { enum: [...RADAR_DECISION_KINDS] },
            householdId: uuidSchema,
            decidedBy: actorSchema,
            decidedAt: timestampSchema,
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
