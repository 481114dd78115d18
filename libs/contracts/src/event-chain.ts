import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * Tamper-evident event chains (docs/adr/0009-tamper-evident-event-chains.md).
 *
 * Every event a service writes sits in one chain: (producer, topic, household). The outbox gives it the
 * next `vtseq` of that chain and the `prevhash` of the chain's previous event, inside the transaction that
 * writes it. The hash of an event is SHA-256 over the JSON Canonicalization Scheme (RFC 8785) encoding of the
 * whole envelope as it lies on the topic (ciphertext of personal data included, so erasing a person's key
 * changes no hash). After each batch, the relay publishes a checkpoint of the chain heads it just published,
 * signed with the service's Ed25519 key, so a verifier checks one signature per batch and hashes the rest.
 */

/** `prevhash` of the first event of every chain. */
export const CHAIN_GENESIS = '0'.repeat(64);

/** Record value `format` of a chain-heads checkpoint on `TOPICS.auditChainHeads`. */
export const CHAIN_HEADS_FORMAT = 'vt.chain-heads.v1';

export interface ChainHead {
  /** CloudEvents `source` of the chain's events, e.g. `/veilig-thuis/intake`. */
  source: string;
  /** Logical topic name (without a deployment prefix). */
  topic: string;
  householdid: string;
  seq: number;
  hash: string;
}

/** What a relay signs after a batch: the newest event of every chain the batch touched. */
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
  return createHash('sha256').update(canonicalJson(event), 'utf8').digest('hex');
}

/** The producing service named by an event's `source` (`/veilig-thuis/<service>`), if it is one. */
export function producerOfSource(source: string): string | undefined {
  const match = /^\/veilig-thuis\/([a-z0-9-]+)$/.exec(source);
  return match?.[1];
}

/** The bytes a checkpoint's signature covers: its canonical JSON without the signature. */
export function checkpointSigningInput(checkpoint: Omit<ChainHeadsCheckpoint, 'signature'> & { signature?: string }): Buffer {
  const { signature: _signature, ...signed } = checkpoint;
  return Buffer.from(canonicalJson(signed), 'utf8');
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
