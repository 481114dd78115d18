import { TOPICS } from '../topics';
import { actorSchema, timestampSchema, uuidSchema } from './common';

export const ADVIESVRAAG_RECEIVED = 'nl.veiligthuis.intake.AdviesvraagReceived.v1' as const;

/**
 * A call handler registered an adviesvraag: someone asked advice and stays responsible themselves; Veilig
 * Thuis does not take over sight of safety. Only categories travel: never the adviesvrager's name or contact
 * details, the persons, the question or the advice given (they stay in intake).
 *
 * No household is known for an adviesvraag, so intake gives each one a new household id: the envelope's
 * `householdid` and the record key. When the adviesvraag becomes a melding about a household radar does not
 * know yet, that melding keeps this id.
 */
export interface AdviesvraagReceivedData {
  adviesvraagId: string;
  /** When the adviesvraag reached Veilig Thuis: as the call handler gave it, else the registration time. */
  receivedAt: string;
  /** When the call handler registered it (added in v1, optional; before, `receivedAt` was the registration time). */
  registeredAt?: string;
  /** How the adviesvraag came in (code list `channels`; chat is allowed for advice). */
  channel: string;
  /** The adviesvrager as categories (code lists `melder-kinds`, `melder-sectors`, `melder-roles`); never who asked. */
  adviesvrager: { kind: string; sector?: string; role: string };
  /** Where the household would be routed, when the caller named its gemeente. */
  region?: { vtRegion: string; veiligheidsregio?: string; calendar: string };
  /** The aard van het geweld and additional tags, as codes of the versioned code lists. */
  concerns: { aard: string[]; tags: string[] };
  actor: string;
}

export const adviesvraagReceivedSchema = {
  $id: 'urn:vt:schema:intake.AdviesvraagReceived.v1',
  type: 'object',
  required: ['adviesvraagId', 'receivedAt', 'channel', 'adviesvrager', 'concerns', 'actor'],
  additionalProperties: false,
  properties: {
    adviesvraagId: uuidSchema,
    receivedAt: timestampSchema,
    registeredAt: timestampSchema,
    channel: { type: 'string', minLength: 1 },
    adviesvrager: {
      type: 'object',
      required: ['kind', 'role'],
      additionalProperties: false,
      properties: { kind: { type: 'string', minLength: 1 }, sector: { type: 'string', minLength: 1 }, role: { type: 'string', minLength: 1 } },
    },
    region: {
      type: 'object',
      required: ['vtRegion', 'calendar'],
      additionalProperties: false,
      properties: { vtRegion: { type: 'string', minLength: 1 }, veiligheidsregio: { type: 'string', pattern: '^VR[0-9]{2}$' }, calendar: { type: 'string', minLength: 1 } },
    },
    concerns: {
      type: 'object',
      required: ['aard', 'tags'],
      additionalProperties: false,
      properties: { aard: { type: 'array', minItems: 1, items: { type: 'string' } }, tags: { type: 'array', items: { type: 'string' } } },
    },
    actor: actorSchema,
  },
} as const;

export const adviesvraagReceivedContract = {
  type: ADVIESVRAAG_RECEIVED,
  address: TOPICS.adviesvragen,
  producer: 'intake',
  schema: adviesvraagReceivedSchema,
  summary: 'A call handler registered an adviesvraag; the adviesvrager stays responsible.',
} as const;
