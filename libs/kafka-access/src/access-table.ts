import { deadLetterTopic, EVENT_CATALOG, SERVICES, ServiceName, TOPICS } from '@vt/contracts';
import { loadShelterIds } from './shelters';
import { loadSignalOrganisationIds } from './signal-organisations';

/**
 * Who may do what on the broker (docs/adr/0012-kafka-principals-and-acls.md). Plain data: the broker's
 * StandardAuthorizer refuses everything that no grant here allows.
 */
export type ResourceKind = 'topic' | 'group' | 'cluster';
export type PatternKind = 'literal' | 'prefixed';
export type Operation = 'READ' | 'WRITE' | 'CREATE' | 'DESCRIBE';

export interface Grant {
  /** SCRAM user name, without the `User:` of the ACL principal. */
  principal: string;
  resource: ResourceKind;
  /** Topic or group name (with the deployment prefix applied), `*` for every one, `kafka-cluster` for the cluster. */
  name: string;
  pattern: PatternKind;
  operation: Operation;
}

/** Super user for provisioning (topics, ACLs) and the test harness only; no service runs as it. */
export const ADMIN_PRINCIPAL = 'vt-admin';
/** Reads every topic (replay, `vt audit verify`), in consumer groups named `vt-auditor…`; writes nothing. */
export const AUDITOR_PRINCIPAL = 'vt-auditor';
/** Looks without reading records: topic and group metadata and offsets, e.g. consumer lag. */
export const OPERATOR_PRINCIPAL = 'vt-operator';

export function servicePrincipal(service: ServiceName): string {
  return `svc-${service}`;
}

export function partnerPrincipal(partnerId: string): string {
  return `partner-${partnerId}`;
}

/**
 * The topics each service consumes. These mirror the `consumers` of each app's ServiceModule.forRoot, plus
 * `vt.privacy.erasures.v1` for a service with `personalData: true` (its erasure consumer); a unit test
 * compares them with the module files. Partner topics are not listed: they follow from the catalog.
 */
export const SERVICE_READS: Record<ServiceName, readonly string[]> = {
  intake: [TOPICS.householdPhases, TOPICS.triageAssessments, TOPICS.privacyErasures],
  'crisis-triage': [TOPICS.meldingen, TOPICS.investigations, TOPICS.householdPhases, TOPICS.privacyErasures],
  'safety-investigation': [TOPICS.triageAssessments, TOPICS.referrals, TOPICS.privacyErasures],
  referral: [TOPICS.meldingen, TOPICS.triageAssessments, TOPICS.householdPhases, TOPICS.investigations],
  'signal-matching': [TOPICS.privacyErasures],
  // No consumers: it holds no person data (docs/adr/0040), so no erasure consumer either.
  'shelter-placement': [],
};

/**
 * Topics a service reads outside its inbox consumers, in a group of its own per instance that commits nothing:
 * crisis-triage's live crisis queue reads its own triage topic for the streams of its crisis screens
 * (`crisis-triage.live.<instance>`, within the service's prefixed group grant; docs/adr/0035).
 */
export const SERVICE_LIVE_READS: Partial<Record<ServiceName, readonly string[]>> = {
  'crisis-triage': [TOPICS.triageAssessments],
};

/** Topics every service writes besides its events: the signed chain heads of its outbox relay (tamper evidence). */
export const EVERY_SERVICE_WRITES: readonly string[] = [TOPICS.auditChainHeads];

const PARTNER_PLACEHOLDER = '{partnerId}';

interface Address {
  address: string;
  producers: string[];
}

function catalogAddresses(): Address[] {
  return Object.values(EVENT_CATALOG).map((contract) => {
    const producer: unknown = (contract as { producer: unknown }).producer;
    return { address: contract.address, producers: Array.isArray(producer) ? producer.map(String) : [String(producer)] };
  });
}

/** The fixed topics a service produces, from the event catalog's producer and address. */
export function serviceWrites(service: ServiceName): string[] {
  const topics = catalogAddresses()
    .filter((entry) => entry.producers.includes(service) && !entry.address.includes(PARTNER_PLACEHOLDER))
    .map((entry) => entry.address);
  return unique([...topics, ...EVERY_SERVICE_WRITES]);
}

/**
 * Writers of per-partner topics: the referral service and the partner (referrals, answers), signal matching (an
 * organisation's matches), shelter placement (a shelter's offers).
 */
export type PartnerTopicWriter = 'referral' | 'partner' | 'signal-matching' | 'shelter-placement';

const PARTNER_TOPIC_WRITERS: readonly string[] = ['referral', 'partner', 'signal-matching', 'shelter-placement'];

/**
 * Partner-facing topic templates (`vt.partner.{partnerId}.….v1`, `vt.signals.{partnerId}.matches.v1`,
 * `vt.shelter.{partnerId}.offers.v1`) and who writes them: the catalog names the referral service, signal matching
 * or shelter placement (what the partner reads) or `partner` (what the partner writes). Signal-matching topics exist
 * only for the organisations signal matching admits (`signalOrganisationIds`), shelter-placement topics only for the
 * shelters (the directory's vrouwenopvang partners, `shelterIds`), not for every partner of the directory.
 */
export function partnerTopicTemplates(): { template: string; writtenBy: PartnerTopicWriter }[] {
  const byTemplate = new Map<string, PartnerTopicWriter>();
  for (const entry of catalogAddresses()) {
    if (!entry.address.includes(PARTNER_PLACEHOLDER)) continue;
    for (const producer of entry.producers) {
      if (!PARTNER_TOPIC_WRITERS.includes(producer)) {
        throw new Error(`${entry.address}: partner topics are written by the referral service, signal matching, shelter placement or the partner, not by ${producer}`);
      }
      const known = byTemplate.get(entry.address);
      if (known && known !== producer) throw new Error(`${entry.address} has two writers (${known}, ${producer}); one side writes, the other reads`);
      byTemplate.set(entry.address, producer as PartnerTopicWriter);
    }
  }
  return [...byTemplate].map(([template, writtenBy]) => ({ template, writtenBy })).sort((a, b) => a.template.localeCompare(b.template));
}

function partnerTopic(template: string, partnerId: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(partnerId)) throw new Error(`partner id "${partnerId}" must be lower-case letters, digits and single hyphens`);
  return template.replace(PARTNER_PLACEHOLDER, partnerId);
}

export interface AccessOptions {
  /** Every partner in the directory (`loadPartnerIds()`). */
  partnerIds: readonly string[];
  /** The deployment's topic prefix (`TOPIC_PREFIX`; tests use one per test file). It applies to topics and consumer groups. */
  topicPrefix?: string;
  /** The organisations signal matching admits (partner ids; default: `loadSignalOrganisationIds()`): each reads its own matches topic. */
  signalOrganisationIds?: readonly string[];
  /** The shelters of shelter placement (partner ids; default: `loadShelterIds()`, the directory's vrouwenopvang partners): each reads its own offers topic. */
  shelterIds?: readonly string[];
}

/** What one partner id takes part in beyond referral, which decides its per-partner topics. */
export interface PartnerRoles {
  signalOrganisation: boolean;
  shelter: boolean;
}

/**
 * The per-partner topics of one partner id: referral's for every partner, signal matching's for admitted
 * organisations only, shelter placement's for shelters only.
 */
export function partnerTopicsOf(partnerId: string, roles: PartnerRoles): { name: string; writtenBy: PartnerTopicWriter }[] {
  return partnerTopicTemplates()
    .filter(({ writtenBy }) => (writtenBy !== 'signal-matching' || roles.signalOrganisation) && (writtenBy !== 'shelter-placement' || roles.shelter))
    .map(({ template, writtenBy }) => ({ name: partnerTopic(template, partnerId), writtenBy }));
}

/** The roles of each partner id by the default configuration files (signal matching's regions, the partner directory). */
export function partnerRolesResolver(options: { signalOrganisationIds?: readonly string[]; shelterIds?: readonly string[] } = {}): (partnerId: string) => PartnerRoles {
  const signalOrganisations = new Set(options.signalOrganisationIds ?? loadSignalOrganisationIds());
  const shelters = new Set(options.shelterIds ?? loadShelterIds());
  return (partnerId) => ({ signalOrganisation: signalOrganisations.has(partnerId), shelter: shelters.has(partnerId) });
}

/** Every SCRAM user the broker needs for this directory; the admin first. */
export function kafkaPrincipals(partnerIds: readonly string[]): string[] {
  return [ADMIN_PRINCIPAL, AUDITOR_PRINCIPAL, OPERATOR_PRINCIPAL, ...SERVICES.map(servicePrincipal), ...unique(partnerIds).map(partnerPrincipal)];
}

/**
 * The least-privilege ACL set. READ and WRITE imply DESCRIBE in Kafka, so DESCRIBE is granted only where
 * neither is. Services create the topics they touch themselves (literal CREATE on exactly those names),
 * so start order does not matter and no principal but the admin holds a cluster-wide CREATE.
 */
export function accessGrants(options: AccessOptions): Grant[] {
  const prefix = options.topicPrefix ?? '';
  const grants: Grant[] = [];
  const topic = (principal: string, name: string, ...operations: Operation[]): void => {
    for (const operation of operations) grants.push({ principal, resource: 'topic', name: `${prefix}${name}`, pattern: 'literal', operation });
  };
  const groupsStartingWith = (principal: string, name: string): void => {
    grants.push({ principal, resource: 'group', name: `${prefix}${name}`, pattern: 'prefixed', operation: 'READ' });
  };
  const partnerIds = unique(options.partnerIds);
  const rolesOf = partnerRolesResolver(options);

  for (const service of SERVICES) {
    const principal = servicePrincipal(service);
    const writes = serviceWrites(service);
    const reads = SERVICE_READS[service];
    const dlq = deadLetterTopic(service);
    for (const name of writes) topic(principal, name, 'WRITE', 'CREATE');
    for (const name of reads) topic(principal, name, 'READ', 'CREATE');
    for (const name of SERVICE_LIVE_READS[service] ?? []) topic(principal, name, 'READ');
    // Its own dead letters: written by the consumers, read again to re-drive them.
    topic(principal, dlq, 'WRITE', 'READ', 'CREATE');
    // Consumer groups are named after the service (`intake`, `intake.redrive-reader.<time>` when re-driving, `crisis-triage.live.<instance>`).
    groupsStartingWith(principal, service);
  }

  for (const partnerId of partnerIds) {
    const partner = partnerPrincipal(partnerId);
    const referral = servicePrincipal('referral');
    for (const { name, writtenBy } of partnerTopicsOf(partnerId, rolesOf(partnerId))) {
      if (writtenBy !== 'partner') {
        topic(servicePrincipal(writtenBy), name, 'WRITE', 'CREATE');
        topic(partner, name, 'READ');
      } else {
        topic(referral, name, 'READ', 'CREATE');
        topic(partner, name, 'WRITE');
      }
    }
    // `partner-<id>` and `partner-<id>.<anything>`: a bare prefix would also cover a partner whose id starts with this one's.
    grants.push({ principal: partner, resource: 'group', name: `${prefix}${partner}`, pattern: 'literal', operation: 'READ' });
    groupsStartingWith(partner, `${partner}.`);
  }

  grants.push({ principal: AUDITOR_PRINCIPAL, resource: 'topic', name: '*', pattern: 'literal', operation: 'READ' });
  groupsStartingWith(AUDITOR_PRINCIPAL, AUDITOR_PRINCIPAL);
  grants.push(
    { principal: OPERATOR_PRINCIPAL, resource: 'topic', name: '*', pattern: 'literal', operation: 'DESCRIBE' },
    { principal: OPERATOR_PRINCIPAL, resource: 'group', name: '*', pattern: 'literal', operation: 'DESCRIBE' },
    { principal: OPERATOR_PRINCIPAL, resource: 'cluster', name: 'kafka-cluster', pattern: 'literal', operation: 'DESCRIBE' },
  );
  return grants;
}

/** A stable text form of a grant, for comparing sets and for error messages. */
export function describeGrant(grant: Grant): string {
  return `${grant.principal} ${grant.operation} ${grant.resource}:${grant.pattern === 'prefixed' ? `${grant.name}*` : grant.name}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
