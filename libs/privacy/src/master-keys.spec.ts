import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { MasterKeyConfigurationError } from './errors';
import { generateMasterKey, loadMasterKeys, MASTER_KEYS_VARIABLE, MasterKey, MasterKeyRing, parseMasterKeys } from './master-keys';

const key = (): string => randomBytes(32).toString('base64');

function configError(value: string | undefined): MasterKeyConfigurationError {
  try {
    loadMasterKeys({ [MASTER_KEYS_VARIABLE]: value });
  } catch (error) {
    expect(error).toBeInstanceOf(MasterKeyConfigurationError);
    return error as MasterKeyConfigurationError;
  }
  throw new Error(`expected ${String(value)} to be refused`);
}

describe('loadMasterKeys', () => {
  it('reads comma-separated id:base64 keys, the first being current and the others kept for unwrapping', () => {
    const ring = loadMasterKeys({ [MASTER_KEYS_VARIABLE]: ` 2025-02:${key()} , 2024-11:${randomBytes(32).toString('base64url')}` });
    expect(ring.current.id).toBe('2025-02');
    expect(ring.ids).toEqual(['2025-02', '2024-11']);
    expect(ring.get('2024-11')?.id).toBe('2024-11');
    expect(ring.get('nope')).toBeUndefined();
  });

  it('says what to set when the variable is missing or blank', () => {
    for (const value of [undefined, '', '   ']) {
      const error = configError(value);
      expect(error.message).toContain('PERSONAL_DATA_MASTER_KEYS is not set');
      expect(error.message).toContain('id:base64');
      expect(error.message).toContain('randomBytes(32)');
    }
  });

  it('refuses a key of the wrong length, naming the entry and the id but not the key', () => {
    const short = randomBytes(16).toString('base64');
    const error = configError(`current:${key()},old:${short}`);
    expect(error.message).toMatch(/entry 2 \("old"\) decodes to 16 bytes; a master key is exactly 32 random bytes/);
    expect(error.message).not.toContain(short);
  });

  it('refuses a duplicate id', () => {
    expect(configError(`k1:${key()},k2:${key()},k1:${key()}`).message).toMatch(/entry 3 repeats the id "k1" of entry 1/);
  });

  it('refuses the same key under two ids', () => {
    const same = key();
    expect(configError(`k1:${same},k2:${same}`).message).toMatch(/entries 1 \("k1"\) and 2 \("k2"\) hold the same key/);
  });

  it('refuses malformed entries without repeating them (they may be key material)', () => {
    const material = key();
    const cases: [string, RegExp][] = [
      [`k1:${key()},`, /entry 2 of 2 is empty/],
      [material, /entry 1 is not of the form "id:base64" \(there is no colon\)/],
      [`${material}:k1`, /entry 1 has an invalid id \(not shown/],
      ['k1:not base64!!', /entry 1 \("k1"\): the key is not valid base64/],
    ];
    for (const [value, message] of cases) {
      const error = configError(value);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(material);
    }
  });

  it('never shows key material when a key or ring is logged or serialised', () => {
    const bytes = randomBytes(32);
    const ring = new MasterKeyRing([MasterKey.fromBytes('k1', bytes)]);
    const shown = [inspect(ring), inspect(ring.current), JSON.stringify(ring), JSON.stringify(ring.current), String(ring.current), inspect(ring, { showHidden: true })].join('\n');
    expect(shown).toContain('k1');
    for (const encoding of ['base64', 'base64url', 'hex'] as const) expect(shown).not.toContain(bytes.toString(encoding));
    expect(Object.values(ring.current)).toEqual(['k1']);
  });

  it('generates a key that the configuration accepts', () => {
    const generated = generateMasterKey('local-1');
    expect(generated.entry).toBe(`local-1:${generated.key}`);
    expect(Buffer.from(generated.key, 'base64')).toHaveLength(32);
    expect(parseMasterKeys(generated.entry).current.id).toBe('local-1');
    expect(generateMasterKey().id).toMatch(/^mk-\d{8}-[0-9a-f]{6}$/);
    expect(generateMasterKey().key).not.toBe(generateMasterKey().key);
  });
});
