import { createHmac } from 'node:crypto';

/*
 * The partner references of docs/adr/0016, written out again here (tests may not import the referral domain):
 * HMAC-SHA-256(key, input), its first 128 bits as a version-8 UUID. Tests that compute a reference with these and
 * find it on a partner topic check the service's derivation independently.
 */
function referenceUuid(key: Buffer, input: string): string {
  const bytes = createHmac('sha256', key).update(input, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What partner `partnerId` knows household `householdId` by, under `PARTNER_REFERENCE_KEY` (base64). */
export function expectedHouseholdReference(base64Key: string, partnerId: string, householdId: string): string {
  return referenceUuid(Buffer.from(base64Key, 'base64'), `${partnerId}:${householdId.toLowerCase()}`);
}

/** What partner `partnerId` knows person `personId` by, under `PARTNER_REFERENCE_KEY` (base64). */
export function expectedPersonReference(base64Key: string, partnerId: string, personId: string): string {
  return referenceUuid(Buffer.from(base64Key, 'base64'), `${partnerId}:person:${personId.toLowerCase()}`);
}
