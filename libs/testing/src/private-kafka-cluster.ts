import { readFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ensureCredentials, KafkaCredentials, kafkaPrincipals, loadPartnerIds, saslFor, ADMIN_PRINCIPAL } from '@vt/kafka-access';
import { uniqueToken } from './ids';
import { ensureTestRunDir, KAFKA_LAUNCHER, LauncherError, parseLastJsonLine, runLauncher, waitForKafkaConsumerGroups } from './infra';
import { waitFor } from './wait-for';

export interface ClusterNode {
  /** The KRaft node id, which is also the broker id kafkajs' metadata names as a partition's leader. */
  nodeId: number;
  /** Its client address, `127.0.0.1:<port>`. */
  broker: string;
  /** The JVM's pid while it runs, else null. */
  pid: number | null;
  logFile: string;
}

export interface PrivateKafkaCluster {
  /** Every node's client address: what KAFKA_BROKERS lists. */
  brokers: string[];
  nodes(): ClusterNode[];
  /** The principals (libs/kafka-access) with their passwords; every one is a SCRAM user of each node. */
  credentials: KafkaCredentials;
  /** The same, as the file `useInfra({ kafkaCredentialsFile })` and `KAFKA_CREDENTIALS_FILE` take. */
  credentialsFile: string;
  /** `kill -9` of one node's JVM (no controlled shutdown, as a crash); resolves once the process is gone. */
  kill(nodeId: number): Promise<void>;
  /** Starts a stopped or killed node again on its data and ports; resolves once every node lists it. */
  restart(nodeId: number): Promise<void>;
  /** Kills every node and deletes the cluster's data. */
  destroy(): Promise<void>;
}

export interface PrivateKafkaClusterOptions {
  /** Heap of each node (default 512 MB: one test file's ~4,700 ACLs, three JVMs on a shared machine). */
  heapMb?: number;
  /** Wait until a consumer group can join and commit (`__consumer_offsets`, replicated 3 times, exists); default true. */
  waitForConsumerGroups?: boolean;
  /**
   * The SCRAM users to create (names of libs/kafka-access principals); default every principal of the access table
   * (admin, services, auditor, operator, each partner of the directory). Fewer users format faster: each is hashed
   * on each of the three nodes. The admin is always one of them.
   */
  principals?: readonly string[];
}

interface LauncherNode {
  nodeId: number;
  broker: string;
  pid: number | null;
  logFile: string;
}

function nodesOf(output: Record<string, unknown>): LauncherNode[] {
  const nodes = output['nodes'];
  if (!Array.isArray(nodes)) throw new Error(`the launcher printed no nodes: ${JSON.stringify(output)}`);
  return nodes.map((node: Record<string, unknown>) => ({
    nodeId: Number(node['nodeId']),
    broker: String(node['broker']),
    pid: typeof node['pid'] === 'number' ? node['pid'] : null,
    logFile: String(node['logFile']),
  }));
}

/** True while `pid` is the JVM of a node under `dataDir` (guards against signalling a recycled pid). */
function isNodeProcess(pid: number, nodeDir: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') return false;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(`-Dvt.kafka.dataDir=${nodeDir}`);
  } catch {
    return false;
  }
}

/**
 * A secured cluster of three combined KRaft nodes of the test's own (infra/kafka `startKafkaCluster`: one
 * controller quorum of three, replication factor 3 and min.insync.replicas=2 for every topic), for tests that
 * kill a broker. Every principal of the access table is a SCRAM user; ACLs come per topic prefix as on the run's
 * broker (point `useInfra` at it, then `testEnvironment().serviceEnv` applies them). It lives under the run's
 * folder, so global teardown stops it if a test does not.
 */
export async function startPrivateKafkaCluster(options: PrivateKafkaClusterOptions = {}): Promise<PrivateKafkaCluster> {
  const runDir = await ensureTestRunDir(process.env['VT_TEST_RUN_ID'] ?? `p${uniqueToken(10)}`);
  const dataDir = path.join(runDir, `private-kafka-cluster-${uniqueToken(8)}`);
  const credentialsFile = path.join(dataDir, 'kafka-credentials.json');
  // The credentials file is also the launcher's security file (mode 0600): passwords never go on a command line.
  const principals = options.principals ? [...new Set([ADMIN_PRINCIPAL, ...options.principals])] : kafkaPrincipals(loadPartnerIds().partnerIds);
  const { credentials } = ensureCredentials(credentialsFile, principals);
  const adminSasl = saslFor(credentials, ADMIN_PRINCIPAL);
  const launch = async (args: string[]): Promise<Record<string, unknown>> => {
    try {
      return parseLastJsonLine(await runLauncher(KAFKA_LAUNCHER, [...args, '--json', '--data-dir', dataDir]));
    } catch (error) {
      if (error instanceof LauncherError && error.prerequisiteMissing) {
        throw new Error(`startPrivateKafkaCluster needs the local Kafka launcher, which cannot run here: ${error.message}`);
      }
      throw error;
    }
  };

  let nodes = nodesOf(await launch(['start', '--brokers', '3', '--heap-mb', String(options.heapMb ?? 512), '--security-file', credentialsFile]));
  const brokers = nodes.map((node) => node.broker);
  try {
    if (options.waitForConsumerGroups ?? true) await waitForKafkaConsumerGroups(brokers, 90_000, adminSasl);
  } catch (error) {
    await launch(['stop']).catch(() => undefined);
    throw error;
  }
  const nodeDir = (nodeId: number): string => path.join(dataDir, `node-${nodeId}`);
  const nodeOf = (nodeId: number): LauncherNode => {
    const node = nodes.find((candidate) => candidate.nodeId === nodeId);
    if (!node) throw new Error(`the cluster has no node ${nodeId} (nodes ${nodes.map((candidate) => candidate.nodeId).join(', ')})`);
    return node;
  };
  const kill = async (nodeId: number): Promise<void> => {
    const node = nodeOf(nodeId);
    if (node.pid === null || !isNodeProcess(node.pid, nodeDir(nodeId))) return;
    const { pid } = node;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !isNodeProcess(pid, nodeDir(nodeId)), { description: `Kafka node ${nodeId} (pid ${pid}) to be gone after SIGKILL`, timeoutMs: 30_000, intervalMs: 20 });
    node.pid = null;
  };

  return {
    brokers,
    nodes: () => nodes.map((node) => ({ ...node })),
    credentials,
    credentialsFile,
    kill,
    restart: async (nodeId) => {
      nodeOf(nodeId);
      // The launcher starts the nodes of the cluster that do not run, here only this one, and waits until every node lists it.
      nodes = nodesOf(await launch(['start', '--node', String(nodeId), '--heap-mb', String(options.heapMb ?? 512), '--security-file', credentialsFile]));
    },
    destroy: async () => {
      // The data goes away with it: no controlled shutdown needed, and three at once on a quorum would wait for each other.
      for (const node of nodes) await kill(node.nodeId);
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
}
