import { createHmac } from 'node:crypto';

/** The configuration variable that holds the secret partner household references are derived with. */
export const PARTNER_REFERENCE_KEY_VARIABLE = 'PARTNER_REFERENCE_KEY';

/**
 * The secret for partner household references (docs/adr/0016): base64 of at least 32 random bytes, from
 * `PARTNER_REFERENCE_KEY`. Required: without it the service would have to send its own household ids.
 */
export function parsePartnerReferenceKey(value: string | undefined): Buffer {
  if (!value || value.trim() === '') {
    throw new Error(`${PARTNER_REFERENCE_KEY_VARIABLE} is not set: the referral service needs it to give partners a pseudonymous household reference (base64 of at least 32 random bytes; tools/provision.ts makes one for development in .local/)`);
  }
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new Error(`${PARTNER_REFERENCE_KEY_VARIABLE} is not base64`);
  const key = Buffer.from(trimmed, 'base64');
  if (key.length < 32) throw new Error(`${PARTNER_REFERENCE_KEY_VARIABLE} holds ${key.length} bytes; it needs at least 32`);
  return key;
}

/**
 * The reference a partner knows a household by: HMAC-SHA-256(key, `<partnerId>:<householdId>`), its first 128
 * bits written as a UUID (version 8, RFC 9562 variant). The same for every referral of one household to one
 * partner (the partner can group them), different for every partner (two partners cannot link their
 * households by it), and without the key neither the household id nor another partner's reference can be
 * computed from it.
 */
export function partnerHouseholdReference(key: Buffer, partnerId: string, householdId: string): string {
  return referenceUuid(key, `${partnerId}:${householdId.toLowerCase()}`);
}

/**
 * The reference a partner knows a person by, in the same way: HMAC-SHA-256(key, `<partnerId>:person:<personId>`)
 * as a UUID. Stable per partner, different per partner, so two partners cannot link a person by it either.
 */
export function partnerPersonReference(key: Buffer, partnerId: string, personId: string): string {
  return referenceUuid(key, `${partnerId}:person:${personId.toLowerCase()}`);
}

function referenceUuid(key: Buffer, input: string): string {
  if (key.length < 32) throw new Error('the partner reference key must hold at least 32 bytes');
  const bytes = createHmac('sha256', key).update(input, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
