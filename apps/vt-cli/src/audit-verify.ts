import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFinding, FindingKind, keyRing, UnknownKey, verifyLog, VerifyLogReport } from '@vt/audit';
import { auditFailure, LOG_CONNECTION_OPTIONS, logConnectionFrom, logConnectionHelp, UsageError } from './audit-connection';
import type { CliIo } from './cli';

export const PUBLISHED_KEYS_FILE = join(__dirname, '..', '..', '..', 'config', 'audit', 'public-keys.json');

/** Environment variable with more public key files, comma-separated (as `--keys`). */
export const PUBLIC_KEYS_ENV = 'VT_AUDIT_PUBLIC_KEYS';

/** How to give the public keys, in every message that names an unknown key id. */
export const HOW_TO_PASS_KEYS =
  `pass the file that publishes them with --keys <file> (repeatable) or ${PUBLIC_KEYS_ENV}=<file>[,<file>…], ` +
  'a JSON file { "keys": { "<key id>": { "service", "publicKey" (SPKI PEM or base64 DER), "validFrom" } } } ' +
  '(npm start writes the development keys to .local/audit/public-keys.json)';

export const AUDIT_VERIFY_HELP = `Usage: npm run -s vt -- audit verify [--topic <topic>] [--household <id>] [--keys <file>...] [--json]
                                   [--no-worker] [--brokers <host:port,...>] [--topic-prefix <prefix>]

Checks the tamper evidence of the event log (docs/adr/0009): reads the signed chain heads
(vt.audit.chainheads.v1) and then every chained topic from the beginning to the end it has when the run
starts, and names every event that was altered, forged (a bad signature under a known key, a key of
another service, a broken hash link, a producer that does not own the topic, or not covered by any
signed checkpoint), dropped (a gap), duplicated (identical copy or not) or reordered, with its topic,
partition, offset, event id, household and seq. An event covered only by checkpoints signed with a key id
whose public key was not given is unverifiable (not forged): the output names those key ids.
Dead-letter topics and partner response topics carry no chains and are left out (the output lists them).

Options:
  --topic <topic>           one topic (without the deployment prefix), e.g. vt.intake.meldingen.v1
  --household <id>          only this household's chains
  --keys <file>             more published public keys, e.g. .local/audit/public-keys.json from npm start
                            (repeatable; also ${PUBLIC_KEYS_ENV}=<file>[,<file>...]);
                            config/audit/public-keys.json is always read
  --json                    print the report as JSON
  --no-worker               hash and parse every event on the main thread (default: in a worker thread
                            beside the reading when the machine has a second core; the findings are the same)
${logConnectionHelp(28)}
  -h, --help                this help

Exit code 0: the log verifies clean; 1: findings of tampering (or a failure); 2: wrong usage;
3: no tampering found, but events are unverifiable because their signing keys' public keys were not given.
`;

const KINDS: FindingKind[] = ['altered', 'forged', 'dropped', 'duplicated', 'reordered', 'unverifiable'];

/** What to do about key ids without a public key: which they are, whose, and how to pass them. */
export function unknownKeysMessage(unknownKeys: UnknownKey[]): string {
  const ids = unknownKeys.map((key) => `"${key.keyId}" (${key.checkpoints} checkpoint${key.checkpoints === 1 ? '' : 's'} of ${key.producers.join(', ')})`);
  return `Unknown key ids: ${ids.join(', ')}. Their checkpoints cannot be checked, so the events they alone cover are unverifiable, not forged. To verify them, ${HOW_TO_PASS_KEYS}.`;
}

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
  if (report.unknownKeys.length > 0) lines.push(unknownKeysMessage(report.unknownKeys));
  if (report.findings.length === 0) lines.push('Clean: no altered, forged, dropped, duplicated or reordered event.');
  else {
    const counts = KINDS.map((kind) => [kind, report.findings.filter((f) => f.kind === kind).length] as const).filter(([, n]) => n > 0);
    lines.push(`${report.findings.length} findings (${counts.map(([kind, n]) => `${n} ${kind}`).join(', ')}):`, ...report.findings.map(describeFinding));
  }
  return `${lines.join('\n')}\n`;
}

/** `vt audit verify`: exit 0 when clean, 1 when tampering is found, 3 when only unknown keys stood in the way. */
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
        'no-worker': { type: 'boolean' },
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
    const fromEnv = (env[PUBLIC_KEYS_ENV] ?? '').split(',').map((file) => file.trim()).filter(Boolean);
    const keyFiles = [PUBLISHED_KEYS_FILE, ...fromEnv, ...(values.keys ?? [])];
    const contents: { name: string; content: unknown }[] = [];
    for (const file of keyFiles) {
      try {
        contents.push({ name: file, content: JSON.parse(readFileSync(file, 'utf8')) });
      } catch (error) {
        problems.push(`${fromEnv.includes(file) ? PUBLIC_KEYS_ENV : '--keys'} ${file} cannot be read as JSON: ${(error as Error).message}`);
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
      ...(values['no-worker'] ? { worker: false } : {}),
      warn: (message) => io.stderr(`${message}\n`),
    });
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
    if (report.unknownKeys.length > 0) io.stderr(`vt audit verify: ${unknownKeysMessage(report.unknownKeys)}\n`);
    const tampered = report.findings.some((finding) => finding.kind !== 'unverifiable');
    return tampered ? 1 : report.findings.length > 0 || report.unknownKeys.length > 0 ? 3 : 0;
  } catch (error) {
    return auditFailure('verify', error, io);
  }
}
