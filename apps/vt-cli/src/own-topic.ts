import { Consumer, Kafka, logLevel } from 'kafkajs';
import type { CliIo } from './cli';
import { explainKafkaError, isServiceUrl, parseCredentialsFile } from './partner';

/** How a partner (an organisation, a shelter) reaches the broker as itself: from flags, the environment and its credentials file. */
export interface OwnTopicConnection {
  /** The partner id; the principal is `partner-<id>` unless a username is given. */
  partnerId: string;
  brokers: string[];
  sasl?: { mechanism: 'scram-sha-512'; username: string; password: string };
  ssl: boolean;
  topicPrefix: string;
}

/** The `parseArgs` options of every partner-side command (`signals`, `shelter`): its own topic on the broker, and the service over HTTP. */
export const PARTNER_SIDE_OPTIONS = {
  service: { type: 'string' },
  token: { type: 'string' },
  brokers: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  credentials: { type: 'string' },
  'topic-prefix': { type: 'string' },
  ssl: { type: 'boolean' },
} as const;

type PartnerSideValues = { service?: string; token?: string; brokers?: string; username?: string; password?: string; credentials?: string; 'topic-prefix'?: string; ssl?: boolean };

/**
 * A setting from the flag, else the environment, else the partner's credentials file (`--credentials` or
 * `VT_PARTNER_CREDENTIALS`: `KEY=VALUE` lines); a file that cannot be read is a problem pushed, never thrown.
 */
function settings(values: PartnerSideValues, env: NodeJS.ProcessEnv, readFile: (path: string) => string, problems: string[]): (flag: string | undefined, name: string) => string | undefined {
  const credentialsPath = values.credentials ?? env['VT_PARTNER_CREDENTIALS'];
  let file: Record<string, string> = {};
  if (credentialsPath) {
    try {
      file = parseCredentialsFile(readFile(credentialsPath));
    } catch (error) {
      problems.push(`cannot read the credentials file ${credentialsPath}: ${(error as Error).message}`);
    }
  }
  return (flag, name) => [flag, env[name], file[name]].find((value) => value !== undefined && value.trim() !== '')?.trim();
}

/** Where a partner-side command calls its service, and with which token. */
export interface PartnerHttp {
  serviceUrl: string;
  token: string;
}

/** The service address (`urlVariable`) and the partner's token of an HTTP action; every problem pushed. */
export function partnerHttp(
  values: PartnerSideValues,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string,
  problems: string[],
  service: { urlVariable: string; name: string; whose: string },
): PartnerHttp | undefined {
  const setting = settings(values, env, readFile, problems);
  const serviceUrl = setting(values.service, service.urlVariable);
  const token = setting(values.token, 'VT_PARTNER_TOKEN');
  if (!serviceUrl) problems.push(`--service is missing (or ${service.urlVariable}): the address of the ${service.name} service`);
  else if (!isServiceUrl(serviceUrl)) problems.push(`--service "${serviceUrl}" must be an https:// address (http:// only on localhost)`);
  if (!token) problems.push(`--token is missing (or VT_PARTNER_TOKEN): a bearer token of role partner for this ${service.whose}`);
  return serviceUrl && token && isServiceUrl(serviceUrl) ? { serviceUrl: serviceUrl.replace(/\/+$/, ''), token } : undefined;
}

/** The broker settings of a command that reads the partner's own topic; every problem pushed. */
export function ownTopicConnection(partnerId: string, values: PartnerSideValues, env: NodeJS.ProcessEnv, readFile: (path: string) => string, problems: string[]): OwnTopicConnection {
  const setting = settings(values, env, readFile, problems);
  const brokers = (setting(values.brokers, 'KAFKA_BROKERS') ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) problems.push('--brokers is missing (or KAFKA_BROKERS, or the credentials file): comma-separated host:port');
  for (const broker of brokers) if (!/^[^\s:]+:\d{1,5}$/.test(broker)) problems.push(`broker "${broker}" is not host:port`);
  const password = setting(values.password, 'VT_PARTNER_PASSWORD');
  const username = setting(values.username, 'VT_PARTNER_USERNAME') ?? `partner-${partnerId}`;
  if (values.username && !password) problems.push('--username needs a password (--password, VT_PARTNER_PASSWORD or the credentials file)');
  const topicPrefix = setting(values['topic-prefix'], 'TOPIC_PREFIX') ?? '';
  if (!/^[a-zA-Z0-9._-]*$/.test(topicPrefix)) problems.push(`the topic prefix may hold only letters, digits, '.', '_' and '-' (got "${topicPrefix}")`);
  return {
    partnerId,
    brokers,
    ...(password ? { sasl: { mechanism: 'scram-sha-512' as const, username, password } } : {}),
    ssl: Boolean(values.ssl) || setting(undefined, 'VT_PARTNER_SSL') === 'true',
    topicPrefix,
  };
}

/** One call of a partner-side command to its service: the status and the JSON body (or the start of a body that is not JSON). */
export async function callPartnerService(http: PartnerHttp, method: 'POST' | 'PUT', path: string, body: unknown, fetcher: typeof fetch): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetcher(`${http.serviceUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${http.token}`, 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    return { status: response.status, body: { detail: text.slice(0, 200) } };
  }
}

/** A refusal of the service (an RFC 9457 problem) in words: its status, error, detail and each field. */
export function describeProblem(status: number, problem: Record<string, unknown>): string {
  const fields = ((problem['fields'] ?? []) as { path: string; message: string }[]).map((field) => `\n  - ${field.path}: ${field.message}`).join('');
  return `the service answered ${status} ${String(problem['error'] ?? '')}: ${String(problem['detail'] ?? problem['message'] ?? '')}${fields}`.replace(/ :/, ':');
}

export interface OwnTopicRead {
  connection: OwnTopicConnection;
  /** The topic with its prefix. */
  topic: string;
  /** A group named for the partner (its ACLs allow `partner-<id>…`); with `all`, one that never commits. */
  groupId: string;
  /** Print what is there now and stop, instead of following. */
  once: boolean;
  /** Read from the beginning and never commit. */
  all: boolean;
  json: boolean;
  /** What there is nothing of yet, in words: "matches", "requests for a place". */
  what: string;
  /** Called for each record that is a CloudEvent; the record counts as read once it returns. */
  onEvent(event: { id?: string; type: string; data: Record<string, unknown> }, at: { partition: number; offset: string }): Promise<void> | void;
  interrupted?: Promise<void>;
}

/**
 * Reads a partner's own topic as the partner: from the group's committed offsets (or the beginning), committing each
 * record once handled, so the next run starts after it; `once` stops when caught up with what was there at start.
 * Returns the exit code; a broker refusal is explained in words the partner can act on.
 */
export async function readOwnTopic(read: OwnTopicRead, io: CliIo): Promise<number> {
  const { connection, topic, groupId } = read;
  const notice = (text: string) => (read.json ? io.stdout(`${JSON.stringify({ kind: 'notice', message: text })}\n`) : io.stderr(`${text}\n`));
  const kafka = new Kafka({
    clientId: `vt-cli-${connection.partnerId}`,
    brokers: connection.brokers,
    ...(connection.sasl ? { sasl: connection.sasl } : {}),
    ...(connection.ssl ? { ssl: true } : {}),
    connectionTimeout: 5000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    // Refusals are explained below; kafkajs' own lines would only alarm.
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  let consumer: Consumer | undefined;
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) {
      notice(`no ${read.what} for ${connection.partnerId} yet: ${topic} is created with the first one`);
      return 0;
    }
    const ends = await admin.fetchTopicOffsets(topic);
    const committed = read.all ? [] : ((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? []);
    await admin.disconnect();
    const end = new Map<number, number>();
    for (const { partition, low, high } of ends) {
      const at = committed.find((entry) => entry.partition === partition)?.offset;
      const start = at !== undefined && Number(at) >= 0 ? Number(at) : Number(low);
      if (start < Number(high)) end.set(partition, Number(high));
    }
    if (read.once && end.size === 0) {
      notice(`no new ${read.what} for ${connection.partnerId}`);
      return 0;
    }
    const position = new Map<number, number>();
    const caughtUp = () => [...end].every(([partition, high]) => (position.get(partition) ?? 0) >= high);
    const active = kafka.consumer({ groupId, maxWaitTimeInMs: 500, allowAutoTopicCreation: false });
    consumer = active;
    let finish!: (code: number) => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<number>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    void read.interrupted?.then(() => finish(0));
    active.on(active.events.CRASH, (event) => fail(event.payload.error));
    await active.connect();
    await active.subscribe({ topics: [topic], fromBeginning: true });
    await active.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        let event: { id?: string; type?: unknown; data?: unknown } | undefined;
        try {
          event = JSON.parse(message.value?.toString('utf8') ?? '') as typeof event;
        } catch {
          event = undefined;
        }
        if (event && typeof event.type === 'string' && typeof event.data === 'object' && event.data !== null) {
          await read.onEvent(event as { id?: string; type: string; data: Record<string, unknown> }, { partition, offset: message.offset });
        } else {
          notice(`partition ${partition} offset ${message.offset}: not a CloudEvent, passed over`);
        }
        const next = Number(message.offset) + 1;
        if (!read.all) await active.commitOffsets([{ topic, partition, offset: String(next) }]);
        position.set(partition, next);
        if (read.once && caughtUp()) finish(0);
      },
    });
    return await done;
  } catch (error) {
    const explained = explainKafkaError(error, { partnerId: connection.partnerId, referralsTopic: topic, responsesTopic: topic, groupId, brokers: connection.brokers, ...(connection.sasl ? { sasl: connection.sasl } : {}) }, topic);
    io.stderr(`${explained}\n`);
    return 1;
  } finally {
    await consumer?.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
