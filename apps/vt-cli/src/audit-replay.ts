import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AuditLogConnection, KeyStoreOpener, PersonDataOpener, renderTimelineHtml, renderTimelineText, replayHousehold } from '@vt/audit';
import { AUDITOR_PRINCIPAL, readCredentials, SaslScram, saslFor } from '@vt/kafka-access';
import { loadMasterKeys } from '@vt/privacy';
import type { CliIo } from './cli';

export const AUDIT_REPLAY_HELP = `Usage: npm run -s vt -- audit replay --household <id> [--json] [--html <file>]
                                   [--brokers <host:port,...>] [--topic-prefix <prefix>]
                                   [--keys-db <url> [--keys-schema <schema>]]

For auditors: reads every domain topic from the beginning (to the end it has when the run starts) and prints
the household's history: each event with time, actor, decision and reasoning, phase changes, deadlines met or
breached, every disclosure with recipient, fields and legal basis, and every read of the case.

Personal data shows as [encrypted], unless --keys-db gives access to the data keys (with the master keys in
PERSONAL_DATA_MASTER_KEYS); a person whose data was erased shows as [erased <date>] either way.

Options:
  --household <id>          the household (the Kafka record key of its events)
  --json                    print the timeline as JSON instead of text
  --html <file>             also write a self-contained HTML page to <file>
  --brokers <list>          Kafka bootstrap servers (default KAFKA_BROKERS); on a secured broker the auditor logs in with
                            KAFKA_USERNAME/KAFKA_PASSWORD, or KAFKA_CREDENTIALS_FILE (+ KAFKA_PRINCIPAL, default vt-auditor)
  --topic-prefix <prefix>   the deployment's topic prefix (default TOPIC_PREFIX, else none)
  --keys-db <url>           Postgres holding the person_key table (read only), to show personal data
  --keys-schema <schema>    the schema of that table (default intake)
  -h, --help                this help

Exit code 0: printed; 1: failure; 2: wrong usage.
`;

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the log is, from options or the environment the services use. */
export function logConnectionFrom(values: { brokers?: string; 'topic-prefix'?: string }, env: NodeJS.ProcessEnv): AuditLogConnection {
  const brokers = (values.brokers ?? env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new UsageError('--brokers is missing (or set KAFKA_BROKERS), e.g. 127.0.0.1:9092');
  for (const broker of brokers) if (!/^[^\s:]+:\d{1,5}$/.test(broker)) throw new UsageError(`--brokers entry "${broker}" is not host:port`);
  const topicPrefix = values['topic-prefix'] ?? env['TOPIC_PREFIX'] ?? '';
  if (!/^[a-zA-Z0-9._-]*$/.test(topicPrefix)) throw new UsageError(`--topic-prefix may hold only letters, digits, '.', '_' and '-' (got "${topicPrefix}")`);
  const sasl = auditorSaslFrom(env);
  return { brokers, topicPrefix, clientId: 'vt-audit', ...(sasl ? { sasl } : {}) };
}

/**
 * The auditor's SCRAM login on a secured broker: `KAFKA_USERNAME`/`KAFKA_PASSWORD`, else the principal
 * `KAFKA_PRINCIPAL` (default `vt-auditor`) from the credentials file `KAFKA_CREDENTIALS_FILE`; none on a plaintext broker.
 */
export function auditorSaslFrom(env: NodeJS.ProcessEnv): SaslScram | undefined {
  const username = env['KAFKA_USERNAME']?.trim();
  const password = env['KAFKA_PASSWORD']?.trim();
  if (username || password) {
    if (!username || !password) throw new UsageError('KAFKA_USERNAME and KAFKA_PASSWORD go together (SASL/SCRAM-SHA-512)');
    return { mechanism: 'scram-sha-512', username, password };
  }
  const file = env['KAFKA_CREDENTIALS_FILE']?.trim();
  if (!file) return undefined;
  try {
    return saslFor(readCredentials(file), env['KAFKA_PRINCIPAL']?.trim() || AUDITOR_PRINCIPAL);
  } catch (error) {
    throw new UsageError(`KAFKA_CREDENTIALS_FILE: ${(error as Error).message}`);
  }
}

/** `vt audit replay`: a household's history from the log alone. */
export async function runAuditReplay(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let opener: PersonDataOpener | undefined;
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        household: { type: 'string' },
        json: { type: 'boolean' },
        html: { type: 'string' },
        brokers: { type: 'string' },
        'topic-prefix': { type: 'string' },
        'keys-db': { type: 'string' },
        'keys-schema': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(AUDIT_REPLAY_HELP);
      return 0;
    }
    if (!values.household) throw new UsageError('--household is missing (the household id, a UUID)');
    if (!UUID.test(values.household)) throw new UsageError(`--household must be a UUID (got "${values.household}")`);
    const connection = logConnectionFrom(values, env);
    if (values['keys-db']) {
      if (!/^postgres(ql)?:\/\//.test(values['keys-db'])) throw new UsageError('--keys-db must be a postgres:// URL');
      const schema = values['keys-schema'] ?? 'intake';
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new UsageError(`--keys-schema must be a lower-case Postgres identifier (got "${schema}")`);
      opener = await KeyStoreOpener.connect({ databaseUrl: values['keys-db'], schema, masterKeys: loadMasterKeys(env) });
    }
    const timeline = await replayHousehold({ ...connection, householdId: values.household.toLowerCase(), ...(opener ? { personData: opener } : {}), warn: (m) => io.stderr(`${m}\n`) });
    if (values.html) writeFileSync(values.html, renderTimelineHtml(timeline));
    io.stdout(values.json ? `${JSON.stringify(timeline, null, 2)}\n` : renderTimelineText(timeline));
    if (timeline.entries.length === 0) io.stderr(`No events keyed by household ${values.household} on the log.\n`);
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`vt audit replay: ${(error as Error).message}\n${usage ? 'Run `npm run vt -- audit replay --help` for its options.\n' : ''}`);
    return usage ? 2 : 1;
  } finally {
    await opener?.close?.();
  }
}
