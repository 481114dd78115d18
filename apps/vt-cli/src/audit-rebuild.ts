import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { ProgressReporter, rebuildFromLog, RebuildResult, SERVICE_MODELS } from '@vt/audit';
import { SERVICES, ServiceName } from '@vt/contracts';
import { auditFailure, LOG_CONNECTION_OPTIONS, logConnectionFrom, logConnectionHelp, UsageError } from './audit-connection';
import type { CliIo } from './cli';

export const AUDIT_REBUILD_HELP = `Usage: npm run -s vt -- audit rebuild [--brokers <host:port,...>] [--topic-prefix <prefix>] [--database-url <url>]
                                    [--schema <service>=<schema>]... [--service <service>]... [--keep] [--json]

For auditors: replays the whole event log (every domain topic, from the beginning to the end it has when the
run starts) into the auditor's own model of each service, writes the rebuilt state into a fresh schema
(audit_rebuild_<timestamp>), and compares it in SQL with the live tables of each service. Every difference is
reported (service, table, key, column, live and rebuilt value) and makes the command fail. Reads the live
databases only; never decrypts personal data (it compares ids and codes, never names or other personal fields).

Options:
${logConnectionHelp(29)}
  --database-url <url>       the live database (default DATABASE_URL); the fresh schema is created there
  --schema <service>=<name>  a service's live schema when not its default (${SERVICE_MODELS.map((m) => `${m.service}=${m.defaultSchema}`).join(', ')})
  --service <service>        rebuild only this service (repeat); default all
  --keep                     keep the fresh schema for inspection (its name is printed)
  --max-differences <n>      list at most n differences per table (all are counted; default 100)
  --json                     print the result as JSON on stdout
  -h, --help                 this help

Progress goes to stderr: a bar with rate and time left on a terminal, a line every few seconds otherwise.
Exit code 0: the live state equals the state rebuilt from the log; 1: differences (or a failure); 2: wrong usage.
`;

function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

function keyText(key: Record<string, unknown> | undefined): string {
  return Object.entries(key ?? {})
    .map(([column, value]) => `${column}=${String(value)}`)
    .join(' ');
}

export function formatRebuildReport(result: RebuildResult): string {
  const lines = [
    `Replayed ${result.events.toLocaleString('en-US')} events in ${(result.timings.totalMs / 1000).toFixed(1)} s (${result.eventsPerSecond.toLocaleString('en-US')} ev/s)` +
      `; rebuilt state in schema ${result.schema}${result.schemaKept ? ' (kept)' : ' (dropped)'}.`,
  ];
  if (result.missingTopics.length > 0) lines.push(`Topics not on the broker (nothing to replay): ${result.missingTopics.join(', ')}`);
  if (result.unreadableRecords > 0) lines.push(`${result.unreadableRecords} records were not JSON CloudEvents and were skipped (the services dead-letter such records).`);
  for (const table of result.tables) {
    lines.push(`  ${table.differences === 0 ? 'same     ' : 'DIFFERENT'} ${table.service.padEnd(21)} ${table.table.padEnd(44)} live ${String(table.liveRows ?? '?').padStart(7)}  rebuilt ${String(table.rebuiltRows).padStart(7)}  differences ${table.differences}`);
  }
  for (const difference of result.differences) {
    const where = `${difference.service} ${difference.table} ${keyText(difference.key)}`.trim();
    if (difference.kind === 'values-differ') {
      for (const column of difference.columns ?? []) lines.push(`  - ${where}: ${column.column} live ${show(column.live)} ≠ rebuilt ${show(column.rebuilt)}`);
    } else if (difference.kind === 'only-in-live') {
      lines.push(`  - ${where}: in the live table, but the log does not produce it: ${JSON.stringify(difference.row)}`);
    } else if (difference.kind === 'only-in-rebuild') {
      lines.push(`  - ${where}: the log produces it, but the live table does not have it: ${JSON.stringify(difference.row)}`);
    } else {
      lines.push(`  - ${where}: ${difference.message ?? difference.kind}`);
    }
  }
  const listed = result.differences.length;
  if (result.differenceCount > listed) lines.push(`  … and ${result.differenceCount - listed} more differences (raise --max-differences to list them).`);
  lines.push(result.ok ? 'The live state equals the state rebuilt from the log.' : `${result.differenceCount} difference(s) between the live state and the state rebuilt from the log.`);
  return `${lines.join('\n')}\n`;
}

/** `vt audit rebuild`: exit 0 when live equals rebuilt, 1 on any difference or failure, 2 on wrong usage. */
export async function runAuditRebuild(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, stderrIsTTY = Boolean(process.stderr.isTTY)): Promise<number> {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        ...LOG_CONNECTION_OPTIONS,
        'database-url': { type: 'string' },
        schema: { type: 'string', multiple: true },
        service: { type: 'string', multiple: true },
        keep: { type: 'boolean' },
        'max-differences': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(AUDIT_REBUILD_HELP);
      return 0;
    }
    const problems: string[] = [];
    const databaseUrl = values['database-url'] ?? env['DATABASE_URL'];
    if (!databaseUrl) problems.push('--database-url (or DATABASE_URL) is missing, e.g. postgres://auditor@127.0.0.1:5432/veiligthuis');
    const isService = (name: string): name is ServiceName => (SERVICES as readonly string[]).includes(name);
    const liveSchemas: Partial<Record<ServiceName, string>> = {};
    for (const entry of values.schema ?? []) {
      const [service, schema] = entry.split('=', 2);
      if (!service || !schema || !isService(service)) problems.push(`--schema takes <service>=<schema> with a service of ${SERVICES.join(', ')} (got "${entry}")`);
      else if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) problems.push(`--schema ${service}: "${schema}" is not a lower-case Postgres identifier`);
      else liveSchemas[service] = schema;
    }
    const services = values.service?.flatMap((s) => s.split(',')).map((s) => s.trim());
    for (const service of services ?? []) if (!isService(service)) problems.push(`--service "${service}" is not one of ${SERVICES.join(', ')}`);
    let maxDifferences = 100;
    if (values['max-differences'] !== undefined) {
      maxDifferences = Number(values['max-differences']);
      if (!/^\d+$/.test(values['max-differences'])) problems.push(`--max-differences must be a whole number (got "${values['max-differences']}")`);
    }
    if (problems.length > 0) throw new UsageError(problems.join('\n'));

    const { topicPrefix, ...connection } = logConnectionFrom(values, env, 'vt-audit-rebuild');
    const kafka = new Kafka({
      ...connection,
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => io.stderr(`[kafkajs ${entry.namespace}] ${entry.log.message}\n`),
    });
    const progress = new ProgressReporter({ isTTY: stderrIsTTY, write: (text) => io.stderr(text) });
    const result = await rebuildFromLog({
      kafka,
      databaseUrl: databaseUrl as string,
      topicPrefix,
      liveSchemas,
      services: services as ServiceName[] | undefined,
      keep: Boolean(values.keep),
      maxDifferencesPerTable: maxDifferences,
      onStart: (total) => {
        io.stderr(`Replaying ${total.toLocaleString('en-US')} events from ${topicPrefix ? `topics prefixed "${topicPrefix}"` : 'the domain topics'}\n`);
        progress.start(total);
      },
      onProgress: (events) => progress.advance(events),
    });
    progress.finish();
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatRebuildReport(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    return auditFailure('rebuild', error, io);
  }
}
