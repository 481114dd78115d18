import { randomBytes, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { PersonDataKey, rewrapDataKey, unwrapDataKey, WRAPPED_KEY_BYTES, wrapDataKey } from './data-key';
import { EncryptedPersonData, encryptedPersonDataSchema } from './encrypted-person-data';
import { PersonDataIntegrityError, PersonKeyUnwrapError } from './errors';
import { openFields, sealFields } from './field-encryption';
import { MasterKey, MasterKeyRing } from './master-keys';

const fields = { naam: 'J. de Vries', bsn: '999993653', geboortejaar: 1987, tussenvoegsel: null };
const ring = (...ids: string[]): MasterKeyRing => new MasterKeyRing(ids.map((id) => MasterKey.fromBytes(id, randomBytes(32))));

/** Flips one bit of a base64url value. */
function flip(value: string, byte = 0): string {
  const bytes = Buffer.from(value, 'base64url');
  bytes[byte] = (bytes[byte] as number) ^ 0x01;
  return bytes.toString('base64url');
}

describe('field encryption', () => {
  const key = PersonDataKey.generate(randomUUID());

  it('round-trips the fields', () => {
    const sealed = sealFields(key, fields);
    expect(sealed).toMatchObject({ personId: key.personId, keyId: key.keyId, alg: 'A256GCM' });
    expect(openFields(key, sealed)).toEqual(fields);
    expect(openFields(key, JSON.parse(JSON.stringify(sealed)) as EncryptedPersonData)).toEqual(fields);
  });

  it('produces plain JSON matching encryptedPersonDataSchema, with no plaintext in it', () => {
    const ajv = new Ajv({ strict: true });
    addFormats(ajv);
    const validate = ajv.compile(encryptedPersonDataSchema);
    const sealed = sealFields(key, fields);
    expect(validate(sealed)).toBe(true);
    expect(validate({ ...sealed, extra: 1 })).toBe(false);
    expect(validate({ ...sealed, alg: 'A128GCM' })).toBe(false);
    const json = JSON.stringify(sealed);
    for (const value of ['Vries', '999993653', '1987']) expect(json).not.toContain(value);
  });

  it('uses a different IV, so a different ciphertext, every time', () => {
    const sealed = Array.from({ length: 50 }, () => sealFields(key, fields));
    expect(new Set(sealed.map((value) => value.iv)).size).toBe(50);
    expect(new Set(sealed.map((value) => value.ciphertext)).size).toBe(50);
  });

  it.each([
    ['ciphertext', (value: EncryptedPersonData) => ({ ...value, ciphertext: flip(value.ciphertext) })],
    ['tag', (value: EncryptedPersonData) => ({ ...value, tag: flip(value.tag, 15) })],
    ['iv', (value: EncryptedPersonData) => ({ ...value, iv: flip(value.iv, 3) })],
    ['truncated ciphertext', (value: EncryptedPersonData) => ({ ...value, ciphertext: Buffer.from(value.ciphertext, 'base64url').subarray(1).toString('base64url') })],
  ])('refuses a value whose %s was altered', (_what, tamper) => {
    expect(() => openFields(key, tamper(sealFields(key, fields)))).toThrow(PersonDataIntegrityError);
    expect(() => openFields(key, tamper(sealFields(key, fields)))).toThrow(/failed authentication/);
  });

  it('refuses a value moved to another person, relabelled or not', () => {
    const other = PersonDataKey.generate(randomUUID());
    const sealed = sealFields(key, fields);
    // Relabelled as the other person's data and opened with their key.
    expect(() => openFields(other, { ...sealed, personId: other.personId, keyId: other.keyId })).toThrow(/failed authentication/);
    // Only the person id changed: it does not belong to the key.
    expect(() => openFields(other, { ...sealed, personId: other.personId })).toThrow(/names key .* but that person's data key is/);
    // Opened as-is with another person's key.
    expect(() => openFields(other, sealed)).toThrow(PersonDataIntegrityError);
    // Same key bytes can't be reached by claiming another key id either.
    expect(() => openFields(key, { ...sealed, keyId: randomUUID() })).toThrow(PersonDataIntegrityError);
  });

  it('refuses malformed values and fields that are not strings, finite numbers or null', () => {
    const sealed = sealFields(key, fields);
    expect(() => openFields(key, { ...sealed, iv: 'AAAA' })).toThrow(/iv must be 12 bytes/);
    expect(() => openFields(key, { ...sealed, alg: 'none' } as unknown as EncryptedPersonData)).toThrow(/alg must be A256GCM/);
    expect(() => openFields(key, { ...sealed, personId: 'someone' })).toThrow(/personId must be a UUID/);
    expect(() => sealFields(key, { age: Number.NaN })).toThrow(/field "age" must be a string, a finite number, a list of strings or null/);
    expect(() => sealFields(key, { nested: { a: 1 } } as unknown as Record<string, string>)).toThrow(TypeError);
  });

  it('keeps a field named __proto__ a field', () => {
    const odd = JSON.parse('{"__proto__":"x","naam":"A"}') as Record<string, string>;
    const opened = openFields(key, sealFields(key, odd));
    expect(Object.keys(opened)).toEqual(['__proto__', 'naam']);
    expect(Object.getPrototypeOf(opened)).toBe(Object.prototype);
  });

  it('does not show data key material when a key is logged or serialised', () => {
    const shown = [inspect(key), JSON.stringify(key), String(key), inspect(key, { showHidden: true })].join('\n');
    expect(shown).toContain(key.keyId);
    expect(Object.keys(key).sort()).toEqual(['keyId', 'personId']);
  });
});

describe('data key wrapping', () => {
  it('stores a data key only wrapped, and unwraps it with the master key ring', () => {
    const masterKeys = ring('k1');
    const key = PersonDataKey.generate(randomUUID());
    const wrapped = wrapDataKey(key, masterKeys.current);
    expect(wrapped).toMatchObject({ personId: key.personId, keyId: key.keyId, masterKeyId: 'k1' });
    expect(wrapped.wrappedKey).toHaveLength(WRAPPED_KEY_BYTES);
    const unwrapped = unwrapDataKey(wrapped, masterKeys);
    expect(openFields(unwrapped, sealFields(key, fields))).toEqual(fields);
  });

  it('refuses a wrong master key under the same id, and names a master key that is not configured', () => {
    const key = PersonDataKey.generate(randomUUID());
    const wrapped = wrapDataKey(key, ring('k1').current);
    expect(() => unwrapDataKey(wrapped, ring('k1'))).toThrow(PersonKeyUnwrapError);
    expect(() => unwrapDataKey(wrapped, ring('k1'))).toThrow(/does not unwrap under master key "k1"/);
    expect(() => unwrapDataKey(wrapped, ring('k2', 'k3'))).toThrow(/wrapped under master key "k1", which is not configured \(configured: k2, k3\)/);
  });

  it('refuses a wrapped key moved to another person or key id, or relabelled with another master key id', () => {
    const masterKeys = ring('k1', 'k0');
    const wrapped = wrapDataKey(PersonDataKey.generate(randomUUID()), masterKeys.current);
    expect(() => unwrapDataKey({ ...wrapped, personId: randomUUID() }, masterKeys)).toThrow(PersonKeyUnwrapError);
    expect(() => unwrapDataKey({ ...wrapped, keyId: randomUUID() }, masterKeys)).toThrow(PersonKeyUnwrapError);
    expect(() => unwrapDataKey({ ...wrapped, masterKeyId: 'k0' }, masterKeys)).toThrow(PersonKeyUnwrapError);
    const altered = Buffer.from(wrapped.wrappedKey);
    altered[20] = (altered[20] as number) ^ 0x80;
    expect(() => unwrapDataKey({ ...wrapped, wrappedKey: altered }, masterKeys)).toThrow(PersonKeyUnwrapError);
  });

  it('rotates: rewrapped under a new master key, old ciphertexts still decrypt once the old master key is gone', () => {
    const old = MasterKey.fromBytes('2024', randomBytes(32));
    const key = PersonDataKey.generate(randomUUID());
    const wrappedUnderOld = wrapDataKey(key, old);
    const ciphertexts = [sealFields(key, fields), sealFields(key, { naam: 'later' })];

    const next = MasterKey.fromBytes('2025', randomBytes(32));
    const duringRotation = new MasterKeyRing([next, old]);
    const rewrapped = rewrapDataKey(wrappedUnderOld, duringRotation);
    expect(rewrapped).toMatchObject({ personId: key.personId, keyId: key.keyId, masterKeyId: '2025' });
    expect(rewrapped.wrappedKey.equals(wrappedUnderOld.wrappedKey)).toBe(false);

    const afterRetirement = new MasterKeyRing([next]);
    const unwrapped = unwrapDataKey(rewrapped, afterRetirement);
    expect(openFields(unwrapped, ciphertexts[0] as EncryptedPersonData)).toEqual(fields);
    expect(openFields(unwrapped, ciphertexts[1] as EncryptedPersonData)).toEqual({ naam: 'later' });
    expect(() => unwrapDataKey(wrappedUnderOld, afterRetirement)).toThrow(/"2024", which is not configured/);
  });
});
