import { TOPICS } from '@vt/contracts';
import { AuditLogConnection, auditKafka, readAuditLog } from '../log-reader';
import { ChainVerifier, Finding, isChainedTopic, isUnchainedTopic, UnknownKey, VerifyStats } from './chain-verifier';
import { KeyRing } from './public-keys';

export interface VerifyLogOptions extends AuditLogConnection {
  keys: KeyRing;
  /** One topic (logical name); default every chained topic on the broker under the prefix. */
  topic?: string;
  householdId?: string;
  warn?(message: string): void;
  timeoutMs?: number;
}

export interface VerifyLogReport {
  topics: { topic: string; records: number }[];
  /** Topics left out because they carry no chains: dead letters and partner responses. */
  excluded: string[];
  findings: Finding[];
  stats: VerifyStats;
  /** Key ids that signed checkpoints but whose public keys were not given: their events are `unverifiable`. */
  unknownKeys: UnknownKey[];
  seconds: number;
}

/** Reads the signed chain heads, then the chained topics, each once from the beginning, and verifies them. */
export async function verifyLog(options: VerifyLogOptions): Promise<VerifyLogReport> {
  const started = process.hrtime.bigint();
  const prefix = options.topicPrefix ?? '';
  const admin = auditKafka(options, options.warn).admin();
  await admin.connect();
  let onBroker: string[];
  try {
    onBroker = (await admin.listTopics()).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)).filter((name) => name.startsWith('vt.'));
  } finally {
    await admin.disconnect();
  }
  const excluded = onBroker.filter(isUnchainedTopic).sort();
  if (options.topic && !isChainedTopic(options.topic)) {
    throw new Error(`${options.topic} carries no chains (dead letters, partner responses and ${TOPICS.auditChainHeads} are not verified)`);
  }
  const topics = options.topic ? [options.topic] : onBroker.filter(isChainedTopic).sort();

  const verifier = new ChainVerifier({ keys: options.keys, ...(options.householdId ? { householdId: options.householdId } : {}) });
  const base = { brokers: options.brokers, topicPrefix: prefix, ...(options.sasl ? { sasl: options.sasl } : {}), ...(options.warn ? { warn: options.warn } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  await readAuditLog({ ...base, topics: [TOPICS.auditChainHeads], onRecord: (record) => verifier.addCheckpoint(record) });
  for (const topic of topics) verifier.readTopic(topic);
  const reading = await readAuditLog({ ...base, topics, onRecord: (record) => verifier.addEvent(record) });
  const { findings, stats, unknownKeys } = verifier.finish();
  return { topics: reading.topics, excluded, findings, stats, unknownKeys, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
