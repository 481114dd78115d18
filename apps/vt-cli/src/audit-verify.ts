import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFinding, FindingKind, keyRing, verifyLog, VerifyLogReport } from '@vt/audit';
import { auditFailure, LOG_CONNECTION_OPTIONS, logConnectionFrom, logConnectionHelp, UsageError } from './audit-connection';
import type { CliIo } from './cli';

export const PUBLISHED_KEYS_FILE = join(__dirname, '..', '..', '..', 'config', 'audit', 'public-keys.json');

export const AUDIT_VERIFY_HELP = `Usage: npm run -s vt -- audit verify [--topic <topic>] [--household <id>] [--keys <file>...] [--json]
                                   [--brokers <host:port,...>] [--topic-prefix <prefix>]

Checks the tamper evidence of the event log (docs/adr/0009): reads the signed chain heads
(vt.audit.chainheads.v1) and then every chained topic from the beginning to the end it has when the run
starts, and names every event that was altered, forged (bad or missing signature, unknown key, a producer
that does not own the topic, or not covered by any signed checkpoint), dropped (a gap), duplicated
(identical copy or not) or reordered, with its topic, partition, offset, event id, household and seq.
Dead-letter topics and partner response topics carry no chains and are left out (the output lists them).

Options:
  --topic <topic>           one topic (without the deployment prefix), e.g. vt.intake.meldingen.v1
  --household <id>          only this household's chains
  --keys <file>             more published public keys, e.g. .local/audit/public-keys.json from npm start
                            (repeatable); config/audit/public-keys.json is always read
  --json                    print the report as JSON
${logConnectionHelp(28)}
  -h, --help                this help

Exit code 0: the log verifies clean; 1: findings (or a failure); 2: wrong usage.
`;

const KINDS: FindingKind[] = ['altered', 'forged', 'dropped', 'duplicated', 'reordered'];

/** Topics without chains, named when few and counted when many (a directory has hundreds of partner response topics). */
function excludedLine(excluded: string[]): string {
  if (excluded.length === 0) return 'Not verified: no dead-letter or partner response topics present.';
  const responses = excluded.filter((topic) => /\.responses\.v\d+$/.test(topic));
  const others = excluded.filter((topic) => !responses.includes(topic));
  const shown = responses.length > 5 ? [...others, `${responses.length} partner response topics`] : excluded;
  return `Not verified (no chains: dead letters, and partner responses written by partners without signing keys): ${shown.join(', ')}`;
}

function renderText(report: VerifyLogReport): string {
  const lines = [
    `Verified ${report.stats.events} events in ${report.stats.chains} chains on ${report.topics.length} topics, ` +
      `${report.stats.validCheckpoints} of ${report.stats.checkpoints} signed checkpoints valid, in ${report.seconds.toFixed(2)} s ` +
      `(${Math.round(report.stats.events / Math.max(report.seconds, 1e-9))} events/s).`,
    ...report.topics.map((t) => `  ${t.topic}: ${t.records} records`),
    excludedLine(report.excluded),
  ];
  if (report.findings.length === 0) lines.push('Clean: no altered, forged, dropped, duplicated or reordered event.');
  else {
    const counts = KINDS.map((kind) => [kind, report.findings.filter((f) => f.kind === kind).length] as const).filter(([, n]) => n > 0);
    lines.push(`${report.findings.length} findings (${counts.map(([kind, n]) => `${n} ${kind}`).join(', ')}):`, ...report.findings.map(describeFinding));
  }
  return `${lines.join('\n')}\n`;
}

/** `vt audit verify`: exit 0 when clean, 1 when anything is found. */
export async function runAuditVerify(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        topic: { type: 'string' },
        household: { type: 'string' },
        keys: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        ...LOG_CONNECTION_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(AUDIT_VERIFY_HELP);
      return 0;
    }
    const problems: string[] = [];
    let connection;
    try {
      connection = logConnectionFrom(values, env);
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (values.topic !== undefined && !/^vt\.[a-z0-9.-]+\.v\d+$/.test(values.topic)) problems.push(`--topic "${values.topic}" is not a topic name such as vt.intake.meldingen.v1 (leave the deployment prefix out)`);
    if (values.household !== undefined && values.household.trim() === '') problems.push('--household is empty');
    const keyFiles = [PUBLISHED_KEYS_FILE, ...(values.keys ?? [])];
    const contents: { name: string; content: unknown }[] = [];
    for (const file of keyFiles) {
      try {
        contents.push({ name: file, content: JSON.parse(readFileSync(file, 'utf8')) });
      } catch (error) {
        problems.push(`--keys ${file} cannot be read as JSON: ${(error as Error).message}`);
      }
    }
    let keys;
    try {
      keys = keyRing(contents);
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (problems.length > 0 || !keys || !connection) throw new UsageError(problems.join('\n'));

    const report = await verifyLog({
      ...connection,
      keys,
      ...(values.topic ? { topic: values.topic } : {}),
      ...(values.household ? { householdId: values.household } : {}),
      warn: (message) => io.stderr(`${message}\n`),
    });
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
    return report.findings.length > 0 ? 1 : 0;
  } catch (error) {
    return auditFailure('verify', error, io);
  }
}
