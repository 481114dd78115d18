import { TOPICS } from '@vt/contracts';
import { testEnvironment, TestEnvironment, TopicReader } from '@vt/testing';
import { Flow, jsonLines, partnerConsume, Services, startFourServices, WAIT_MS } from './partner-flow';

/** Issue 5: a referral the partner leaves unanswered expires after the answer window and goes to another partner. */
describe('issue 5: an unanswered referral expires', () => {
  let env: TestEnvironment;
  let services: Services;
  let reader: TopicReader;
  let flow: Flow;

  beforeAll(async () => {
    env = testEnvironment();
    // A short answer window, so that expiry is reached in the test; production counts working days.
    services = await startFourServices(env, { REFERRAL_ANSWER_WITHIN: 'PT3S' });
    reader = await new TopicReader(env.kafkaBrokers.split(','), Flow.topics(env)).start();
    flow = new Flow(env, services, reader);
  }, 4 * WAIT_MS);

  afterAll(async () => {
    await reader?.stop();
    await Promise.all((services?.all ?? []).map((service) => service.stop()));
    await env?.cleanup();
  }, 4 * WAIT_MS);

  it('withdraws the referral from the partner that did not answer and re-routes it; the partner sees the withdrawal', async () => {
    const { meldingId, householdId } = await flow.melding('GM0014');
    await flow.assess(meldingId, 'overdracht-lokaal-team');
    const first = await flow.referralOnPartnerTopic(householdId, (event) => event.data['partnerId'] === 'lokaal-team-gm0014');
    expect(first.projection.data).toMatchObject({ referralId: first.referralId, partnerType: 'lokaal-team', answerDueAt: expect.any(String) });

    const expired = await flow.event(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.ReferralExpired.v1', (event) => event.data['referralId'] === first.referralId);
    expect(expired.data).toMatchObject({ partnerId: 'lokaal-team-gm0014', answerDueAt: first.projection.data['answerDueAt'] });
    const rerouted = await flow.event(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.ReferralRerouted.v1', (event) => event.data['referralId'] === first.referralId);
    expect(rerouted.data).toMatchObject({ because: 'expired' });
    expect(rerouted.data['toPartnerId']).not.toBe('lokaal-team-gm0014');
    const next = await flow.referralOnPartnerTopic(householdId, (event) => event.data['referralId'] === rerouted.data['newReferralId']);
    expect(next.partnerId).toBe(rerouted.data['toPartnerId']);

    // What the late partner sees: its referral, then its withdrawal; an answer now is refused.
    const late = await partnerConsume(env, 'lokaal-team-gm0014', ['--all', '--once']);
    expect(late.code).toBe(0);
    expect(late.stdout).toContain(`Referral ${first.referralId} withdrawn: it was not answered in time`);

    const tooLate = await partnerConsume(env, 'lokaal-team-gm0014', ['--accept', first.referralId, '--json']);
    expect(tooLate.code).toBe(0);
    expect(jsonLines(tooLate.stdout).find((line) => line.kind === 'answer')?.event?.type).toBe('nl.veiligthuis.partner.ReferralAccepted.v1');
    const refused = await flow.event(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.PartnerAnswerRefused.v1', (event) => event.data['referralId'] === first.referralId);
    expect(refused.data).toMatchObject({ partnerId: 'lokaal-team-gm0014', code: 'referral-not-open' });
    expect(flow.events(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.ReferralAccepted.v1')).toEqual([]);
  }, 4 * WAIT_MS);
});
