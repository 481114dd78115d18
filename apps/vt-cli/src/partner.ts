import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Consumer, Kafka, KafkaJSProtocolError, logLevel, Partitioners, Producer } from 'kafkajs';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  DECLINE_REASON_CODES,
  DeclineReasonCode,
  DomainEvent,
  HEADERS,
  newEvent,
  PARTNER_REFERRAL_ACCEPTED,
  PARTNER_REFERRAL_COMPLETED,
  PARTNER_REFERRAL_DECLINED_V2,
  PARTNER_REFERRAL_ISSUED,
  PARTNER_REFERRAL_ISSUED_V2,
  partnerReferralsTopic,
  partnerResponsesTopic,
} from '@vt/contracts';
import type { CliIo } from './cli';

export const PARTNER_HELP = `Usage: npm run -s vt -- partner consume --partner <id> [options]

What a regional partner runs with its own credentials: reads the referrals Veilig Thuis addressed to it
(vt.partner.<id>.referrals.v1, consumer group partner-<id>), shows each readably, and writes the partner's
answer to its responses topic (vt.partner.<id>.responses.v1).

On a terminal it asks, per referral: [a]ccept, [d]ecline (with a reason), [s]kip, [q]uit. A skipped
referral stays pending and is shown again next time. Scripts answer with flags instead:

Answers:
  --accept <referralId>        accept that referral (repeat for several)
  --decline <referralId>       decline it; needs --reason
  --reason <code>              ${DECLINE_REASON_CODES.join(' | ')}
                               (a code only: your topic is part of Veilig Thuis's permanent record, so it
                               takes no free text; Veilig Thuis calls you when it needs to know more)
  --complete <referralId>      report the work of an accepted referral finished (implies --all)

Reading:
  --once, --until-idle         print what is waiting (and answer it) and exit, instead of following
  --conditions                 read each referral's safety conditions from Veilig Thuis over HTTPS (they are
                               not on the topic; the referral says how many), with the partner's token;
                               every such read is recorded by Veilig Thuis as a disclosure
  --all                        read every referral ever addressed to the partner, not only pending ones;
                               nothing is marked as handled
  --wait <seconds>             with answer flags: how long to wait for a referral not yet there (default 0)
  --json                       one JSON object per line: {"kind":"referral"|"answer"|"notice", ...}
  --no-prompt                  never ask, even on a terminal

Connection (flags win over the environment, the environment over the credentials file):
  --brokers <host:port,...>    KAFKA_BROKERS
  --username <name>            VT_PARTNER_USERNAME (default partner-<id>)
  --password <secret>          VT_PARTNER_PASSWORD; prefer the environment or the file to a flag
  --credentials <file>         VT_PARTNER_CREDENTIALS: lines KAFKA_BROKERS=…, VT_PARTNER_USERNAME=…,
                               VT_PARTNER_PASSWORD=…, TOPIC_PREFIX=… (as Veilig Thuis hands them out)
  --topic-prefix <prefix>      TOPIC_PREFIX, when the deployment puts one before every topic and group
  --ssl                        connect with TLS (VT_PARTNER_SSL=true)
  --as <name>                  who answers, recorded as answeredBy (VT_PARTNER_USER, default your login name)

Safety conditions (with --conditions; flags win over the environment, the environment over the credentials file):
  --service <url>              VT_SAFETY_INVESTIGATION_URL: Veilig Thuis's safety-investigation service
  --token <token>              VT_PARTNER_TOKEN: a bearer token of role partner naming this partner
  -h, --help                   this help

Without a password the connection is unauthenticated (a local development broker only).
`;

/** A mistake in how the command was called: exit code 2. */
export class PartnerUsageError extends Error {}

/**
 * A partner-side command's wrong usage (`PartnerUsageError`, or `parseArgs`' own): every problem on stderr, exit code
 * 2; anything else is thrown on. The same for `partner`, `signals` and `shelter`.
 */
export function partnerUsageFailure(command: string, error: unknown, io: CliIo): number {
  const usage = error instanceof PartnerUsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  if (!usage) throw error;
  io.stderr(`vt ${command}:${(error as Error).message.split('\n').map((line) => `\n  - ${line}`).join('')}\nRun \`npm run vt -- ${command} --help\` for its options.\n`);
  return 2;
}

export type Answer = { kind: 'accept' } | { kind: 'complete' } | { kind: 'decline'; reason: { code: DeclineReasonCode } };

export interface PartnerOptions {
  partnerId: string;
  brokers: string[];
  sasl?: { mechanism: 'scram-sha-512'; username: string; password: string };
  ssl: boolean;
  topicPrefix: string;
  referralsTopic: string;
  responsesTopic: string;
  groupId: string;
  /** Answers given on the command line, by referral id. */
  answers: Map<string, Answer>;
  /** Stop once caught up with what was on the topic at start. */
  once: boolean;
  /** Read from the beginning in a group that never commits. */
  all: boolean;
  waitMs: number;
  json: boolean;
  prompt: boolean;
  answeredBy: string;
  /** Read each referral's safety conditions over HTTP (`--conditions`): where, and with which token. */
  conditions?: { serviceUrl: string; token: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PARTNER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `KEY=VALUE` lines (blank lines and `#` comments ignored; values may be quoted). */
export function parseCredentialsFile(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at <= 0) continue;
    entries[line.slice(0, at).trim()] = line.slice(at + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return entries;
}

/** Turns the arguments (after `partner`) and the environment into options; every problem at once. */
export function parsePartnerArgs(args: string[], env: NodeJS.ProcessEnv, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): PartnerOptions | 'help' {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') return 'help';
  const { values } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: false,
    options: {
      partner: { type: 'string' },
      accept: { type: 'string', multiple: true },
      decline: { type: 'string', multiple: true },
      reason: { type: 'string' },
      complete: { type: 'string', multiple: true },
      once: { type: 'boolean' },
      'until-idle': { type: 'boolean' },
      all: { type: 'boolean' },
      wait: { type: 'string' },
      json: { type: 'boolean' },
      'no-prompt': { type: 'boolean' },
      brokers: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      credentials: { type: 'string' },
      'topic-prefix': { type: 'string' },
      ssl: { type: 'boolean' },
      as: { type: 'string' },
      conditions: { type: 'boolean' },
      service: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const problems: string[] = [];
  if (action !== 'consume') problems.push(`unknown action "${action}"; the action is consume`);

  const partnerId = values.partner ?? '';
  if (!values.partner) problems.push('--partner is missing (the partner id Veilig Thuis gave you, e.g. lokaal-team-gm0363)');
  else if (!PARTNER_ID.test(partnerId)) problems.push(`--partner "${partnerId}" must be lower-case letters, digits and single hyphens`);

  const credentialsPath = values.credentials ?? env['VT_PARTNER_CREDENTIALS'];
  let file: Record<string, string> = {};
  if (credentialsPath) {
    try {
      file = parseCredentialsFile(readFile(credentialsPath));
    } catch (error) {
      problems.push(`cannot read the credentials file ${credentialsPath}: ${(error as Error).message}`);
    }
  }
  const setting = (flag: string | undefined, name: string): string | undefined => {
    const value = [flag, env[name], file[name]].find((candidate) => candidate !== undefined && candidate.trim() !== '');
    return value?.trim();
  };

  const brokers = (setting(values.brokers, 'KAFKA_BROKERS') ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) problems.push('--brokers is missing (or KAFKA_BROKERS, or the credentials file): comma-separated host:port');
  for (const broker of brokers) if (!/^[^\s:]+:\d{1,5}$/.test(broker)) problems.push(`broker "${broker}" is not host:port`);

  const password = setting(values.password, 'VT_PARTNER_PASSWORD');
  const username = setting(values.username, 'VT_PARTNER_USERNAME') ?? `partner-${partnerId}`;
  if (values.username && !password) problems.push('--username needs a password (--password, VT_PARTNER_PASSWORD or the credentials file)');

  const topicPrefix = setting(values['topic-prefix'], 'TOPIC_PREFIX') ?? '';
  if (!/^[a-zA-Z0-9._-]*$/.test(topicPrefix)) problems.push(`the topic prefix may hold only letters, digits, '.', '_' and '-' (got "${topicPrefix}")`);

  const answers = new Map<string, Answer>();
  const add = (flag: string, ids: string[] | undefined, answer: Answer) => {
    for (const id of ids ?? []) {
      if (!UUID.test(id)) problems.push(`--${flag} "${id}" is not a referral id (a UUID)`);
      else if (answers.has(id.toLowerCase())) problems.push(`referral ${id} has more than one answer`);
      else answers.set(id.toLowerCase(), answer);
    }
  };
  add('accept', values.accept, { kind: 'accept' });
  add('complete', values.complete, { kind: 'complete' });
  if (values.decline?.length) {
    const code = values.reason;
    if (!code) problems.push(`--decline needs --reason (${DECLINE_REASON_CODES.join(', ')})`);
    else if (!(DECLINE_REASON_CODES as readonly string[]).includes(code)) problems.push(`--reason "${code}" is not one of ${DECLINE_REASON_CODES.join(', ')}`);
    add('decline', values.decline, { kind: 'decline', reason: { code: (code ?? 'anders') as DeclineReasonCode } });
  } else if (values.reason !== undefined) {
    problems.push('--reason goes with --decline');
  }

  let waitMs = 0;
  if (values.wait !== undefined) {
    if (!/^\d+$/.test(values.wait)) problems.push(`--wait must be whole seconds (got "${values.wait}")`);
    else waitMs = Number(values.wait) * 1000;
  }

  const answeredBy = setting(values.as, 'VT_PARTNER_USER') ?? safeLoginName();
  if (!answeredBy || answeredBy.length > 200) problems.push('--as must name who answers (1–200 characters)');

  let conditions: PartnerOptions['conditions'];
  if (values.conditions) {
    const serviceUrl = setting(values.service, 'VT_SAFETY_INVESTIGATION_URL');
    const token = setting(values.token, 'VT_PARTNER_TOKEN');
    if (!serviceUrl) problems.push('--conditions needs --service (or VT_SAFETY_INVESTIGATION_URL): the address of Veilig Thuis\'s safety-investigation service');
    else if (!isServiceUrl(serviceUrl)) problems.push(`--service "${serviceUrl}" must be an https:// address (http:// only on localhost)`);
    if (!token) problems.push('--conditions needs --token (or VT_PARTNER_TOKEN): a bearer token of role partner for this partner');
    if (serviceUrl && token && isServiceUrl(serviceUrl)) conditions = { serviceUrl: serviceUrl.replace(/\/+$/, ''), token };
  } else if (values.service !== undefined || values.token !== undefined) {
    problems.push('--service and --token go with --conditions');
  }

  if (problems.length > 0) throw new PartnerUsageError(problems.join('\n'));
  const all = Boolean(values.all) || Boolean(values.complete?.length);
  return {
    partnerId,
    brokers,
    ...(password ? { sasl: { mechanism: 'scram-sha-512' as const, username, password } } : {}),
    ssl: Boolean(values.ssl) || setting(undefined, 'VT_PARTNER_SSL') === 'true',
    topicPrefix,
    referralsTopic: `${topicPrefix}${partnerReferralsTopic(partnerId)}`,
    responsesTopic: `${topicPrefix}${partnerResponsesTopic(partnerId)}`,
    // The broker's ACLs allow the partner groups whose name starts with partner-<id>.
    groupId: `${topicPrefix}partner-${partnerId}${all ? '.lookup' : ''}`,
    answers,
    once: Boolean(values.once) || Boolean(values['until-idle']),
    all,
    waitMs,
    json: Boolean(values.json),
    prompt: !values['no-prompt'],
    answeredBy: answeredBy ?? '',
    ...(conditions ? { conditions } : {}),
  };
}

export function isServiceUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

/** A referral as Veilig Thuis issues it, in any version (v2 carries `safetyConditionCount` instead of the conditions). */
export function isReferralIssued(type: string): boolean {
  return type === PARTNER_REFERRAL_ISSUED || type === PARTNER_REFERRAL_ISSUED_V2;
}

/** What `GET /api/v1/partner/referrals/{id}/safety-conditions` answered: the conditions, or why not. */
export type ConditionsAnswer = { ok: true; conditions: string[]; recordedAt: string | null } | { ok: false; status: number; error: string; message: string };

/**
 * Reads a referral's safety conditions from Veilig Thuis with the partner's token (never from the topic: ADR 0020).
 * Veilig Thuis records the read as a disclosure; after the household's data was erased it answers 410.
 */
export async function fetchSafetyConditions(conditions: NonNullable<PartnerOptions['conditions']>, referralId: string, fetcher: typeof fetch = fetch): Promise<ConditionsAnswer> {
  let response: Response;
  try {
    response = await fetcher(`${conditions.serviceUrl}/api/v1/partner/referrals/${encodeURIComponent(referralId)}/safety-conditions`, { headers: { authorization: `Bearer ${conditions.token}`, accept: 'application/json' } });
  } catch (error) {
    return { ok: false, status: 0, error: 'unreachable', message: `cannot reach ${conditions.serviceUrl}: ${(error as Error).message}` };
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  if (response.ok && Array.isArray(body['conditions'])) return { ok: true, conditions: body['conditions'].map(String), recordedAt: typeof body['recordedAt'] === 'string' ? body['recordedAt'] : null };
  return { ok: false, status: response.status, error: String(body['error'] ?? response.statusText ?? 'error'), message: String(body['message'] ?? text.slice(0, 300)) };
}

/** The conditions as the partner reads them under its referral. */
export function renderConditions(referralId: string, answer: ConditionsAnswer): string {
  if (!answer.ok) return `  safety conditions of ${referralId} not read: ${answer.status ? `${answer.status} ` : ''}${answer.error}: ${answer.message}\n`;
  if (answer.conditions.length === 0) return '  safety conditions:  none\n';
  return `  safety conditions${answer.recordedAt ? ` (set ${answer.recordedAt})` : ''}:\n${answer.conditions.map((condition) => `    - ${condition}\n`).join('')}`;
}

function safeLoginName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(describeValue).join('; ');
  if (isRecord(value)) {
    const parts = Object.entries(value).map(([key, inner]) => `${key}: ${describeValue(inner)}`);
    return parts.join(', ');
  }
  return String(value);
}

const KNOWN = new Set(['referralId', 'householdReference', 'partnerId', 'partnerType', 'gemeenteCode', 'regionCode', 'disclosure', 'issuedAt', 'purpose', 'outcome', 'reason', 'persons', 'safetyConditions', 'safetyConditionCount', 'answerDueAt']);
const WITHDRAWN = 'nl.veiligthuis.partner.ReferralWithdrawn.v1';
const WITHDRAWAL_REASONS: Record<string, string> = { expired: 'it was not answered in time', rerouted: 'it went to another partner' };

/** A referral as the partner reads it on its screen. Fields this version does not know are shown too. */
export function renderReferral(event: { type: string; time?: string; data: unknown }): string {
  const data = isRecord(event.data) ? event.data : {};
  const lines: string[] = [];
  const row = (label: string, value: unknown) => lines.push(`  ${`${label}:`.padEnd(20)}${describeValue(value)}`);
  if (event.type === WITHDRAWN) {
    const why = WITHDRAWAL_REASONS[String(data['reason'])] ?? describeValue(data['reason']);
    return `Referral ${String(data['referralId'] ?? '(no referral id)')} withdrawn: ${why} (${describeValue(data['withdrawnAt'] ?? event.time)}); no answer needed\n`;
  }
  const title = isReferralIssued(event.type) ? 'Referral' : `Record of type ${event.type}`;
  lines.push(`${title} ${String(data['referralId'] ?? '(no referral id)')}`);
  row('type', event.type);
  if (data['issuedAt'] !== undefined || event.time) row('issued', data['issuedAt'] ?? event.time);
  // A reference for this partner only (docs/adr/0016): the same on every referral of the household to it, not VT's id.
  row('household', data['householdReference'] === undefined ? undefined : `${describeValue(data['householdReference'])} (your reference)`);
  const where = [data['partnerType'], data['gemeenteCode'] ? `gemeente ${String(data['gemeenteCode'])}` : undefined, data['regionCode'] ? `region ${String(data['regionCode'])}` : undefined].filter(Boolean).join(', ');
  row('for', `${String(data['partnerId'] ?? '—')}${where ? ` (${where})` : ''}`);
  if (data['purpose'] !== undefined) row('asked of you', data['purpose']);
  if (data['outcome'] !== undefined) row('following', data['outcome']);
  if (data['reason'] !== undefined) row('reason', data['reason']);
  if (data['answerDueAt'] !== undefined) row('answer by', data['answerDueAt']);
  const persons = data['persons'];
  if (Array.isArray(persons) && persons.length > 0) {
    row('persons', persons.map((person) => (isRecord(person) ? `${String(person['role'] ?? '?')} ${String(person['personId'] ?? '')}`.trim() : describeValue(person))).join('; '));
  }
  const disclosure = isRecord(data['disclosure']) ? data['disclosure'] : undefined;
  if (disclosure) {
    const fields = Array.isArray(disclosure['fields']) ? disclosure['fields'] : [];
    row('disclosed', fields.length > 0 ? fields.join(', ') : 'no personal data');
    row('legal basis', disclosure['legalBasis']);
    row('purpose', disclosure['purpose']);
  } else {
    row('disclosed', '(no disclosure recorded: ask Veilig Thuis before acting on this)');
  }
  const conditions = data['safetyConditions'];
  // From ReferralIssued v2 on the conditions never travel on the topic (docs/adr/0020), only how many there are.
  if (data['safetyConditionCount'] !== undefined) row('safety conditions', `${describeValue(data['safetyConditionCount'])} (not on this topic: read them from Veilig Thuis)`);
  if (Array.isArray(conditions) && conditions.length > 0) {
    lines.push('  safety conditions:');
    for (const condition of conditions) lines.push(`    - ${describeValue(condition)}`);
  } else if (conditions !== undefined && !Array.isArray(conditions)) {
    row('safety conditions', conditions);
  }
  const count = data['safetyConditionCount'];
  if (typeof count === 'number' && count > 0) row('safety conditions', `${count} (not on the topic: read them with --conditions)`);
  for (const [key, value] of Object.entries(data)) if (!KNOWN.has(key)) row(key, value);
  return `${lines.join('\n')}\n`;
}

const ANSWER_TYPES = {
  accept: PARTNER_REFERRAL_ACCEPTED,
  decline: PARTNER_REFERRAL_DECLINED_V2,
  complete: PARTNER_REFERRAL_COMPLETED,
} as const;

type AnswerEvent = DomainEvent<typeof PARTNER_REFERRAL_ACCEPTED | typeof PARTNER_REFERRAL_DECLINED_V2 | typeof PARTNER_REFERRAL_COMPLETED>;

/**
 * The partner's answer as a CloudEvent: source `/veilig-thuis/partner/<id>`, subject the referral id,
 * `householdid` and `data.householdReference` the household reference the partner received (its own
 * pseudonymous reference, docs/adr/0016; it never sees VT's household id), caused by the referral event it
 * answers. The referral service refuses an answer whose reference is not the referral's.
 */
export function answerEvent(input: {
  partnerId: string;
  referral: { id: string; correlationid?: string; referralId: string; householdReference: string };
  answer: Answer;
  answeredBy: string;
  now: Date;
}): AnswerEvent {
  const common = { referralId: input.referral.referralId, partnerId: input.partnerId, householdReference: input.referral.householdReference, answeredAt: input.now.toISOString(), answeredBy: input.answeredBy };
  const base = {
    service: `partner/${input.partnerId}`,
    householdId: input.referral.householdReference,
    time: input.now,
    subject: input.referral.referralId,
    causedBy: { id: input.referral.id, correlationid: input.referral.correlationid ?? input.referral.id },
  };
  const answer = input.answer;
  if (answer.kind === 'decline') return newEvent({ ...base, type: PARTNER_REFERRAL_DECLINED_V2, data: { ...common, reason: answer.reason } });
  return newEvent({ ...base, type: ANSWER_TYPES[answer.kind], data: common });
}

/** The broker's error types anywhere in a kafkajs error (on it, its cause, or an aggregate). */
function errorTypes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const record = error as { type?: unknown; cause?: unknown; errors?: unknown; originalError?: unknown; name?: unknown };
  const own = error instanceof KafkaJSProtocolError || typeof record.type === 'string' ? [String(record.type)] : [];
  const named = typeof record.name === 'string' ? [record.name] : [];
  const nested = Array.isArray(record.errors) ? record.errors : [];
  return [...own, ...named, ...errorTypes(record.cause, seen), ...errorTypes(record.originalError, seen), ...nested.flatMap((inner: unknown) => errorTypes(inner, seen))];
}

/** A message a partner can act on for the usual connection failures; the original otherwise. */
export function explainKafkaError(error: unknown, options: Pick<PartnerOptions, 'partnerId' | 'referralsTopic' | 'responsesTopic' | 'groupId' | 'sasl' | 'brokers'>, topic?: string): string {
  const types = errorTypes(error);
  const message = error instanceof Error ? error.message : String(error);
  if (types.includes('TOPIC_AUTHORIZATION_FAILED')) return `the broker refused partner ${options.partnerId} access to ${topic ?? options.referralsTopic}: check the credentials`;
  if (types.includes('GROUP_AUTHORIZATION_FAILED')) return `the broker refused partner ${options.partnerId} the consumer group ${options.groupId}: check the credentials`;
  if (types.includes('KafkaJSSASLAuthenticationError') || /SASL .*authentication failed/i.test(message)) {
    return `the broker did not accept the credentials of ${options.sasl?.username ?? `partner-${options.partnerId}`}: check the user name and password`;
  }
  if (types.includes('UNKNOWN_TOPIC_OR_PARTITION')) return `${topic ?? options.referralsTopic} does not exist (yet): Veilig Thuis creates a partner's topics when it registers the partner`;
  if (types.includes('KafkaJSConnectionError') || (types.includes('KafkaJSNumberOfRetriesExceeded') && /ECONNREFUSED|Connection error/i.test(message))) {
    return `cannot reach the broker at ${options.brokers.join(',')}: ${message}`;
  }
  return message;
}

export interface PartnerDeps {
  now(): Date;
  /** Asks a question on the terminal; undefined when there is none. */
  ask?: (question: string) => Promise<string>;
  /** Resolves when the user interrupts (Ctrl-C): the command stops cleanly. */
  interrupted?: Promise<void>;
  /** HTTP for `--conditions` (tests pass their own). */
  fetch?: typeof fetch;
}

interface Tracking {
  /** Per partition: the first offset not yet handled, and the handled offsets beyond it. */
  next: Map<number, number>;
  handled: Map<number, Set<number>>;
  /** Per partition: the offset after the last record read. */
  position: Map<number, number>;
  /** Per partition with pending records at start: the end of the topic then. */
  end: Map<number, number>;
}

async function askAnswer(ask: (question: string) => Promise<string>, io: CliIo): Promise<Answer | 'skip' | 'quit'> {
  for (;;) {
    const choice = (await ask('[a]ccept, [d]ecline, [s]kip, [q]uit? ')).trim().toLowerCase();
    if (choice === 'a' || choice === 'accept') return { kind: 'accept' };
    if (choice === 's' || choice === 'skip' || choice === '') return 'skip';
    if (choice === 'q' || choice === 'quit') return 'quit';
    if (choice === 'd' || choice === 'decline') {
      const codes = DECLINE_REASON_CODES.map((code, i) => `${i + 1}) ${code}`).join('  ');
      let code: DeclineReasonCode | undefined;
      while (!code) {
        const picked = (await ask(`reason: ${codes}? `)).trim();
        code = DECLINE_REASON_CODES[Number(picked) - 1] ?? DECLINE_REASON_CODES.find((known) => known === picked);
        if (!code) io.stderr(`  pick a number 1–${DECLINE_REASON_CODES.length} or a code\n`);
      }
      return { kind: 'decline', reason: { code } };
    }
    io.stderr('  answer a, d, s or q\n');
  }
}

/**
 * `vt partner consume`: reads the partner's referrals in its consumer group and writes its answers.
 * Only answered (or unreadable) records are committed, so a skipped referral is shown again next time.
 */
export async function runPartner(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, deps: PartnerDeps = { now: () => new Date() }): Promise<number> {
  let options: PartnerOptions | 'help';
  try {
    options = parsePartnerArgs(args, env);
  } catch (error) {
    return partnerUsageFailure('partner', error, io);
  }
  if (options === 'help') {
    io.stdout(PARTNER_HELP);
    return 0;
  }
  const opts = options;
  const ask = opts.prompt && opts.answers.size === 0 ? deps.ask : undefined;
  const notice = (text: string) => (opts.json ? io.stdout(`${JSON.stringify({ kind: 'notice', message: text })}\n`) : io.stderr(`${text}\n`));

  const kafka = new Kafka({
    clientId: `vt-cli-partner-${opts.partnerId}`,
    brokers: opts.brokers,
    ...(opts.sasl ? { sasl: opts.sasl } : {}),
    ...(opts.ssl ? { ssl: true } : {}),
    connectionTimeout: 5000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    // Refusals are explained below in words a partner can act on; kafkajs' own lines would only alarm.
    logLevel: logLevel.NOTHING,
  });

  let stage: 'connect' | 'read' | 'write' = 'connect';
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  const admin = kafka.admin();
  try {
    await admin.connect();
    stage = 'read';
    const topicOffsets = await admin.fetchTopicOffsets(opts.referralsTopic);
    const committed = opts.all ? [] : ((await admin.fetchOffsets({ groupId: opts.groupId, topics: [opts.referralsTopic] }))[0]?.partitions ?? []);
    await admin.disconnect();

    const tracking: Tracking = { next: new Map(), handled: new Map(), position: new Map(), end: new Map() };
    for (const { partition, low, high } of topicOffsets) {
      const at = committed.find((entry) => entry.partition === partition)?.offset;
      const start = at !== undefined && Number(at) >= 0 ? Number(at) : Number(low);
      if (start < Number(high)) tracking.end.set(partition, Number(high));
    }
    const caughtUp = () => [...tracking.end].every(([partition, end]) => (tracking.position.get(partition) ?? 0) >= end);
    const waiting = new Set(opts.answers.keys());

    if (opts.once && opts.answers.size === 0 && tracking.end.size === 0) {
      notice(`no referrals waiting for ${opts.partnerId} on ${opts.referralsTopic}`);
      return 0;
    }

    stage = 'write';
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    stage = 'read';
    const activeConsumer = kafka.consumer({ groupId: opts.groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false, sessionTimeout: 30_000, heartbeatInterval: 3000 });
    consumer = activeConsumer;
    const activeProducer = producer;

    let finish!: (code: number) => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<number>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    let stopping = false;
    let deadline: NodeJS.Timeout | undefined;
    const stop = (code: number) => {
      stopping = true;
      if (deadline) clearTimeout(deadline);
      finish(code);
    };
    const checkFinished = () => {
      if (stopping) return;
      if (opts.answers.size > 0) {
        if (waiting.size === 0) return stop(0);
        if (caughtUp() && !deadline) {
          deadline = setTimeout(() => {
            notice(`not found among the referrals of ${opts.partnerId}${opts.all ? '' : ' still waiting for an answer'}: ${[...waiting].join(', ')}`);
            stop(1);
          }, opts.waitMs);
        }
        return;
      }
      if (opts.once && caughtUp()) stop(0);
    };
    void deps.interrupted?.then(() => stop(0));

    const markHandled = async (partition: number, offset: number) => {
      if (opts.all) return;
      const handled = tracking.handled.get(partition) ?? new Set<number>();
      tracking.handled.set(partition, handled);
      handled.add(offset);
      let next = tracking.next.get(partition) ?? offset;
      const before = next;
      while (handled.delete(next)) next += 1;
      tracking.next.set(partition, next);
      if (next > before) await activeConsumer.commitOffsets([{ topic: opts.referralsTopic, partition, offset: String(next) }]);
    };

    activeConsumer.on(activeConsumer.events.CRASH, (event) => fail(event.payload.error));
    await activeConsumer.connect();
    await activeConsumer.subscribe({ topics: [opts.referralsTopic], fromBeginning: true });
    await activeConsumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message, heartbeat }) => {
        if (stopping) return;
        const offset = Number(message.offset);
        if (!tracking.next.has(partition)) tracking.next.set(partition, offset);
        let event: { id: string; type: string; time?: string; correlationid?: string; data: unknown } | undefined;
        try {
          const parsed = JSON.parse(message.value?.toString('utf8') ?? '') as unknown;
          if (isRecord(parsed) && typeof parsed['type'] === 'string' && typeof parsed['id'] === 'string' && isRecord(parsed['data'])) event = parsed as typeof event;
        } catch {
          event = undefined;
        }
        if (!event) {
          notice(`partition ${partition} offset ${offset}: not a CloudEvent, passed over`);
          await markHandled(partition, offset);
        } else {
          const data = event.data as Record<string, unknown>;
          const referralId = typeof data['referralId'] === 'string' ? data['referralId'].toLowerCase() : undefined;
          const householdReference = typeof data['householdReference'] === 'string' ? data['householdReference'] : undefined;
          if (opts.json) io.stdout(`${JSON.stringify({ kind: 'referral', partition, offset, event })}\n`);
          else io.stdout(`\n${renderReferral(event)}`);
          const count = data['safetyConditionCount'];
          if (opts.conditions && isReferralIssued(event.type) && referralId && typeof count === 'number' && count > 0) {
            const answer = await fetchSafetyConditions(opts.conditions, referralId, deps.fetch);
            if (opts.json) io.stdout(`${JSON.stringify({ kind: 'conditions', referralId, ...answer })}\n`);
            else io.stdout(renderConditions(referralId, answer));
          }

          if (!isReferralIssued(event.type) || !referralId || !householdReference) {
            await markHandled(partition, offset);
          } else {
            let answer: Answer | 'skip' | 'quit' = opts.answers.get(referralId) ?? 'skip';
            if (ask) {
              const beat = setInterval(() => void heartbeat().catch(() => undefined), 3000);
              try {
                answer = await askAnswer(ask, io);
              } finally {
                clearInterval(beat);
              }
            }
            if (answer === 'quit') return stop(0);
            if (answer !== 'skip') {
              const answered = answerEvent({ partnerId: opts.partnerId, referral: { id: event.id, ...(event.correlationid ? { correlationid: event.correlationid } : {}), referralId, householdReference }, answer, answeredBy: opts.answeredBy, now: deps.now() });
              stage = 'write';
              await activeProducer.send({
                topic: opts.responsesTopic,
                acks: -1,
                messages: [
                  {
                    key: householdReference,
                    value: JSON.stringify(answered),
                    headers: { [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE, [HEADERS.eventId]: answered.id, [HEADERS.eventType]: answered.type },
                  },
                ],
              });
              stage = 'read';
              if (opts.json) io.stdout(`${JSON.stringify({ kind: 'answer', event: answered })}\n`);
              else io.stdout(`  → ${answered.type.replace(/^nl\.veiligthuis\.partner\./, '')} written to ${opts.responsesTopic}\n`);
              waiting.delete(referralId);
              await markHandled(partition, offset);
            }
          }
        }
        tracking.position.set(partition, offset + 1);
        checkFinished();
      },
    });
    checkFinished();
    return await done;
  } catch (error) {
    io.stderr(`vt partner: ${explainKafkaError(error, opts, stage === 'write' ? opts.responsesTopic : opts.referralsTopic)}\n`);
    return 1;
  } finally {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

/** The terminal wiring of `runPartner`: a prompt when stdin is a terminal, Ctrl-C stops cleanly. */
export async function runPartnerFromShell(args: string[], io: CliIo): Promise<number> {
  const terminal = process.stdin.isTTY === true;
  const lines = terminal ? createInterface({ input: process.stdin, output: process.stderr }) : undefined;
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    lines?.once('SIGINT', () => resolve());
  });
  try {
    return await runPartner(args, io, process.env, {
      now: () => new Date(),
      ...(lines ? { ask: (question: string) => lines.question(question) } : {}),
      interrupted,
    });
  } finally {
    lines?.close();
  }
}
