import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson, CHAIN_HEADS_FORMAT, chainedEventRecord, checkpointSignatureValid, checkpointSigningInput, eventChainHash, parseSigningKey, parseVerifyingKey, producerOfSource, recordValueHash, signCheckpoint } from './event-chain';

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

  it('writes a chained event as its canonical bytes, whose raw hash is the chain hash; other bytes of the same content hash differently', () => {
    const event = { vtseq: 1, id: '1', data: { b: 'two', a: 1, name: 'Zoë' } };
    const record = chainedEventRecord(event);
    expect(record.value).toBe(canonicalJson(event));
    expect(record.hash).toBe(eventChainHash(event));
    expect(recordValueHash(record.value)).toBe(record.hash);
    expect(recordValueHash(Buffer.from(record.value, 'utf8'))).toBe(record.hash);
    expect(recordValueHash(JSON.stringify(event))).not.toBe(record.hash);
    expect(recordValueHash(JSON.stringify(JSON.parse(record.value), null, 1))).not.toBe(record.hash);
  });

  it('writes the signing input of a checkpoint as the canonical JSON of everything but the signature, whatever its heads hold', () => {
    const base = { signature: 'sig', time: '2026-01-01T00:00:00Z', producer: 'intake', keyid: 'k"1', id: 'c1', format: CHAIN_HEADS_FORMAT };
    const heads = [
      { topic: 't', source: '/veilig-thuis/intake', seq: 3, householdid: 'h\u2028"x', hash: 'a'.repeat(64) },
      { hash: 'b'.repeat(64), householdid: 'h2', seq: 1e21, source: '/veilig-thuis/intake', topic: 't' },
    ];
    const { signature: _signature, ...unsigned } = base;
    for (const variant of [heads, [...heads, { ...heads[0], extra: true }], [{ ...heads[0], seq: '3' }], [], 'not heads']) {
      const checkpoint = { ...base, heads: variant } as unknown as Parameters<typeof checkpointSigningInput>[0];
      expect(checkpointSigningInput(checkpoint).toString('utf8')).toBe(canonicalJson({ ...unsigned, heads: variant }));
    }
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
