import { TOPICS } from '@vt/contracts';
import { aMelding, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';
import { Flow, partnerConsume, Services, startFourServices, WAIT_MS } from '../partner/partner-flow';

const HANDED_OVER = 'nl.veiligthuis.household.HouseholdHandedOver.v1';
const CALL_HANDLER = 'call-handler-radar-overdracht';

type Matches = { classification: string; households: { householdId: string; status: 'open' | 'closed'; mayJoin: boolean; reason?: string }[] };

/*
 * Issue 11 point 3: "hermelding vs vervolgmelding follows DOMAIN.md's definitions (a case closed by overdracht
 * counts as closed for that purpose)"; the plan's Radar section: a case counts as closed when zicht op veiligheid
 * was handed over (an accepted overdracht, HouseholdHandedOver) until the household enters directe veiligheid
 * again. The overdracht is built through the real flow, the four services as processes on the real broker and
 * database: a melding, the veiligheidsbeoordeling decides overdracht to the lokaal team, the partner accepts with
 * `vt partner consume`, safety-investigation records HouseholdHandedOver, intake follows it on
 * vt.household.phases.v1. Test BSN from the public 9999 range; the address is invented.
 */
describe('radar: a case closed by an accepted overdracht counts as closed', () => {
  let env: TestEnvironment;
  let services: Services;
  let reader: TopicReader;
  let flow: Flow;

  beforeAll(async () => {
    env = testEnvironment();
    services = await startFourServices(env);
    reader = await new TopicReader(env.kafkaBrokers.split(','), Flow.topics(env)).start();
    flow = new Flow(env, services, reader);
  }, 4 * WAIT_MS);

  afterAll(async () => {
    await reader?.stop();
    await Promise.all((services?.all ?? []).map((service) => service.stop()));
    await env?.cleanup();
  });

  const address = { gemeenteCode: 'GM0014', postcode: '9712 AB', houseNumber: '20' };
  const person = { role: 'victim', name: 'Test Persoon', bsn: '999990068' };
  const melding = (radar?: { join: string }) => ({ ...aMelding().inGemeente('GM0014').requestBody(), household: address, persons: [person], ...(radar ? { radar } : {}) });

  const lookup = async (): Promise<Matches> => {
    const response = await fetch(`${services.intake.url}/api/v1/radar/matches`, {
      method: 'POST',
      headers: { ...env.authHeaders(['call-handler'], ['*'], CALL_HANDLER), 'x-access-purpose': 'registratie' },
      body: JSON.stringify({ household: address, persons: [person] }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Matches;
  };
  const radarSees = (householdId: string, status: 'open' | 'closed') =>
    waitFor(async () => ((await lookup()).households.find((h) => h.householdId === householdId && h.status === status) ? true : undefined), {
      description: `radar to see household ${householdId} as ${status}`,
      timeoutMs: WAIT_MS,
    });

  it('makes a melding about a person of a household handed over to the lokaal team a hermelding that may not join it; an acute incident there makes the case running again', async () => {
    const registered = await flow.post(`${services.intake.url}/api/v1/meldingen`, melding(), ['call-handler'], CALL_HANDLER);
    expect(registered.status).toBe(201);
    const { meldingId, householdId } = registered.body as { meldingId: string; householdId: string };
    await waitFor(async () => (await flow.get(flow.householdUrl(householdId))).status === 200 || undefined, { description: `household ${householdId} to be opened`, timeoutMs: WAIT_MS });
    await radarSees(householdId, 'open');

    // The real overdracht: assessed as overdracht to the lokaal team, immediate safety confirmed, the partner accepts.
    await flow.confirmImmediateSafetyForEveryone(householdId, 'investigator-radar');
    await flow.assess(meldingId, 'overdracht-lokaal-team');
    const referral = await flow.referralOnPartnerTopic(householdId, (event) => event.data['partnerId'] === 'lokaal-team-gm0014');
    const accepted = await partnerConsume(env, 'lokaal-team-gm0014', ['--accept', referral.referralId, '--json']);
    expect(accepted.code).toBe(0);
    await flow.event(TOPICS.householdPhases, householdId, HANDED_OVER, (event) => event.data['referralId'] === referral.referralId);
    // The household record is open (duurzame veiligheid, with the partner), but for radar the case is closed.
    expect((await flow.get(flow.householdUrl(householdId))).body).toMatchObject({ phase: 'duurzame-veiligheid', zichtOpVeiligheid: { heldBy: 'partners' } });
    await radarSees(householdId, 'closed');
    expect(await lookup()).toMatchObject({ classification: 'hermelding', households: [{ householdId, status: 'closed', mayJoin: false, reason: 'case-closed' }] });

    const join = await flow.post(`${services.intake.url}/api/v1/meldingen`, melding({ join: householdId }), ['call-handler'], CALL_HANDLER);
    expect(join).toMatchObject({ status: 422, body: { error: 'semantic-conflict', fields: [{ path: 'radar.join', code: 'case-closed' }] } });
    const hermelding = await flow.post(`${services.intake.url}/api/v1/meldingen`, melding(), ['call-handler'], CALL_HANDLER);
    expect(hermelding).toMatchObject({ status: 201, body: { radar: 'hermelding', radarDecision: { kind: 'kept-apart', links: [{ householdId, status: 'closed', mayJoin: false, reason: 'case-closed' }] } } });
    expect(hermelding.body['householdId']).not.toBe(householdId);

    // An acute incident sends the household back to directe veiligheid: zicht op veiligheid is with VT again, the case runs.
    const acute = await flow.post(flow.householdUrl(householdId, '/phase-transitions'), { to: 'directe-veiligheid', reason: 'nieuw acuut incident' }, ['investigator'], 'investigator-radar');
    expect(acute.status).toBe(201);
    await radarSees(householdId, 'open');
  }, 4 * WAIT_MS);
});
