import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson, CHAIN_HEADS_FORMAT, checkpointSignatureValid, eventChainHash, parseSigningKey, parseVerifyingKey, producerOfSource, signCheckpoint } from './event-chain';

describe('event chains', () => {
  it('encodes JSON canonically (RFC 8785): sorted keys, no whitespace, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x', { d: undefined, c: 1.5 }], é: 'ü' })).toBe('{"a":[true,null,"x",{"c":1.5}],"b":1,"é":"ü"}');
  });

  it('hashes an event the same whatever the key order, and differently when anything changes', () => {
    const event = { id: '1', data: { a: 1, b: 'two' }, vtseq: 1 };
    expect(eventChainHash(event)).toBe(eventChainHash({ vtseq: 1, data: { b: 'two', a: 1 }, id: '1' }));
    expect(eventChainHash(event)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventChainHash({ ...event, vtseq: 2 })).not.toBe(eventChainHash(event));
  });

  it('signs a checkpoint that verifies under the public key only while unchanged', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signing = parseSigningKey(privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
    const verifying = parseVerifyingKey(publicKey.export({ format: 'pem', type: 'spki' }).toString());
    const checkpoint = signCheckpoint({ format: CHAIN_HEADS_FORMAT, id: 'c1', producer: 'intake', keyid: 'k1', time: '2026-01-01T00:00:00Z', heads: [{ source: '/veilig-thuis/intake', topic: 't', householdid: 'h', seq: 3, hash: '0'.repeat(64) }] }, signing);
    expect(checkpointSignatureValid(checkpoint, verifying)).toBe(true);
    expect(checkpointSignatureValid({ ...checkpoint, heads: checkpoint.heads.map((head) => ({ ...head, seq: 4 })) }, verifying)).toBe(false);
  });

  it('refuses a key that is not Ed25519, and reads the producer from the source', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => parseSigningKey(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(/must be an Ed25519 key/);
    expect(producerOfSource('/veilig-thuis/crisis-triage')).toBe('crisis-triage');
    expect(producerOfSource('/elsewhere/intake')).toBeUndefined();
  });
});
