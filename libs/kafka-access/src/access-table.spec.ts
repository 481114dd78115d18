import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerReferralsTopic, partnerResponsesTopic, SERVICES, TOPICS } from '@vt/contracts';
import { accessGrants, AUDITOR_PRINCIPAL, describeGrant, Grant, kafkaPrincipals, OPERATOR_PRINCIPAL, SERVICE_LIVE_READS, SERVICE_READS, serviceWrites } from './access-table';
import { loadShelterIds } from './shelters';
import { loadSignalOrganisationIds } from './signal-organisations';

const partnerIds = ['lokaal-team-gm0363', 'politie-vr13'];
const of = (grants: Grant[], principal: string): string[] => grants.filter((grant) => grant.principal === principal).map(describeGrant).sort();

describe('the Kafka access table', () => {
  const grants = accessGrants({ partnerIds });

  it('gives a partner its own referrals topic to read, its own responses topic to write and its own consumer groups, nothing else', () => {
    expect(of(grants, 'partner-lokaal-team-gm0363')).toEqual([
      'partner-lokaal-team-gm0363 READ group:partner-lokaal-team-gm0363',
      'partner-lokaal-team-gm0363 READ group:partner-lokaal-team-gm0363.*',
      'partner-lokaal-team-gm0363 READ topic:vt.partner.lokaal-team-gm0363.referrals.v1',
      'partner-lokaal-team-gm0363 WRITE topic:vt.partner.lokaal-team-gm0363.responses.v1',
    ]);
  });

  it('lets the referral service write every partner referrals topic and read every partner responses topic, each by its literal name', () => {
    const referral = grants.filter((grant) => grant.principal === 'svc-referral' && grant.name.startsWith('vt.partner.'));
    for (const partnerId of partnerIds) {
      expect(referral.filter((g) => g.name === partnerReferralsTopic(partnerId)).map((g) => g.operation).sort()).toEqual(['CREATE', 'WRITE']);
      expect(referral.filter((g) => g.name === partnerResponsesTopic(partnerId)).map((g) => g.operation).sort()).toEqual(['CREATE', 'READ']);
    }
    expect(referral.every((grant) => grant.pattern === 'literal')).toBe(true);
  });

  it('lets each service write only what the event catalog says it produces, plus its own dead letters', () => {
    expect(serviceWrites('intake')).toEqual(expect.arrayContaining([TOPICS.adviesvragen, TOPICS.auditAccess, TOPICS.meldingen]));
    expect(serviceWrites('intake')).not.toContain(TOPICS.triageAssessments);
    const written = (principal: string) => grants.filter((g) => g.principal === principal && g.operation === 'WRITE').map((g) => g.name).sort();
    expect(written('svc-intake')).toEqual([...serviceWrites('intake'), 'vt.intake.dlq.v1'].sort());
    expect(written('svc-intake')).not.toContain(TOPICS.triageAssessments);
    expect(written('svc-crisis-triage')).toContain(TOPICS.triageAssessments);
    expect(written('svc-crisis-triage')).not.toContain(TOPICS.meldingen);
  });

  // Rule (plan "Regions"): every read of a household's data is audited on vt.audit.access.v1 by the service that answers it.
  it('lets every service that answers reads of case data write the audited reads', () => {
    for (const service of ['intake', 'crisis-triage', 'safety-investigation', 'referral'] as const) expect(serviceWrites(service)).toContain(TOPICS.auditAccess);
  });

  it('lets each service read the topics its consumers subscribe to and nothing else but its dead letters and its live reads', () => {
    for (const service of SERVICES) {
      const read = grants.filter((g) => g.principal === `svc-${service}` && g.operation === 'READ' && g.resource === 'topic' && !g.name.startsWith('vt.partner.')).map((g) => g.name);
      expect(read.sort()).toEqual([...SERVICE_READS[service], ...(SERVICE_LIVE_READS[service] ?? []), `vt.${service}.dlq.v1`].sort());
    }
  });

  // docs/adr/0035: the live crisis queue reads the triage topic crisis-triage writes, in its own per-instance group.
  it('lets crisis-triage read its own triage topic for the live crisis queue, in a group under its own prefix', () => {
    const mine = of(grants, 'svc-crisis-triage');
    expect(mine).toContain(`svc-crisis-triage READ topic:${TOPICS.triageAssessments}`);
    expect(mine).toContain('svc-crisis-triage READ group:crisis-triage*');
  });

  it('gives the auditor read-only access to every topic and the operator metadata only', () => {
    expect(of(grants, AUDITOR_PRINCIPAL)).toEqual(['vt-auditor READ group:vt-auditor*', 'vt-auditor READ topic:*']);
    expect(grants.filter((g) => g.principal === OPERATOR_PRINCIPAL).every((g) => g.operation === 'DESCRIBE')).toBe(true);
  });

  it('grants nobody a cluster-wide CREATE, nothing to everyone, and no prefixed topic access', () => {
    expect(grants.filter((g) => g.resource === 'cluster' && g.operation !== 'DESCRIBE')).toEqual([]);
    expect(grants.filter((g) => g.principal === '*' || g.principal === 'ANONYMOUS')).toEqual([]);
    expect(grants.filter((g) => g.resource === 'topic' && g.pattern === 'prefixed')).toEqual([]);
  });

  it("puts the deployment's topic prefix in front of every topic and group name, but not the wildcards", () => {
    const prefixed = accessGrants({ partnerIds, topicPrefix: 't1a2b3c4d.' });
    expect(prefixed).toHaveLength(grants.length);
    for (const grant of prefixed) {
      if (grant.name === '*' || grant.resource === 'cluster') continue;
      expect(grant.name.startsWith('t1a2b3c4d.')).toBe(true);
    }
    expect(prefixed.map(describeGrant)).toContain('partner-politie-vr13 READ topic:t1a2b3c4d.vt.partner.politie-vr13.referrals.v1');
  });

  it('names one broker user per service, per partner, and the admin, auditor and operator', () => {
    expect(kafkaPrincipals(partnerIds)).toEqual([
      'vt-admin',
      'vt-auditor',
      'vt-operator',
      'svc-intake',
      'svc-crisis-triage',
      'svc-safety-investigation',
      'svc-referral',
      'svc-signal-matching',
      'svc-shelter-placement',
      'partner-lokaal-team-gm0363',
      'partner-politie-vr13',
    ]);
  });

  it("matches the topics the apps' consumers subscribe to", () => {
    const root = join(__dirname, '..', '..', '..');
    const topicsByKey = TOPICS as Record<string, string>;
    for (const service of SERVICES) {
      const module = readFileSync(join(root, 'apps', service, 'src', `${service}.module.ts`), 'utf8');
      const subscribed = [...module.matchAll(/consumers:\s*\[([\s\S]*?)\]\s*,?\s*\n/g)]
        .flatMap((match) => [...(match[1] ?? '').matchAll(/TOPICS\.(\w+)/g)])
        .map((match) => topicsByKey[match[1] ?? ''] ?? `unknown TOPICS.${match[1]}`);
      // A service with personal data also runs the erasure consumer of libs/runtime.
      if (/personalData:\s*true/.test(module)) subscribed.push(TOPICS.privacyErasures);
      expect({ service, topics: [...new Set(subscribed)].sort() }).toEqual({ service, topics: [...SERVICE_READS[service]].sort() });
    }
  });

  it('gives each organisation admitted to signal matching read access to its own matches topic only, written by signal matching', () => {
    const described = accessGrants({ partnerIds: ['ggz-groningen', 'lokaal-team-gm0014', 'politie-vr13'], signalOrganisationIds: ['ggz-groningen', 'lokaal-team-gm0014'] }).map(describeGrant);
    expect(described).toEqual(expect.arrayContaining(['partner-ggz-groningen READ topic:vt.signals.ggz-groningen.matches.v1', 'svc-signal-matching WRITE topic:vt.signals.ggz-groningen.matches.v1', 'svc-signal-matching CREATE topic:vt.signals.lokaal-team-gm0014.matches.v1']));
    expect(described.filter((grant) => grant.includes('.matches.v1') && grant.startsWith('partner-'))).toEqual([
      'partner-ggz-groningen READ topic:vt.signals.ggz-groningen.matches.v1',
      'partner-lokaal-team-gm0014 READ topic:vt.signals.lokaal-team-gm0014.matches.v1',
    ]);
    expect(described.some((grant) => grant.includes('vt.signals.politie-vr13'))).toBe(false);
    expect(loadSignalOrganisationIds()).toEqual(expect.arrayContaining(['ggz-groningen', 'lokaal-team-gm0014']));
  });

  it('gives each shelter (a vrouwenopvang partner of the directory) read access to its own offers topic only, written by shelter placement', () => {
    const described = accessGrants({ partnerIds: ['vrouwenopvang-groningen', 'vrouwenopvang-drenthe', 'politie-vr13'], shelterIds: ['vrouwenopvang-groningen', 'vrouwenopvang-drenthe'] }).map(describeGrant);
    expect(described).toEqual(
      expect.arrayContaining([
        'partner-vrouwenopvang-groningen READ topic:vt.shelter.vrouwenopvang-groningen.offers.v1',
        'svc-shelter-placement WRITE topic:vt.shelter.vrouwenopvang-groningen.offers.v1',
        'svc-shelter-placement CREATE topic:vt.shelter.vrouwenopvang-drenthe.offers.v1',
        'svc-shelter-placement WRITE topic:vt.shelter.placements.v1',
      ]),
    );
    expect(described.filter((grant) => grant.includes('.offers.v1') && grant.startsWith('partner-'))).toEqual([
      'partner-vrouwenopvang-groningen READ topic:vt.shelter.vrouwenopvang-groningen.offers.v1',
      'partner-vrouwenopvang-drenthe READ topic:vt.shelter.vrouwenopvang-drenthe.offers.v1',
    ]);
    expect(described.some((grant) => grant.includes('vt.shelter.politie-vr13'))).toBe(false);
    // The shelters do not read VT's own record of placements; only the auditor's wildcard does.
    expect(described.filter((grant) => grant.includes('vt.shelter.placements.v1') && !grant.startsWith('svc-shelter-placement'))).toEqual([]);
    expect(loadShelterIds()).toEqual(expect.arrayContaining(['vrouwenopvang-groningen', 'vrouwenopvang-drenthe']));
    expect(loadShelterIds().every((id) => id.startsWith('vrouwenopvang-'))).toBe(true);
  });
});
