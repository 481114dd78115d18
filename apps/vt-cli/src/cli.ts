import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { createDevIssuer, defaultDevIssuerDir, DEV_TOKEN_MAX_TTL_SECONDS, DevIssuer, isPartnerId, ISLAND_DESKS, regionProblems, roleProblems, ROLES } from '@vt/auth';
import { regionCodesInForce } from '@vt/reference-data';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A mistake in how the command was called: exit code 2, with a pointer to --help. */
class UsageError extends Error {}

const MAIN_HELP = `Usage: npm run vt -- <command> [options]

Commands:
  dev-token    print a bearer token from the local dev issuer (for curl, tests and demos)
  dev-issuer   show the local dev issuer and the AUTH_* settings services need to accept its tokens
  dlq          list a service's parked households, or re-drive one (operators)
  privacy      erase a person's data (crypto-shredding) or record a destruction request (privacy officers)
  audit rebuild  replay the event log into fresh schemas and compare with every service's live tables (auditors)
  audit replay   a household's history from the log: decisions, phases, deadlines, disclosures, reads (auditors)
  audit report   inspectorate measures and CBS counts of a region and half-year, from the log alone
                 (--shelters: the national shelter monitor, length of stay, waiting, uitstroom, Sneller Thuis)
  audit verify   tamper evidence: every altered, forged, dropped, duplicated or reordered event (auditors)
  partner      partner consume: a partner reads its referrals and answers them (with its own credentials)
  shelter      shelter placement for shelters: read requests for a place, answer, report places and the stay
  signals      signal matching for organisations: register or withdraw a signal (the BSN stays local), read matches

Run \`npm run vt -- <command> --help\` for a command's options.
`;

const DEV_TOKEN_HELP = `Usage: npm run -s vt -- dev-token --role <role> [--role <role>...] --region <region> [--region <region>...]
                                [--partner <id>] [--subject <id>] [--ttl <seconds>] [--explain] [--dir <path>]

Prints a bearer token (EdDSA-signed JWT) from the local dev issuer, creating the issuer on first use.
Only the token goes to stdout, so it can be used as $(npm run -s vt -- dev-token ...).

Options:
  --role <role>        ${ROLES.join(', ')}
                       (repeat, or separate with commas, for several roles)
  --region <region>    a Veilig Thuis region code (vt-groningen, vt-amsterdam-amstelland, vt-west-brabant,
                       vt-midden-brabant, …, or an island desk ${ISLAND_DESKS.join(', ')}),
                       or '*' for national scope (quote it in the shell); repeat for several.
                       A veiligheidsregio code (VR13) is refused, naming the VT region(s) that serve it.
                       The codes in force: ${regionCodesInForce().join(', ')}
                       Not needed for a token of role partner only
  --partner <id>       with --role partner: the partner the token speaks for (its partner claim),
                       a partner id such as lokaal-team-gm0363
  --subject <id>       the token's sub; events record the actor as user:<id>
                       (default dev-<first role>-<first region>, e.g. dev-call-handler-vt-amsterdam-amstelland)
  --ttl <seconds>      lifetime, 1–${DEV_TOKEN_MAX_TTL_SECONDS} (default 3600)
  --explain            also print the decoded header and claims, to stderr
  --dir <path>         the dev issuer's directory (default .local/dev-issuer)
  -h, --help           this help

Example:
  curl -H "Authorization: Bearer $(npm run -s vt -- dev-token --role call-handler --region vt-amsterdam-amstelland)" http://127.0.0.1:3001/...
  npm run -s vt -- dev-token --role partner --partner lokaal-team-gm0363
`;

const DEV_ISSUER_HELP = `Usage: npm run -s vt -- dev-issuer [--env] [--dir <path>]

Creates the local dev issuer if it is not there yet (an Ed25519 key pair in .local/dev-issuer/, git-ignored;
the private key readable by you only) and prints where its JWKS file is and the AUTH_ISSUER, AUTH_AUDIENCE
and AUTH_JWKS_FILE values a service needs to accept its tokens.

Options:
  --env            print only shell export lines: eval "$(npm run -s vt -- dev-issuer --env)"
  --dir <path>     the dev issuer's directory (default .local/dev-issuer)
  -h, --help       this help
`;

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

function issuerAt(dir: string | undefined): DevIssuer {
  return createDevIssuer(dir ?? defaultDevIssuerDir());
}

function decode(part: string | undefined): unknown {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
}

function devToken(args: string[], io: CliIo): number {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      role: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      partner: { type: 'string' },
      subject: { type: 'string' },
      ttl: { type: 'string' },
      explain: { type: 'boolean' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(DEV_TOKEN_HELP);
    return 0;
  }
  const roles = list(values.role);
  const regions = list(values.region);
  // Someone at a partner works for that partner, not for a region: a partner-only token needs no region.
  const partnerOnly = roles.length > 0 && roles.every((role) => role === 'partner');
  const problems = [
    ...(roles.length === 0 ? [`--role is missing (one of ${ROLES.join(', ')})`] : roleProblems(roles)),
    ...(regions.length === 0 && !partnerOnly ? ["--region is missing (a VT region code such as vt-amsterdam-amstelland, an island desk such as vt-bq-bonaire, or '*')"] : regionProblems(regions)),
    ...(roles.includes('partner') && values.partner === undefined ? ['--partner is missing: role partner names the partner it speaks for (e.g. lokaal-team-gm0363)'] : []),
    ...(!roles.includes('partner') && values.partner !== undefined ? ['--partner goes with --role partner'] : []),
    ...(values.partner !== undefined && !isPartnerId(values.partner) ? [`--partner "${values.partner}" is not a partner id (lower-case letters, digits and single hyphens)`] : []),
  ];
  let ttlSeconds = 3600;
  if (values.ttl !== undefined) {
    ttlSeconds = Number(values.ttl);
    if (!/^\d+$/.test(values.ttl) || ttlSeconds < 1 || ttlSeconds > DEV_TOKEN_MAX_TTL_SECONDS) problems.push(`--ttl must be whole seconds 1–${DEV_TOKEN_MAX_TTL_SECONDS} (got "${values.ttl}")`);
  }
  const firstRegion = regions[0] === '*' ? 'national' : (regions[0] ?? '').toLowerCase();
  const subject = values.subject ?? (partnerOnly && isPartnerId(values.partner) ? `dev-partner-${values.partner}` : `dev-${roles[0] ?? 'user'}-${firstRegion}`);
  if (!/^[A-Za-z0-9._@-]{1,100}$/.test(subject)) problems.push(`--subject may hold only letters, digits, '.', '_', '@' and '-', at most 100 (got "${subject}")`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const issuer = issuerAt(values.dir);
  const token = issuer.issueToken({ subject, roles, regions, ttlSeconds, ...(values.partner !== undefined ? { partner: values.partner } : {}) });
  io.stdout(`${token}\n`);
  if (values.explain) {
    const [header, claims] = token.split('.');
    const payload = decode(claims) as { exp: number };
    io.stderr(
      `${JSON.stringify({ header: decode(header), claims: payload }, null, 2)}\n` +
        `Valid until ${new Date(payload.exp * 1000).toISOString()}; actor on events: ${values.partner !== undefined ? `user:partner:${values.partner}:${subject}` : `user:${subject}`}. ` +
        `Services accept it with AUTH_ISSUER=${issuer.issuer} AUTH_AUDIENCE=${issuer.audience} AUTH_JWKS_FILE=${issuer.jwksFile}\n`,
    );
  }
  return 0;
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function devIssuer(args: string[], io: CliIo): number {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { env: { type: 'boolean' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(DEV_ISSUER_HELP);
    return 0;
  }
  const issuer = issuerAt(values.dir);
  const settings: [string, string][] = [
    ['AUTH_ISSUER', issuer.issuer],
    ['AUTH_AUDIENCE', issuer.audience],
    ['AUTH_JWKS_FILE', issuer.jwksFile],
  ];
  if (values.env) {
    io.stdout(settings.map(([name, value]) => `export ${name}=${shellQuote(value)}\n`).join(''));
    return 0;
  }
  const shown = relative(process.cwd(), issuer.dir);
  io.stdout(
    [
      `Local dev issuer in ${shown && !shown.startsWith('..') ? shown : issuer.dir} (${issuer.created ? 'created now' : 'already there'}; never commit it)`,
      `  JWKS file (public key): ${issuer.jwksFile}`,
      `  private key (mode 0600): ${issuer.privateKeyFile}`,
      `  key id (kid):           ${issuer.kid}`,
      '',
      'Services accept its tokens with:',
      ...settings.map(([name, value]) => `  ${name}=${value}`),
      '',
      'Get a token: npm run -s vt -- dev-token --role call-handler --region vt-amsterdam-amstelland',
      '',
    ].join('\n'),
  );
  return 0;
}

const COMMANDS: Record<string, (args: string[], io: CliIo) => number> = { 'dev-token': devToken, 'dev-issuer': devIssuer };

/** Runs one command; returns the exit code (0 done, 1 failed, 2 wrong usage). */
export function run(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(MAIN_HELP);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0];
    if (topic !== undefined && COMMANDS[topic]) return COMMANDS[topic]([`--help`], io);
    io.stdout(MAIN_HELP);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.stderr(`vt: unknown command "${command}"\n\n${MAIN_HELP}`);
    return 2;
  }
  try {
    return handler(rest, io);
  } catch (error) {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    const lines = (error as Error).message.split('\n');
    const message = lines.length === 1 ? ` ${lines[0]}` : lines.map((line) => `\n  - ${line}`).join('');
    io.stderr(`vt ${command}:${message}\n${usage ? `Run \`npm run vt -- ${command} --help\` for its options.\n` : ''}`);
    return usage ? 2 : 1;
  }
}
