import { parseArgs } from 'node:util';
import { createDevIssuer, defaultDevIssuerDir } from '@vt/auth';
import { ERASURE_REASONS } from '@vt/contracts';
import type { CliIo } from './cli';

export const PRIVACY_HELP = `Usage: npm run -s vt -- privacy erase --person <id> --reason <code> [--request <id>] [--service <url>] [--token <jwt>]
       npm run -s vt -- privacy request --person <id> [--received-at <date-time>] [--service <url>] [--token <jwt>]
       npm run -s vt -- privacy erase-household --household <id> --reason <code> [--service <url>] [--token <jwt>]

For privacy officers (docs/adr/0007). Talks to intake, which owns the person registry.
  erase     destroys the person's data key (crypto-shredding): their fields in every record on every topic,
            in every replay, read as erased from now on; intake clears what it keeps of them and records
            PersonDataErased, and every service holding a key of its own destroys it. Cannot be undone.
  request   records a destruction request and starts its 3-month clock (Wmo 2015 art. 5.3.5); prints the
            due date. An erase of that person later carries it out.
  erase-household
            destroys the household's own data key: the free text about the household as a whole (assessment
            reasoning, safety conditions, monitoring reasons, explanations, crisis notes; docs/adr/0020) reads
            as erased everywhere from now on; intake records HouseholdDataErased and every service destroys
            its copy. The persons are erased one by one with erase. Cannot be undone.

Options:
  --household <id>         the household's id (erase-household), as every event of its dossier names it
  --person <id>            the person's (or melder's) id, as the melding read or MeldingReceived names it; on
                           an adviesvraag a person's id or the adviesvrager's, as GET /api/v1/adviesvragen/<id> tells
  --reason <code>          ${ERASURE_REASONS.join(', ')}
  --request <id>           the destruction request this erasure carries out (default: the person's open one)
  --received-at <time>     when the request reached Veilig Thuis (ISO 8601; default now)
  --service <url>          intake (default http://127.0.0.1:3001)
  --token <jwt>            a bearer token with role privacy-officer or admin; without it, in development,
                           one from the local dev issuer
  -h, --help               this help
`;

function devToken(): Promise<string> {
  return createDevIssuer(defaultDevIssuerDir()).issueTokenAsync({ subject: 'dev-privacy-officer', roles: ['privacy-officer'], regions: ['*'], ttlSeconds: 300 });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `vt privacy …`: exit 0 done, 1 the service refused or could not be reached, 2 a usage mistake. */
export async function runPrivacy(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h') {
    (action === undefined ? io.stderr : io.stdout)(PRIVACY_HELP);
    return action === undefined ? 2 : 0;
  }
  let values: { household?: string; person?: string; reason?: string; request?: string; 'received-at'?: string; service?: string; token?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        household: { type: 'string' },
        person: { type: 'string' },
        reason: { type: 'string' },
        request: { type: 'string' },
        'received-at': { type: 'string' },
        service: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`vt privacy: ${(error as Error).message}\nRun \`npm run vt -- privacy --help\` for its options.\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(PRIVACY_HELP);
    return 0;
  }
  const problems: string[] = [];
  if (action !== 'erase' && action !== 'request' && action !== 'erase-household') problems.push(`unknown action "${action}"; use erase, request or erase-household`);
  if (action === 'erase-household') {
    if (!values.household) problems.push('--household is missing (the household id)');
    else if (!UUID.test(values.household)) problems.push(`--household must be a UUID (got "${values.household}")`);
    if (values.person !== undefined) problems.push('--person goes with erase or request; erase-household takes --household');
  } else if (!values.person) problems.push('--person is missing (the person id from MeldingReceived)');
  else if (!UUID.test(values.person)) problems.push(`--person must be a UUID (got "${values.person}")`);
  if (action === 'erase' || action === 'erase-household') {
    if (!values.reason) problems.push(`--reason is missing (one of ${ERASURE_REASONS.join(', ')})`);
    else if (!(ERASURE_REASONS as readonly string[]).includes(values.reason)) problems.push(`--reason must be one of ${ERASURE_REASONS.join(', ')} (got "${values.reason}")`);
    if (values.request !== undefined && !UUID.test(values.request)) problems.push(`--request must be a UUID (got "${values.request}")`);
  }
  if (action === 'request' && values['received-at'] !== undefined && Number.isNaN(Date.parse(values['received-at']))) problems.push(`--received-at must be an ISO 8601 date-time (got "${values['received-at']}")`);
  if (problems.length > 0) {
    io.stderr(`vt privacy:${problems.map((problem) => `\n  - ${problem}`).join('')}\nRun \`npm run vt -- privacy --help\` for its options.\n`);
    return 2;
  }
  const service = (values.service ?? 'http://127.0.0.1:3001').replace(/\/$/, '');
  const body =
    action === 'erase-household'
      ? { householdId: values.household, reason: values.reason }
      : action === 'erase'
        ? { personId: values.person, reason: values.reason, ...(values.request ? { requestId: values.request } : {}) }
        : { personId: values.person, ...(values['received-at'] ? { receivedAt: new Date(values['received-at']).toISOString() } : {}) };
  const path = action === 'erase-household' ? 'household-erasures' : action === 'erase' ? 'erasures' : 'erasure-requests';
  let response: Response;
  try {
    response = await fetch(`${service}/api/v1/privacy/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${values.token ?? (await devToken())}` },
      body: JSON.stringify(body),
    });
  } catch (error) {
    io.stderr(`vt privacy ${action}: cannot reach intake at ${service}: ${(error as Error).message}\n`);
    return 1;
  }
  const text = await response.text();
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    answer = { message: text };
  }
  if (!response.ok) {
    const fields = Array.isArray(answer['fields']) ? (answer['fields'] as { path: string; message: string }[]).map((f) => `\n  - ${f.path}: ${f.message}`).join('') : '';
    io.stderr(`vt privacy ${action}: ${response.status} ${String(answer['error'] ?? '')} ${String(answer['message'] ?? '')}${fields}\n`.replace(/ +\n/, '\n'));
    return 1;
  }
  if (action === 'erase-household') {
    io.stdout(
      `Erased the own data of household ${String(answer['householdId'])} at ${String(answer['erasedAt'])}\n` +
        `  reason ${String(answer['reason'])} (${String(answer['legalBasis'])}); its free text now reads as erased everywhere; erasure ${String(answer['erasureId'])}\n`,
    );
  } else if (action === 'erase') {
    io.stdout(
      `Erased ${String(answer['subjectKind'])} ${String(answer['personId'])} of household ${String(answer['householdId'])} at ${String(answer['erasedAt'])}\n` +
        `  reason ${String(answer['reason'])} (${String(answer['legalBasis'])})${answer['requestId'] ? `, carrying out request ${String(answer['requestId'])}` : ''}\n` +
        `  the data key is destroyed: their fields in every record and replay now read as erased; erasure ${String(answer['erasureId'])}\n`,
    );
  } else {
    io.stdout(
      `Destruction request ${String(answer['requestId'])} for person ${String(answer['personId'])} recorded (received ${String(answer['receivedAt'])})\n` +
        `  due by the end of ${String(answer['dueLocalDate'])} (${String(answer['legalBasis'])}); approaching from ${String(answer['approachingAt'])}\n`,
    );
  }
  io.stdout(`${JSON.stringify(answer)}\n`);
  return 0;
}
