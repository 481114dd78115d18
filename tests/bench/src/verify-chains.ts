import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { canonicalJson, CHAIN_GENESIS, chainedEventRecord, CloudEvent, MELDING_RECEIVED, newChainCheckpoint, TOPICS } from '@vt/contracts';
import { ChainVerifier, keyRing } from '@vt/audit';
import { BenchKeyTable, CatalogCheck } from './replay-log';

/**
 * Verification speed of the chain verifier alone (no broker): `events` MeldingReceived-sized events over
 * `households` chains, with one signed checkpoint per 500 events as the relay writes them. Records are raw
 * value bytes in canonical JSON, as the outbox relay publishes them and kafkajs hands them over. Beside it, in
 * the same run, the floors over the same records: JSON.parse of the text alone, decoding plus JSON.parse (what
 * any consumer must do), and SHA-256 alone. Prints JSON.
 */
export function benchVerifyChains(events = 100_000, households = 10_000, rounds = 3): Record<string, number> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keys = keyRing([{ name: 'bench', content: { keys: { k: { service: 'intake', publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(), validFrom: '2000-01-01T00:00:00Z' } } } }]);
  const ids = Array.from({ length: households }, () => randomUUID());
  const heads = new Map<string, { seq: number; hash: string }>();
  const records: Buffer[] = [];
  const checkpoints: string[] = [];
  let batch = new Map<string, { seq: number; hash: string }>();
  // Valid MeldingReceived events (checked against the catalog like the replay log), one person's fields sealed as intake seals them.
  const personalKeys = new BenchKeyTable('intake');
  const catalog = new CatalogCheck();
  for (let i = 0; i < events; i++) {
    const householdid = ids[i % households] as string;
    const head = heads.get(householdid) ?? { seq: 0, hash: CHAIN_GENESIS };
    const personId = randomUUID();
    const time = new Date(1_700_000_000_000 + i).toISOString();
    const event: CloudEvent = {
      specversion: '1.0', id: randomUUID(), source: '/veilig-thuis/intake', type: MELDING_RECEIVED, time,
      datacontenttype: 'application/json', dataschema: 'urn:vt:schema:intake.MeldingReceived.v1', householdid, correlationid: randomUUID(), causationid: randomUUID(),
      vtseq: head.seq + 1, prevhash: head.hash,
      data: {
        meldingId: randomUUID(), householdId: householdid, receivedAt: time, registeredAt: time, gemeenteCode: 'GM0363', acuteIndication: { indicated: false },
        persons: [{ personId, role: 'victim' }],
        personalData: [personalKeys.encryptFields(personId, { name: 'Bench Persoon', birthDate: '1988-07-02', estimatedAge: null, bsn: null, postcode: '1011AB', houseNumber: '1' })],
        actor: 'user:call-handler-bench',
      },
    };
    personalKeys.forget();
    catalog.check('intake', TOPICS.meldingen, event);
    const { value, hash } = chainedEventRecord(event);
    const next = { seq: head.seq + 1, hash };
    heads.set(householdid, next);
    batch.set(householdid, next);
    records.push(Buffer.from(value, 'utf8'));
    if (batch.size === 500 || i === events - 1) {
      const heads = [...batch].map(([h, v]) => ({ source: '/veilig-thuis/intake', topic: TOPICS.meldingen, householdid: h, seq: v.seq, hash: v.hash }));
      checkpoints.push(canonicalJson(newChainCheckpoint({ service: 'intake', keyId: 'k', privateKey, heads })));
      batch = new Map();
    }
  }
  const timed = (work: () => void): number => {
    const begun = process.hrtime.bigint();
    work();
    return Number(process.hrtime.bigint() - begun) / 1e9;
  };
  const texts = records.map((record) => record.toString('utf8'));
  const verifyOnce = (): void => {
    const verifier = new ChainVerifier({ keys });
    checkpoints.forEach((value, i) => verifier.addCheckpoint({ topic: TOPICS.auditChainHeads, partition: 0, offset: String(i), value }));
    records.forEach((value, i) => verifier.addEvent({ topic: TOPICS.meldingen, partition: 0, offset: String(i), value }));
    const { findings } = verifier.finish();
    if (findings.length > 0) throw new Error(`the generated log should verify clean, got ${findings.length} findings`);
  };
  // Floors and verification interleaved, `rounds` times, medians reported: a shared machine's load then
  // weighs on all of them alike. Verification includes the checkpoints (one Ed25519 check per 500 events).
  const runs = { parse: [] as number[], decodeParse: [] as number[], hash: [] as number[], verify: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    runs.parse.push(timed(() => texts.forEach((text) => JSON.parse(text))));
    runs.decodeParse.push(timed(() => records.forEach((record) => JSON.parse(record.toString('utf8')))));
    runs.hash.push(timed(() => records.forEach((record) => createHash('sha256').update(record).digest('hex'))));
    runs.verify.push(timed(verifyOnce));
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const [parseSeconds, decodeParseSeconds, hashSeconds, seconds] = [median(runs.parse), median(runs.decodeParse), median(runs.hash), median(runs.verify)];
  return {
    events,
    households,
    checkpoints: checkpoints.length,
    rounds,
    avgRecordBytes: Math.round(records.reduce((n, r) => n + r.length, 0) / events),
    verifyEventsPerSecond: Math.round(events / seconds),
    jsonParseFloorPerSecond: Math.round(events / parseSeconds),
    decodeAndParseFloorPerSecond: Math.round(events / decodeParseSeconds),
    sha256FloorPerSecond: Math.round(events / hashSeconds),
    ratioToParseFloor: Number((parseSeconds / seconds).toFixed(3)),
    ratioToDecodeAndParseFloor: Number((decodeParseSeconds / seconds).toFixed(3)),
  };
}

if (require.main === module) process.stdout.write(`${JSON.stringify(benchVerifyChains(Number(process.argv[2] ?? 100_000)), null, 2)}\n`);
