/*
 * `npm run deploy:generate`: writes the Kubernetes manifests under deploy/ from the code (docs/adr/0030).
 * The broker's users and ACLs come from libs/kafka-access (the same table `npm run infra:up` applies), its
 * topics from libs/contracts (TOPICS, the dead-letter and partner topics, topicSpecFor), the partners from
 * config/partners/directory.json. tests/deploy fails when a committed file is not what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Document } from 'yaml';
import { deadLetterTopic, SERVICES, ServiceName, TOPICS, topicSpecFor } from '@vt/contracts';
import { accessGrants, ADMIN_PRINCIPAL, Grant, kafkaPrincipals, loadPartnerIds, partnerRolesResolver, partnerTopicsOf, SERVICE_READS, servicePrincipal } from '@vt/kafka-access';

export const KAFKA_CLUSTER = 'vt-kafka';
export const POSTGRES_CLUSTER = 'vt-postgres';
export const DATABASE = 'veiligthuis';
/** The port every service listens on in its container (HTTP_PORT); the local ports 3001-3004 are for `npm start`. */
export const CONTAINER_PORT = 8080;
export const KAFKA_VERSION = '4.3.1';
export const REPLICAS = 3;
export const MIN_INSYNC_REPLICAS = 2;
const PART_OF = 'veilig-thuis';
const IMAGE_REGISTRY = 'registry.example.nl/veilig-thuis';
const IMAGE_TAG = '0.1.0';

/** Each service's Postgres schema, as in its ServiceModule.forRoot (and its role `vt_<schema>`, as tools/provision.ts makes it). */
const SCHEMAS: Record<ServiceName, string> = {
  intake: 'intake',
  'crisis-triage': 'crisis_triage',
  'safety-investigation': 'safety_investigation',
  referral: 'referral',
  'signal-matching': 'signal_matching',
  'shelter-placement': 'shelter_placement',
};

type Manifest = Record<string, unknown>;
export interface ManifestFile {
  file: string;
  description: string;
  documents: Manifest[];
}

/** A service keeps personal data (and needs the master keys) exactly when it consumes the erasures (access-table.ts). */
export function keepsPersonalData(service: ServiceName): boolean {
  return SERVICE_READS[service].includes(TOPICS.privacyErasures);
}

export function databaseRole(service: ServiceName): string {
  return `vt_${SCHEMAS[service]}`;
}

/** Secrets the site creates (never in the repository), one per service; see deploy/README.md. */
export function serviceSecretName(service: ServiceName): string {
  return `vt-${service}`;
}

export function databaseSecretName(service: ServiceName): string {
  return `vt-db-${service}`;
}

function labels(name: string, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/component': component };
}

function clusterLabel(extra: Record<string, string> = {}): Record<string, string> {
  return { 'strimzi.io/cluster': KAFKA_CLUSTER, 'app.kubernetes.io/part-of': PART_OF, ...extra };
}

function kafkaManifests(): Manifest[] {
  const pool = (name: string, role: 'controller' | 'broker', size: string, memory: string): Manifest => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaNodePool',
    metadata: { name, labels: clusterLabel() },
    spec: {
      replicas: REPLICAS,
      roles: [role],
      storage: { type: 'jbod', volumes: [{ id: 0, type: 'persistent-claim', size, deleteClaim: false, kraftMetadata: 'shared' }] },
      resources: { requests: { cpu: '500m', memory }, limits: { memory } },
    },
  });
  return [
    pool('controllers', 'controller', '20Gi', '2Gi'),
    pool('brokers', 'broker', '200Gi', '4Gi'),
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'Kafka',
      metadata: { name: KAFKA_CLUSTER, labels: { 'app.kubernetes.io/part-of': PART_OF } },
      spec: {
        kafka: {
          version: KAFKA_VERSION,
          listeners: [
            {
              // The services, the auditor's and operator's tools in the cluster: SASL/SCRAM without TLS (the
              // services' Kafka client has no TLS setting yet, ADR 0030), reachable only from this system's pods.
              name: 'scram',
              port: 9092,
              type: 'internal',
              tls: false,
              authentication: { type: 'scram-sha-512' },
              networkPolicyPeers: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF } } }],
            },
            // Regional partners, from outside the cluster: SCRAM over TLS (`vt partner consume --ssl`).
            { name: 'partners', port: 9094, type: 'loadbalancer', tls: true, authentication: { type: 'scram-sha-512' } },
          ],
          authorization: { type: 'simple', superUsers: [ADMIN_PRINCIPAL] },
          config: {
            'auto.create.topics.enable': false,
            'default.replication.factor': REPLICAS,
            'min.insync.replicas': MIN_INSYNC_REPLICAS,
            'offsets.topic.replication.factor': REPLICAS,
            'transaction.state.log.replication.factor': REPLICAS,
            'transaction.state.log.min.isr': MIN_INSYNC_REPLICAS,
          },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
    },
  ];
}

/** Every topic the system uses: the domain topics, each service's dead letters, each partner's two topics. */
export function deploymentTopics(partnerIds: readonly string[]): string[] {
  const rolesOf = partnerRolesResolver();
  const partnerTopics = partnerIds.flatMap((partnerId) => partnerTopicsOf(partnerId, rolesOf(partnerId)).map(({ name }) => name));
  return [...Object.values(TOPICS), ...SERVICES.map((service) => deadLetterTopic(service)), ...partnerTopics];
}

function topicManifests(partnerIds: readonly string[]): Manifest[] {
  return deploymentTopics(partnerIds).map((topic) => {
    const spec = topicSpecFor(topic);
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(topic)) throw new Error(`topic ${topic} is not a Kubernetes resource name; give it a metadata.name of its own`);
    return {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
      metadata: { name: topic, labels: clusterLabel() },
      spec: { topicName: topic, partitions: spec.numPartitions, replicas: REPLICAS, config: { 'retention.ms': spec.retentionMs, 'min.insync.replicas': MIN_INSYNC_REPLICAS } },
    };
  });
}

const OPERATION_NAMES: Record<Grant['operation'], string> = { READ: 'Read', WRITE: 'Write', CREATE: 'Create', DESCRIBE: 'Describe' };

/** One Strimzi ACL rule per resource and pattern, with the operations granted on it. */
function aclsOf(grants: Grant[]): Manifest[] {
  const rules = new Map<string, { resource: Manifest; operations: string[] }>();
  for (const grant of grants) {
    const resource: Manifest =
      grant.resource === 'cluster' ? { type: 'cluster' } : { type: grant.resource, name: grant.name, patternType: grant.pattern === 'prefixed' ? 'prefix' : 'literal' };
    const key = JSON.stringify(resource);
    const rule = rules.get(key) ?? { resource, operations: [] };
    rule.operations.push(OPERATION_NAMES[grant.operation]);
    rules.set(key, rule);
  }
  return [...rules.values()].map(({ resource, operations }) => ({ type: 'allow', resource, operations: [...new Set(operations)].sort(), host: '*' }));
}

function userManifests(partnerIds: readonly string[]): Manifest[] {
  const grants = accessGrants({ partnerIds });
  return kafkaPrincipals(partnerIds).map((principal) => {
    const own = grants.filter((grant) => grant.principal === principal);
    return {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaUser',
      // The User Operator makes the password and keeps it in a Secret of this name (key `password`).
      metadata: { name: principal, labels: clusterLabel() },
      spec: {
        authentication: { type: 'scram-sha-512' },
        // The admin is a super user (Kafka spec.kafka.authorization.superUsers) and has no ACLs of its own.
        ...(own.length > 0 ? { authorization: { type: 'simple', acls: aclsOf(own) } } : {}),
      },
    };
  });
}

function postgresManifests(): Manifest[] {
  const setup = SERVICES.flatMap((service) => [
    `CREATE ROLE ${databaseRole(service)} NOLOGIN`,
    `CREATE SCHEMA ${SCHEMAS[service]} AUTHORIZATION ${databaseRole(service)}`,
    `REVOKE ALL ON SCHEMA ${SCHEMAS[service]} FROM PUBLIC`,
  ]);
  return [
    {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: POSTGRES_CLUSTER, labels: { 'app.kubernetes.io/part-of': PART_OF } },
      spec: {
        instances: 3,
        imageName: 'ghcr.io/cloudnative-pg/postgresql:15',
        primaryUpdateStrategy: 'unsupervised',
        enableSuperuserAccess: false,
        postgresql: { parameters: { timezone: 'UTC', max_connections: '200' } },
        bootstrap: { initdb: { database: DATABASE, owner: 'vt_owner', postInitApplicationSQL: setup } },
        // Each service logs in as its own role, owner of its own schema, with a password from its Secret.
        managed: {
          roles: SERVICES.map((service) => ({ name: databaseRole(service), ensure: 'present', login: true, inherit: true, passwordSecret: { name: databaseSecretName(service) } })),
        },
        storage: { size: '50Gi' },
        resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '2Gi' } },
      },
    },
  ];
}

const CA_MOUNT = '/var/run/secrets/vt-postgres-ca';

function env(name: string, value: string): Manifest {
  return { name, value };
}

function fromSecret(name: string, secret: string, key: string, optional = false): Manifest {
  return { name, valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional } : {}) } } };
}

function fromConfigMap(name: string, configMap: string, optional = false): Manifest {
  return { name, valueFrom: { configMapKeyRef: { name: configMap, key: name, ...(optional ? { optional } : {}) } } };
}

/** The environment of a service's container: plain settings as values, every key and password from a Secret. */
export function serviceEnvironment(service: ServiceName): Manifest[] {
  const secret = serviceSecretName(service);
  return [
    env('NODE_ENV', 'production'),
    // Tells the two replicas apart in Postgres (application_name, who holds the relay's lock) and on the broker (docs/adr/0032).
    { name: 'VT_INSTANCE_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    env('KAFKA_CLIENT_ID', '$(VT_INSTANCE_ID)'),
    env('HTTP_HOST', '0.0.0.0'),
    env('HTTP_PORT', String(CONTAINER_PORT)),
    env('DATABASE_SCHEMA', SCHEMAS[service]),
    // The role's password, from the Secret the Cluster's managed role reads too; DATABASE_URL is put together from it.
    fromSecret('VT_DATABASE_PASSWORD', databaseSecretName(service), 'password'),
    env('DATABASE_URL', `postgres://${databaseRole(service)}:$(VT_DATABASE_PASSWORD)@${POSTGRES_CLUSTER}-rw:5432/${DATABASE}?sslmode=verify-full&sslrootcert=${CA_MOUNT}/ca.crt`),
    env('KAFKA_BROKERS', `${KAFKA_CLUSTER}-kafka-bootstrap:9092`),
    env('KAFKA_USERNAME', servicePrincipal(service)),
    // Made by the Strimzi User Operator for the KafkaUser of the same name.
    fromSecret('KAFKA_PASSWORD', servicePrincipal(service), 'password'),
    fromConfigMap('AUTH_ISSUER', 'vt-auth'),
    fromConfigMap('AUTH_AUDIENCE', 'vt-auth'),
    fromConfigMap('AUTH_JWKS_URL', 'vt-auth'),
    fromSecret('AUDIT_KEY_ID', secret, 'AUDIT_KEY_ID'),
    fromSecret('AUDIT_SIGNING_KEY', secret, 'AUDIT_SIGNING_KEY'),
    ...(keepsPersonalData(service) ? [fromSecret('PERSONAL_DATA_MASTER_KEYS', secret, 'PERSONAL_DATA_MASTER_KEYS')] : []),
    ...(service === 'referral' ? [fromSecret('PARTNER_REFERENCE_KEY', secret, 'PARTNER_REFERENCE_KEY')] : []),
    fromConfigMap('LOG_LEVEL', 'vt-observability', true),
    fromConfigMap('OTEL_EXPORTER_OTLP_ENDPOINT', 'vt-observability', true),
  ];
}

function serviceManifests(service: ServiceName): Manifest[] {
  const selector = { 'app.kubernetes.io/name': service };
  const probe = (path: string, extra: Manifest): Manifest => ({ httpGet: { path, port: 'http' }, ...extra });
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: service, labels: labels(service, 'service') },
      spec: {
        replicas: 2,
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: {
            labels: labels(service, 'service'),
            annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(CONTAINER_PORT), 'prometheus.io/path': '/metrics' },
          },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            terminationGracePeriodSeconds: 30,
            containers: [
              {
                name: service,
                image: `${IMAGE_REGISTRY}/${service}:${IMAGE_TAG}`,
                ports: [{ name: 'http', containerPort: CONTAINER_PORT, protocol: 'TCP' }],
                env: serviceEnvironment(service),
                // Migrations run at start: up to 2 minutes before liveness counts.
                startupProbe: probe('/health/live', { periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 60 }),
                livenessProbe: probe('/health/live', { periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 }),
                // Ready or degraded answers 200 (a broker outage keeps the service taking requests, ADR 0026); each check waits at most 2 s.
                readinessProbe: probe('/health/ready', { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 }),
                resources: { requests: { cpu: '250m', memory: '384Mi' }, limits: { cpu: '1', memory: '768Mi' } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [
                  { name: 'tmp', mountPath: '/tmp' },
                  { name: 'postgres-ca', mountPath: CA_MOUNT, readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
              // The cluster's CA, made by CloudNativePG, so the services verify the database's certificate.
              { name: 'postgres-ca', secret: { secretName: `${POSTGRES_CLUSTER}-ca`, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: service, labels: labels(service, 'service') },
      spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: service, labels: labels(service, 'service') },
      spec: { minAvailable: 1, selector: { matchLabels: selector } },
    },
  ];
}

function networkPolicyManifests(): Manifest[] {
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'vt-services', labels: { 'app.kubernetes.io/part-of': PART_OF } },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/component': 'service' } },
        policyTypes: ['Ingress'],
        // Only the HTTP port, from this namespace and from namespaces the site marks (its ingress controller, Prometheus).
        ingress: [
          {
            from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { 'veilig-thuis.nl/api-client': 'true' } } }],
            ports: [{ protocol: 'TCP', port: 'http' }],
          },
        ],
      },
    },
  ];
}

export function deployManifests(partnerIds: readonly string[] = loadPartnerIds().partnerIds): ManifestFile[] {
  return [
    { file: 'deploy/kafka/kafka.yaml', description: 'Strimzi Kafka cluster (KRaft: 3 controllers, 3 brokers), SCRAM-SHA-512 listeners, simple authorization', documents: kafkaManifests() },
    { file: 'deploy/kafka/topics.yaml', description: 'KafkaTopics from libs/contracts (TOPICS, dead letters, partner topics; topicSpecFor)', documents: topicManifests(partnerIds) },
    { file: 'deploy/kafka/users.yaml', description: 'KafkaUsers with the principals and ACLs of libs/kafka-access (accessGrants)', documents: userManifests(partnerIds) },
    { file: 'deploy/postgres/cluster.yaml', description: "CloudNativePG Cluster: one database, a schema and a login role per service", documents: postgresManifests() },
    ...SERVICES.map((service) => ({ file: `deploy/services/${service}.yaml`, description: `${service}: Deployment, Service, PodDisruptionBudget`, documents: serviceManifests(service) })),
    { file: 'deploy/network-policy.yaml', description: "NetworkPolicy: the services' HTTP port only", documents: networkPolicyManifests() },
  ];
}

/** The kustomization that applies every generated file (`kubectl apply -k deploy/`). */
export function kustomization(files: readonly ManifestFile[]): ManifestFile {
  return {
    file: 'deploy/kustomization.yaml',
    description: 'kubectl apply -k deploy/: every generated manifest, in the namespace veilig-thuis',
    documents: [{ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: 'veilig-thuis', resources: files.map((entry) => entry.file.replace(/^deploy\//, '')) }],
  };
}

const HEADER = (entry: ManifestFile): string =>
  ` ${entry.description}.\n Generated by \`npm run deploy:generate\` (tools/generate-deploy.ts) from the code; do not edit (docs/adr/0030).`;

/** The text of one file: YAML 1.1 (what kubectl reads), every string that could be misread quoted. */
export function manifestText(entry: ManifestFile): string {
  return entry.documents
    .map((manifest, index) => {
      const document = new Document(manifest, { version: '1.1' });
      if (index === 0) document.commentBefore = HEADER(entry);
      return document.toString({ lineWidth: 0, directives: false });
    })
    .join('---\n');
}

export function generatedFiles(partnerIds?: readonly string[]): { file: string; text: string }[] {
  const files = deployManifests(partnerIds);
  return [...files, kustomization(files)].map((entry) => ({ file: entry.file, text: manifestText(entry) }));
}

if (require.main === module) {
  const root = join(__dirname, '..');
  for (const { file, text } of generatedFiles()) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    console.log(`wrote ${file}`);
  }
}
