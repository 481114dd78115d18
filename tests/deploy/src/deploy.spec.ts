import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import { deadLetterTopic, partnerReferralsTopic, partnerResponsesTopic, SERVICES, ServiceName, shelterOffersTopic, signalMatchesTopic, TOPICS, topicSpecFor } from '@vt/contracts';
import { accessGrants, ADMIN_PRINCIPAL, describeGrant, kafkaPrincipals, loadPartnerIds, loadShelterIds, loadSignalOrganisationIds } from '@vt/kafka-access';
import { HealthController, loadServiceConfig } from '@vt/runtime';
import { loadAuthConfig } from '@vt/auth';
import { ManifestValidator, provenance, readManifests, ROOT, sha256Of } from './manifest-schemas';

/*
 * Issue 14, point 1: production deployment artefacts (docs/adr/0030). The manifests under deploy/ are generated
 * from the code (tools/generate-deploy.ts); these tests read the COMMITTED files, as kubectl would, and check them
 * against the rules, not against the generator: the broker's users and ACLs are exactly libs/kafka-access's table
 * (ADR 0012), the topics exactly the catalog of libs/contracts (ADR 0003), every manifest is valid for its kind's
 * vendored schema, and the services run with probes on real routes and their keys from Secrets.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DEPLOY = join(ROOT, 'deploy');
// tools/ is no Nx project, so the module-boundary rule refuses a static import from it: the generator is loaded by path.
const { generatedFiles } = require(join(ROOT, 'tools', 'generate-deploy.ts')) as { generatedFiles: () => { file: string; text: string }[] };
const validator = new ManifestValidator();

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'schemas' ? [] : yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [relative(ROOT, full)] : [];
  });
}

const committed = new Map<string, Json[]>();
for (const file of yamlFiles(DEPLOY)) {
  const { manifests, problems } = readManifests(readFileSync(join(ROOT, file), 'utf8'), file);
  if (problems.length > 0) throw new Error(`${file} is not valid YAML: ${problems.map((problem) => problem.message).join('; ')}`);
  committed.set(file, manifests as Json[]);
}
const all = [...committed.entries()].flatMap(([file, manifests]) => manifests.map((manifest) => ({ file, manifest })));
const ofKind = (kind: string): Json[] => all.filter(({ manifest }) => manifest['kind'] === kind).map(({ manifest }) => manifest);
const { partnerIds } = loadPartnerIds();

describe('deploy/: generated from the code (rule: ADR 0030, like the API documents of ADR 0029)', () => {
  const generated = generatedFiles();

  it('every committed file is what tools/generate-deploy.ts writes (else: run `npm run deploy:generate`)', () => {
    for (const { file, text } of generated) {
      const path = join(ROOT, file);
      if (!existsSync(path)) throw new Error(`${file} is missing. Run \`npm run deploy:generate\` and commit the result.`);
      const was = readFileSync(path, 'utf8');
      if (was === text) continue;
      const [before, now] = [was.split('\n'), text.split('\n')];
      const line = before.findIndex((value, i) => value !== now[i]);
      throw new Error(
        `${file} is not what the code generates (first difference at line ${line + 1}: committed ${JSON.stringify(before[line])}, generated ${JSON.stringify(now[line])}). ` +
          'Run `npm run deploy:generate` and commit the result.',
      );
    }
  });

  it('holds no manifest the generator does not write (a stale file would still be applied by hand)', () => {
    expect(yamlFiles(DEPLOY).sort()).toEqual(generated.map((entry) => entry.file).sort());
  });

  it('the kustomization applies every manifest file', () => {
    const [kustomization] = committed.get('deploy/kustomization.yaml') ?? [];
    const others = [...committed.keys()].filter((file) => file !== 'deploy/kustomization.yaml').map((file) => file.replace(/^deploy\//, ''));
    expect([...(kustomization?.['resources'] as string[])].sort()).toEqual(others.sort());
  });
});

describe('deploy/schemas: vendored unchanged (rule: each schema is a byte-for-byte copy of its named source)', () => {
  it.each(provenance().schemas.map((entry) => [entry.file, entry.sha256]))('%s has the sha256 in provenance.json', (file, sha256) => {
    expect(sha256Of(file)).toBe(sha256);
  });
});

describe('every manifest is valid for its kind (rule: what the API server and the operators\' CRDs accept)', () => {
  const manifests = all.filter(({ manifest }) => manifest['kind'] !== 'Kustomization');

  it('has a schema for every kind used, and validates every document', () => {
    const problems = manifests.flatMap(({ file, manifest }) => validator.validate(manifest, file));
    expect(problems).toEqual([]);
    expect(new Set(manifests.map(({ manifest }) => `${manifest['apiVersion']}/${manifest['kind']}`)).size).toBe(9);
  });

  it('contains no Secret and no secret value (rule: no secrets in the repository)', () => {
    expect(ofKind('Secret')).toEqual([]);
    const text = [...committed.keys()].map((file) => readFileSync(join(ROOT, file), 'utf8')).join('\n');
    expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|password:\s*["']?[^\s"'$]{8,}/);
  });
});

describe('the validator refuses a broken manifest (rule: the check must be able to fail)', () => {
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const first = (kind: string): Json => copy(ofKind(kind)[0] ?? {});
  const refused = (manifest: Json): string => validator.validate(manifest, 'broken').map((problem) => problem.message).join('\n');

  it('a Deployment with a misspelled field (replica)', () => {
    const deployment = first('Deployment');
    deployment['spec']['replica'] = deployment['spec']['replicas'];
    expect(refused(deployment)).toMatch(/must NOT have additional properties \(replica\)/);
  });
  it('a Deployment whose probe port is a list', () => {
    const deployment = first('Deployment');
    deployment['spec']['template']['spec']['containers'][0]['readinessProbe']['httpGet']['port'] = [8080];
    expect(refused(deployment)).toMatch(/readinessProbe\/httpGet\/port/);
  });
  it('a Service with an upper-case name', () => {
    const service = first('Service');
    service['metadata']['name'] = 'Intake';
    expect(refused(service)).toMatch(/DNS-1123 label/);
  });
  it('a KafkaUser with an operation Kafka does not have', () => {
    const user = first('KafkaUser');
    const withAcls = ofKind('KafkaUser').find((candidate) => candidate['spec']['authorization']) ?? user;
    const broken = copy(withAcls);
    broken['spec']['authorization']['acls'][0]['operations'] = ['Reed'];
    expect(refused(broken)).toMatch(/operations\/0 must be equal to one of the allowed values/);
  });
  it('a KafkaUser with an unknown field (the API server would drop it silently)', () => {
    const user = first('KafkaUser');
    user['spec']['acl'] = [];
    expect(refused(user)).toMatch(/additional properties \(acl\)/);
  });
  it('a KafkaTopic whose partitions are text', () => {
    const topic = first('KafkaTopic');
    topic['spec']['partitions'] = 'twelve';
    expect(refused(topic)).toMatch(/partitions must be integer/);
  });
  it('a Kafka with an unknown authorization type', () => {
    const kafka = first('Kafka');
    kafka['spec']['kafka']['authorization']['type'] = 'acl';
    expect(refused(kafka)).toMatch(/authorization\/type must be equal to one of the allowed values/);
  });
  it('a CloudNativePG Cluster whose instances are text', () => {
    const cluster = first('Cluster');
    cluster['spec']['instances'] = '3';
    expect(refused(cluster)).toMatch(/instances must be integer/);
  });
  it('a kind with the wrong apiVersion, and a kind with no schema', () => {
    expect(refused({ ...first('KafkaTopic'), apiVersion: 'kafka.strimzi.io/v1beta2' })).toMatch(/no schema for apiVersion kafka.strimzi.io\/v1beta2/);
    expect(refused({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } })).toMatch(/no schema/);
  });
  it('a file that is not YAML', () => {
    expect(readManifests('a: [1, 2\n', 'broken').problems).not.toEqual([]);
  });
});

describe('Kafka (rule: KRaft, 3 brokers, replication 3, min.insync.replicas 2, SCRAM-SHA-512, simple authorization)', () => {
  const [kafka] = ofKind('Kafka');
  const pools = ofKind('KafkaNodePool');

  it('runs on node pools: 3 controllers and 3 brokers, for this cluster', () => {
    const replicasOf = (role: string): number => pools.filter((pool) => pool['spec']['roles'].includes(role)).reduce((sum, pool) => sum + pool['spec']['replicas'], 0);
    expect({ controllers: replicasOf('controller'), brokers: replicasOf('broker') }).toEqual({ controllers: 3, brokers: 3 });
    for (const pool of pools) expect(pool['metadata']['labels']['strimzi.io/cluster']).toBe(kafka?.['metadata']['name']);
  });

  it('replicates every topic 3 times and acknowledges a write on 2 in sync', () => {
    expect(kafka?.['spec']['kafka']['config']).toMatchObject({ 'default.replication.factor': 3, 'min.insync.replicas': 2, 'offsets.topic.replication.factor': 3, 'auto.create.topics.enable': false });
  });

  it('every listener authenticates with SCRAM-SHA-512; authorization is simple, with only the admin as super user', () => {
    for (const listener of kafka?.['spec']['kafka']['listeners'] ?? []) expect([listener['name'], listener['authentication']]).toEqual([listener['name'], { type: 'scram-sha-512' }]);
    expect(kafka?.['spec']['kafka']['authorization']).toEqual({ type: 'simple', superUsers: [ADMIN_PRINCIPAL] });
  });
});

describe('KafkaUsers (rule: exactly the principals and ACLs of libs/kafka-access, ADR 0012)', () => {
  const users = ofKind('KafkaUser');

  it('one SCRAM-SHA-512 user per principal: admin, auditor, operator, each service, each partner of the directory', () => {
    expect(users.map((user) => user['metadata']['name']).sort()).toEqual([...kafkaPrincipals(partnerIds)].sort());
    for (const user of users) expect(user['spec']['authentication']).toEqual({ type: 'scram-sha-512' });
    for (const user of users) expect(user['metadata']['labels']['strimzi.io/cluster']).toBe(ofKind('Kafka')[0]?.['metadata']['name']);
  });

  it('their allow rules are exactly the access table, no more and no fewer', () => {
    const OPERATIONS: Record<string, string> = { Read: 'READ', Write: 'WRITE', Create: 'CREATE', Describe: 'DESCRIBE' };
    const granted = users.flatMap((user) =>
      ((user['spec']['authorization']?.['acls'] ?? []) as Json[]).flatMap((acl) => {
        expect([acl['type'], acl['host']]).toEqual(['allow', '*']);
        const resource = acl['resource'];
        return (acl['operations'] as string[]).map((operation) =>
          describeGrant({
            principal: user['metadata']['name'],
            resource: resource['type'],
            name: resource['type'] === 'cluster' ? 'kafka-cluster' : resource['name'],
            pattern: resource['patternType'] === 'prefix' ? 'prefixed' : 'literal',
            operation: (OPERATIONS[operation] ?? operation) as 'READ',
          }),
        );
      }),
    );
    // A set: the table may name a grant twice (CREATE on a topic a service both reads and writes); Kafka keeps one ACL.
    const table = [...new Set(accessGrants({ partnerIds }).map(describeGrant))];
    expect(granted.length).toBe(new Set(granted).size);
    expect([...granted].sort()).toEqual([...table].sort());
  });
});

describe('KafkaTopics (rule: the topics catalog of libs/contracts with its partitions and retention, ADR 0003)', () => {
  const topics = ofKind('KafkaTopic');

  it('every domain topic, every service\'s dead letters, each partner\'s two topics, each signal organisation\'s matches topic and each shelter\'s offers topic, nothing else', () => {
    const expected = [
      ...Object.values(TOPICS),
      ...SERVICES.map((service) => deadLetterTopic(service)),
      ...partnerIds.flatMap((partnerId) => [partnerReferralsTopic(partnerId), partnerResponsesTopic(partnerId)]),
      ...loadSignalOrganisationIds().map(signalMatchesTopic),
      ...loadShelterIds().map(shelterOffersTopic),
    ];
    expect(topics.map((topic) => topic['spec']['topicName'] ?? topic['metadata']['name']).sort()).toEqual(expected.sort());
  });

  it('each with the partitions and retention of topicSpecFor, 3 replicas and min.insync.replicas 2', () => {
    for (const topic of topics) {
      const name = topic['spec']['topicName'] as string;
      const spec = topicSpecFor(name);
      expect({ name, partitions: topic['spec']['partitions'], replicas: topic['spec']['replicas'], config: topic['spec']['config'] }).toEqual({
        name,
        partitions: spec.numPartitions,
        replicas: 3,
        config: { 'retention.ms': spec.retentionMs, 'min.insync.replicas': 2 },
      });
    }
  });
});

describe('service Deployments (rule: 2 replicas, probes on the health routes, keys from Secrets, non-root, bounded resources)', () => {
  const deployments = ofKind('Deployment');
  const route = (method: 'live' | 'ready'): string =>
    `/${String(Reflect.getMetadata(PATH_METADATA, HealthController))}/${String(Reflect.getMetadata(PATH_METADATA, HealthController.prototype[method]))}`;
  const containerOf = (service: ServiceName): Json => deployments.find((deployment) => deployment['metadata']['name'] === service)?.['spec']['template']['spec']['containers'][0] ?? {};
  const SECRET_VARIABLES = ['KAFKA_PASSWORD', 'AUDIT_SIGNING_KEY', 'PERSONAL_DATA_MASTER_KEYS', 'PARTNER_REFERENCE_KEY', 'VT_DATABASE_PASSWORD'];

  it('one Deployment with 2 replicas, a Service and a PodDisruptionBudget per service', () => {
    expect(deployments.map((deployment) => [deployment['metadata']['name'], deployment['spec']['replicas']]).sort()).toEqual(SERVICES.map((service) => [service, 2]).sort());
    expect(ofKind('Service').map((service) => service['metadata']['name']).sort()).toEqual([...SERVICES].sort());
    expect(ofKind('PodDisruptionBudget').map((budget) => budget['metadata']['name']).sort()).toEqual([...SERVICES].sort());
  });

  it.each(SERVICES)('%s: readiness on the ready route, liveness and start-up on the live route HealthController serves', (service) => {
    const container = containerOf(service);
    expect(container['readinessProbe']['httpGet']).toEqual({ path: route('ready'), port: 'http' });
    expect(container['livenessProbe']['httpGet']).toEqual({ path: route('live'), port: 'http' });
    expect(container['startupProbe']['httpGet']).toEqual({ path: route('live'), port: 'http' });
  });

  it.each(SERVICES)('%s: runs as non-root, read-only, with requests and limits', (service) => {
    const deployment = deployments.find((candidate) => candidate['metadata']['name'] === service) ?? {};
    expect(deployment['spec']['template']['spec']['securityContext']['runAsNonRoot']).toBe(true);
    const container = containerOf(service);
    expect(container['securityContext']).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(Object.keys(container['resources']['requests']).sort()).toEqual(['cpu', 'memory']);
    expect(container['resources']['limits']['memory']).toBeDefined();
  });

  it.each(SERVICES)('%s: every key and password comes from a Secret, and the configuration the service reads at start is complete', (service) => {
    const variables = container(service);
    for (const name of SECRET_VARIABLES) if (variables.has(name)) expect([name, variables.get(name)?.from]).toEqual([name, 'secret']);
    // What the service's own loaders require, fed with the Deployment's variables (placeholders where a Secret or ConfigMap gives the value).
    const env: NodeJS.ProcessEnv = {};
    for (const [name, entry] of variables) env[name] = entry.value ?? (name.startsWith('AUTH_JWKS_URL') ? 'https://login.example.nl/jwks' : `placeholder-${name.toLowerCase()}`);
    for (const [name, value] of Object.entries(env)) env[name] = value?.replace(/\$\(([A-Z_]+)\)/g, (_, reference: string) => env[reference] ?? '');
    expect(() => loadServiceConfig({ service, httpPort: 1, databaseSchema: 'x' }, env)).not.toThrow();
    expect(() => loadAuthConfig(env)).not.toThrow();
    expect(env['NODE_ENV']).toBe('production');
    expect(loadServiceConfig({ service, httpPort: 1, databaseSchema: 'x' }, env).kafkaSasl?.username).toBe(`svc-${service}`);
    // Shelter placement holds no personal data (docs/adr/0040): no master key, as referral.
    const required = ['AUDIT_KEY_ID', 'AUDIT_SIGNING_KEY', ...(service === 'referral' ? ['PARTNER_REFERENCE_KEY'] : service === 'shelter-placement' ? [] : ['PERSONAL_DATA_MASTER_KEYS'])];
    for (const name of required) expect([name, variables.has(name)]).toEqual([name, true]);
    if (service === 'shelter-placement') expect(variables.has('PERSONAL_DATA_MASTER_KEYS')).toBe(false);
  });

  function container(service: ServiceName): Map<string, { value?: string; from?: 'secret' | 'configMap' }> {
    const entries = (containerOf(service)['env'] ?? []) as Json[];
    return new Map(
      entries.map((entry) => [
        entry['name'] as string,
        entry['valueFrom'] ? { from: entry['valueFrom']['secretKeyRef'] ? ('secret' as const) : ('configMap' as const) } : { value: entry['value'] as string },
      ]),
    );
  }
});
