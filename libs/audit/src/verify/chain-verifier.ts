import { hash as digest } from 'node:crypto';
import { CHAIN_GENESIS, EVENT_CATALOG, isKnownEventType, producerOfSource, readChainCheckpoint, TOPICS } from '@vt/contracts';
import { ChainFields, chainFieldsOf } from './chain-fields';
import { KeyRing } from './public-keys';

export { ChainFields, chainFieldsOf };

/**
 * `unverifiable` is not tampering: the event is vouched for only by checkpoints signed with a key id the
 * verifier was not given, so neither forged nor genuine can be said until its public key is passed.
 */
export type FindingKind = 'altered' | 'forged' | 'dropped' | 'duplicated' | 'reordered' | 'unverifiable';

/** A key id that signed checkpoints but is not among the public keys given: pass its public key to verify them. */
export interface UnknownKey {
  keyId: string;
  /** The services whose checkpoints name it (as they claim). */
  producers: string[];
  checkpoints: number;
}

/** Where a finding is: as much of topic/partition/offset/event id/household/producer/seq as is known. */
export interface FindingLocation {
  topic: string;
  partition?: number;
  offset?: string;
  eventId?: string;
  householdId?: string;
  producer?: string;
  seq?: number;
}

export interface Finding extends FindingLocation {
  kind: FindingKind;
  detail: string;
}

/** One record as read from a topic; `topic` without the deployment prefix. */
export interface LogRecordInput {
  topic: string;
  partition: number;
  offset: string;
  /** The record value: its raw bytes, or their UTF-8 text. */
  value: Buffer | string | null | undefined;
  /**
   * The raw value bytes when `value` is their decoded text (as the log reader gives both): the hash is taken
   * over these, so bytes that are not valid UTF-8 cannot hide behind their decoding.
   */
  bytes?: Buffer | undefined;
}

export interface VerifyStats {
  events: number;
  chains: number;
  checkpoints: number;
  validCheckpoints: number;
  /** Checkpoints signed by a key id that is not among the keys given (see `unknownKeys`). */
  unverifiableCheckpoints: number;
}

export interface VerifyOptions {
  keys: KeyRing;
  /** Only this household's chains (records of other households are skipped, not checked). */
  householdId?: string;
}

/** Topics that carry no chains: dead letters (copies for operators) and partner responses (written by partners). */
export function isUnchainedTopic(topic: string): boolean {
  return /\.dlq\.v\d+$/.test(topic) || /^vt\.partner\.[a-z0-9-]+\.responses\.v\d+$/.test(topic);
}

/** Topics whose records are chained events (everything but the unchained ones and the chain heads themselves). */
export function isChainedTopic(topic: string): boolean {
  return topic !== TOPICS.auditChainHeads && !isUnchainedTopic(topic);
}

const addressPattern = (address: string): RegExp =>
  new RegExp(`^${address.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{[^}]+\}/g, '[a-z0-9-]+')}$`);
const ADDRESSES = new Map(Object.values(EVENT_CATALOG).map((contract) => [contract.type as string, addressPattern(contract.address)]));

interface Gap {
  from: number;
  to: number;
  /** Hash of seq from-1 (as seen), and the prevhash seq to+1 recorded. */
  before: string;
  after: string;
  beforeAt?: string;
  afterAt: string;
}

interface LateRecord {
  hash: string;
  prevhash: string;
  location: FindingLocation;
}

interface Chain {
  source: string;
  producer: string;
  topic: string;
  householdId: string;
  partition: number;
  next: number;
  lastHash: string;
  /** Where the newest event in sequence order lies (its location is built only for a finding). */
  last?: { partition: number; offset: string; eventId: string | undefined };
  /** The newest signed head of this chain; every checkpoint is read before the first event. */
  signedHead: SignedHead | undefined;
  slot: ChainSlot;
  /** Per seq: 8 bytes of the event's hash, then its offset as a double; all zero when not seen. */
  seen: Buffer;
  gaps: Gap[];
  late?: Map<number, LateRecord>;
  unsigned: FindingLocation[];
}

interface SignedHead {
  seq: number;
  hash: string;
  checkpointId: string;
  keyId: string;
}

const SLOT = 16;
/** Whether `text` is 64 lowercase hex digits (what /^[0-9a-f]{64}$/ accepts, without a regular expression per event). */
function isHexHash(text: string): boolean {
  if (text.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
/** `length` zero bytes; small ones from Node's shared pool rather than an ArrayBuffer of their own each. */
const zeroed = (length: number): Buffer => Buffer.allocUnsafe(length).fill(0);

/** What is known of one chain (source, topic, household): its events so far, its newest signed head, and its newest head under a key id not given. */
interface ChainSlot {
  source: string;
  topic: string;
  householdId: string;
  chain?: Chain;
  signed?: SignedHead;
  unverifiable?: SignedHead;
}

/**
 * The slot of each chain, found by household, then among its few chains by topic and source: no chain id string to
 * build and hash per event or checkpoint head, and one lookup for a chain's events and signed heads together.
 */
class ChainSlots {
  private readonly byHousehold = new Map<string, ChainSlot[]>();

  /** The chain's slot, made empty when there is none yet. */
  of(source: string, topic: string, householdId: string): ChainSlot {
    let slots = this.byHousehold.get(householdId);
    if (!slots) this.byHousehold.set(householdId, (slots = []));
    for (const slot of slots) if (slot.topic === topic && slot.source === source) return slot;
    const slot: ChainSlot = { source, topic, householdId };
    slots.push(slot);
    return slot;
  }
}
const where = (location: FindingLocation): string => `${location.topic}[${location.partition ?? '?'}]@${location.offset ?? '?'}`;

/**
 * Checks the tamper evidence of a log in one pass (docs/adr/0009-tamper-evident-event-chains.md). Feed every
 * checkpoint of the chain-heads topic first (`addCheckpoint`), then the events of each partition in offset
 * order (`addEvent`), then call `finish`. Per event: one JSON.parse for the chain fields and one SHA-256 of the
 * raw record value. Memory: a small object per chain plus 16 bytes per event.
 */
export class ChainVerifier {
  private readonly findings: Finding[] = [];
  /** Per chain its events so far, newest signed head and newest head under an unknown key id. */
  private readonly slots = new ChainSlots();
  /** The chains in the order their first event was read. */
  private readonly chains: Chain[] = [];
  /** The slots with a signed head, in the order their first signed head was read. */
  private readonly signed: ChainSlot[] = [];
  private readonly unknownKeys = new Map<string, UnknownKey>();
  private readonly stats: VerifyStats = { events: 0, chains: 0, checkpoints: 0, validCheckpoints: 0, unverifiableCheckpoints: 0 };
  private eventsStarted = false;

  constructor(private readonly options: VerifyOptions) {}

  addCheckpoint(record: LogRecordInput): void {
    if (this.eventsStarted) throw new Error('feed every checkpoint before the first event');
    this.stats.checkpoints += 1;
    const at: FindingLocation = { topic: record.topic, partition: record.partition, offset: record.offset };
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(record.value ?? ''));
    } catch {
      this.report('forged', at, 'chain-heads record is not JSON');
      return;
    }
    // Both the AuditChainCheckpointed CloudEvent and the old vt.chain-heads.v1 record (docs/adr/0027).
    const checkpoint = readChainCheckpoint(parsed);
    if ('refused' in checkpoint) {
      this.report('forged', at, checkpoint.refused);
      return;
    }
    const named = `checkpoint ${checkpoint.id} of ${checkpoint.producer} under key "${checkpoint.keyId}"`;
    const ownSource = `/veilig-thuis/${checkpoint.producer}`;
    const key = this.options.keys.get(checkpoint.keyId);
    if (!key) {
      // Not forged: a key id the verifier was not given. Its heads can neither vouch for events nor condemn them.
      this.stats.unverifiableCheckpoints += 1;
      const unknown = this.unknownKeys.get(checkpoint.keyId) ?? { keyId: checkpoint.keyId, producers: [], checkpoints: 0 };
      unknown.checkpoints += 1;
      if (!unknown.producers.includes(checkpoint.producer)) unknown.producers.push(checkpoint.producer);
      this.unknownKeys.set(checkpoint.keyId, unknown);
      for (const head of checkpoint.heads) {
        const slot = this.slots.of(head.source, head.topic, head.householdid);
        if (!slot.unverifiable || slot.unverifiable.seq < head.seq) slot.unverifiable = { seq: head.seq, hash: head.hash, checkpointId: checkpoint.id, keyId: checkpoint.keyId };
      }
      return;
    }
    const refusal =
      key.service !== checkpoint.producer
        ? `${named}: the key belongs to ${key.service}, not ${checkpoint.producer}`
        : !(new Date(checkpoint.time).getTime() >= key.validFrom.getTime())
          ? `${named}: signed at ${checkpoint.time}, before the key is valid (${key.validFrom.toISOString()})`
          : !checkpoint.signatureValid(key.key)
            ? `${named}: bad or missing signature`
            : checkpoint.heads.some((head) => head.source !== ownSource)
              ? `${named}: signs a head of another producer`
              : undefined;
    if (refusal) {
      this.report('forged', { ...at, producer: checkpoint.producer }, refusal);
      return;
    }
    this.stats.validCheckpoints += 1;
    for (const head of checkpoint.heads) {
      const slot = this.slots.of(head.source, head.topic, head.householdid);
      if (!slot.signed) this.signed.push(slot);
      if (!slot.signed || slot.signed.seq < head.seq) slot.signed = { seq: head.seq, hash: head.hash, checkpointId: checkpoint.id, keyId: checkpoint.keyId };
    }
  }

  addEvent(record: LogRecordInput): void {
    // The record value is the canonical JSON the producer hashed (docs/adr/0009): parse it once for the chain
    // fields, hash the raw bytes as they lie on the topic, never re-canonicalise. A finding's location is
    // built only when there is a finding.
    const raw = record.bytes ?? record.value;
    const fields = chainFieldsOf(typeof record.value === 'string' ? record.value : (record.value?.toString('utf8') ?? ''));
    this.addChainFields(record, fields, () => digest('sha256', raw as Buffer | string, 'buffer'));
  }

  /**
   * `addEvent` with its two costly steps done beforehand, elsewhere (a worker thread, see `verifyLog`): `fields`
   * must be `chainFieldsOf` of the record value's UTF-8 text, and `sum` the SHA-256 of its raw bytes (a digest,
   * or a function computing it when needed). Every check after those two steps is the same code.
   */
  addChainFields(record: Omit<LogRecordInput, 'value' | 'bytes'>, fields: ChainFields | undefined, sum: Buffer | (() => Buffer)): void {
    this.eventsStarted = true;
    if (!fields) {
      if (!this.options.householdId) this.report('forged', { topic: record.topic, partition: record.partition, offset: record.offset }, 'not a JSON CloudEvent');
      return;
    }
    const event = fields;
    const householdId = typeof event.householdid === 'string' ? event.householdid : undefined;
    if (this.options.householdId && householdId !== this.options.householdId) return;
    this.stats.events += 1;
    const source = typeof event.source === 'string' ? event.source : '';
    const producer = this.producerOf(source);
    const seq = event.vtseq;
    const prevhash = event.prevhash;

    if (!producer) return this.report('forged', this.locate(record, event), `source "${source}" is not a Veilig Thuis service`);
    if (!householdId || typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || typeof prevhash !== 'string' || !isHexHash(prevhash)) {
      return this.report('forged', this.locate(record, event), 'not a chained event (householdid, vtseq or prevhash missing or malformed)');
    }
    const misplaced = this.misplaced(event.type, producer, record.topic);
    if (misplaced) return this.report('forged', this.locate(record, event), misplaced);

    if (typeof sum === 'function') sum = sum();
    const hash = sum.toString('hex');
    const chain = this.chainOf(source, producer, record.topic, householdId, record.partition);
    if (chain.partition !== record.partition) {
      this.report('reordered', this.locate(record, event), `its chain lies on partition ${chain.partition}; an event of it on partition ${record.partition} has no defined order`);
    }
    const signedHead = chain.signedHead;
    if (signedHead?.seq === seq && signedHead.hash !== hash) {
      this.report('altered', this.locate(record, event), `its hash differs from the signed chain head (checkpoint ${signedHead.checkpointId}, key ${signedHead.keyId})`);
    }

    if (seq >= chain.next) {
      if (seq > chain.next) {
        chain.gaps.push({ from: chain.next, to: seq - 1, before: chain.lastHash, ...(chain.last?.offset ? { beforeAt: chain.last.offset } : {}), after: prevhash, afterAt: record.offset });
      } else if (prevhash !== chain.lastHash) {
        if (chain.last) this.report('altered', this.lastOf(chain), `its hash differs from the prevhash recorded by the next event of its chain (seq ${seq} at ${where(record)})`);
        else this.report('altered', this.locate(record, event), 'the first event of its chain does not start from the genesis hash');
      }
      this.markSeen(chain, seq, sum, record.offset);
      chain.next = seq + 1;
      chain.lastHash = hash;
      chain.last = { partition: record.partition, offset: record.offset, eventId: typeof event.id === 'string' ? event.id : undefined };
      if (!signedHead || seq > signedHead.seq) chain.unsigned.push(this.locate(record, event));
      return;
    }

    const at = this.locate(record, event);
    const earlier = this.seenAt(chain, seq);
    if (earlier) {
      const identical = earlier.digest.equals(sum.subarray(0, 8));
      return this.report(
        'duplicated',
        at,
        identical ? `an identical copy of the event at offset ${earlier.offset}` : `a different event with the same seq as the event at offset ${earlier.offset}`,
      );
    }
    const gap = chain.gaps.find((g) => g.from <= seq && seq <= g.to);
    if (!gap) return this.report('forged', at, `seq ${seq} was neither seen nor missing in its chain`);
    this.report('reordered', at, `found after seq ${chain.next - 1} (offset ${chain.last?.offset ?? '?'}) of its chain`);
    this.markSeen(chain, seq, sum, record.offset);
    (chain.late ??= new Map()).set(seq, { hash, prevhash, location: at });
    if (!signedHead || seq > signedHead.seq) chain.unsigned.push(at);
  }

  /** Where an event lies and what it claims to be, as far as it says. */
  private locate(record: Omit<LogRecordInput, 'value' | 'bytes'>, event: ChainFields): FindingLocation {
    const id = event.id;
    const householdId = event.householdid;
    const producer = typeof event.source === 'string' ? this.producerOf(event.source) : undefined;
    const seq = event.vtseq;
    return {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      ...(typeof id === 'string' ? { eventId: id } : {}),
      ...(typeof householdId === 'string' ? { householdId } : {}),
      ...(producer ? { producer } : {}),
      ...(typeof seq === 'number' ? { seq } : {}),
    };
  }

  /** The location of a chain's newest event in sequence order. */
  private lastOf(chain: Chain): FindingLocation {
    const last = chain.last as NonNullable<Chain['last']>;
    return {
      topic: chain.topic,
      partition: last.partition,
      offset: last.offset,
      ...(last.eventId !== undefined ? { eventId: last.eventId } : {}),
      householdId: chain.householdId,
      producer: chain.producer,
      seq: chain.next - 1,
    };
  }

  private readonly producers = new Map<string, string | undefined>();
  private producerOf(source: string): string | undefined {
    if (this.producers.has(source)) return this.producers.get(source);
    const producer = producerOfSource(source);
    if (this.producers.size < 1000) this.producers.set(source, producer);
    return producer;
  }

  /** Why an event of this type from this producer may not be on this topic, if it may not (remembered per combination). */
  private readonly placements = new Map<string, string | undefined>();
  /** The last answer per topic, type and producer (the same few combinations come again and again). */
  private readonly lastPlacement = { topic: '', type: '', producer: '', refusal: undefined as string | undefined };
  private misplaced(type: string, producer: string, topic: string): string | undefined {
    const last = this.lastPlacement;
    if (last.type === type && last.producer === producer && last.topic === topic) return last.refusal;
    const refusal = this.placementOf(type, producer, topic);
    Object.assign(last, { type, producer, topic, refusal });
    return refusal;
  }

  private placementOf(type: string, producer: string, topic: string): string | undefined {
    const key = `${type}\u0000${producer}\u0000${topic}`;
    if (this.placements.has(key)) return this.placements.get(key);
    let refusal: string | undefined;
    if (!isKnownEventType(type)) refusal = `unknown event type ${type}`;
    else {
      const contract = EVENT_CATALOG[type];
      const declared: unknown = contract.producer;
      const producers: readonly string[] = Array.isArray(declared) ? declared.map(String) : [String(declared)];
      if (!producers.includes(producer)) refusal = `${type} is produced by ${producers.join(' or ')}, but this event claims ${producer}`;
      else if (!ADDRESSES.get(type)?.test(topic)) refusal = `${type} belongs on ${contract.address}, not ${topic}`;
    }
    if (this.placements.size < 10_000) this.placements.set(key, refusal);
    return refusal;
  }

  finish(): { findings: Finding[]; stats: VerifyStats; unknownKeys: UnknownKey[] } {
    for (const chain of this.chains) this.finishChain(chain);
    for (const { source, topic, householdId, chain, signed: head } of this.signed) {
      if (chain || !head) continue;
      if (!this.wanted(topic, householdId)) continue;
      this.report('dropped', { topic, householdId, producer: producerOfSource(source) ?? source, seq: head.seq }, `a signed checkpoint (${head.checkpointId}) vouches for seq 1..${head.seq} of this chain, but none of its events is on the log`);
    }
    this.stats.chains = this.chains.length;
    const unknownKeys = [...this.unknownKeys.values()].sort((a, b) => a.keyId.localeCompare(b.keyId));
    return { findings: this.findings, stats: { ...this.stats }, unknownKeys };
  }

  /** Checkpoints name chains on every topic; only those on the topics read (and the household asked for) count. */
  private readonly topicsRead = new Set<string>();
  private wanted(topic: string, householdId: string): boolean {
    return this.topicsRead.has(topic) && (!this.options.householdId || this.options.householdId === householdId);
  }

  /** Declares a topic as read, so signed heads of chains without any event on it are reported as dropped. */
  readTopic(topic: string): void {
    this.topicsRead.add(topic);
  }

  private finishChain(chain: Chain): void {
    const place = { topic: chain.topic, partition: chain.partition, householdId: chain.householdId, producer: chain.producer };
    for (const [seq, late] of chain.late ?? []) {
      const gap = chain.gaps.find((g) => g.from <= seq && seq <= g.to) as Gap;
      const expectedPrev = seq === gap.from ? gap.before : chain.late?.get(seq - 1)?.hash;
      const expectedHash = seq === gap.to ? gap.after : chain.late?.get(seq + 1)?.prevhash;
      if (expectedHash !== undefined && expectedHash !== late.hash) this.report('altered', late.location, 'its hash differs from the prevhash recorded by the next event of its chain');
      else if (expectedPrev !== undefined && expectedPrev !== late.prevhash) this.report('altered', late.location, 'its prevhash differs from the hash of the previous event of its chain');
    }
    for (const gap of chain.gaps) {
      let run: number[] = [];
      const flush = (): void => {
        if (run.length === 0) return;
        const first = run[0] as number;
        const last = run[run.length - 1] as number;
        this.report('dropped', { ...place, seq: first }, `seq ${first === last ? first : `${first}..${last}`} missing (between offset ${gap.beforeAt ?? 'start'} and offset ${gap.afterAt})`);
        run = [];
      };
      for (let seq = gap.from; seq <= gap.to; seq++) {
        if (chain.late?.has(seq)) flush();
        else run.push(seq);
      }
      flush();
    }
    const head = chain.slot.signed;
    const maxSeen = chain.next - 1;
    if (head && head.seq > maxSeen) {
      this.report('dropped', { ...place, seq: maxSeen + 1 }, `seq ${maxSeen + 1 === head.seq ? head.seq : `${maxSeen + 1}..${head.seq}`} missing at the end: checkpoint ${head.checkpointId} signed the chain up to seq ${head.seq}`);
    }
    const unknown = chain.slot.unverifiable;
    for (const location of chain.unsigned) {
      if (head && (location.seq ?? 0) <= head.seq) continue;
      if (unknown && (location.seq ?? 0) <= unknown.seq) {
        this.report('unverifiable', location, `unknown key ${unknown.keyId}: covered only by checkpoints signed with this key id (newest ${unknown.checkpointId}), whose public key was not given`);
        continue;
      }
      this.report('forged', location, 'no signed checkpoint covers this event (forged, or published without a valid signature)');
    }
  }

  /** The chain of the previous event: a household's events often follow one another on a partition. */
  private lastChain: Chain | undefined;

  private chainOf(source: string, producer: string, topic: string, householdId: string, partition: number): Chain {
    const last = this.lastChain;
    if (last && last.householdId === householdId && last.topic === topic && last.source === source) return last;
    const slot = this.slots.of(source, topic, householdId);
    let chain = slot.chain;
    if (!chain) {
      chain = { source, producer, topic, householdId, partition, next: 1, lastHash: CHAIN_GENESIS, signedHead: slot.signed, slot, seen: zeroed(SLOT * 4), gaps: [], unsigned: [] };
      slot.chain = chain;
      this.chains.push(chain);
      this.topicsRead.add(topic);
    }
    this.lastChain = chain;
    return chain;
  }

  private markSeen(chain: Chain, seq: number, sum: Buffer, offset: string): void {
    const at = (seq - 1) * SLOT;
    if (chain.seen.length < at + SLOT) {
      const grown = zeroed(Math.max(chain.seen.length * 2, at + SLOT));
      chain.seen.copy(grown);
      chain.seen = grown;
    }
    sum.copy(chain.seen, at, 0, 8);
    chain.seen.writeDoubleLE(Number(offset) + 1, at + 8);
  }

  private seenAt(chain: Chain, seq: number): { digest: Buffer; offset: string } | undefined {
    const at = (seq - 1) * SLOT;
    if (chain.seen.length < at + SLOT) return undefined;
    const offset = chain.seen.readDoubleLE(at + 8);
    if (offset === 0) return undefined;
    return { digest: chain.seen.subarray(at, at + 8), offset: String(offset - 1) };
  }

  private report(kind: FindingKind, location: FindingLocation, detail: string): void {
    this.findings.push({ kind, ...location, detail });
  }
}

/** One line per finding, e.g. `ALTERED vt.intake.meldingen.v1[3]@17 event … household … intake seq 4: …`. */
export function describeFinding(finding: Finding): string {
  const parts = [finding.kind.toUpperCase(), where(finding)];
  if (finding.eventId) parts.push(`event ${finding.eventId}`);
  if (finding.householdId) parts.push(`household ${finding.householdId}`);
  if (finding.producer) parts.push(`producer ${finding.producer}`);
  if (finding.seq !== undefined) parts.push(`seq ${finding.seq}`);
  return `${parts.join(' ')}: ${finding.detail}`;
}
