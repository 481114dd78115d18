import { generateKeyPairSync, hash, randomUUID } from 'node:crypto';
import { canonicalJson, CHAIN_GENESIS, CloudEvent, eventChainHash, MELDING_RECEIVED, newChainCheckpoint, TOPICS } from '@vt/contracts';
import { AuditRawRecord } from '../log-reader';
import { ChainFieldsWorker } from './chain-fields-worker';
import { chainFieldsOf, ChainVerifier } from './chain-verifier';
import { keyRing } from './public-keys';
import { EventFeed } from './verify-log';

const MELDINGEN = TOPICS.meldingen;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = { service: 'intake', keyId: 'intake-1', privateKey };
const keys = keyRing([{ name: 'test', content: { keys: { 'intake-1': { service: 'intake', publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(), validFrom: '2020-01-01T00:00:00Z' } } } }]);

function aChain(householdId: string, length: number): CloudEvent[] {
  const events: CloudEvent[] = [];
  let prevhash = CHAIN_GENESIS;
  for (let seq = 1; seq <= length; seq++) {
    const event: CloudEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/veilig-thuis/intake',
      type: MELDING_RECEIVED,
      time: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      datacontenttype: 'application/json',
      dataschema: 'urn:vt:schema:intake.MeldingReceived.v1',
      householdid: householdId,
      correlationid: randomUUID(),
      causationid: randomUUID(),
      vtseq: seq,
      prevhash,
      data: { meldingId: randomUUID(), note: `ë€😀 ${'x'.repeat(seq * 50)}` },
    };
    prevhash = eventChainHash(event);
    events.push(event);
  }
  return events;
}

const checkpoint = (chains: CloudEvent[][]) =>
  canonicalJson(
    newChainCheckpoint({
      ...signer,
      heads: chains.map((events) => {
        const last = events[events.length - 1] as CloudEvent;
        return { source: last.source, topic: MELDINGEN, householdid: last.householdid, seq: last.vtseq as number, hash: eventChainHash(last) };
      }),
      time: '2026-01-01T01:00:00.000Z',
    }),
  );

/**
 * A log with every kind of tampering the verifier names, on two partitions: an altered payload, a dropped event, two
 * swapped events, a duplicate, a forged appended event, records that are not JSON, not an object, not chained, a
 * tombstone, bytes that are not UTF-8, and a type that cannot be turned into text.
 */
function tamperedLog(): { checkpoints: string[]; records: AuditRawRecord[] } {
  const [a, b, c, d] = [aChain(randomUUID(), 8), aChain(randomUUID(), 8), aChain(randomUUID(), 6), aChain(randomUUID(), 5)];
  const checkpoints = [checkpoint([a, b, c, d])];
  const on = (partition: number, values: (string | Buffer | null)[]) =>
    values.map((value, offset) => ({ topic: MELDINGEN, partition, offset: String(offset), value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value }));
  const aValues: (string | Buffer | null)[] = a.map((event) => canonicalJson(event));
  aValues[2] = JSON.stringify({ ...a[2], data: { meldingId: randomUUID() } });
  aValues.splice(5, 1);
  const bValues: (string | Buffer | null)[] = b.map((event) => canonicalJson(event));
  [bValues[3], bValues[4]] = [bValues[4] as string, bValues[3] as string];
  bValues.push(bValues[1] as string);
  const forged = { ...(aChain(c[0]?.householdid as string, 7)[6] as CloudEvent), prevhash: eventChainHash(c[5] as CloudEvent) };
  const cValues: (string | Buffer | null)[] = [...c.map((event) => canonicalJson(event)), canonicalJson(forged)];
  const oddities: (string | Buffer | null)[] = [
    'not json',
    '[1,2]',
    'null',
    '"a string"',
    '',
    null,
    JSON.stringify({ ...d[0], vtseq: '1' }),
    JSON.stringify({ ...d[0], type: { toString: 1, valueOf: 1 } }),
    Buffer.concat([Buffer.from(canonicalJson(d[1] as CloudEvent), 'utf8').subarray(0, 40), Buffer.from([0xff, 0xfe]), Buffer.from(canonicalJson(d[1] as CloudEvent), 'utf8').subarray(40)]),
    ...d.slice(2).map((event) => canonicalJson(event)),
  ];
  return { checkpoints, records: [...on(0, aValues), ...on(1, bValues), ...on(2, cValues), ...on(3, oddities)] };
}

function verifierWith(checkpoints: string[]): ChainVerifier {
  const verifier = new ChainVerifier({ keys });
  checkpoints.forEach((value, i) => verifier.addCheckpoint({ topic: TOPICS.auditChainHeads, partition: 0, offset: String(i), value }));
  verifier.readTopic(MELDINGEN);
  return verifier;
}

/** What `addEvent` finds, record by record on this thread: the reference. */
function inThisThread(checkpoints: string[], records: AuditRawRecord[]) {
  const verifier = verifierWith(checkpoints);
  for (const record of records) verifier.addEvent({ topic: record.topic, partition: record.partition, offset: record.offset, value: record.value });
  return verifier.finish();
}

/** The records in batches of `size`, through an EventFeed (as `verifyLog` feeds them). */
async function throughFeed(checkpoints: string[], records: AuditRawRecord[], worker: ChainFieldsWorker | undefined, size: number, between?: (batch: number) => Promise<void>) {
  const verifier = verifierWith(checkpoints);
  const feed = new EventFeed(verifier, worker);
  for (let start = 0, batch = 0; start < records.length; start += size, batch++) {
    await between?.(batch);
    await feed.add(records.slice(start, start + size));
  }
  await feed.drained();
  return { result: verifier.finish(), usedWorker: feed.usedWorker };
}

describe('verifying with the worker thread', () => {
  let worker: ChainFieldsWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  it('computes for each record value exactly the chain fields and hash the verifier computes itself', async () => {
    worker = ChainFieldsWorker.start();
    expect(worker).toBeDefined();
    const values = tamperedLog().records.map((record) => record.value);
    const { sums, fields } = await (worker as ChainFieldsWorker).run(values);
    values.forEach((value, i) => {
      if (value === null) {
        expect(fields[i]).toBeNull();
        return;
      }
      expect(fields[i] ?? undefined).toEqual(chainFieldsOf(value.toString('utf8')));
      expect(sums.subarray(32 * i, 32 * i + 32).equals(hash('sha256', value, 'buffer'))).toBe(true);
    });
    expect(fields.filter((f) => f === null)).toHaveLength(6);
    expect(fields.find((f) => f?.vtseq === '1')).toMatchObject({ vtseq: '1' });
  });

  it('finds the same on a tampered log as verifying on this thread, whatever the batch size', async () => {
    const { checkpoints, records } = tamperedLog();
    const reference = inThisThread(checkpoints, records);
    expect(new Set(reference.findings.map((f) => f.kind))).toEqual(new Set(['altered', 'dropped', 'reordered', 'duplicated', 'forged']));
    worker = ChainFieldsWorker.start();
    for (const size of [1, 3, 7, records.length]) {
      const { result, usedWorker } = await throughFeed(checkpoints, records, worker, size);
      expect(usedWorker).toBe(true);
      expect(result).toEqual(reference);
    }
  });

  it('falls back to this thread when the worker is gone, before the first batch or in the middle of the reading', async () => {
    const { checkpoints, records } = tamperedLog();
    const reference = inThisThread(checkpoints, records);
    const gone = ChainFieldsWorker.start() as ChainFieldsWorker;
    await gone.stop();
    expect(await throughFeed(checkpoints, records, gone, 5)).toEqual({ result: reference, usedWorker: false });

    worker = ChainFieldsWorker.start() as ChainFieldsWorker;
    const dying = worker;
    const { result, usedWorker } = await throughFeed(checkpoints, records, dying, 4, async (batch) => {
      if (batch === 3) await dying.stop();
    });
    expect(usedWorker).toBe(false);
    expect(result).toEqual(reference);
  });

  it('without a worker, feeds every batch to addEvent', async () => {
    const { checkpoints, records } = tamperedLog();
    expect(await throughFeed(checkpoints, records, undefined, 6)).toEqual({ result: inThisThread(checkpoints, records), usedWorker: false });
  });
});
