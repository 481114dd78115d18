import { parseArgs } from 'node:util';
import { createDevIssuer, defaultDevIssuerDir } from '@vt/auth';
import type { CliIo } from './cli';

export const DLQ_HELP = `Usage: npm run -s vt -- dlq list --service <url> [--token <jwt>]
       npm run -s vt -- dlq redrive --service <url> --household <id> [--group <consumer group>]
                                [--discard <id>=<reason>]... [--token <jwt>]

For operators: the households a service has parked behind a dead letter, and re-driving them once the
cause is fixed (docs/adr/0002). \`list\` also shows each consumer group's state and the topics the service's
outbox relay cannot publish to (blockedTopics: a missing ACL, a deleted topic; docs/adr/0026) — their events
wait in order and go out by themselves once the cause is fixed. Talks to the service's /admin/dead-letters endpoints, which need the
admin role: without --token, a token from the local dev issuer is used (development only).

Options:
  --service <url>        the service, e.g. http://127.0.0.1:3002 for crisis-triage
  --household <id>       the parked household to re-drive
  --group <name>         the consumer group, when the service has more than one
  --discard <id>=<why>   drop that dead letter (event id, or topic:partition:offset) instead of applying it,
                         recording why; repeat for several
  --token <jwt>          a bearer token with the admin role
  -h, --help             this help
`;

function adminToken(): Promise<string> {
  return createDevIssuer(defaultDevIssuerDir()).issueTokenAsync({ subject: 'dev-operator', roles: ['admin'], regions: ['*'], ttlSeconds: 300 });
}

/** `vt dlq …`: prints the service's JSON answer; exit 1 when the service refuses, 2 for a usage mistake. */
export async function runDlq(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: false,
    options: {
      service: { type: 'string' },
      household: { type: 'string' },
      group: { type: 'string' },
      discard: { type: 'string', multiple: true },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || action === '--help' || action === '-h') {
    io.stdout(DLQ_HELP);
    return 0;
  }
  if ((action !== 'list' && action !== 'redrive') || !values.service || (action === 'redrive' && !values.household)) {
    io.stderr(`vt dlq: give list or redrive, --service, and for redrive --household\n\n${DLQ_HELP}`);
    return 2;
  }
  const discard = (values.discard ?? []).map((entry) => {
    const at = entry.indexOf('=');
    return at > 0 ? { id: entry.slice(0, at), reason: entry.slice(at + 1) } : undefined;
  });
  if (discard.some((entry) => entry === undefined || entry.reason.trim() === '')) {
    io.stderr('vt dlq: --discard takes <id>=<reason>, with a reason\n');
    return 2;
  }
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${values.token ?? (await adminToken())}` };
  const url = `${values.service.replace(/\/$/, '')}/admin/dead-letters${action === 'redrive' ? '/redrive' : ''}`;
  const response = await fetch(url, {
    method: action === 'redrive' ? 'POST' : 'GET',
    headers,
    ...(action === 'redrive' ? { body: JSON.stringify({ householdId: values.household, ...(values.group ? { consumerGroup: values.group } : {}), discard }) } : {}),
  });
  const text = await response.text();
  if (!response.ok) {
    io.stderr(`vt dlq ${action}: ${response.status} ${text}\n`);
    return 1;
  }
  const body = JSON.parse(text) as { blockedTopics?: { topic: string; since: string; reason: string; rows: number }[] };
  io.stdout(`${JSON.stringify(body, null, 2)}\n`);
  // Said on stderr too, so it is seen when stdout goes to a file or jq.
  for (const blocked of body.blockedTopics ?? []) {
    io.stderr(`vt dlq: the outbox relay cannot publish to ${blocked.topic} since ${blocked.since} (${blocked.rows} event(s) waiting in order): ${blocked.reason}\n`);
  }
  return 0;
}
