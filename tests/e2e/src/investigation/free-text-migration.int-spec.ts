import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { newEvent, TOPICS } from '@vt/contracts';
import { RunningService, startService, testEnvironment, TestEnvironment } from '@vt/testing';

type Answer = Record<string, unknown>;

/**
 * Issue 11 point 6, the data stored before ADR 0020: safety-investigation's migration 1764300000370 removes every
 * clear-text copy of a person's words from its schema. The rows are those a service from before wrote (first
 * versions of the events in `household_event` and in the outbox, a v1 conclusion, a freely typed legal basis);
 * after the migration none of the words is left in any table, the stored facts are their newest versions (read as
 * the upcasters read the log's v1 records), and the reads still work, without the text. safety-investigation runs
 * as a process on the real database; the migration is undone by SQL (as its `down`) to put the old rows under it.
 */
describe('migration 1764300000370: no clear text left in safety-investigation\'s schema', () => {
  let env: TestEnvironment;
  let serviceEnv: Record<string, string>;
  let service: RunningService | undefined;
  let schema: string;
  let db: Client;
  const tag = `legacy${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    env = testEnvironment();
    serviceEnv = await env.serviceEnv('safety_investigation');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await service?.stop();
    await db?.end();
    await env?.cleanup();
  });

  const q = (sql: string, values: unknown[] = []) => db.query(sql.replaceAll('§', `"${schema}".`), values);

  async function clearTextInSchema(needle: string): Promise<string[]> {
    const { rows: tables } = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`, [schema]);
    const found: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await db.query<{ n: string }>(`select count(*) as n from "${schema}"."${table_name}" t where t::text like $1`, [`%${needle}%`]);
      if (Number(rows[0]?.n) > 0) found.push(`${table_name}: ${rows[0]?.n}`);
    }
    return found;
  }

  async function read(path: string): Promise<Answer | Answer[]> {
    const response = await fetch(`${service?.url}/api/v1${path}`, { headers: { ...env.authHeaders(['investigator'], ['*'], 'investigator-legacy'), 'x-access-purpose': 'onderzoek' } });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer | Answer[];
  }

  it('rewrites the stored facts to their newest versions, drops the clear text everywhere, and the reads still work', async () => {
    // A schema as the service leaves it, with migration 370 taken back (its `down`).
    service = await startService('safety-investigation', serviceEnv);
    await service.stop();
    service = undefined;
    await q(`alter table §household_referral drop column basis_event_type, drop column basis_event_id, drop column closed, drop column closed_at`);
    await q(`drop table §huisverbod_extension`);
    await q(`alter table §investigation drop column concluded_event_id`);
    await q(`delete from §typeorm_migrations where name = 'FreeTextSealed1764300000370'`);

    // What a service from before ADR 0020 wrote: its words in clear in events, conclusion, steps and outbox.
    const householdId = randomUUID();
    const victim = randomUUID();
    const words = (field: string) => `${field} in woorden van een medewerker (${tag})`;
    const actor = 'user:investigator-before';
    const at = '2026-01-05T10:00:00.000Z';
    const v1 = (name: string) => `nl.veiligthuis.${name}.v1`;
    const facts: [string, Record<string, unknown>][] = [
      [
        v1('household.HouseholdRecordOpened'),
        {
          householdId,
          phase: 'directe-veiligheid',
          gemeenteCode: 'GM0014',
          persons: [{ personId: victim, role: 'victim' }],
          basedOn: { meldingId: randomUUID(), acuteCheckId: randomUUID(), acute: true },
          reason: 'first melding, judged acute: immediate safety must be realised for everyone involved',
          openedAt: at,
          actor: 'system:safety-investigation',
        },
      ],
      [v1('household.ImmediateSafetyConfirmed'), { householdId, personId: victim, role: 'victim', how: words('how'), confirmedAt: at, actor }],
      [v1('household.HouseholdPhaseChanged'), { householdId, command: 'MoveToDuurzameVeiligheid', from: 'directe-veiligheid', to: 'duurzame-veiligheid', reason: words('reason'), basedOn: {}, confirmationsWithdrawn: [], changedAt: at, actor }],
      [v1('household.SafetyConditionsRecorded'), { householdId, conditions: [words('condition')], handedOverTo: ['lokaal-team-gm0014'], recordedAt: at, actor }],
      [v1('household.MonitoringResultRecorded'), { householdId, stable: false, reason: words('monitoring'), followUp: 'new-assessment', recordedAt: at, actor }],
      [v1('household.NewAssessmentRequested'), { householdId, reason: words('monitoring'), requestedAt: at, actor }],
    ];
    await q(`insert into §household (household_id, phase, gemeente_code, opened_at) values ($1, 'duurzame-veiligheid', 'GM0014', $2)`, [householdId, at]);
    const outbox = async (topic: string, type: string, data: Record<string, unknown>) => {
      const event = newEvent({ type: type as never, service: 'safety-investigation', householdId, subject: householdId, time: new Date(at), data: data as never });
      await q(`insert into §outbox (event_id, topic, message_key, payload, published_at) values ($1, $2, $3, $4, now())`, [event.id, topic, householdId, JSON.stringify({ ...event, type })]);
      return event.id;
    };
    for (const [i, [type, data]] of facts.entries()) {
      const eventId = await outbox(TOPICS.householdPhases, type, data);
      await q(`insert into §household_event (household_id, sequence, event_id, type, data, recorded_at) values ($1, $2, $3, $4, $5, $6)`, [householdId, i + 1, eventId, type, JSON.stringify(data), at]);
    }
    const investigationId = randomUUID();
    const conclusion = {
      investigationId,
      householdId,
      gemeenteCode: 'GM0014',
      basedOn: { assessmentId: randomUUID(), meldingId: randomUUID() },
      conclusion: { unsafety: true, risks: ['psychisch-geweld'] },
      safetyConditions: [words('conclusion')],
      outcome: 'voorwaarden-en-vervolg',
      handOverTo: ['lokaal-team'],
      concludedAt: at,
      actor,
    };
    await q(`insert into §investigation (investigation_id, household_id, assessment_id, melding_id, status, opened_at, conclusion, concluded_at, concluded_by) values ($1, $2, $3, $4, 'concluded', $5, $6, $5, $7)`, [
      investigationId,
      householdId,
      conclusion.basedOn.assessmentId,
      conclusion.basedOn.meldingId,
      at,
      JSON.stringify(conclusion),
      actor,
    ]);
    const concludedEventId = await outbox(TOPICS.investigations, v1('investigation.InvestigationConcluded'), conclusion);
    const stepId = randomUUID();
    await q(`insert into §investigation_step (step_id, investigation_id, kind, third_party, legal_basis, planned_at, planned_by) values ($1, $2, 'informatie-derden', 'school', $3, $4, $5)`, [stepId, investigationId, words('legal-basis'), at, actor]);
    await outbox(TOPICS.investigations, v1('investigation.InvestigationStepPlanned'), { investigationId, householdId, stepId, kind: 'informatie-derden', thirdParty: 'school', legalBasis: words('legal-basis'), plannedAt: at, actor });
    const huisverbodId = randomUUID();
    await q(`insert into §huisverbod (huisverbod_id, household_id, person_id, burgemeester_of, imposed_at, ends_at, max_ends_at, recorded_at) values ($1, $2, $3, 'GM0014', $4, '2026-01-20T23:00:00Z', '2026-02-02T10:00:00Z', $4)`, [
      huisverbodId,
      householdId,
      victim,
      at,
    ]);
    await outbox(TOPICS.investigations, v1('investigation.HuisverbodExtended'), {
      huisverbodId,
      householdId,
      previousEndsAt: '2026-01-15T23:00:00.000Z',
      endsAt: '2026-01-20T23:00:00.000Z',
      decidedAt: at,
      reason: words('huisverbod'),
      recordedAt: at,
      actor,
    });
    expect((await clearTextInSchema(tag)).length).toBeGreaterThan(0);

    // The service starts again and runs migration 370.
    service = await startService('safety-investigation', serviceEnv);

    expect(await clearTextInSchema(tag)).toEqual([]);
    const { rows: stored } = await q(`select type, data from §household_event where household_id = $1 order by sequence`, [householdId]);
    expect(stored.map((row: { type: string }) => row.type)).toEqual([
      v1('household.HouseholdRecordOpened'),
      'nl.veiligthuis.household.ImmediateSafetyConfirmed.v2',
      'nl.veiligthuis.household.HouseholdPhaseChanged.v2',
      'nl.veiligthuis.household.SafetyConditionsRecorded.v2',
      'nl.veiligthuis.household.MonitoringResultRecorded.v2',
      'nl.veiligthuis.household.NewAssessmentRequested.v2',
    ]);
    expect((await q(`select concluded_event_id from §investigation where investigation_id = $1`, [investigationId])).rows[0]).toEqual({ concluded_event_id: concludedEventId });

    // The reads work on what is left: the facts, their counts and codes, no text.
    const household = (await read(`/households/${householdId}`)) as { persons: Answer[]; safetyConditions: Answer; history: Answer[] };
    expect(household.persons).toEqual([{ personId: victim, role: 'victim', immediateSafety: 'confirmed', confirmedBy: actor, confirmedAt: at }]);
    expect(household.safetyConditions).toEqual({ conditionCount: 1, handedOverTo: ['lokaal-team-gm0014'], recordedBy: actor, recordedAt: at });
    expect(household.history.find((entry) => entry['command'] === 'MoveToDuurzameVeiligheid')).toMatchObject({ reasonCode: 'immediate-safety-realised-for-everyone' });
    const investigation = (await read(`/investigations/${investigationId}`)) as { conclusion: Answer; steps: Answer[] };
    expect(investigation.conclusion).toMatchObject({ safetyConditionCount: 1, outcome: 'voorwaarden-en-vervolg' });
    expect(investigation.conclusion).not.toHaveProperty('safetyConditions');
    expect(investigation.steps).toEqual([expect.objectContaining({ stepId, legalBasis: 'onbekend (vrije tekst verwijderd, ADR 0020)' })]);
    const huisverboden = (await read(`/households/${householdId}/huisverboden`)) as { extensions: Answer[] }[];
    expect(huisverboden[0]?.extensions).toEqual([{ previousEndsAt: '2026-01-15T23:00:00.000Z', endsAt: '2026-01-20T23:00:00.000Z', decidedAt: at, recordedAt: at, recordedBy: actor }]);
  }, 240_000);
});
