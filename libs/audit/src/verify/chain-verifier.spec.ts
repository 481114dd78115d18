import { generateKeyPairSync, hash, KeyObject, randomUUID } from 'node:crypto';
import { AUDIT_CHAIN_CHECKPOINTED, canonicalJson, CHAIN_GENESIS, CHAIN_HEADS_FORMAT, CloudEvent, eventChainHash, MELDING_RECEIVED, newChainCheckpoint, signCheckpoint, TOPICS } from '@vt/contracts';
import { chainFieldsOf, ChainVerifier, describeFinding, Finding, LogRecordInput } from './chain-verifier';
import { KeyRing, keyRing } from './public-keys';

const MELDINGEN = TOPICS.meldingen;

function aKey(service: string, keyId: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId, service, privateKey, published: { service, publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(), validFrom: '2020-01-01T00:00:00Z' } };
}

const intakeKey = aKey('intake', 'intake-1');
const triageKey = aKey('crisis-triage', 'triage-1');
const keys = keyRing([{ name: 'test', content: { keys: { [intakeKey.keyId]: intakeKey.published, [triageKey.keyId]: triageKey.published } } }]);

/** A chain of `length` MeldingReceived events for one household, as the outbox would write them. */
function aChain(householdId: string, length: number, source = '/veilig-thuis/intake'): CloudEvent[] {
  const events: CloudEvent[] = [];
  let prevhash = CHAIN_GENESIS;
  for (let seq = 1; seq <= length; seq++) {
    const event: CloudEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source,
      type: MELDING_RECEIVED,
      time: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      datacontenttype: 'application/json',
      dataschema: 'urn:vt:schema:intake.MeldingReceived.v1',
      householdid: householdId,
      correlationid: randomUUID(),
      causationid: randomUUID(),
      vtseq: seq,
      prevhash,
      data: { meldingId: randomUUID(), persons: [{ personId: randomUUID(), role: 'victim', data: { ciphertext: 'x'.repeat(seq) } }] },
    };
    prevhash = eventChainHash(event);
    events.push(event);
  }
  return events;
}

type Signer = { keyId: string; service: string; privateKey: KeyObject };

/** The checkpoint a relay writes today: an AuditChainCheckpointed CloudEvent. */
function checkpointFor(events: CloudEvent[], signer: Signer = intakeKey, topic = MELDINGEN): string {
  const last = events[events.length - 1] as CloudEvent;
  const heads = [{ source: last.source, topic, householdid: last.householdid, seq: last.vtseq as number, hash: eventChainHash(last) }];
  return canonicalJson(newChainCheckpoint({ service: signer.service, keyId: signer.keyId, privateKey: signer.privateKey, heads, time: '2026-01-01T01:00:00.000Z' }));
}

/** A checkpoint in the format relays wrote before checkpoints were CloudEvents (vt.chain-heads.v1), still on old logs. */
function legacyCheckpointFor(events: CloudEvent[], signer: Signer = intakeKey, topic = MELDINGEN): string {
  const last = events[events.length - 1] as CloudEvent;
  return JSON.stringify(
    signCheckpoint(
      { format: CHAIN_HEADS_FORMAT, id: randomUUID(), producer: signer.service, keyid: signer.keyId, time: '2026-01-01T01:00:00.000Z', heads: [{ source: last.source, topic, householdid: last.householdid, seq: last.vtseq as number, hash: eventChainHash(last) }] },
      signer.privateKey,
    ),
  );
}

/**
 * Verifies the log twice: by `addEvent`, and by `addChainFields` given the chain fields and hash computed apart, as
 * the verify worker computes them (`verifyLog`); every test here checks that both ways find exactly the same.
 */
function verifyAll(checkpoints: string[], values: string[], options: { householdId?: string; keys?: KeyRing } = {}): ReturnType<ChainVerifier['finish']> {
  const run = (add: (verifier: ChainVerifier, record: LogRecordInput & { value: string }) => void) => {
    const verifier = new ChainVerifier({ keys, ...options });
    checkpoints.forEach((value, i) => verifier.addCheckpoint({ topic: TOPICS.auditChainHeads, partition: 0, offset: String(i), value }));
    verifier.readTopic(MELDINGEN);
    values.forEach((value, i) => add(verifier, { topic: MELDINGEN, partition: 4, offset: String(i), value }));
    return verifier.finish();
  };
  const whole = run((verifier, record) => verifier.addEvent(record));
  const apart = run((verifier, record) => verifier.addChainFields(record, chainFieldsOf(record.value), hash('sha256', Buffer.from(record.value, 'utf8'), 'buffer')));
  expect(apart).toEqual(whole);
  return whole;
}

function verify(checkpoints: string[], values: string[], options: { householdId?: string; keys?: KeyRing } = {}): Finding[] {
  return verifyAll(checkpoints, values, options).findings;
}

/** Record values as the outbox writes and the relay publishes them: each event's canonical JSON. */
const json = (events: CloudEvent[]): string[] => events.map((event) => canonicalJson(event));
const summary = (findings: Finding[]) => findings.map((f) => ({ kind: f.kind, seq: f.seq, offset: f.offset }));

describe('ChainVerifier', () => {
  const household = randomUUID();
  const chain = aChain(household, 6);
  const signed = [checkpointFor(chain.slice(0, 3)), checkpointFor(chain)];

  it('finds nothing in an untouched log, given as text or as raw bytes', () => {
    expect(verify(signed, json(chain))).toEqual([]);
    const verifier = new ChainVerifier({ keys });
    signed.forEach((value, i) => verifier.addCheckpoint({ topic: TOPICS.auditChainHeads, partition: 0, offset: String(i), value: Buffer.from(value) }));
    json(chain).forEach((value, i) => verifier.addEvent({ topic: MELDINGEN, partition: 4, offset: String(i), value: Buffer.from(value, 'utf8') }));
    json(chain).forEach((value, i) => (i === 0 ? undefined : verifier.addEvent({ topic: MELDINGEN, partition: 4, offset: String(6 + i), value, bytes: Buffer.from(value, 'utf8') })));
    expect(verifier.finish().findings.map((f) => f.kind)).toEqual(['duplicated', 'duplicated', 'duplicated', 'duplicated', 'duplicated']);
  });

  it('names a record re-serialised with the same content but other bytes (key order, whitespace) as altered: the hash covers the bytes', () => {
    const values = json(chain);
    values[2] = JSON.stringify(Object.fromEntries(Object.entries(chain[2] as CloudEvent).reverse()));
    values[3] = JSON.stringify(JSON.parse(values[3] as string), null, 2);
    expect(summary(verify(signed, values))).toEqual([
      { kind: 'altered', seq: 3, offset: '2' },
      { kind: 'altered', seq: 4, offset: '3' },
    ]);
  });

  it('hashes the raw bytes when given beside their text: bytes that differ from the text are altered', () => {
    const verifier = new ChainVerifier({ keys });
    signed.forEach((value, i) => verifier.addCheckpoint({ topic: TOPICS.auditChainHeads, partition: 0, offset: String(i), value }));
    json(chain).forEach((value, i) =>
      verifier.addEvent({ topic: MELDINGEN, partition: 4, offset: String(i), value, bytes: i === 5 ? Buffer.concat([Buffer.from(value, 'utf8'), Buffer.from([0xff])]) : Buffer.from(value, 'utf8') }),
    );
    expect(summary(verifier.finish().findings)).toEqual([{ kind: 'altered', seq: 6, offset: '5' }]);
  });

  it('names an event whose payload was altered', () => {
    const values = json(chain);
    values[2] = JSON.stringify({ ...chain[2], data: { ...(chain[2] as CloudEvent<string, Record<string, unknown>>).data, meldingId: randomUUID() } });
    const findings = verify(signed, values);
    expect(summary(findings)).toEqual([{ kind: 'altered', seq: 3, offset: '2' }]);
    expect(findings[0]?.eventId).toBe(chain[2]?.id);
  });

  it('names an altered last event by the signed chain head', () => {
    const values = json(chain);
    values[5] = JSON.stringify({ ...chain[5], time: '2030-01-01T00:00:00.000Z' });
    expect(summary(verify(signed, values))).toEqual([{ kind: 'altered', seq: 6, offset: '5' }]);
  });

  it('names a forged event appended with a correct prevhash: no signed checkpoint covers it', () => {
    const forged = aChain(household, 7)[6] as CloudEvent;
    const values = [...json(chain), JSON.stringify({ ...forged, prevhash: eventChainHash(chain[5] as CloudEvent) })];
    const findings = verify(signed, values);
    expect(summary(findings)).toEqual([{ kind: 'forged', seq: 7, offset: '6' }]);
    expect(findings[0]?.detail).toMatch(/no signed checkpoint covers/);
  });

  it('refuses a checkpoint with a bad signature or a key of another service as forged; a checkpoint under an unknown key id is not forged but unverifiable', () => {
    const seventh = { ...(aChain(household, 7)[6] as CloudEvent), prevhash: eventChainHash(chain[5] as CloudEvent) };
    const extended = [...chain, seventh];
    const good = JSON.parse(checkpointFor(extended)) as { data: { signature: string } };
    const badSignature = JSON.stringify({ ...good, data: { ...good.data, signature: Buffer.alloc(64, 1).toString('base64') } });
    const unknownKey = checkpointFor(extended, aKey('intake', 'intake-rogue'));
    const otherService = checkpointFor(extended, { ...triageKey, service: 'intake' });
    const { findings, unknownKeys, stats } = verifyAll([...signed, badSignature, unknownKey, otherService], json(extended));
    expect(findings.map((f) => [f.kind, f.topic, f.offset ?? f.seq, f.detail.replace(/^checkpoint \S+ /, 'checkpoint ').replace(/\(newest \S+\)/, '(newest …)')])).toEqual([
      ['forged', TOPICS.auditChainHeads, '2', 'checkpoint of intake under key "intake-1": bad or missing signature'],
      ['forged', TOPICS.auditChainHeads, '4', 'checkpoint of intake under key "triage-1": the key belongs to crisis-triage, not intake'],
      ['unverifiable', MELDINGEN, '6', 'unknown key intake-rogue: covered only by checkpoints signed with this key id (newest …), whose public key was not given'],
    ]);
    expect(unknownKeys).toEqual([{ keyId: 'intake-rogue', producers: ['intake'], checkpoints: 1 }]);
    expect(stats).toMatchObject({ checkpoints: 5, validCheckpoints: 2, unverifiableCheckpoints: 1 });
  });

  // Rule (issue 13, point 8): without the right public keys, verify names the key ids it does not know and does
  // not report every event as forged; forged stays for a bad signature under a known key and a broken hash link.
  it('without the signing key, names its key id and reports the events it alone covers as unverifiable, never as forged', () => {
    const withoutIntake = keyRing([{ name: 'test', content: { keys: { [triageKey.keyId]: triageKey.published } } }]);
    const { findings, unknownKeys } = verifyAll(signed, json(chain), { keys: withoutIntake });
    expect(findings.map((f) => [f.kind, f.seq])).toEqual(chain.map((event) => ['unverifiable', event.vtseq]));
    expect(findings.every((f) => f.detail.startsWith('unknown key intake-1:'))).toBe(true);
    expect(unknownKeys).toEqual([{ keyId: 'intake-1', producers: ['intake'], checkpoints: 2 }]);
  });

  it('still names tampering that needs no signature when the key is unknown: a broken hash link is altered, a gap dropped', () => {
    const withoutIntake = keyRing([{ name: 'test', content: { keys: {} } }]);
    const values = json(chain);
    values[2] = JSON.stringify({ ...chain[2], data: { meldingId: randomUUID() } });
    const findings = verify(signed, [...values.slice(0, 4), ...values.slice(5)], { keys: withoutIntake });
    expect(findings.filter((f) => f.kind !== 'unverifiable').map((f) => [f.kind, f.seq])).toEqual([
      ['altered', 3],
      ['dropped', 5],
    ]);
    expect(findings.some((f) => f.kind === 'forged')).toBe(false);
  });

  it('writes checkpoints as AuditChainCheckpointed CloudEvents, and still reads the old vt.chain-heads.v1 checkpoints on existing logs', () => {
    const event = JSON.parse(signed[0] as string) as Record<string, unknown>;
    expect(event).toMatchObject({ specversion: '1.0', type: AUDIT_CHAIN_CHECKPOINTED, source: '/veilig-thuis/intake', datacontenttype: 'application/json', dataschema: 'urn:vt:schema:audit.AuditChainCheckpointed.v1' });
    expect(event['data']).toMatchObject({ keyId: 'intake-1', heads: [expect.objectContaining({ seq: 3 })], signature: expect.any(String) });
    const legacy = [legacyCheckpointFor(chain.slice(0, 3)), legacyCheckpointFor(chain)];
    expect(verifyAll(legacy, json(chain))).toMatchObject({ findings: [], stats: { validCheckpoints: 2 } });
    expect(verify([legacy[0] as string, signed[1] as string], json(chain))).toEqual([]);
    const forgedLegacy = JSON.stringify({ ...(JSON.parse(legacy[1] as string) as object), time: '2026-01-02T00:00:00.000Z' });
    expect(verify([forgedLegacy], json(chain)).map((f) => f.kind)).toEqual(['forged', ...chain.map(() => 'forged')]);
  });

  it('refuses a CloudEvent checkpoint whose envelope or heads changed after signing', () => {
    const event = JSON.parse(signed[1] as string) as { source: string; data: { heads: { seq: number }[] } };
    const moved = JSON.stringify({ ...event, id: randomUUID() });
    const findings = verify([signed[0] as string, moved], json(chain));
    expect(findings[0]?.detail).toMatch(/bad or missing signature/);
    expect(findings.slice(1).map((f) => [f.kind, f.seq])).toEqual([
      ['forged', 4],
      ['forged', 5],
      ['forged', 6],
    ]);
  });

  it('names an event claiming a producer that does not own its type, and a record that is not a chained event', () => {
    const foreign = aChain(randomUUID(), 1, '/veilig-thuis/referral');
    const unchained = { ...(chain[0] as CloudEvent), vtseq: undefined, prevhash: undefined };
    const findings = verify(signed, [...json(chain), ...json(foreign), JSON.stringify(unchained), 'not json']);
    expect(findings.map((f) => [f.kind, f.offset, f.detail])).toEqual([
      ['forged', '6', `${MELDING_RECEIVED} is produced by intake, but this event claims referral`],
      ['forged', '7', 'not a chained event (householdid, vtseq or prevhash missing or malformed)'],
      ['forged', '8', 'not a JSON CloudEvent'],
    ]);
  });

  it('names a dropped event (a gap) and a dropped tail (signed beyond the last event)', () => {
    expect(summary(verify(signed, json([...chain.slice(0, 2), ...chain.slice(3)])))).toEqual([{ kind: 'dropped', seq: 3, offset: undefined }]);
    const tail = verify(signed, json(chain.slice(0, 4)));
    expect(summary(tail)).toEqual([{ kind: 'dropped', seq: 5, offset: undefined }]);
    expect(tail[0]?.detail).toMatch(/seq 5\.\.6 missing at the end/);
  });

  it('names a duplicate, saying whether it is an identical copy', () => {
    const identical = verify(signed, json([...chain.slice(0, 3), chain[1] as CloudEvent, ...chain.slice(3)]));
    expect(summary(identical)).toEqual([{ kind: 'duplicated', seq: 2, offset: '3' }]);
    expect(identical[0]?.detail).toBe('an identical copy of the event at offset 1');
    const different = verify(signed, [...json(chain), JSON.stringify({ ...chain[1], id: randomUUID() })]);
    expect(different[0]?.detail).toBe('a different event with the same seq as the event at offset 1');
  });

  it('names two swapped events as reordered, and nothing else', () => {
    const swapped = [chain[0], chain[1], chain[3], chain[2], chain[4], chain[5]] as CloudEvent[];
    const findings = verify(signed, json(swapped));
    expect(summary(findings)).toEqual([{ kind: 'reordered', seq: 3, offset: '3' }]);
    expect(findings[0]?.detail).toBe('found after seq 4 (offset 2) of its chain');
  });

  it('reports a signed chain with no event on the log at all as dropped', () => {
    const other = aChain(randomUUID(), 2);
    const findings = verify([...signed, checkpointFor(other)], json(chain));
    expect(summary(findings)).toEqual([{ kind: 'dropped', seq: 2, offset: undefined }]);
    expect(findings[0]?.householdId).toBe(other[0]?.householdid);
  });

  it('verifies one household alone', () => {
    const other = aChain(randomUUID(), 2);
    const values = json([...chain, ...other]);
    values[7] = 'tampered';
    expect(verify([...signed, checkpointFor(other)], values, { householdId: household })).toEqual([]);
  });

  it('prints a finding on one line naming topic, partition, offset, event, household, producer and seq', () => {
    const values = json(chain);
    values[2] = JSON.stringify({ ...chain[2], subject: 'changed' });
    const [finding] = verify(signed, values);
    expect(describeFinding(finding as Finding)).toBe(
      `ALTERED ${MELDINGEN}[4]@2 event ${chain[2]?.id} household ${household} producer intake seq 3: its hash differs from the prevhash recorded by the next event of its chain (seq 4 at ${MELDINGEN}[4]@3)`,
    );
  });
});
