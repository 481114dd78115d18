import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SIGNAL_MATCH_FOUND, signalMatchesTopic, signalPseudonym } from '@vt/contracts';
import type { CliIo } from './cli';
import { OwnTopicConnection, ownTopicConnection, PARTNER_SIDE_OPTIONS, PartnerHttp, partnerHttp, readOwnTopic, callPartnerService, describeProblem } from './own-topic';
import { PartnerUsageError, partnerUsageFailure } from './partner';

export const SIGNALS_HELP = `Usage: npm run -s vt -- signals <register|withdraw|matches> --organisation <id> [options]

What an organisation that a region admitted to signal matching runs (docs/adr/0038). The BSN never leaves this
machine: register computes the keyed pseudonym with the key the participating organisations share and sends only
that; Veilig Thuis never has the key and cannot compute or reverse a pseudonym.

Actions:
  register  --bsn <bsn> --region <vt-…> --birth-month <YYYY-MM> --key-file <file>
            signal that the organisation is involved with a young person (younger than 23); registering again
            while the signal is active extends it. Prints the signal id and when it expires, never whether anyone
            else signalled: matches arrive on the organisation's own topic.
  withdraw  --signal <id>            end one of the organisation's signals
  matches   [--once] [--all] [--json]
            read the matches of the organisation's signals from its own topic vt.signals.<id>.matches.v1:
            whom to contact, and nothing about the other organisation's involvement. Follows new matches until
            Ctrl-C; --once prints what is there and exits; --all reads every match ever, not only unread ones.

Options:
  --organisation <id>        the organisation's partner id (e.g. ggz-groningen)
  --key-file <file>          VT_SIGNAL_KEY_FILE: the shared key, at least 32 bytes, as hex or base64 text
  --service <url>            VT_SIGNAL_MATCHING_URL: the signal-matching service (https://; http:// only on localhost)
  --token <token>            VT_PARTNER_TOKEN: a bearer token of role partner naming this organisation
  --brokers <host:port,...>  KAFKA_BROKERS (matches)
  --username <name>          VT_PARTNER_USERNAME (default partner-<id>)
  --password <secret>        VT_PARTNER_PASSWORD; prefer the environment or the credentials file to a flag
  --credentials <file>       VT_PARTNER_CREDENTIALS: lines KAFKA_BROKERS=…, VT_PARTNER_USERNAME=…, VT_PARTNER_PASSWORD=…
  --topic-prefix <prefix>    TOPIC_PREFIX, when the deployment puts one before every topic and group
  --ssl                      connect to the broker with TLS (VT_PARTNER_SSL=true)
  --json                     one JSON object per line
  -h, --help                 this help
`;

const ORGANISATION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SignalsOptions =
  | { action: 'register'; organisationId: string; json: boolean; http: Http; pseudonym: string; region: string; birthMonth: string }
  | { action: 'withdraw'; organisationId: string; json: boolean; http: Http; signalId: string }
  | { action: 'matches'; organisationId: string; json: boolean; connection: OwnTopicConnection; topic: string; groupId: string; once: boolean; all: boolean };

type Http = PartnerHttp;

/** The shared key from its file: hex or base64 text of at least 32 bytes. */
export function parseSharedKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0 ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length < 32) throw new Error(`the shared key must be at least 32 bytes (the file holds ${key.length})`);
  return key;
}

/**
 * Turns the arguments (after `signals`) and the environment into options; every problem at once. The BSN is turned
 * into its pseudonym here and goes no further.
 */
export function parseSignalsArgs(args: string[], env: NodeJS.ProcessEnv, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): SignalsOptions | 'help' {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') return 'help';
  const { values } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: false,
    options: {
      organisation: { type: 'string' },
      bsn: { type: 'string' },
      region: { type: 'string' },
      'birth-month': { type: 'string' },
      'key-file': { type: 'string' },
      signal: { type: 'string' },
      once: { type: 'boolean' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      ...PARTNER_SIDE_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const problems: string[] = [];
  if (action !== 'register' && action !== 'withdraw' && action !== 'matches') problems.push(`unknown action "${action}"; the actions are register, withdraw and matches`);
  const organisationId = values.organisation ?? '';
  if (!values.organisation) problems.push('--organisation is missing (the partner id of the organisation, e.g. ggz-groningen)');
  else if (!ORGANISATION_ID.test(organisationId)) problems.push(`--organisation "${organisationId}" must be lower-case letters, digits and single hyphens`);

  const only = (flags: Record<string, unknown>, forAction: string) => {
    for (const [flag, value] of Object.entries(flags)) if (value !== undefined && action !== forAction) problems.push(`--${flag} goes with ${forAction}`);
  };
  only({ bsn: values.bsn, region: values.region, 'birth-month': values['birth-month'], 'key-file': values['key-file'] }, 'register');
  only({ signal: values.signal }, 'withdraw');
  only({ once: values.once, all: values.all, brokers: values.brokers, username: values.username, password: values.password, 'topic-prefix': values['topic-prefix'], ssl: values.ssl }, 'matches');

  const http = () => partnerHttp(values, env, readFile, problems, { urlVariable: 'VT_SIGNAL_MATCHING_URL', name: 'signal-matching', whose: 'organisation' });

  if (action === 'register') {
    const connection = http();
    const region = values.region ?? '';
    if (!values.region) problems.push('--region is missing (the VT region the signal is for, e.g. vt-groningen)');
    else if (!/^vt-[a-z0-9]+(-[a-z0-9]+)*$/.test(region)) problems.push(`--region "${region}" is not a VT region code (vt-…)`);
    const birthMonth = values['birth-month'] ?? '';
    if (!values['birth-month']) problems.push('--birth-month is missing (YYYY-MM: the month the young person was born in)');
    else if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(birthMonth)) problems.push(`--birth-month "${birthMonth}" must be YYYY-MM`);
    const keyPath = (values['key-file'] ?? env['VT_SIGNAL_KEY_FILE'])?.trim() || undefined;
    let key: Buffer | undefined;
    if (!keyPath) problems.push('--key-file is missing (or VT_SIGNAL_KEY_FILE): the key the participating organisations share');
    else {
      try {
        key = parseSharedKey(readFile(keyPath));
      } catch (error) {
        problems.push(`--key-file ${keyPath}: ${(error as Error).message}`);
      }
    }
    let pseudonym: string | undefined;
    // The BSN is never echoed, not even in a problem.
    if (!values.bsn) problems.push('--bsn is missing (the young person\'s BSN; it stays on this machine)');
    else if (!/^\d{9}$/.test(values.bsn)) problems.push('--bsn must be nine digits');
    else if (key) {
      try {
        pseudonym = signalPseudonym(values.bsn, key);
      } catch {
        problems.push('--bsn does not pass the elfproef');
      }
    }
    if (problems.length > 0 || !connection || !pseudonym) throw new PartnerUsageError(problems.join('\n'));
    return { action, organisationId, json: Boolean(values.json), http: connection, pseudonym, region, birthMonth };
  }
  if (action === 'withdraw') {
    const connection = http();
    const signalId = values.signal ?? '';
    if (!values.signal) problems.push('--signal is missing (the id register printed)');
    else if (!UUID.test(signalId)) problems.push(`--signal "${signalId}" is not a signal id (a UUID)`);
    if (problems.length > 0 || !connection) throw new PartnerUsageError(problems.join('\n'));
    return { action, organisationId, json: Boolean(values.json), http: connection, signalId: signalId.toLowerCase() };
  }
  if (values.service !== undefined || values.token !== undefined) problems.push('--service and --token go with register and withdraw');
  const connection = ownTopicConnection(organisationId, values, env, readFile, problems);
  if (problems.length > 0) throw new PartnerUsageError(problems.join('\n'));
  const all = Boolean(values.all);
  return {
    action: 'matches',
    organisationId,
    json: Boolean(values.json),
    connection,
    topic: `${connection.topicPrefix}${signalMatchesTopic(organisationId)}`,
    // The broker's ACLs allow the organisation's groups whose name starts with partner-<id>; --all never commits.
    groupId: `${connection.topicPrefix}partner-${organisationId}.matches${all ? '.lookup' : ''}`,
    once: Boolean(values.once),
    all,
  };
}

/** One match as an organisation reads it. */
export function renderMatch(data: Record<string, unknown>): string {
  const contact = (data['contact'] ?? {}) as Record<string, unknown>;
  const reach = [contact['phone'], contact['email']].filter((value) => typeof value === 'string').join(', ');
  return [
    `match ${String(data['matchId'])} (${String(data['matchedAt'])}, ${String(data['region'])})`,
    `  your signal:   ${String(data['signalId'])}`,
    `  contact:       ${String(contact['name'] ?? contact['organisationId'])} (${String(contact['organisationId'])})${reach ? `: ${reach}` : ''}`,
    `  their signal:  ${String(data['otherSignalId'])} (quote it when you call)`,
    '',
  ].join('\n');
}

export interface SignalsDeps {
  fetch?: typeof fetch;
  /** Resolves when the user interrupts (Ctrl-C): `matches` stops following. */
  interrupted?: Promise<void>;
}

export async function runSignals(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, deps: SignalsDeps = {}): Promise<number> {
  let options: SignalsOptions | 'help';
  try {
    options = parseSignalsArgs(args, env);
  } catch (error) {
    return partnerUsageFailure('signals', error, io);
  }
  if (options === 'help') {
    io.stdout(SIGNALS_HELP);
    return 0;
  }
  const fetcher = deps.fetch ?? fetch;
  if (options.action === 'register' || options.action === 'withdraw') {
    const answer =
      options.action === 'register'
        ? await callPartnerService(options.http, 'POST', '/api/v1/signals', { pseudonym: options.pseudonym, region: options.region, birthMonth: options.birthMonth }, fetcher)
        : await callPartnerService(options.http, 'POST', `/api/v1/signals/${options.signalId}/withdrawal`, {}, fetcher);
    if (answer.status >= 300) {
      io.stderr(`vt signals ${options.action}: ${describeProblem(answer.status, answer.body)}\n`);
      return 1;
    }
    if (options.json) io.stdout(`${JSON.stringify({ kind: options.action === 'register' ? 'registered' : 'withdrawn', ...answer.body })}\n`);
    else if (options.action === 'register') io.stdout(`signal ${String(answer.body['signalId'])} ${answer.body['renewed'] ? 'extended' : 'registered'}; it expires at ${String(answer.body['expiresAt'])}\n`);
    else io.stdout(`signal ${String(answer.body['signalId'])} withdrawn at ${String(answer.body['withdrawnAt'])}\n`);
    return 0;
  }
  const opts = options;
  return readOwnTopic(
    {
      connection: opts.connection,
      topic: opts.topic,
      groupId: opts.groupId,
      once: opts.once,
      all: opts.all,
      json: opts.json,
      what: 'matches',
      ...(deps.interrupted ? { interrupted: deps.interrupted } : {}),
      onEvent: (event, at) => {
        if (event.type !== SIGNAL_MATCH_FOUND) io.stderr(`partition ${at.partition} offset ${at.offset}: ${event.type} is not a match, passed over\n`);
        else if (opts.json) io.stdout(`${JSON.stringify({ kind: 'match', ...at, event })}\n`);
        else io.stdout(renderMatch(event.data));
      },
    },
    io,
  );
}

/** The terminal wiring: Ctrl-C stops following cleanly. */
export function runSignalsFromShell(args: string[], io: CliIo): Promise<number> {
  const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  return runSignals(args, io, process.env, { interrupted });
}
