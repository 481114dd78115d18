// `npm start`: installs what is missing, fetches the broker on first run, starts Kafka and Postgres
// (or uses KAFKA_BROKERS/DATABASE_URL), gives each service its own schema and role, starts the four
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

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  let left = children.length;
  for (const { child } of children) {
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

async function waitReady({ name, port }) {
  const url = `http://127.0.0.1:${port}/health/ready`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} was not ready at ${url} within 90 s`);
}

try {
  await Promise.all(children.map(waitReady));
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  stop(1);
}
if (!stopping) {
  const lines = [
    '',
    'Veilig Thuis is up:',
    ...children.map(({ name, port }) => `  ${name.padEnd(21)} http://127.0.0.1:${port}  (ready: /health/ready)`),
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
