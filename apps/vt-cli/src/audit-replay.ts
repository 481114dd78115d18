import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_KEY_SCHEMAS, KeyStoreOpener, PersonDataOpener, renderTimelineHtml, renderTimelineText, replayHousehold } from '@vt/audit';
import { loadMasterKeys } from '@vt/privacy';
import { auditFailure, LOG_CONNECTION_OPTIONS, logConnectionFrom, logConnectionHelp, UsageError } from './audit-connection';
import type { CliIo } from './cli';

export const AUDIT_REPLAY_HELP = `Usage: npm run -s vt -- audit replay --household <id> [--json] [--html <file>]
                                   [--brokers <host:port,...>] [--topic-prefix <prefix>]
                                   [--keys-db <url> [--keys-schema [<service>=]<schema> ...]]

For auditors: reads every domain topic from the beginning (to the end it has when the run starts) and prints
the household's history: each event with time, actor, decision and reasoning, phase changes, deadlines met or
breached, every disclosure with recipient, fields and legal basis, and every read of the case.

Personal data, and the free text professionals wrote (reasoning, how safety was confirmed, conditions; ADR 0020),
shows as [encrypted], unless --keys-db gives access to the data keys (with the master keys in
PERSONAL_DATA_MASTER_KEYS); each service's text opens with that service's own key table. Data of an erased
person or household shows as [erased <date>] either way.

Options:
  --household <id>          the household (the Kafka record key of its events)
  --json                    print the timeline as JSON instead of text
  --html <file>             also write a self-contained HTML page to <file>
${logConnectionHelp(28)}
  --keys-db <url>           Postgres holding the services' person_key tables (read only)
  --keys-schema <s>         where a service's person_key table is: <service>=<schema>, repeatable (default
                            ${Object.entries(DEFAULT_KEY_SCHEMAS).map(([service, schema]) => `${service}=${schema}`).join(', ')});
                            a bare <schema> is intake's
  -h, --help                this help

Exit code 0: printed; 1: failure; 2: wrong usage.
`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
        ...LOG_CONNECTION_OPTIONS,
        'keys-db': { type: 'string' },
        'keys-schema': { type: 'string', multiple: true },
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
      const schemas: Record<string, string> = { ...DEFAULT_KEY_SCHEMAS };
      for (const given of values['keys-schema'] ?? []) {
        const [service, schema] = given.includes('=') ? (given.split('=', 2) as [string, string]) : ['intake', given];
        if (!(service in DEFAULT_KEY_SCHEMAS)) throw new UsageError(`--keys-schema names service "${service}"; services are ${Object.keys(DEFAULT_KEY_SCHEMAS).join(', ')}`);
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new UsageError(`--keys-schema must name a lower-case Postgres identifier (got "${schema}")`);
        schemas[service] = schema;
      }
      opener = await KeyStoreOpener.connect({ databaseUrl: values['keys-db'], schemas, masterKeys: loadMasterKeys(env) });
    }
    const timeline = await replayHousehold({ ...connection, householdId: values.household.toLowerCase(), ...(opener ? { personData: opener } : {}), warn: (m) => io.stderr(`${m}\n`) });
    if (values.html) writeFileSync(values.html, renderTimelineHtml(timeline));
    io.stdout(values.json ? `${JSON.stringify(timeline, null, 2)}\n` : renderTimelineText(timeline));
    if (timeline.entries.length === 0) io.stderr(`No events keyed by household ${values.household} on the log.\n`);
    return 0;
  } catch (error) {
    return auditFailure('replay', error, io);
  } finally {
    await opener?.close?.();
  }
}
