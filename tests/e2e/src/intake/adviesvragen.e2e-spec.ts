import { Client } from 'pg';
import { TOPICS } from '@vt/contracts';
import { aMelding, ReadRecord, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Problem = { path: string; code: string; message: string; suggestions?: string[] };
type Envelope<D> = { type: string; householdid: string; subject?: string; data: D };

const QUESTION = 'Mijn buurjongen wordt elke avond uitgescholden en lijkt bang; wat kan ik doen?';
const ADVICE = 'Praat met de moeder over wat u ziet; bel opnieuw als het erger wordt.';

/** An adviesvraag through chat by an anonymous-ish neighbour, about a child in Amsterdam. */
function anAdviesvraag(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'chat',
    adviesvrager: { kind: 'niet-professional', role: 'informant', name: 'Buurvrouw Geheimzinnig' },
    household: { gemeenteCode: 'GM0363' },
    persons: [{ role: 'child-involved', name: 'Kind Verborgen', estimatedAge: 7 }],
    concerns: { aard: ['kindermishandeling'], tags: ['psychisch-geweld'], question: QUESTION },
    advice: ADVICE,
    ...overrides,
  };
}

/** Adviesvragen on the real broker and database: intake alone, as a process. */
describe('adviesvragen: advice asked, the caller stays responsible; later perhaps a melding', () => {
  let env: TestEnvironment;
  let intake: RunningService;
  let reader: TopicReader;
  let intakeSchema: string;
  let adviesvragenTopic: string;
  let meldingenTopic: string;

  beforeAll(async () => {
    env = testEnvironment();
    const intakeEnv = await env.serviceEnv('intake');
    intakeSchema = intakeEnv['DATABASE_SCHEMA'] as string;
    intake = await startService('intake', intakeEnv);
    adviesvragenTopic = env.topicPrefix + TOPICS.adviesvragen;
    meldingenTopic = env.topicPrefix + TOPICS.meldingen;
    reader = await new TopicReader(env.kafkaBrokers.split(','), [adviesvragenTopic, meldingenTopic]).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await intake?.stop();
    await env?.cleanup();
  });

  const callHandler = () => env.authHeaders(['call-handler'], ['*'], 'call-handler-advies');

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${intake.url}${path}`, { method: 'POST', headers: { ...callHandler(), ...headers }, body: JSON.stringify(body) });

  async function registered(body: Record<string, unknown>): Promise<{ adviesvraagId: string; receivedAt: string; registeredAt: string }> {
    const response = await post('/api/v1/adviesvragen', body);
    expect({ status: response.status }).toEqual({ status: 201 });
    return (await response.json()) as { adviesvraagId: string; receivedAt: string; registeredAt: string };
  }

  const eventOf = <D>(topic: string, type: string, match: (data: D) => boolean): Promise<{ record: ReadRecord; event: Envelope<D> }> =>
    waitFor(
      () => {
        const record = reader.on(topic).find((r) => {
          const event = r.json<Envelope<D>>();
          return event.type === type && match(event.data);
        });
        return record ? { record, event: record.json<Envelope<D>>() } : undefined;
      },
      { description: `${type} on ${topic}` },
    );

  const paths = (fields: Problem[]) => fields.map((field) => field.path);

  it('accepts an adviesvraag through chat, where a melding through chat is refused', async () => {
    const response = await post('/api/v1/adviesvragen', anAdviesvraag());
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['adviesvraagId', 'receivedAt', 'registeredAt']);
    // Without a receivedAt of its own, an adviesvraag is received when it is registered.
    expect(body['receivedAt']).toBe(body['registeredAt']);

    const melding = await post('/api/v1/meldingen', { ...aMelding().requestBody(), channel: 'chat' });
    expect(melding.status).toBe(422);
    expect(((await melding.json()) as { fields: Problem[] }).fields).toEqual([expect.objectContaining({ path: 'channel', code: 'channel-advice-only' })]);

    // Anonymous, no household, no persons, no advice yet: still an adviesvraag.
    const bare = await registered({ channel: 'telefoon', adviesvrager: { kind: 'professional', sector: 'onderwijs', role: 'melder' }, concerns: { aard: ['onbekend'], question: 'Een leerling vertelt iets; moet ik melden?' } });
    expect(bare.adviesvraagId).toEqual(expect.any(String));
  });

  it('publishes AdviesvraagReceived with categories only: no name, contact details, question or advice', async () => {
    const { adviesvraagId, receivedAt, registeredAt } = await registered(anAdviesvraag({ adviesvrager: { kind: 'niet-professional', role: 'informant', name: 'Buurvrouw Geheimzinnig', phone: '0612345678', email: 'buurvrouw@example.org' } }));
    const { record, event } = await eventOf<{ adviesvraagId: string }>(adviesvragenTopic, 'nl.veiligthuis.intake.AdviesvraagReceived.v1', (d) => d.adviesvraagId === adviesvraagId);

    expect(event.data).toEqual({
      adviesvraagId,
      receivedAt,
      registeredAt,
      channel: 'chat',
      adviesvrager: { kind: 'niet-professional', role: 'informant' },
      region: { vtRegion: expect.any(String), veiligheidsregio: 'VR13', calendar: expect.any(String) },
      concerns: { aard: ['kindermishandeling'], tags: ['psychisch-geweld'] },
      actor: 'user:call-handler-advies',
    });
    // No household is known: a new household id per adviesvraag is the key.
    expect(record.key).toBe(event.householdid);
    expect(event.subject).toBe(adviesvraagId);
    for (const secret of ['Geheimzinnig', 'Verborgen', '0612345678', 'buurvrouw@example.org', QUESTION, ADVICE]) expect(record.value).not.toContain(secret);

    const anonymous = await registered(anAdviesvraag({ adviesvrager: { kind: 'professional', sector: 'ggz', role: 'melder' }, household: undefined, persons: undefined, advice: undefined }));
    const other = await eventOf<{ adviesvraagId: string; region?: unknown; adviesvrager: unknown }>(adviesvragenTopic, 'nl.veiligthuis.intake.AdviesvraagReceived.v1', (d) => d.adviesvraagId === anonymous.adviesvraagId);
    expect(other.event.data.region).toBeUndefined();
    expect(other.event.data.adviesvrager).toEqual({ kind: 'professional', sector: 'ggz', role: 'melder' });
    expect(other.event.householdid).not.toBe(event.householdid);
  });

  it('lists every failing field of an invalid adviesvraag at once', async () => {
    const malformed = await post('/api/v1/adviesvragen', {
      channel: 'fax',
      adviesvrager: { kind: 'alien', role: 'boss', phone: 'call me' },
      persons: [{ role: 'neighbour', birthDate: '31-03-2015' }],
      concerns: { aard: [], question: '' },
      urgent: true,
    });
    expect(malformed.status).toBe(400);
    const shape = (await malformed.json()) as { statusCode: number; error: string; fields: Problem[] };
    expect(shape).toMatchObject({ statusCode: 400, error: 'validation-failed' });
    expect(paths(shape.fields)).toEqual(
      expect.arrayContaining(['channel', 'adviesvrager.kind', 'adviesvrager.role', 'adviesvrager.phone', 'persons[0].role', 'persons[0].birthDate', 'concerns.aard', 'concerns.question', 'urgent']),
    );
    expect(shape.fields.find((f) => f.path === 'urgent')?.code).toBe('unknown-field');

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const rules = await post(
      '/api/v1/adviesvragen',
      anAdviesvraag({
        adviesvrager: { kind: 'professional', role: 'melder' },
        household: { gemeenteCode: 'GM0363', postcode: '1011 SA' },
        persons: [{ role: 'victim', birthDate: tomorrow }],
        concerns: { aard: ['kindermishandeling', 'onbekend'], tags: ['roddel'], question: QUESTION },
      }),
    );
    expect(rules.status).toBe(400);
    const ruleFields = ((await rules.json()) as { fields: Problem[] }).fields;
    expect(ruleFields.map((f) => [f.path, f.code]).sort()).toEqual(
      [
        ['adviesvrager.sector', 'melder-sector-missing'],
        ['concerns.aard', 'exclusive-code-combined'],
        ['concerns.tags', 'unknown-code'],
        ['household.postcode', 'postcode-reserved-letters'],
        ['persons[0].birthDate', 'date-in-future'],
      ].sort(),
    );

    const unknownGemeente = await post('/api/v1/adviesvragen', anAdviesvraag({ household: { gemeenteCode: 'Amsterdm' } }));
    expect(unknownGemeente.status).toBe(422);
    const conflict = (await unknownGemeente.json()) as { error: string; fields: Problem[] };
    expect(conflict.error).toBe('semantic-conflict');
    expect(conflict.fields).toEqual([expect.objectContaining({ path: 'household.gemeenteCode', code: 'unknown-gemeente', suggestions: expect.arrayContaining(['Amsterdam']) })]);
  });

  // Rule (issue 15 point 4; code list aard-van-het-geweld/1: ouderenmishandeling, "Slachtoffer is 65 jaar of ouder";
  // docs/adr/0036): an adviesvraag whose recorded ages contradict the category is refused with a 422 naming the field,
  // and nothing is stored; a victim of 80, or one whose age is unknown, is accepted.
  it('refuses ouderenmishandeling of a 40-year-old with a 422 naming the field and stores nothing; accepts it for a victim of 80 or of unknown age', async () => {
    const elder = (person: Record<string, unknown>) =>
      anAdviesvraag({ persons: [person], concerns: { aard: ['ouderenmishandeling'], tags: ['financieel-misbruik-ouderen'], question: 'Mijn buurvrouw geeft haar pinpas aan haar zoon; wat kan ik doen?' } });
    const db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    try {
      const count = async () => (await db.query<{ n: number }>(`select count(*)::int as n from ${intakeSchema}.adviesvraag`)).rows[0]?.n;
      const before = await count();
      const refused = await post('/api/v1/adviesvragen', elder({ role: 'victim', name: 'Buurvrouw Veertig', estimatedAge: 40 }));
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { fields: Problem[] }).fields).toEqual([
        expect.objectContaining({ path: 'concerns.aard', code: 'victim-not-elderly', message: expect.stringContaining('persons[0].estimatedAge') }),
        expect.objectContaining({ path: 'concerns.tags', code: 'victim-not-elderly' }),
      ]);
      expect(await count()).toBe(before);
      await registered(elder({ role: 'victim', name: 'Buurvrouw Tachtig', estimatedAge: 80 }));
      await registered(elder({ role: 'victim', name: 'Buurvrouw Onbekend' }));
    } finally {
      await db.end();
    }
  });

  it('answers a retry with the same Idempotency-Key with the first answer, and refuses the key for another adviesvraag', async () => {
    const key = `advies-${env.runId}-1`;
    const first = await post('/api/v1/adviesvragen', anAdviesvraag(), { 'idempotency-key': key });
    const again = await post('/api/v1/adviesvragen', anAdviesvraag(), { 'idempotency-key': key });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await again.json()).toEqual(await first.json());
    const other = await post('/api/v1/adviesvragen', anAdviesvraag({ advice: 'iets anders' }), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: string }).error).toBe('idempotency-key-reused');
    const malformed = await post('/api/v1/adviesvragen', anAdviesvraag(), { 'idempotency-key': 'short' });
    expect(malformed.status).toBe(400);
  });

  it('refuses an adviesvraag about a household outside the call handler’s regions', async () => {
    const elsewhere = { ...env.authHeaders(['call-handler'], ['vt-groningen'], 'call-handler-groningen') };
    expect((await post('/api/v1/adviesvragen', anAdviesvraag(), elsewhere)).status).toBe(403);
    expect((await post('/api/v1/adviesvragen', anAdviesvraag({ household: undefined }), elsewhere)).status).toBe(201);
    expect((await post('/api/v1/adviesvragen', anAdviesvraag(), env.authHeaders(['triage']))).status).toBe(403);
  });

  it('converts an adviesvraag into a melding once: the melding names it, the conversion is an event, a second conversion is a 409', async () => {
    const { adviesvraagId } = await registered(anAdviesvraag({ channel: 'telefoon' }));
    const received = await eventOf<{ adviesvraagId: string }>(adviesvragenTopic, 'nl.veiligthuis.intake.AdviesvraagReceived.v1', (d) => d.adviesvraagId === adviesvraagId);

    // The melding's rules apply to the conversion: no melding through chat, the melder must be reachable.
    const chat = await post(`/api/v1/adviesvragen/${adviesvraagId}/melding`, { ...aMelding().requestBody(), channel: 'chat' });
    expect(chat.status).toBe(422);
    const unreachable = aMelding().requestBody();
    const noContact = await post(`/api/v1/adviesvragen/${adviesvraagId}/melding`, { ...unreachable, melder: { kind: 'niet-professional', role: 'melder', name: 'Buurvrouw' } });
    expect(noContact.status).toBe(400);
    expect(paths(((await noContact.json()) as { fields: Problem[] }).fields)).toEqual(['melder.phone']);

    const converted = await post(`/api/v1/adviesvragen/${adviesvraagId}/melding`, aMelding().requestBody());
    expect(converted.status).toBe(201);
    const melding = (await converted.json()) as { meldingId: string; householdId: string; receivedAt: string; registeredAt: string; radar: string; adviesvraagId: string };
    expect(melding).toEqual({
      meldingId: expect.any(String),
      householdId: expect.any(String),
      receivedAt: expect.any(String),
      registeredAt: expect.any(String),
      radar: 'first',
      radarDecision: { kind: 'no-match', decidedBy: 'user:call-handler-advies', decidedAt: melding.registeredAt, links: [] },
      adviesvraagId,
    });
    // The melding joined no household (docs/adr/0018): it keeps the adviesvraag's household id.
    expect(melding.householdId).toBe(received.event.householdid);

    const meldingReceived = await eventOf<{ meldingId: string; convertedFromAdviesvraag?: string }>(meldingenTopic, 'nl.veiligthuis.intake.MeldingReceived.v1', (d) => d.meldingId === melding.meldingId);
    expect(meldingReceived.event.data.convertedFromAdviesvraag).toBe(adviesvraagId);
    const conversion = await eventOf<{ adviesvraagId: string }>(adviesvragenTopic, 'nl.veiligthuis.intake.AdviesvraagConvertedToMelding.v1', (d) => d.adviesvraagId === adviesvraagId);
    expect(conversion.event.data).toEqual({ adviesvraagId, meldingId: melding.meldingId, householdId: melding.householdId, convertedAt: melding.registeredAt, actor: 'user:call-handler-advies' });
    expect(conversion.record.key).toBe(melding.householdId);
    expect(conversion.event.subject).toBe(adviesvraagId);

    const twice = await post(`/api/v1/adviesvragen/${adviesvraagId}/melding`, aMelding().requestBody());
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ statusCode: 409, error: 'adviesvraag-already-converted', meldingId: melding.meldingId });

    expect((await post('/api/v1/adviesvragen/00000000-0000-4000-8000-000000000000/melding', aMelding().requestBody())).status).toBe(404);
    expect((await post('/api/v1/adviesvragen/not-a-uuid/melding', aMelding().requestBody())).status).toBe(400);
    // A melding registered directly names no adviesvraag.
    const direct = (await (await post('/api/v1/meldingen', aMelding().requestBody())).json()) as { meldingId: string };
    const directEvent = await eventOf<{ meldingId: string; convertedFromAdviesvraag?: string }>(meldingenTopic, 'nl.veiligthuis.intake.MeldingReceived.v1', (d) => d.meldingId === direct.meldingId);
    expect(directEvent.event.data.convertedFromAdviesvraag).toBeUndefined();
  });

  it('lets only one of two concurrent conversions through, and stores one melding for it', async () => {
    const { adviesvraagId } = await registered(anAdviesvraag({ channel: 'telefoon' }));
    const answers = await Promise.all([1, 2].map(() => post(`/api/v1/adviesvragen/${adviesvraagId}/melding`, aMelding().requestBody())));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as { meldingId: string }[];
    const won = bodies[answers.findIndex((a) => a.status === 201)] as { meldingId: string };
    const lost = bodies[answers.findIndex((a) => a.status === 409)] as { meldingId: string };
    expect(lost.meldingId).toBe(won.meldingId);

    const db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    try {
      const meldingen = await db.query(`select melding_id from ${intakeSchema}.melding where adviesvraag_id = $1`, [adviesvraagId]);
      expect(meldingen.rows).toEqual([{ melding_id: won.meldingId }]);
      const adviesvraag = await db.query(`select converted_melding_id, converted_by from ${intakeSchema}.adviesvraag where adviesvraag_id = $1`, [adviesvraagId]);
      expect(adviesvraag.rows).toEqual([{ converted_melding_id: won.meldingId, converted_by: 'user:call-handler-advies' }]);
    } finally {
      await db.end();
    }
  });
});
