import { actorSchema, timestampSchema, uuidSchema } from './common';
import { EncryptedPersonData, encryptedPersonDataSchema } from '../personal-data';

// Signal matching (docs/adr/0038): organisations signal that they are involved with a young person, known only by a
// keyed pseudonym of the BSN computed on the organisation's side; two organisations signalling the same pseudonym in an
// opted-in region are told whom to contact, and nothing else.

export const SIGNAL_REGISTERED = 'nl.veiligthuis.signals.SignalRegistered.v1' as const;
export const SIGNAL_WITHDRAWN = 'nl.veiligthuis.signals.SignalWithdrawn.v1' as const;
export const SIGNAL_EXPIRED = 'nl.veiligthuis.signals.SignalExpired.v1' as const;
export const SIGNALS_MATCHED = 'nl.veiligthuis.signals.SignalsMatched.v1' as const;
export const SIGNAL_MATCH_FOUND = 'nl.veiligthuis.signals.MatchFound.v1' as const;

const { $id: _id, title: _title, ...encryptedShape } = encryptedPersonDataSchema;
const organisationIdSchema = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
const regionSchema = { type: 'string', pattern: '^vt-[a-z0-9-]+$' } as const;

/**
 * An organisation's signal was registered (or, when it already had an active signal for the pseudonym, extended:
 * `extends` names that signal). The pseudonym is personal data: it travels only encrypted under the signal's own
 * data key (`personId` = the signal id), which is destroyed when the signal ends (crypto-shredding).
 */
export interface SignalRegisteredData {
  signalId: string;
  organisationId: string;
  region: string;
  /** The region's legal basis for signal matching, from configuration. */
  legalBasis: string;
  /** `{ pseudonym }` under the signal's data key. */
  pseudonym: EncryptedPersonData;
  /** When the signal expires: the end of its term, or earlier when the young person passes the age limit. */
  expiresAt: string;
  /** True when the organisation already had this active signal for the pseudonym and registering again extended it. */
  renewed?: true;
  registeredAt: string;
  actor: string;
}

export interface SignalEndedData {
  signalId: string;
  organisationId: string;
  region: string;
  endedAt: string;
  /** Who withdrew it (`SignalWithdrawn`) or `system:signal-matching` (`SignalExpired`). */
  actor: string;
}

/** VT's record of a match: two active signals of different organisations for the same pseudonym in an opted-in region. */
export interface SignalsMatchedData {
  matchId: string;
  /** The two signals, each with its region and that region's legal basis. */
  signals: { signalId: string; organisationId: string; region: string; legalBasis: string }[];
  matchedAt: string;
}

/** What one organisation reads on its own topic: its signal, whom to contact, and nothing about the other's involvement. */
export interface SignalMatchFoundData {
  matchId: string;
  organisationId: string;
  /** The organisation's own signal. */
  signalId: string;
  region: string;
  /** Whom to contact, from configuration. */
  contact: { organisationId: string; name: string; phone?: string; email?: string };
  /** The other organisation's signal id, to quote when contacting it. */
  otherSignalId: string;
  matchedAt: string;
}

export const signalRegisteredSchema = {
  $id: 'urn:vt:schema:signals.SignalRegistered.v1',
  type: 'object',
  required: ['signalId', 'organisationId', 'region', 'legalBasis', 'pseudonym', 'expiresAt', 'registeredAt', 'actor'],
  additionalProperties: false,
  properties: {
    signalId: uuidSchema,
    organisationId: organisationIdSchema,
    region: regionSchema,
    legalBasis: { type: 'string', minLength: 1 },
    pseudonym: encryptedShape,
    expiresAt: timestampSchema,
    renewed: { const: true },
    registeredAt: timestampSchema,
    actor: actorSchema,
  },
} as const;

const signalEndedProperties = { signalId: uuidSchema, organisationId: organisationIdSchema, region: regionSchema, endedAt: timestampSchema, actor: actorSchema } as const;

export const signalWithdrawnSchema = {
  $id: 'urn:vt:schema:signals.SignalWithdrawn.v1',
  type: 'object',
  required: ['signalId', 'organisationId', 'region', 'endedAt', 'actor'],
  additionalProperties: false,
  properties: signalEndedProperties,
} as const;

export const signalExpiredSchema = { ...signalWithdrawnSchema, $id: 'urn:vt:schema:signals.SignalExpired.v1' } as const;

export const signalsMatchedSchema = {
  $id: 'urn:vt:schema:signals.SignalsMatched.v1',
  type: 'object',
  required: ['matchId', 'signals', 'matchedAt'],
  additionalProperties: false,
  properties: {
    matchId: uuidSchema,
    signals: {
      type: 'array',
      minItems: 2,
      maxItems: 2,
      items: {
        type: 'object',
        required: ['signalId', 'organisationId', 'region', 'legalBasis'],
        additionalProperties: false,
        properties: { signalId: uuidSchema, organisationId: organisationIdSchema, region: regionSchema, legalBasis: { type: 'string', minLength: 1 } },
      },
    },
    matchedAt: timestampSchema,
  },
} as const;

export const signalMatchFoundSchema = {
  $id: 'urn:vt:schema:signals.MatchFound.v1',
  type: 'object',
  required: ['matchId', 'organisationId', 'signalId', 'region', 'contact', 'otherSignalId', 'matchedAt'],
  additionalProperties: false,
  properties: {
    matchId: uuidSchema,
    organisationId: organisationIdSchema,
    signalId: uuidSchema,
    region: regionSchema,
    contact: {
      type: 'object',
      required: ['organisationId', 'name'],
      additionalProperties: false,
      properties: { organisationId: organisationIdSchema, name: { type: 'string', minLength: 1 }, phone: { type: 'string' }, email: { type: 'string' } },
    },
    otherSignalId: uuidSchema,
    matchedAt: timestampSchema,
  },
} as const;

export const signalRegisteredContract = {
  type: SIGNAL_REGISTERED,
  address: 'vt.signals.signals.v1',
  producer: 'signal-matching',
  schema: signalRegisteredSchema,
  summary: 'An organisation registered (or extended) a signal that it is involved with a young person, known by an encrypted pseudonym; the registration is the only lookup.',
} as const;

export const signalWithdrawnContract = {
  type: SIGNAL_WITHDRAWN,
  address: 'vt.signals.signals.v1',
  producer: 'signal-matching',
  schema: signalWithdrawnSchema,
  summary: "An organisation withdrew its signal; the signal's data key is destroyed with it.",
} as const;

export const signalExpiredContract = {
  type: SIGNAL_EXPIRED,
  address: 'vt.signals.signals.v1',
  producer: 'signal-matching',
  schema: signalExpiredSchema,
  summary: "A signal reached the end of its term (or the young person's 24th birthday); its data key is destroyed with it.",
} as const;

export const signalsMatchedContract = {
  type: SIGNALS_MATCHED,
  address: 'vt.signals.signals.v1',
  producer: 'signal-matching',
  schema: signalsMatchedSchema,
  summary: 'Two organisations have active signals for the same pseudonym in an opted-in region: both are told whom to contact.',
} as const;

export const signalMatchFoundContract = {
  type: SIGNAL_MATCH_FOUND,
  address: 'vt.signals.{partnerId}.matches.v1',
  producer: 'signal-matching',
  schema: signalMatchFoundSchema,
  summary: "For one organisation: its signal matched another organisation's; whom to contact, nothing about the other's involvement.",
} as const;
