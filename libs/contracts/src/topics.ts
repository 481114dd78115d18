/**
 * Topic names: `vt.<context>.<stream>.v<major>` (docs/adr/0003-topic-naming-and-partitioning.md).
 * A deployment may put a prefix in front of every name (tests use one per run); the names here never carry it.
 */
export const TOPICS = {
  meldingen: 'vt.intake.meldingen.v1',
  adviesvragen: 'vt.intake.adviesvragen.v1',
  triageAssessments: 'vt.triage.assessments.v1',
  triageDeadlines: 'vt.triage.deadlines.v1',
  householdPhases: 'vt.household.phases.v1',
  investigations: 'vt.investigation.investigations.v1',
  referrals: 'vt.referral.referrals.v1',
  auditAccess: 'vt.audit.access.v1',
  /** Signed chain heads from every service's outbox relay (tamper evidence); keyed by producer, kept forever. */
  auditChainHeads: 'vt.audit.chainheads.v1',
  privacyErasures: 'vt.privacy.erasures.v1',
  /** Signal matching's own record: registrations, withdrawals, expiries and matches (docs/adr/0038). */
  signals: 'vt.signals.signals.v1',
  /** Shelter placement's own record: requests, offers, answers, escalations, stays and capacity (docs/adr/0040). */
  shelterPlacements: 'vt.shelter.placements.v1',
} as const;

export type DomainTopic = (typeof TOPICS)[keyof typeof TOPICS];

export const SERVICES = ['intake', 'crisis-triage', 'safety-investigation', 'referral', 'signal-matching', 'shelter-placement'] as const;
export type ServiceName = (typeof SERVICES)[number];

const PARTNER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function assertPartnerId(partnerId: string): void {
  if (!PARTNER_ID.test(partnerId)) {
    throw new Error(`partner id "${partnerId}" must be lower-case letters, digits and single hyphens`);
  }
}

/** What partner `partnerId` may read: the referrals addressed to it, as its projection. */
export function partnerReferralsTopic(partnerId: string): string {
  assertPartnerId(partnerId);
  return `vt.partner.${partnerId}.referrals.v1`;
}

/** What partner `partnerId` may write: its answers to referrals. */
export function partnerResponsesTopic(partnerId: string): string {
  assertPartnerId(partnerId);
  return `vt.partner.${partnerId}.responses.v1`;
}

/** What organisation `organisationId` (a partner id) may read in signal matching: the matches of its own signals (docs/adr/0038). */
export function signalMatchesTopic(organisationId: string): string {
  assertPartnerId(organisationId);
  return `vt.signals.${organisationId}.matches.v1`;
}

/** What shelter `shelterId` (a vrouwenopvang partner id) may read: the requests for a place offered to it (docs/adr/0040). */
export function shelterOffersTopic(shelterId: string): string {
  assertPartnerId(shelterId);
  return `vt.shelter.${shelterId}.offers.v1`;
}

export function deadLetterTopic(service: ServiceName | string): string {
  return `vt.${service}.dlq.v1`;
}

export interface TopicSpec {
  numPartitions: number;
  /** -1 keeps records forever: the log is what auditors replay. */
  retentionMs: number;
}

/** Household-keyed streams: 12 partitions so a household's events stay ordered while load spreads. */
export const HOUSEHOLD_TOPIC: TopicSpec = { numPartitions: 12, retentionMs: -1 };
/** A single partner's streams are small; 3 partitions still keep per-household order by key. */
export const PARTNER_TOPIC: TopicSpec = { numPartitions: 3, retentionMs: -1 };
/** Dead letters are evidence too and wait for an operator: kept forever. */
export const DEAD_LETTER_TOPIC: TopicSpec = { numPartitions: 3, retentionMs: -1 };

/** The spec of any topic by its (unprefixed) name. */
export function topicSpecFor(topic: string): TopicSpec {
  if (/^vt\.partner\./.test(topic) || /^vt\.signals\.[a-z0-9-]+\.matches\.v\d+$/.test(topic) || /^vt\.shelter\.[a-z0-9-]+\.offers\.v\d+$/.test(topic)) return PARTNER_TOPIC;
  if (/\.dlq\.v\d+$/.test(topic)) return DEAD_LETTER_TOPIC;
  return HOUSEHOLD_TOPIC;
}
