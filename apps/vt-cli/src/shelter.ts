import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  SHELTER_DECLINE_REASONS,
  SHELTER_DESTINATIONS,
  SHELTER_PLACE_REQUEST_WITHDRAWN,
  SHELTER_PLACE_REQUESTED,
  SHELTER_PROGRAMMES,
  shelterOffersTopic,
} from '@vt/contracts';
import type { CliIo } from './cli';
import { OwnTopicConnection, ownTopicConnection, PARTNER_SIDE_OPTIONS, PartnerHttp, partnerHttp, readOwnTopic, callPartnerService, describeProblem } from './own-topic';
import { PartnerUsageError, partnerUsageFailure } from './partner';

export const SHELTER_HELP = `Usage: npm run -s vt -- shelter <offers|capacity|answer|stay> --shelter <id> [options]

What a shelter (a vrouwenopvang partner of the directory) runs in shelter placement (docs/adr/0040). Requests for a
place arrive on the shelter's own topic without anything that identifies the household; the shelter answers, reports
its places and the stay's instroom, doorstroom and uitstroom over HTTP.

Actions:
  offers    [--once] [--all] [--json]
            read the requests for a place offered to the shelter (urgency, persons, answer due, whom to call back)
            and their withdrawal, from vt.shelter.<id>.offers.v1 as partner-<id>. Follows until Ctrl-C.
  capacity  --total <places> --free <places>
            report the shelter's places in all and free now (persons; count every placement it accepted)
  answer    --placement <id> (--accept | --decline --reason <${SHELTER_DECLINE_REASONS.join('|')}>)
  stay      --placement <id> --start [--at <time>]
            --placement <id> --move-to <shelterId> --programme <${SHELTER_PROGRAMMES.join('|')}> [--at <time>]
            --placement <id> --end --destination <${SHELTER_DESTINATIONS.join('|')}> [--at <time>]
            instroom, doorstroom (to another shelter, or another programme at this one), uitstroom; --at is when it
            happened (ISO 8601 with a time zone; default now)

Options:
  --shelter <id>             the shelter's partner id (e.g. vrouwenopvang-drenthe)
  --service <url>            VT_SHELTER_PLACEMENT_URL: the shelter-placement service (https://; http:// only on localhost)
  --token <token>            VT_PARTNER_TOKEN: a bearer token of role partner naming this shelter
  --brokers, --username, --password, --credentials, --topic-prefix, --ssl: as \`partner consume\` (offers)
  --json                     one JSON object per line
  -h, --help                 this help
`;

const PARTNER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Http = PartnerHttp;

/** One HTTP call of the shelter: its method, path and body. */
export interface ShelterCall {
  method: 'PUT' | 'POST';
  path: string;
  body: Record<string, unknown>;
}

export type ShelterOptions =
  | { action: 'offers'; shelterId: string; json: boolean; connection: OwnTopicConnection; topic: string; groupId: string; once: boolean; all: boolean }
  | { action: 'capacity' | 'answer' | 'stay'; shelterId: string; json: boolean; http: Http; call: ShelterCall };

const oneOf = (values: readonly string[], value: string | undefined): boolean => value !== undefined && values.includes(value);

/** Turns the arguments (after `shelter`) and the environment into options; every problem at once. */
export function parseShelterArgs(args: string[], env: NodeJS.ProcessEnv, now: () => Date = () => new Date(), readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): ShelterOptions | 'help' {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') return 'help';
  const { values } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: false,
    options: {
      shelter: { type: 'string' },
      once: { type: 'boolean' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      total: { type: 'string' },
      free: { type: 'string' },
      placement: { type: 'string' },
      accept: { type: 'boolean' },
      decline: { type: 'boolean' },
      reason: { type: 'string' },
      start: { type: 'boolean' },
      'move-to': { type: 'string' },
      programme: { type: 'string' },
      end: { type: 'boolean' },
      destination: { type: 'string' },
      at: { type: 'string' },
      ...PARTNER_SIDE_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const problems: string[] = [];
  const actions = ['offers', 'capacity', 'answer', 'stay'] as const;
  if (!oneOf(actions, action)) problems.push(`unknown action "${action}"; the actions are ${actions.join(', ')}`);
  const shelterId = values.shelter ?? '';
  if (!values.shelter) problems.push('--shelter is missing (the shelter\'s partner id, e.g. vrouwenopvang-drenthe)');
  else if (!PARTNER_ID.test(shelterId)) problems.push(`--shelter "${shelterId}" must be lower-case letters, digits and single hyphens`);
  const only = (flags: Record<string, unknown>, forActions: string[]) => {
    for (const [flag, value] of Object.entries(flags)) if (value !== undefined && !forActions.includes(action)) problems.push(`--${flag} goes with ${forActions.join(' or ')}`);
  };
  only({ once: values.once, all: values.all, brokers: values.brokers, username: values.username, password: values.password, 'topic-prefix': values['topic-prefix'], ssl: values.ssl }, ['offers']);
  only({ total: values.total, free: values.free }, ['capacity']);
  only({ accept: values.accept, decline: values.decline, reason: values.reason }, ['answer']);
  only({ start: values.start, 'move-to': values['move-to'], programme: values.programme, end: values.end, destination: values.destination, at: values.at }, ['stay']);
  only({ placement: values.placement }, ['answer', 'stay']);
  const json = Boolean(values.json);

  if (action === 'offers') {
    if (values.service !== undefined || values.token !== undefined) problems.push('--service and --token go with capacity, answer and stay');
    const connection = ownTopicConnection(shelterId, values, env, readFile, problems);
    if (problems.length > 0) throw new PartnerUsageError(problems.join('\n'));
    const all = Boolean(values.all);
    return {
      action,
      shelterId,
      json,
      connection,
      topic: `${connection.topicPrefix}${shelterOffersTopic(shelterId)}`,
      groupId: `${connection.topicPrefix}partner-${shelterId}.offers${all ? '.lookup' : ''}`,
      once: Boolean(values.once),
      all,
    };
  }

  const http = partnerHttp(values, env, readFile, problems, { urlVariable: 'VT_SHELTER_PLACEMENT_URL', name: 'shelter-placement', whose: 'shelter' });

  const count = (flag: 'total' | 'free'): number | undefined => {
    const value = values[flag];
    if (value === undefined) problems.push(`--${flag} is missing (a whole number of places, persons)`);
    else if (!/^\d{1,5}$/.test(value)) problems.push(`--${flag} must be a whole number of places (got "${value}")`);
    else return Number(value);
    return undefined;
  };
  const placement = (): string => {
    const id = values.placement ?? '';
    if (!values.placement) problems.push('--placement is missing (the placement id of the request)');
    else if (!UUID.test(id)) problems.push(`--placement "${id}" is not a placement id (a UUID)`);
    return id.toLowerCase();
  };
  const at = (): string => {
    if (values.at === undefined) return now().toISOString();
    if (!/[zZ]|[+-]\d{2}:\d{2}$/.test(values.at) || Number.isNaN(Date.parse(values.at))) problems.push(`--at must be an ISO 8601 time with a time zone (got "${values.at}")`);
    return values.at;
  };

  let call: ShelterCall | undefined;
  if (action === 'capacity') {
    const [total, free] = [count('total'), count('free')];
    if (total !== undefined && free !== undefined && free > total) problems.push(`--free (${free}) cannot be more than --total (${total})`);
    call = { method: 'PUT', path: `/api/v1/shelters/${shelterId}/capacity`, body: { totalPlaces: total, freePlaces: free } };
  } else if (action === 'answer') {
    const id = placement();
    if (Boolean(values.accept) === Boolean(values.decline)) problems.push('give one answer: --accept or --decline');
    if (values.decline && !oneOf(SHELTER_DECLINE_REASONS, values.reason)) problems.push(`--decline needs --reason: one of ${SHELTER_DECLINE_REASONS.join(', ')}`);
    if (values.accept && values.reason !== undefined) problems.push('--reason goes with --decline');
    call = { method: 'POST', path: `/api/v1/shelter-placements/${id}/answer`, body: values.accept ? { accepted: true } : { accepted: false, reason: values.reason } };
  } else if (action === 'stay') {
    const id = placement();
    const kinds = [values.start, values['move-to'] !== undefined, values.end].filter(Boolean).length;
    if (kinds !== 1) problems.push('say what happened: one of --start, --move-to <shelterId>, --end');
    if (values['move-to'] !== undefined) {
      if (!PARTNER_ID.test(values['move-to'])) problems.push(`--move-to "${values['move-to']}" is not a shelter's partner id`);
      if (!oneOf(SHELTER_PROGRAMMES, values.programme)) problems.push(`--move-to needs --programme: one of ${SHELTER_PROGRAMMES.join(', ')}`);
    } else if (values.programme !== undefined) problems.push('--programme goes with --move-to');
    if (values.end && !oneOf(SHELTER_DESTINATIONS, values.destination)) problems.push(`--end needs --destination: one of ${SHELTER_DESTINATIONS.join(', ')}`);
    else if (!values.end && values.destination !== undefined) problems.push('--destination goes with --end');
    const when = at();
    call = values.start
      ? { method: 'POST', path: `/api/v1/shelter-placements/${id}/stay-start`, body: { startedAt: when } }
      : values.end
        ? { method: 'POST', path: `/api/v1/shelter-placements/${id}/stay-end`, body: { destination: values.destination, endedAt: when } }
        : { method: 'POST', path: `/api/v1/shelter-placements/${id}/stay-move`, body: { toShelterId: values['move-to'], programme: values.programme, movedAt: when } };
  }
  if (problems.length > 0 || !call || !http) throw new PartnerUsageError(problems.join('\n'));
  return { action: action as 'capacity' | 'answer' | 'stay', shelterId, json, http, call };
}

/** A request for a place, or its withdrawal, as the shelter reads it. */
export function renderOffer(type: string, data: Record<string, unknown>): string {
  if (type === SHELTER_PLACE_REQUEST_WITHDRAWN) {
    const why = data['reason'] === 'lapsed' ? 'it was not answered in time' : 'Veilig Thuis cancelled it';
    return `request ${String(data['placementId'])} withdrawn (${String(data['withdrawnAt'])}): ${why}\n\n`;
  }
  const places = (data['places'] ?? {}) as Record<string, unknown>;
  const contact = (data['contact'] ?? {}) as Record<string, unknown>;
  return [
    `request ${String(data['placementId'])}: ${String(data['urgency'])}, ${String(places['adults'])} adult(s) and ${String(places['children'])} child(ren)`,
    `  offered:     ${String(data['offeredAt'])}`,
    `  answer by:   ${String(data['answerDueAt'])}   (npm run vt -- shelter answer --placement ${String(data['placementId'])} --accept | --decline --reason …)`,
    `  call back:   ${String(contact['name'])}, ${String(contact['phone'])} (${String(data['requestingRegion'])})`,
    '',
    '',
  ].join('\n');
}

export interface ShelterDeps {
  now?: () => Date;
  fetch?: typeof fetch;
  interrupted?: Promise<void>;
}

export async function runShelter(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, deps: ShelterDeps = {}): Promise<number> {
  let options: ShelterOptions | 'help';
  try {
    options = parseShelterArgs(args, env, deps.now);
  } catch (error) {
    return partnerUsageFailure('shelter', error, io);
  }
  if (options === 'help') {
    io.stdout(SHELTER_HELP);
    return 0;
  }
  if (options.action === 'offers') {
    const opts = options;
    return readOwnTopic(
      {
        connection: opts.connection,
        topic: opts.topic,
        groupId: opts.groupId,
        once: opts.once,
        all: opts.all,
        json: opts.json,
        what: 'requests for a place',
        ...(deps.interrupted ? { interrupted: deps.interrupted } : {}),
        onEvent: (event, at) => {
          if (event.type !== SHELTER_PLACE_REQUESTED && event.type !== SHELTER_PLACE_REQUEST_WITHDRAWN) io.stderr(`partition ${at.partition} offset ${at.offset}: ${event.type} passed over\n`);
          else if (opts.json) io.stdout(`${JSON.stringify({ kind: event.type === SHELTER_PLACE_REQUESTED ? 'request' : 'withdrawn', ...at, event })}\n`);
          else io.stdout(renderOffer(event.type, event.data));
        },
      },
      io,
    );
  }
  const { http, call } = options;
  const { status, body } = await callPartnerService(http, call.method, call.path, call.body, deps.fetch ?? fetch);
  if (status >= 300) {
    io.stderr(`vt shelter ${options.action}: ${describeProblem(status, body)}\n`);
    return 1;
  }
  if (options.json) io.stdout(`${JSON.stringify(body)}\n`);
  else if (options.action === 'capacity') io.stdout(`${options.shelterId}: ${String(body['freePlaces'])} of ${String(body['totalPlaces'])} places free reported; ${String(body['offered'])} waiting request(s) offered to you now\n`);
  else io.stdout(`placement ${String(body['placementId'])}: ${String(body['status'])}${body['programme'] ? ` (${String(body['programme'])})` : ''}\n`);
  return 0;
}

/** The terminal wiring: Ctrl-C stops following cleanly. */
export function runShelterFromShell(args: string[], io: CliIo): Promise<number> {
  const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  return runShelter(args, io, process.env, { interrupted });
}
