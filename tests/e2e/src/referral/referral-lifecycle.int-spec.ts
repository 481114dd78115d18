import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Kafka, Producer } from 'kafkajs';
import {
  EncryptedText,
  INVESTIGATION_CONCLUDED_V2,
  MELDING_RECEIVED,
  newEvent,
  PARTNER_REFERRAL_ACCEPTED,
  PARTNER_REFERRAL_COMPLETED,
  PARTNER_REFERRAL_DECLINED,
  partnerReferralsTopic,
  partnerResponsesTopic,
  PersonRef,
  SAFETY_ASSESSMENT_COMPLETED,
  SAFETY_CONDITIONS_RECORDED_V2,
  TOPICS,
} from '@vt/contracts';
import { waitForLeaders } from '@vt/messaging';
import { expectedHouseholdReference, expectedPersonReference, REPO_ROOT, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Envelope = { id: string; type: string; householdid: string; correlationid: string; subject?: string; data: Record<string, unknown> };

/** A partial directory (a few partners of two regions), so the test creates only their topics. */
const PARTNERS = [
  { partnerId: 'lokaal-team-gm0014', partnerType: 'lokaal-team', name: 'Lokaal team Groningen', regionCode: 'vt-groningen', gemeenteCode: 'GM0014' },
  { partnerId: 'mdt-groningen', partnerType: 'mdt', name: 'Zorg- en Veiligheidshuis Groningen', regionCode: 'vt-groningen' },
  { partnerId: 'rvdk-groningen', partnerType: 'rvdk', name: 'Raad voor de Kinderbescherming, Groningen', regionCode: 'vt-groningen' },
  { partnerId: 'reclassering-groningen', partnerType: 'reclassering', name: 'Reclassering, Groningen', regionCode: 'vt-groningen' },
  { partnerId: 'lokaal-team-gm0363', partnerType: 'lokaal-team', name: 'Lokaal team Amsterdam', regionCode: 'vt-amsterdam-amstelland', gemeenteCode: 'GM0363' },
  { partnerId: 'mdt-amsterdam-amstelland', partnerType: 'mdt', name: 'Zorg- en Veiligheidshuis Amsterdam-Amstelland', regionCode: 'vt-amsterdam-amstelland' },
];

/**
 * What each partner type may see in a referral, stated here independently of the projection table in
 * libs/referral/domain: the scan below fails if the service ever sends more.
 */
const BASE = ['referralId', 'householdReference', 'partnerId', 'partnerType', 'disclosure', 'issuedAt', 'gemeenteCode', 'regionCode', 'purpose', 'outcome', 'answerDueAt'];
const ALLOWED: Record<string, string[]> = {
  'lokaal-team': [...BASE, 'persons', 'safetyConditionCount'],
  mdt: [...BASE, 'persons', 'safetyConditionCount'],
  rvdk: [...BASE, 'persons', 'safetyConditionCount'],
  reclassering: [...BASE, 'persons', 'safetyConditionCount'],
};
const WITHDRAWAL_FIELDS = ['referralId', 'partnerId', 'reason', 'withdrawnAt'];
/** Text sealed by safety-investigation under the household's key, as its events carry it (ADR 0020); the referral service cannot open it. */
const sealed = (householdId: string): EncryptedText => ({ personId: householdId, keyId: randomUUID(), alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'c2VhbGVk', tag: 'AAAAAAAAAAAAAAAAAAAAAA' });

/** The referral service alone, fed upstream facts by a plain producer, answered by partners writing to their own topics. */
describe('referral: outcomes refer, partners answer once, declines re-route, silence expires', () => {
  let env: TestEnvironment;
  let referral: RunningService;
  let schema: string;
  let kafka: Kafka;
  let producer: Producer;
  let reader: TopicReader;
  let db: Client;
  const melderIds: string[] = [];
  /** Every id VT uses internally that this test learns (households, meldingen, melders, persons, upstream events): none may reach a partner. */
  const internalIds: string[] = [];
  let referenceKey: string;
  /** The household as a partner knows it, derived here from the run's PARTNER_REFERENCE_KEY (docs/adr/0016). */
  const ref = (partnerId: string, householdId: string) => expectedHouseholdReference(referenceKey, partnerId, householdId);
  const partnerTopics = PARTNERS.map((p) => partnerReferralsTopic(p.partnerId));

  beforeAll(async () => {
    env = testEnvironment();
    const dir = join(REPO_ROOT, '.local', 'test-referral', env.runId);
    mkdirSync(dir, { recursive: true });
    const directoryFile = join(dir, 'directory.json');
    writeFileSync(directoryFile, JSON.stringify({ version: '2026-11-29.99', coverage: 'partial', partners: PARTNERS }));
    const serviceEnv = await env.serviceEnv('referral');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    referenceKey = serviceEnv['PARTNER_REFERENCE_KEY'] as string;
    kafka = env.kafkaClient();
    const admin = kafka.admin();
    await admin.connect();
    try {
      // VT creates each partner's two topics up front, as it does for a new partner.
      const topics = [...partnerTopics, ...PARTNERS.map((p) => partnerResponsesTopic(p.partnerId))].map((topic) => env.topicPrefix + topic);
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '-1' }] })), waitForLeaders: false });
      await waitForLeaders(admin, topics, 30_000);
    } finally {
      await admin.disconnect();
    }
    referral = await startService('referral', { ...serviceEnv, PARTNER_DIRECTORY_FILE: directoryFile, REFERRAL_ANSWER_WITHIN: 'PT8S' });
    producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
    await producer.connect();
    reader = await new TopicReader(env.kafkaBrokers.split(','), [TOPICS.referrals, ...partnerTopics].map((topic) => env.topicPrefix + topic), { ...(env.kafkaSasl() ? { sasl: env.kafkaSasl() } : {}) }).start();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await reader?.stop();
    await producer?.disconnect();
    await referral?.stop();
    await env?.cleanup();
  });

  const send = async (topic: string, event: { id: string; householdid: string }) => {
    if (!topic.startsWith('vt.partner.')) internalIds.push(event.id);
    await producer.send({ topic: env.topicPrefix + topic, acks: -1, messages: [{ key: event.householdid, value: JSON.stringify(event) }] });
  };
  const events = (topic: string, householdId: string, type?: string) =>
    reader
      .on(env.topicPrefix + topic)
      .filter((record) => record.key === householdId)
      .map((record) => record.json<Envelope>())
      .filter((event) => !type || event.type === type);
  const eventually = (topic: string, householdId: string, type: string, description: string, where: (event: Envelope) => boolean = () => true) =>
    waitFor(() => events(topic, householdId, type).find(where), { description, timeoutMs: 30_000 });

  /** A melding for a new household: the referral service learns where it lives, who is in it, and what kind of melder reported. */
  async function household(gemeenteCode: string, vtRegion: string, melderRole: 'melder' | 'informant', who: 'with-a-child' | 'adults-only' = 'with-a-child') {
    const householdId = randomUUID();
    const meldingId = randomUUID();
    const persons: PersonRef[] =
      who === 'with-a-child'
        ? [
            { personId: randomUUID(), role: 'victim' },
            { personId: randomUUID(), role: 'suspected-perpetrator' },
            { personId: randomUUID(), role: 'child-involved' },
          ]
        : [
            { personId: randomUUID(), role: 'victim', minor: false },
            { personId: randomUUID(), role: 'suspected-perpetrator', minor: false },
          ];
    const melderId = randomUUID();
    melderIds.push(melderId);
    internalIds.push(householdId, meldingId, melderId, ...persons.map((p) => p.personId));
    const melding = newEvent({
      type: MELDING_RECEIVED,
      service: 'intake',
      householdId,
      subject: meldingId,
      time: new Date(),
      data: {
        meldingId,
        householdId,
        receivedAt: new Date().toISOString(),
        gemeenteCode,
        region: { vtRegion, calendar: 'nl' },
        registration: { channel: 'telefoon', melderKind: 'professional', melderSector: 'politie-justitie', melderRole, melderIdentitySealed: true },
        melderId,
        acuteIndication: { indicated: false },
        persons,
        actor: 'user:call-handler-1',
      },
    });
    await send(TOPICS.meldingen, melding);
    await waitFor(async () => (await db.query(`select 1 from ${schema}.melding_feedback where melding_id = $1`, [meldingId])).rowCount === 1 || undefined, { description: 'referral to take in the melding' });
    return { householdId, meldingId, melderId, persons, melding };
  }

  async function assess(h: { householdId: string; meldingId: string }, gemeenteCode: string, outcome: string) {
    const assessmentId = randomUUID();
    internalIds.push(assessmentId);
    await send(
      TOPICS.triageAssessments,
      newEvent({
        type: SAFETY_ASSESSMENT_COMPLETED,
        service: 'crisis-triage',
        householdId: h.householdId,
        subject: h.meldingId,
        time: new Date(),
        data: {
          assessmentId,
          meldingId: h.meldingId,
          householdId: h.householdId,
          gemeenteCode,
          taxatie: 'structureel',
          outcome: outcome as never,
          reasoning: 'Test',
          completedAt: new Date().toISOString(),
          deadline: { dueAt: new Date(Date.now() + 86_400_000).toISOString(), met: true },
          actor: 'user:triage-1',
        },
      }),
    );
    return assessmentId;
  }

  /** A partner's answer, on the household reference it was given (`reference`), as a partner writes it. */
  const answer = (type: typeof PARTNER_REFERRAL_ACCEPTED | typeof PARTNER_REFERRAL_DECLINED | typeof PARTNER_REFERRAL_COMPLETED, reference: string, referralId: string, partnerId: string, extra: Record<string, unknown> = {}) =>
    newEvent({
      type,
      service: 'partner',
      householdId: reference,
      subject: referralId,
      time: new Date(),
      data: { referralId, partnerId, answeredAt: new Date().toISOString(), answeredBy: 'medewerker-7', ...extra } as never,
    });

  /** The partner's referral for the household: keyed by the partner's reference for it, never by VT's household id. */
  const referralOnPartnerTopic = (partnerId: string, householdId: string, where: (event: Envelope) => boolean = () => true) =>
    waitFor(() => events(partnerReferralsTopic(partnerId), ref(partnerId, householdId), 'nl.veiligthuis.partner.ReferralIssued.v2').find(where), { description: `a referral on ${partnerId}'s topic`, timeoutMs: 30_000 });

  /**
   * This file's answer term is 8 s (REFERRAL_ANSWER_WITHIN, for the expiry test). A test that answers a referral holds
   * it open as soon as it is issued, so a loaded machine cannot let it expire before the answer arrives (as happened
   * to the signal-matching test's withdrawal); fails with the referral id when it had expired already.
   */
  const holdOpen = async (referralId: string): Promise<void> => {
    const held = await db.query(`update ${schema}.referral set answer_due_at = now() + interval '1 hour' where referral_id = $1 and status = 'issued'`, [referralId]);
    if (held.rowCount !== 1) throw new Error(`referral ${referralId} was no longer open when the test came to hold it (its 8-second answer term had run out)`);
  };

  it('refers overdracht-lokaal-team to the lokaal team, applies its acceptance once though delivered twice, then completion; gives the professional melder terugkoppeling', async () => {
    const h = await household('GM0014', 'vt-groningen', 'melder');
    const assessmentId = await assess(h, 'GM0014', 'overdracht-lokaal-team');
    const issued = await referralOnPartnerTopic('lokaal-team-gm0014', h.householdId);
    const referralId = issued.data['referralId'] as string;
    await holdOpen(referralId);
    expect(issued.data).toMatchObject({ partnerType: 'lokaal-team', purpose: 'overdracht', outcome: 'overdracht-lokaal-team', gemeenteCode: 'GM0014', answerDueAt: expect.any(String) });
    expect(issued.data['persons']).toHaveLength(3);
    // The partner's reference is in the envelope and the data; the internal record keeps both, inside VT.
    const reference = ref('lokaal-team-gm0014', h.householdId);
    expect(issued).toMatchObject({ householdid: reference, correlationid: referralId, data: { householdReference: reference } });
    const internal = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralIssued.v1', 'the internal ReferralIssued');
    expect(internal.data).toMatchObject({ referralId, householdId: h.householdId, householdReference: reference });
    expect((await db.query(`select household_reference from ${schema}.referral where referral_id = $1`, [referralId])).rows).toEqual([{ household_reference: reference }]);

    const feedback = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.MelderFeedbackGiven.v2', 'terugkoppeling after the assessment');
    expect(feedback.data).toEqual({
      meldingId: h.meldingId,
      householdId: h.householdId,
      after: 'assessment',
      aboutId: assessmentId,
      followUpStarted: true,
      takenOverBy: [{ partnerType: 'lokaal-team', name: 'Lokaal team Groningen' }],
      givenAt: expect.any(String),
    });

    const accepted = answer(PARTNER_REFERRAL_ACCEPTED, reference, referralId, 'lokaal-team-gm0014', { householdReference: reference });
    await send(partnerResponsesTopic('lokaal-team-gm0014'), accepted);
    await send(partnerResponsesTopic('lokaal-team-gm0014'), accepted);
    await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralAccepted.v1', 'ReferralAccepted');
    const completed = answer(PARTNER_REFERRAL_COMPLETED, reference, referralId, 'lokaal-team-gm0014');
    await send(partnerResponsesTopic('lokaal-team-gm0014'), completed);
    await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralCompleted.v1', 'ReferralCompleted');
    // The second delivery of the acceptance was a no-op in the inbox, not a second fact or a refusal.
    const inbox = await db.query(`select count(*)::int as n from ${schema}.inbox where event_id = $1`, [accepted.id]);
    expect(inbox.rows[0].n).toBe(1);
    expect(events(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralAccepted.v1')).toHaveLength(1);
    expect(events(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.PartnerAnswerRefused.v1')).toEqual([]);
    const row = await db.query(`select status from ${schema}.referral where referral_id = $1`, [referralId]);
    expect(row.rows).toEqual([{ status: 'completed' }]);

    // An answer for a referral that does not exist is refused and changes nothing (recorded under the household its reference stands for).
    const unknown = randomUUID();
    await send(partnerResponsesTopic('lokaal-team-gm0014'), answer(PARTNER_REFERRAL_ACCEPTED, reference, unknown, 'lokaal-team-gm0014'));
    const refused = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.PartnerAnswerRefused.v1', 'the unknown referral refused', (e) => e.data['referralId'] === unknown);
    expect(refused.data).toMatchObject({ code: 'unknown-referral', partnerId: 'lokaal-team-gm0014' });
    expect((await db.query(`select status from ${schema}.referral where referral_id = $1`, [referralId])).rows).toEqual([{ status: 'completed' }]);
  });

  it('re-routes a declined referral to the region’s MDT', async () => {
    const h = await household('GM0014', 'vt-groningen', 'melder');
    await assess(h, 'GM0014', 'overdracht-lokaal-team');
    const issued = await referralOnPartnerTopic('lokaal-team-gm0014', h.householdId);
    await holdOpen(issued.data['referralId'] as string);
    // An answer on another household reference than the referral's (here VT's own household id, or the reference in the data) is refused.
    await send(partnerResponsesTopic('lokaal-team-gm0014'), answer(PARTNER_REFERRAL_ACCEPTED, h.householdId, issued.data['referralId'] as string, 'lokaal-team-gm0014'));
    const wrongReference = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.PartnerAnswerRefused.v1', 'the wrong household reference refused');
    expect(wrongReference.data).toMatchObject({ referralId: issued.data['referralId'], partnerId: 'lokaal-team-gm0014', code: 'wrong-household-reference', referralStatus: 'issued' });
    await send(partnerResponsesTopic('lokaal-team-gm0014'), answer(PARTNER_REFERRAL_ACCEPTED, issued.householdid, issued.data['referralId'] as string, 'lokaal-team-gm0014', { householdReference: randomUUID() }));
    await waitFor(() => events(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.PartnerAnswerRefused.v1').filter((e) => e.data['code'] === 'wrong-household-reference')[1], { description: 'the wrong householdReference refused' });
    expect((await db.query(`select status from ${schema}.referral where referral_id = $1`, [issued.data['referralId']])).rows).toEqual([{ status: 'issued' }]);
    await send(
      partnerResponsesTopic('lokaal-team-gm0014'),
      answer(PARTNER_REFERRAL_DECLINED, issued.householdid, issued.data['referralId'] as string, 'lokaal-team-gm0014', { reason: { code: 'geen-capaciteit', text: 'Wachtlijst' } }),
    );
    // A partner still on the first version wrote a sentence with its code: the referral service reads it as v2 and
    // records the code only, so the partner's words never enter Veilig Thuis's own log (ADR 0020).
    const declined = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralDeclined.v2', 'ReferralDeclined');
    expect(declined.data).toMatchObject({ partnerId: 'lokaal-team-gm0014' });
    expect(declined.data['reason']).toEqual({ code: 'geen-capaciteit' });
    const rerouted = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralRerouted.v1', 'ReferralRerouted');
    expect(rerouted.data).toMatchObject({ referralId: issued.data['referralId'], because: 'declined', toPartnerId: 'mdt-groningen', toPartnerType: 'mdt' });
    const next = await referralOnPartnerTopic('mdt-groningen', h.householdId);
    expect(next.data['referralId']).toBe(rerouted.data['newReferralId']);
    await holdOpen(next.data['referralId'] as string);
    // Another partner, another reference for the same household.
    expect(next.householdid).toBe(ref('mdt-groningen', h.householdId));
    expect(next.householdid).not.toBe(issued.householdid);
    await send(partnerResponsesTopic('mdt-groningen'), answer(PARTNER_REFERRAL_ACCEPTED, next.householdid, next.data['referralId'] as string, 'mdt-groningen'));
    await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralAccepted.v1', 'the MDT accepted');

    // The MDT answering for the lokaal team's referral, or naming another partner in its answer, is refused.
    await send(partnerResponsesTopic('mdt-groningen'), answer(PARTNER_REFERRAL_ACCEPTED, next.householdid, issued.data['referralId'] as string, 'mdt-groningen'));
    const wrong = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.PartnerAnswerRefused.v1', 'the wrong partner refused', (e) => e.data['code'] === 'wrong-partner');
    expect(wrong.data).toMatchObject({ referralId: issued.data['referralId'], partnerId: 'mdt-groningen', code: 'wrong-partner', referralStatus: 'rerouted' });
    await send(partnerResponsesTopic('mdt-groningen'), answer(PARTNER_REFERRAL_COMPLETED, next.householdid, next.data['referralId'] as string, 'lokaal-team-gm0014'));
    const claimed = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.PartnerAnswerRefused.v1', 'the false partner id refused', (e) => e.data['claimedPartnerId'] === 'lokaal-team-gm0014');
    expect(claimed.data).toMatchObject({ referralId: next.data['referralId'], partnerId: 'mdt-groningen', code: 'wrong-partner' });
    expect((await db.query(`select status from ${schema}.referral where referral_id = $1`, [next.data['referralId']])).rows).toEqual([{ status: 'accepted' }]);
  });

  it('expires an unanswered referral, withdraws it on the partner’s topic, re-routes it, and records when nobody is left', async () => {
    const h = await household('GM0363', 'vt-amsterdam-amstelland', 'melder');
    await assess(h, 'GM0363', 'overdracht-lokaal-team');
    const first = await referralOnPartnerTopic('lokaal-team-gm0363', h.householdId);
    const expired = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralExpired.v1', 'ReferralExpired', (e) => e.data['referralId'] === first.data['referralId']);
    expect(expired.data).toMatchObject({ partnerId: 'lokaal-team-gm0363', answerDueAt: first.data['answerDueAt'] });
    const withdrawn = await waitFor(() => events(partnerReferralsTopic('lokaal-team-gm0363'), first.householdid, 'nl.veiligthuis.partner.ReferralWithdrawn.v1')[0], { description: 'the withdrawal on the partner topic' });
    expect(withdrawn.data).toMatchObject({ referralId: first.data['referralId'], reason: 'expired' });
    expect(withdrawn).toMatchObject({ householdid: ref('lokaal-team-gm0363', h.householdId), correlationid: first.data['referralId'] });
    const next = await referralOnPartnerTopic('mdt-amsterdam-amstelland', h.householdId);
    // The MDT does not answer either, and it has no fallback: a coordinator has to act.
    const failed = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralRoutingFailed.v2', 'ReferralRoutingFailed');
    // It says what the referral was wanted for, so the household record can take it for a failed overdracht.
    expect(failed.data).toMatchObject({
      wanted: 'lokaal-team',
      afterReferralId: next.data['referralId'],
      purpose: 'overdracht',
      outcome: 'overdracht-lokaal-team',
      triedPartnerIds: ['lokaal-team-gm0363', 'mdt-amsterdam-amstelland'],
      reasonCode: 'no-partner-left',
    });
  });

  it('asks the RvdK and informs the gemeente on verzoek-rvdk; an informant gets no terugkoppeling', async () => {
    const h = await household('GM0014', 'vt-groningen', 'informant');
    await assess(h, 'GM0014', 'verzoek-rvdk');
    const rvdk = await referralOnPartnerTopic('rvdk-groningen', h.householdId);
    expect(rvdk.data).toMatchObject({ purpose: 'verzoek-onderzoek', outcome: 'verzoek-rvdk' });
    const informed = await referralOnPartnerTopic('lokaal-team-gm0014', h.householdId);
    expect(informed.data).toMatchObject({ purpose: 'informeren' });
    // One household, two partners, two references that link to nothing.
    expect(new Set([rvdk.householdid, informed.householdid, h.householdId]).size).toBe(3);
    expect(informed.data['persons']).toBeUndefined();
    expect(informed.data['answerDueAt']).toBeUndefined();
    // The referrals and any terugkoppeling are written in one transaction: once the referrals are out, the outbox shows all of it.
    const written = await db.query(`select payload from ${schema}.outbox where message_key = $1`, [h.householdId]);
    expect(written.rows.map((r: { payload: string }) => (JSON.parse(r.payload) as Envelope).type)).not.toContain('nl.veiligthuis.referral.MelderFeedbackGiven.v2');
    expect(events(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.MelderFeedbackGiven.v2')).toEqual([]);
  });

  // Issue 11 point 7 (docs/adr/0022), the referral service's defence in depth behind crisis-triage's and safety-investigation's 422.
  it('never refers a household of adults to the RvdK: verzoek-rvdk is a routing failure naming why (route-needs-a-minor), and the gemeente is not informed of a request not made', async () => {
    const h = await household('GM0014', 'vt-groningen', 'melder', 'adults-only');
    await assess(h, 'GM0014', 'verzoek-rvdk');
    const failed = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralRoutingFailed.v2', 'the routing failure');
    expect(failed.data).toMatchObject({ wanted: 'rvdk', purpose: 'verzoek-onderzoek', outcome: 'verzoek-rvdk', triedPartnerIds: [] });
    // Why, as a code (ADR 0020, ADR 0022): no sentence on the permanent log.
    expect(failed.data['reasonCode']).toBe('route-needs-a-minor');
    expect(failed.data['reason']).toBeUndefined();
    // Everything the decision caused was written in one transaction: no referral at all, to the RvdK or the lokaal team.
    const written = await db.query(`select payload from ${schema}.outbox where message_key = $1`, [h.householdId]);
    expect(written.rows.map((r: { payload: string }) => (JSON.parse(r.payload) as Envelope).type)).not.toContain('nl.veiligthuis.referral.ReferralIssued.v1');
    expect((await db.query(`select count(*)::int as n from ${schema}.referral where household_id = $1`, [h.householdId])).rows[0].n).toBe(0);
  });

  it('hands a household of adults over to the lokaal team but not to the gecertificeerde instelling an investigation also named', async () => {
    const h = await household('GM0014', 'vt-groningen', 'melder', 'adults-only');
    const investigationId = randomUUID();
    internalIds.push(investigationId);
    await send(
      TOPICS.investigations,
      newEvent({
        type: INVESTIGATION_CONCLUDED_V2,
        service: 'safety-investigation',
        householdId: h.householdId,
        subject: investigationId,
        time: new Date(),
        data: {
          investigationId,
          householdId: h.householdId,
          gemeenteCode: 'GM0014',
          basedOn: { assessmentId: randomUUID(), meldingId: h.meldingId },
          conclusion: { unsafety: true, risks: ['lichamelijk-geweld'] },
          safetyConditionCount: 0,
          outcome: 'overdracht',
          handOverTo: ['lokaal-team', 'gecertificeerde-instelling'],
          concludedAt: new Date().toISOString(),
          actor: 'user:investigator-1',
        },
      }),
    );
    const failed = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.ReferralRoutingFailed.v2', 'the routing failure for the gecertificeerde instelling');
    expect(failed.data).toMatchObject({ wanted: 'gecertificeerde-instelling', purpose: 'overdracht', outcome: 'overdracht' });
    expect(failed.data['reasonCode']).toBe('route-needs-a-minor');
    const issued = await referralOnPartnerTopic('lokaal-team-gm0014', h.householdId);
    expect(issued.data).toMatchObject({ partnerType: 'lokaal-team', purpose: 'overdracht', outcome: 'overdracht' });
  });

  it('hands an investigation’s safety conditions to the reclassering (only the suspected perpetrator), and tells the melder only what is theirs', async () => {
    const h = await household('GM0014', 'vt-groningen', 'melder');
    await send(
      TOPICS.householdPhases,
      newEvent({
        type: SAFETY_CONDITIONS_RECORDED_V2,
        service: 'safety-investigation',
        householdId: h.householdId,
        time: new Date(),
        data: { householdId: h.householdId, conditions: sealed(h.householdId), conditionCount: 1, handedOverTo: ['household', 'melder'], recordedAt: new Date().toISOString(), actor: 'user:investigator-1' },
      }),
    );
    const investigationId = randomUUID();
    internalIds.push(investigationId);
    await send(
      TOPICS.investigations,
      newEvent({
        type: INVESTIGATION_CONCLUDED_V2,
        service: 'safety-investigation',
        householdId: h.householdId,
        subject: investigationId,
        time: new Date(),
        data: {
          investigationId,
          householdId: h.householdId,
          gemeenteCode: 'GM0014',
          basedOn: { assessmentId: randomUUID(), meldingId: h.meldingId },
          conclusion: { unsafety: true, risks: ['lichamelijk-geweld'] },
          safetyConditions: sealed(h.householdId),
          safetyConditionCount: 1,
          outcome: 'voorwaarden-en-vervolg',
          handOverTo: ['reclassering', 'household'],
          concludedAt: new Date().toISOString(),
          actor: 'user:investigator-1',
        },
      }),
    );
    const issued = await referralOnPartnerTopic('reclassering-groningen', h.householdId);
    // The conditions are sealed with safety-investigation's key: the partner learns how many there are and reads them
    // from safety-investigation with its own token (ADR 0020); the referral service never holds the text.
    expect(issued.data).toMatchObject({ purpose: 'voorwaarden', outcome: 'voorwaarden-en-vervolg', safetyConditionCount: 1 });
    expect(issued.data['safetyConditions']).toBeUndefined();
    // Only the suspected perpetrator, by the reclassering's own reference for the person.
    expect(issued.data['persons']).toEqual([{ personId: expectedPersonReference(referenceKey, 'reclassering-groningen', h.persons[1]?.personId as string), role: 'suspected-perpetrator' }]);
    const feedback = await eventually(TOPICS.referrals, h.householdId, 'nl.veiligthuis.referral.MelderFeedbackGiven.v2', 'terugkoppeling after the investigation');
    expect(feedback.data).toMatchObject({
      after: 'investigation',
      aboutId: investigationId,
      followUpStarted: true,
      takenOverBy: [{ partnerType: 'reclassering', name: 'Reclassering, Groningen' }],
      safetyConditionCount: 1,
    });
  });

  it('put nothing on any partner topic outside that partner type’s projection, never the melder, and no internal id but the referral id', async () => {
    expect(melderIds.length).toBeGreaterThan(0);
    const records = partnerTopics.flatMap((topic) => reader.on(env.topicPrefix + topic));
    expect(records.length).toBeGreaterThan(5);
    for (const record of records) {
      const event = record.json<Envelope>();
      const partner = PARTNERS.find((p) => env.topicPrefix + partnerReferralsTopic(p.partnerId) === record.topic);
      expect(partner).toBeDefined();
      if (event.type === 'nl.veiligthuis.partner.ReferralIssued.v2') {
        const allowed = ALLOWED[partner?.partnerType as string] ?? [];
        expect({ topic: record.topic, extra: Object.keys(event.data).filter((field) => !allowed.includes(field)) }).toEqual({ topic: record.topic, extra: [] });
        expect(event.data['partnerId']).toBe(partner?.partnerId);
        expect((event.data['disclosure'] as { fields: string[] }).fields.sort()).toEqual(Object.keys(event.data).filter((f) => f !== 'disclosure').sort());
      } else {
        expect(event.type).toBe('nl.veiligthuis.partner.ReferralWithdrawn.v1');
        expect(Object.keys(event.data).sort()).toEqual([...WITHDRAWAL_FIELDS].sort());
      }
      // Never the melder: no melder field, no melder id, no melder kind or role.
      expect(record.value).not.toMatch(/melder/i);
      for (const melderId of melderIds) expect(record.value).not.toContain(melderId);
      // The household by the partner's reference only (key, householdid, data); no household, melding, person or upstream event id of VT.
      expect(record.key).toBe(event.householdid);
      if (event.type === 'nl.veiligthuis.partner.ReferralIssued.v2') expect(event.data['householdReference']).toBe(event.householdid);
      expect(event.correlationid).toBe(event.data['referralId']);
      const leaked = internalIds.filter((id) => record.value?.includes(id) || record.key === id);
      expect({ topic: record.topic, leaked }).toEqual({ topic: record.topic, leaked: [] });
    }
  });
});
