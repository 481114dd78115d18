import { createPrivateKey, createPublicKey, hash as digest, KeyObject, randomUUID, sign, verify } from 'node:crypto';
import { AUDIT_CHAIN_CHECKPOINTED, AuditChainCheckpointedData, auditChainCheckpointedSchema, ChainHead } from './events/audit-chain-checkpointed.event';

export type { ChainHead } from './events/audit-chain-checkpointed.event';

/**
 * Tamper-evident event chains (docs/adr/0009-tamper-evident-event-chains.md).
 *
 * Every event a service writes sits in one chain: (producer, topic, household). The outbox gives it the
 * next `vtseq` of that chain and the `prevhash` of the chain's previous event, inside the transaction that
 * writes it. The hash of an event is SHA-256 over the JSON Canonicalization Scheme (RFC 8785) encoding of the
 * whole envelope (ciphertext of personal data included, so erasing a person's key changes no hash), and the
 * record value on the topic is exactly those canonical bytes: a verifier hashes the raw record value and never
 * re-canonicalises (any change to the bytes, even whitespace or key order, changes the hash). After each
 * batch, the relay publishes a checkpoint of the chain heads it just published, signed with the service's
 * Ed25519 key, so a verifier checks one signature per batch and hashes the rest.
 */

/** `prevhash` of the first event of every chain. */
export const CHAIN_GENESIS = '0'.repeat(64);

/**
 * Record value `format` of the checkpoints relays wrote on `TOPICS.auditChainHeads` before checkpoints were
 * CloudEvents (docs/adr/0027). Relays no longer write it; `readChainCheckpoint` still reads it, because those
 * records stay on the log (kept forever) and their signatures cover exactly their own bytes.
 */
export const CHAIN_HEADS_FORMAT = 'vt.chain-heads.v1';

/** The old (non-CloudEvent) checkpoint format: the newest event of every chain a batch touched. Read, no longer written. */
export interface ChainHeadsCheckpoint {
  format: typeof CHAIN_HEADS_FORMAT;
  id: string;
  /** The service that produced the events and holds the key. */
  producer: string;
  keyid: string;
  time: string;
  heads: ChainHead[];
  /** Ed25519 over `checkpointSigningInput`, base64. */
  signature: string;
}

/**
 * RFC 8785 (JCS) for JSON values: object keys sorted by UTF-16 code units, no whitespace, strings and numbers
 * as ECMAScript serialises them. Keys whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function') continue;
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(key) + ':' + canonicalJson(item);
  }
  return out + '}';
}

/** The chain hash of an event: SHA-256 (hex) of its canonical JSON, the whole envelope included. */
export function eventChainHash(event: object): string {
  return digest('sha256', canonicalJson(event), 'hex');
}

/**
 * What a producer writes for a chained event: the record value (its canonical JSON, published byte for byte)
 * and the chain hash of exactly those bytes. Canonicalised once, here; nobody downstream canonicalises again.
 */
export function chainedEventRecord(event: object): { value: string; hash: string } {
  const value = canonicalJson(event);
  return { value, hash: digest('sha256', value, 'hex') };
}

/**
 * The chain hash of a record as it lies on the topic: SHA-256 (hex) of the raw value bytes. Equal to
 * `eventChainHash` of the parsed event exactly when the bytes are the event's canonical JSON.
 */
export function recordValueHash(value: Buffer | Uint8Array | string): string {
  return digest('sha256', value, 'hex');
}

/** The producing service named by an event's `source` (`/veilig-thuis/<service>`), if it is one. */
export function producerOfSource(source: string): string | undefined {
  const match = /^\/veilig-thuis\/([a-z0-9-]+)$/.exec(source);
  return match?.[1];
}

/** The bytes an old-format checkpoint's signature covers: its canonical JSON without the signature. */
export function checkpointSigningInput(checkpoint: Omit<ChainHeadsCheckpoint, 'signature'> & { signature?: string }): Buffer {
  const { signature: _signature, ...signed } = checkpoint;
  return Buffer.from(canonicalWithHeads(signed as unknown as Record<string, unknown>), 'utf8');
}

/**
 * The text canonicalJson gives for an object, with a `heads` member (up to a batch of them) written by the
 * shortcut below and a `data` member written the same way one level down.
 */
function canonicalWithHeads(record: Record<string, unknown>): string {
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || typeof item === 'function') continue;
    let text: string | undefined;
    if (key === 'heads') text = canonicalHeads(item);
    else if (key === 'data' && item !== null && typeof item === 'object' && !Array.isArray(item)) text = canonicalWithHeads(item as Record<string, unknown>);
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + (text ?? canonicalJson(item));
    first = false;
  }
  return out + '}';
}

const HEAD_KEYS = ['hash', 'householdid', 'seq', 'source', 'topic'] as const;
const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/**
 * RFC 8785 of a checkpoint's heads when every head has exactly the five head fields with their types (what a
 * relay writes): the keys in their sorted order without sorting, as canonicalJson would write them. Anything
 * else: undefined, and canonicalJson does the whole checkpoint.
 */
function canonicalHeads(heads: unknown): string | undefined {
  if (!Array.isArray(heads)) return undefined;
  let out = '[';
  for (let i = 0; i < heads.length; i++) {
    const head: unknown = heads[i];
    if (head === null || typeof head !== 'object' || Array.isArray(head) || Object.keys(head).length !== HEAD_KEYS.length) return undefined;
    if (!HEAD_KEYS.every((key) => hasOwn(head, key))) return undefined;
    const { hash, householdid, seq, source, topic } = head as Record<(typeof HEAD_KEYS)[number], unknown>;
    if (typeof hash !== 'string' || typeof householdid !== 'string' || typeof seq !== 'number' || typeof source !== 'string' || typeof topic !== 'string') return undefined;
    out += `${i > 0 ? ',' : ''}{"hash":${JSON.stringify(hash)},"householdid":${JSON.stringify(householdid)},"seq":${JSON.stringify(seq)},"source":${JSON.stringify(source)},"topic":${JSON.stringify(topic)}}`;
  }
  return out + ']';
}

/** A private key from PKCS#8 PEM, or from base64 of PKCS#8 DER. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the audit signing key must be an Ed25519 key (got ${key.asymmetricKeyType ?? 'an unknown type'})`);
  return key;
}

/** A public key from SPKI PEM, or from base64 of SPKI DER. */
export function parseVerifyingKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN') ? createPublicKey(trimmed) : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an audit public key must be an Ed25519 key (got ${key.asymmetricKeyType ?? 'an unknown type'})`);
  return key;
}

/** Signs an old-format checkpoint; relays write `newChainCheckpoint` instead (kept for tests and tools that build old logs). */
export function signCheckpoint(unsigned: Omit<ChainHeadsCheckpoint, 'signature'>, privateKey: KeyObject): ChainHeadsCheckpoint {
  const signature = sign(null, checkpointSigningInput(unsigned), privateKey).toString('base64');
  return { ...unsigned, signature };
}

export function checkpointSignatureValid(checkpoint: ChainHeadsCheckpoint, publicKey: KeyObject): boolean {
  if (typeof checkpoint.signature !== 'string') return false;
  try {
    return verify(null, checkpointSigningInput(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * A chain-heads checkpoint as a CloudEvent (docs/adr/0027): the envelope of every record on a `vt.*` topic
 * but `householdid` (it names chains of many households), type `AuditChainCheckpointed` v1.
 */
export interface ChainCheckpointEvent {
  specversion: '1.0';
  id: string;
  /** `/veilig-thuis/<service>`: the producer of the events and holder of the key. */
  source: string;
  type: typeof AUDIT_CHAIN_CHECKPOINTED;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  correlationid: string;
  causationid: string;
  data: AuditChainCheckpointedData;
}

/** The bytes a checkpoint event's signature covers: the canonical JSON of the whole event without `data.signature`. */
export function chainCheckpointSigningInput(event: Omit<ChainCheckpointEvent, 'data'> & { data: Omit<AuditChainCheckpointedData, 'signature'> & { signature?: string } }): Buffer {
  const { signature: _signature, ...data } = event.data;
  return Buffer.from(canonicalWithHeads({ ...event, data } as unknown as Record<string, unknown>), 'utf8');
}

/** The signed checkpoint a relay writes after a batch: a CloudEvent from `service`, signed with its audit key. */
export function newChainCheckpoint(input: { service: string; keyId: string; privateKey: KeyObject; heads: ChainHead[]; id?: string; time?: Date | string }): ChainCheckpointEvent {
  const id = input.id ?? randomUUID();
  const time = input.time === undefined ? new Date().toISOString() : typeof input.time === 'string' ? input.time : input.time.toISOString();
  const unsigned = {
    specversion: '1.0' as const,
    id,
    source: `/veilig-thuis/${input.service}`,
    type: AUDIT_CHAIN_CHECKPOINTED,
    time,
    datacontenttype: 'application/json' as const,
    dataschema: auditChainCheckpointedSchema.$id,
    correlationid: id,
    causationid: id,
    data: { heads: input.heads, keyId: input.keyId },
  };
  const signature = sign(null, chainCheckpointSigningInput(unsigned), input.privateKey).toString('base64');
  return { ...unsigned, data: { ...unsigned.data, signature } };
}

/** A checkpoint as the verifier needs it, whichever format it was written in. */
export interface ReadChainCheckpoint {
  /** `cloudevent`: an AuditChainCheckpointed event; `legacy`: a `vt.chain-heads.v1` record of before ADR 0027. */
  format: 'cloudevent' | 'legacy';
  id: string;
  producer: string;
  keyId: string;
  time: string;
  heads: ChainHead[];
  /** Whether the signature verifies under this public key (over exactly what was written). */
  signatureValid(publicKey: KeyObject): boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads a record of the chain-heads topic: an AuditChainCheckpointed CloudEvent, or an old-format
 * `vt.chain-heads.v1` checkpoint (a reader branch, not an upcaster: an old checkpoint's signature covers its
 * own bytes, so it is verified as written). Returns why not when the record is neither.
 */
export function readChainCheckpoint(value: unknown): ReadChainCheckpoint | { refused: string } {
  if (!isRecord(value)) return { refused: 'chain-heads record is not a JSON object' };
  if (value['type'] === AUDIT_CHAIN_CHECKPOINTED) {
    const data = value['data'];
    const producer = typeof value['source'] === 'string' ? producerOfSource(value['source']) : undefined;
    if (value['specversion'] !== '1.0' || typeof value['id'] !== 'string' || typeof value['time'] !== 'string' || !producer) {
      return { refused: `chain-heads record is not a valid ${AUDIT_CHAIN_CHECKPOINTED} CloudEvent (specversion, id, time or source)` };
    }
    if (!isRecord(data) || !Array.isArray(data['heads']) || typeof data['keyId'] !== 'string') {
      return { refused: `chain-heads record is not a valid ${AUDIT_CHAIN_CHECKPOINTED} CloudEvent (data needs heads, keyId and signature)` };
    }
    const event = value as unknown as ChainCheckpointEvent;
    return {
      format: 'cloudevent',
      id: event.id,
      producer,
      keyId: event.data.keyId,
      time: event.time,
      heads: event.data.heads,
      signatureValid: (publicKey) => {
        if (typeof event.data.signature !== 'string') return false;
        try {
          return verify(null, chainCheckpointSigningInput(event), publicKey, Buffer.from(event.data.signature, 'base64'));
        } catch {
          return false;
        }
      },
    };
  }
  if (value['format'] === CHAIN_HEADS_FORMAT && Array.isArray(value['heads']) && typeof value['producer'] === 'string') {
    const checkpoint = value as unknown as ChainHeadsCheckpoint;
    return {
      format: 'legacy',
      id: String(checkpoint.id),
      producer: checkpoint.producer,
      keyId: String(checkpoint.keyid),
      time: String(checkpoint.time),
      heads: checkpoint.heads,
      signatureValid: (publicKey) => checkpointSignatureValid(checkpoint, publicKey),
    };
  }
  return { refused: `chain-heads record is neither an ${AUDIT_CHAIN_CHECKPOINTED} CloudEvent nor a ${CHAIN_HEADS_FORMAT} checkpoint` };
}
