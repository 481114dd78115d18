import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SaslScram } from '@vt/kafka-access';
import { REPO_ROOT } from './infra';

/** A partition as `readPartitions` found it: its earliest offset and its high watermark when the read began. */
export interface PartitionExtent {
  topic: string;
  partition: number;
  low: number;
  high: number;
}

/** A record below its partition's high watermark, with its CloudEvent id (the `ce_id` header; null without one). */
export interface PartitionRecord {
  topic: string;
  partition: number;
  offset: number;
  eventId: string | null;
  key: string | null;
  value: string | null;
}

export interface PartitionsRead {
  partitions: PartitionExtent[];
  records: PartitionRecord[];
}

const READER = path.join(REPO_ROOT, 'libs', 'testing', 'java', 'ReadPartitions.java');

/** The Kafka jars the local launcher fetched (infra/kafka/lib/<version of infra/kafka/pom.xml>). */
function kafkaLibDir(): string {
  const pom = readFileSync(path.join(REPO_ROOT, 'infra', 'kafka', 'pom.xml'), 'utf8');
  const version = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pom)?.[1];
  const dir = path.join(REPO_ROOT, 'infra', 'kafka', 'lib', version ?? 'unknown');
  if (!version || !existsSync(dir)) throw new Error(`readPartitions needs the Kafka jars in ${dir} (node infra/kafka/kafka.mjs fetch)`);
  return dir;
}

/**
 * Reads every partition of `topics` from its earliest offset to its high watermark as of the start of the read, with
 * Apache Kafka's own Java consumer and **no consumer group** (`assign`, libs/testing/java/ReadPartitions.java): a fresh
 * client per call, nothing to join, no coordinator, no committed offsets, nothing shared with kafkajs. For checks of
 * what the log holds after a broker failed (docs/adr/0031), where a kafkajs consumer group that lost its broker is a
 * reader that can miss records rather than evidence that they are gone. Fails, naming the partitions, when it cannot
 * read every partition to its high watermark within `timeoutMs`.
 */
export function readPartitions(brokers: readonly string[], topics: readonly string[], options: { sasl?: SaslScram; timeoutMs?: number } = {}): Promise<PartitionsRead> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-cp', `${kafkaLibDir()}${path.sep}*`, READER, ...topics],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env['PATH'] ?? '',
          READ_BROKERS: brokers.join(','),
          READ_TIMEOUT_MS: String(timeoutMs),
          ...(options.sasl ? { READ_USERNAME: options.sasl.username, READ_PASSWORD: options.sasl.password } : {}),
        },
        maxBuffer: 256 * 1024 * 1024,
        // The JVM compiles the source file first; the read itself is bounded by READ_TIMEOUT_MS.
        timeout: timeoutMs + 60_000,
      },
      (error, stdout, stderr) => {
        const lines = stdout.split('\n').filter((line) => line.startsWith('{"'));
        const parsed = lines.map((line) => JSON.parse(line) as { partition?: PartitionExtent; record?: PartitionRecord; done?: boolean });
        if (error || !parsed.some((line) => line.done)) {
          reject(new Error(`reading ${topics.join(', ')} without a consumer group failed (${error?.message ?? 'no end'}): ${stderr.split('\n').filter((line) => !/^SLF4J/.test(line)).join('\n').slice(-3000)}`));
          return;
        }
        resolve({
          partitions: parsed.flatMap((line) => (line.partition ? [line.partition] : [])),
          records: parsed.flatMap((line) => (line.record ? [line.record] : [])),
        });
      },
    );
  });
}
