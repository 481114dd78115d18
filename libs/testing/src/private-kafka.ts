import fsp from 'node:fs/promises';
import path from 'node:path';
import { uniqueToken } from './ids';
import { LauncherError, ensureTestRunDir, startLocalKafka, stopLocalKafka, waitForKafkaConsumerGroups } from './infra';

export interface PrivateKafka {
  brokers: string[];
  /** Controlled shutdown; the data stays. */
  stop(): Promise<void>;
  /** Starts the broker again on the same data dir and port (stopping it first if it still runs). */
  restart(): Promise<void>;
  /** Stops the broker and deletes its data. */
  destroy(): Promise<void>;
}

export interface PrivateKafkaOptions {
  heapMb?: number;
  /** Wait until consumer groups work (see waitForKafkaConsumerGroups); default true. */
  waitForConsumerGroups?: boolean;
}

/**
 * A broker of the test's own from the local launcher, for tests that take the broker down and bring it
 * back. It lives under the run's folder, so global teardown removes it if a test does not.
 */
export async function startPrivateKafka(options: PrivateKafkaOptions = {}): Promise<PrivateKafka> {
  const runDir = await ensureTestRunDir(process.env['VT_TEST_RUN_ID'] ?? `p${uniqueToken(10)}`);
  const dataDir = path.join(runDir, `private-kafka-${uniqueToken(8)}`);
  const waitForGroups = options.waitForConsumerGroups ?? true;

  const start = async (port?: number): Promise<string[]> => {
    try {
      const broker = await startLocalKafka(dataDir, { port, heapMb: options.heapMb });
      if (waitForGroups) await waitForKafkaConsumerGroups(broker.brokers);
      return broker.brokers;
    } catch (error) {
      if (error instanceof LauncherError && error.prerequisiteMissing) {
        throw new Error(`startPrivateKafka needs the local Kafka launcher, which cannot run here: ${error.message}`);
      }
      throw error;
    }
  };

  const brokers = await start();
  const port = Number(brokers[0]?.split(':').pop());
  return {
    brokers,
    stop: () => stopLocalKafka(dataDir),
    restart: async () => {
      await stopLocalKafka(dataDir);
      await start(port);
    },
    destroy: async () => {
      await stopLocalKafka(dataDir);
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
}
