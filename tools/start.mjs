// `npm start`: installs what is missing, fetches the broker on first run, starts Kafka and Postgres
// (or uses KAFKA_BROKERS/DATABASE_URL), gives each service its own schema and role, starts the
// services and prints their addresses. Ctrl-C stops the services; `npm run infra:down` stops the infra.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDependencies, REPO_ROOT } from './ensure-deps.mjs';

ensureDependencies();
const { infraUp } = await import('./infra.mjs');

const SERVICES = [
  { name: 'intake', port: 3001 },
  { name: 'crisis-triage', port: 3002 },
  { name: 'safety-investigation', port: 3003 },
  { name: 'referral', port: 3004 },
  { name: 'signal-matching', port: 3005 },
  { name: 'shelter-placement', port: 3006 },
];

const infra = await infraUp();
const provisioned = spawnSync(process.execPath, ['-r', './tools/register.cjs', 'tools/provision.ts', infra.databaseUrl], { cwd: REPO_ROOT, encoding: 'utf8' });
if (provisioned.status !== 0) {
  process.stderr.write(provisioned.stderr);
  process.exit(1);
}
const databases = JSON.parse(provisioned.stdout);

// On the secured broker each service logs in as its own principal (svc-<name>), with only the ACLs of
// libs/kafka-access; without KAFKA_CREDENTIALS_FILE (a plaintext KAFKA_BROKERS from the environment) none.
const kafkaUsers = infra.kafkaCredentialsFile ? JSON.parse(fs.readFileSync(infra.kafkaCredentialsFile, 'utf8')).users : undefined;
function kafkaLogin(name) {
  if (!kafkaUsers) return {};
  const user = kafkaUsers.find((candidate) => candidate.name === `svc-${name}`);
  if (!user) throw new Error(`${infra.kafkaCredentialsFile} holds no user svc-${name}`);
  return { KAFKA_USERNAME: user.name, KAFKA_PASSWORD: user.password };
}

const children = SERVICES.map(({ name, port }) => {
  const child = spawn(process.execPath, ['-r', './tools/register.cjs', path.join('apps', name, 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers,
      ...kafkaLogin(name),
      DATABASE_URL: databases[name].url,
      DATABASE_SCHEMA: databases[name].schema,
      ...databases.auth,
      // Its audit signing key (docs/adr/0009), made by provision.ts into .local/audit/.
      ...databases[name].audit,
      // Settings only this service gets, e.g. referral's PARTNER_REFERENCE_KEY (docs/adr/0016).
      ...databases[name].env,
      HTTP_PORT: process.env[`${name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (chunk) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${prefix}exited (${code ?? signal}); stopping the others\n`);
      stop(1);
    }
  });
  return { name, port, child };
});

// The workspace (apps/workspace): Vite's dev server, proxying /svc/<service>/ to the services above and issuing
// dev-issuer tokens to its sign-in page (never in production; apps/workspace/README.md).
const WORKSPACE_PORT = Number(process.env.WORKSPACE_PORT ?? 3000);
const workspace = spawn(process.execPath, [path.join('node_modules', 'vite', 'bin', 'vite.js'), '--config', path.join('apps', 'workspace', 'vite.config.ts')], {
  cwd: REPO_ROOT,
  env: { ...process.env, WORKSPACE_PORT: String(WORKSPACE_PORT), VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
workspace.on('exit', (code, signal) => {
  if (!stopping) {
    process.stderr.write(`[workspace] exited (${code ?? signal}); stopping the others\n`);
    stop(1);
  }
});

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const all = [...children, { child: workspace }];
  let left = all.length;
  for (const { child } of all) {
    if (child.exitCode !== null || child.signalCode !== null) left -= 1;
    else {
      child.once('exit', () => (--left === 0 ? process.exit(code) : undefined));
      child.kill('SIGTERM');
    }
  }
  if (left === 0) process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Readiness (docs/adr/0026): 200 is ready or degraded (e.g. the broker is still starting: events wait in the
// outbox); 503 says why in its body. A service that is slow to become ready is reported, not killed: its
// consumers restart by themselves, so the stack keeps running and the wait goes on.
const READY_WITHIN_MS = Number(process.env.VT_READY_TIMEOUT_S ?? 180) * 1000;

async function readiness(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(5000) });
    const body = await response.json().catch(() => ({}));
    return { ok: response.status === 200, body };
  } catch (error) {
    return { ok: false, body: { status: 'not listening yet', error: error.cause?.code ?? error.message } };
  }
}

function whyNotReady(body) {
  const checks = body?.checks;
  if (!checks) return `${body?.status ?? 'no answer'}${body?.error ? ` (${body.error})` : ''}`;
  return Object.entries(checks)
    .filter(([, check]) => check?.status !== 'up')
    .map(([name, check]) => `${name}: ${check.error ?? check.status}${Array.isArray(check.groups) ? ` [${check.groups.map((g) => `${g.group}: ${g.reason}`).join('; ')}]` : ''}`)
    .join('; ');
}

async function waitReady({ name, port }) {
  const started = Date.now();
  let nextReport = started + 30_000;
  let warned = false;
  while (!stopping) {
    const { ok, body } = await readiness(port);
    if (ok) {
      if (warned) process.stdout.write(`[${name}] is ready now (${Math.round((Date.now() - started) / 1000)} s)\n`);
      return true;
    }
    if (Date.now() >= nextReport) {
      const late = Date.now() - started >= READY_WITHIN_MS;
      process.stderr.write(`[${name}] ${late ? 'still not ready' : 'not ready yet'} after ${Math.round((Date.now() - started) / 1000)} s: ${whyNotReady(body)}\n`);
      nextReport = Date.now() + 30_000;
      if (late && !warned) {
        warned = true;
        process.stderr.write(`[${name}] is not ready within ${READY_WITHIN_MS / 1000} s; the stack keeps running and ${name} keeps trying by itself (see /health/ready). Ctrl-C stops everything.\n`);
        printBanner();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

let bannerPrinted = false;
function printBanner() {
  if (bannerPrinted || stopping) return;
  bannerPrinted = true;
  const lines = [
    '',
    'Veilig Thuis is up:',
    ...children.map(({ name, port }) => `  ${name.padEnd(21)} http://127.0.0.1:${port}  (ready: /health/ready)`),
    `  workspace             http://127.0.0.1:${WORKSPACE_PORT}  (the web app; sign in with a dev-issuer role and region)`,
    `  kafka                 ${infra.kafkaBrokers}${infra.kafkaCredentialsFile ? ` (SASL/SCRAM-SHA-512 with ACLs; each service as svc-<name>; passwords in ${path.relative(REPO_ROOT, infra.kafkaCredentialsFile)})` : ' (PLAINTEXT)'}`,
    `  postgres              ${infra.databaseUrl.replace(/:[^:@/]*@/, ':***@')}`,
    '',
    'Get a token for a role and region from the local issuer, then post a melding:',
    '  TOKEN=$(npm run -s vt -- dev-token --role call-handler --region vt-amsterdam-amstelland)',
    '  curl -s -X POST http://127.0.0.1:3001/api/v1/meldingen -H "authorization: Bearer $TOKEN" -H "content-type: application/json" \\',
    `       -d '{"receivedAt":"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'","channel":"telefoon","melder":{"kind":"professional","sector":"politie-justitie","role":"melder","name":"Agent Test","phone":"0201234567"},"household":{"gemeenteCode":"GM0363","postcode":"1011ab","houseNumber":"1"},"persons":[{"role":"victim","name":"Test Persoon","bsn":"999993653"}],"concerns":{"aard":["ex-partnergeweld"],"account":"Buren hoorden geschreeuw en glasgerinkel."},"acuteIndication":{"indicated":true,"ground":"threat","signals":["physical-violence"]}}'`,
    'Ctrl-C stops the services; `npm run infra:down` stops Kafka and Postgres.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

await Promise.all(children.map(waitReady));
printBanner();
