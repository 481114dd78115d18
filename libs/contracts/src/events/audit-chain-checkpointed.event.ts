import { SERVICES, TOPICS } from '../topics';

/**
 * A relay's signed checkpoint of the chain heads it just published (docs/adr/0009, docs/adr/0027): a CloudEvent
 * on `vt.audit.chainheads.v1` like every other record on a `vt.*` topic. `source` is the producing service,
 * `data` the heads, the id of the key that signed them and the Ed25519 signature over the canonical JSON (RFC
 * 8785) of the whole event without `data.signature`. It names chains of many households, so it carries no
 * `householdid`; `correlationid` and `causationid` are its own `id`. Nobody consumes it: `vt audit verify`
 * reads it.
 */
export const AUDIT_CHAIN_CHECKPOINTED = 'nl.veiligthuis.audit.AuditChainCheckpointed.v1' as const;

export interface ChainHead {
  /** CloudEvents `source` of the chain's events, e.g. `/veilig-thuis/intake`. */
  source: string;
  /** Logical topic name (without a deployment prefix). */
  topic: string;
  householdid: string;
  seq: number;
  hash: string;
}

export interface AuditChainCheckpointedData {
  /** The newest event of every chain the batch touched. */
  heads: ChainHead[];
  /** The signing key's id in the published public keys (config/audit/public-keys.json). */
  keyId: string;
  /** Ed25519, base64, over the canonical JSON of the whole event without `data.signature`. */
  signature: string;
}

export const auditChainCheckpointedSchema = {
  $id: 'urn:vt:schema:audit.AuditChainCheckpointed.v1',
  type: 'object',
  required: ['heads', 'keyId', 'signature'],
  additionalProperties: false,
  properties: {
    heads: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['source', 'topic', 'householdid', 'seq', 'hash'],
        additionalProperties: false,
        properties: {
          source: { type: 'string', pattern: '^/veilig-thuis/[a-z0-9-]+$' },
          topic: { type: 'string', minLength: 1 },
          householdid: { type: 'string', minLength: 1 },
          seq: { type: 'integer', minimum: 1 },
          hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      },
    },
    keyId: { type: 'string', minLength: 1 },
    signature: { type: 'string', minLength: 1 },
  },
} as const;

export const auditChainCheckpointedContract = {
  type: AUDIT_CHAIN_CHECKPOINTED,
  address: TOPICS.auditChainHeads,
  producer: SERVICES,
  schema: auditChainCheckpointedSchema,
  summary: 'A relay published a batch of chained events: the newest seq and hash of every chain in it, signed with the service\'s audit key.',
} as const;
