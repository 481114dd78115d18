import { ConflictException, Inject, Injectable, NotFoundException, OnModuleInit, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { calendarFor, computeDeadline } from '@vt/calendar';
import { defaultLegalBases, LegalBases } from '@vt/legal';
import { EncryptedText, EventDataByType, HUISVERBOD_END_APPROACHING, HUISVERBOD_ENDED, HUISVERBOD_EXTENDED_V2, HUISVERBOD_IMPOSED, newEvent, TOPICS } from '@vt/contracts';
import { extensionProblems, FieldProblem, huisverbodMaxEnd, impositionProblems, parseIslandPilot } from '@vt/household-domain';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { OpenedText, SealedText } from '../free-text/sealed-text';
import { loadHousehold } from '../household-record/household-record.repository';
import { cancelScheduled, schedule, ScheduledFact, ScheduledFactRunner } from '../scheduled-facts/scheduled-facts';
import { ExtendHuisverbodDto, ImposeHuisverbodDto } from './huisverbod.dto';

interface HuisverbodRow {
  huisverbod_id: string;
  household_id: string;
  person_id: string;
  burgemeester_of: string;
  imposed_at: Date;
  ends_at: Date;
  max_ends_at: Date;
  status: 'running' | 'ended';
}

/** An extension as stored (`huisverbod_extension`): the reason only sealed under the household's key (ADR 0020). */
interface ExtensionRow {
  huisverbod_id: string;
  previous_ends_at: Date;
  ends_at: Date;
  decided_at: Date;
  /** Null for an extension recorded before ADR 0020 (its clear-text reason was not kept). */
  reason: EncryptedText | null;
  recorded_at: Date;
  recorded_by: string;
}

export interface ExtensionView {
  previousEndsAt: string;
  endsAt: string;
  decidedAt: string;
  /** The reason the burgemeester gave, opened; `{ erased, erasedAt }` once the household's key is destroyed; absent before ADR 0020. */
  reason?: OpenedText;
  recordedAt: string;
  recordedBy: string;
}

const SYSTEM = 'system:safety-investigation';

function leadHours(): number {
  const value = Number(process.env['HUISVERBOD_END_LEAD_HOURS'] ?? '48');
  if (!Number.isFinite(value) || value < 0) throw new Error(`HUISVERBOD_END_LEAD_HOURS must be a number of hours ≥ 0 (got "${process.env['HUISVERBOD_END_LEAD_HOURS']}")`);
  return value;
}

/**
 * The tijdelijk huisverbod as Veilig Thuis records it: imposed by the burgemeester for 10 days, extendable
 * to at most 28 days from imposition, with durable clock facts before and at its end. Not for the islands
 * unless `HUISVERBOD_ISLANDS_PILOT` covers them.
 */
@Injectable()
export class HuisverbodService implements OnModuleInit {
  private readonly pilot = parseIslandPilot(process.env['HUISVERBOD_ISLANDS_PILOT']);
  private readonly leadMs = leadHours() * 3_600_000;
  /** Read and checked at start (config/legal-bases.json): an island pilot's huisverbod never cites the Wet tijdelijk huisverbod. */
  private readonly legalBases: LegalBases = defaultLegalBases();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly runner: ScheduledFactRunner,
    private readonly texts: SealedText,
  ) {}

  onModuleInit(): void {
    this.runner.register('huisverbod-end-approaching', (manager, fact, now) => this.clockFact(manager, fact, now));
    this.runner.register('huisverbod-ended', (manager, fact, now) => this.clockFact(manager, fact, now));
  }

  async impose(householdId: string, dto: ImposeHuisverbodDto, actor: string) {
    return this.dataSource.transaction(async (manager) => {
      const { state } = await loadHousehold(manager, householdId);
      if (state.status !== 'recorded') throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no household record ${householdId}` });
      reject(impositionProblems({ ...(state.gemeenteCode ? { gemeenteCode: state.gemeenteCode } : {}) }, dto.island, this.pilot));
      if (!state.persons.some((person) => person.personId === dto.personId)) reject([{ path: 'personId', code: 'unknown-person', message: `${dto.personId} is not a person of this household` }]);
      const imposedAt = new Date(dto.imposedAt);
      const deadline = computeDeadline('tijdelijk-huisverbod', imposedAt, { calendar: calendarFor(dto.island ?? 'nl'), legalBases: this.legalBases });
      const huisverbodId = randomUUID();
      const now = new Date();
      const row: HuisverbodRow = {
        huisverbod_id: huisverbodId,
        household_id: householdId,
        person_id: dto.personId,
        burgemeester_of: state.gemeenteCode ?? (dto.island as string),
        imposed_at: imposedAt,
        ends_at: deadline.dueAt,
        max_ends_at: huisverbodMaxEnd(imposedAt),
        status: 'running',
      };
      await manager.query(
        'insert into huisverbod (huisverbod_id, household_id, person_id, burgemeester_of, imposed_at, ends_at, max_ends_at, recorded_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
        [row.huisverbod_id, row.household_id, row.person_id, row.burgemeester_of, row.imposed_at, row.ends_at, row.max_ends_at, now],
      );
      const data: EventDataByType[typeof HUISVERBOD_IMPOSED] = {
        huisverbodId,
        householdId,
        personId: dto.personId,
        burgemeesterOf: row.burgemeester_of,
        imposedAt: imposedAt.toISOString(),
        endsAt: row.ends_at.toISOString(),
        maxEndsAt: row.max_ends_at.toISOString(),
        legalBasis: deadline.legalBasis,
        recordedAt: now.toISOString(),
        actor,
      };
      await this.publish(manager, HUISVERBOD_IMPOSED, row, data, now);
      await this.scheduleClock(manager, row);
      return this.view(row, []);
    });
  }

  async extend(huisverbodId: string, dto: ExtendHuisverbodDto, actor: string) {
    const extended = await this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, huisverbodId);
      if (row.status === 'ended') throw new ConflictException({ statusCode: 409, error: 'huisverbod-ended', message: `huisverbod ${huisverbodId} ended at ${row.ends_at.toISOString()}; it can no longer be extended` });
      const endsAt = new Date(dto.endsAt);
      reject(extensionProblems({ imposedAt: row.imposed_at, endsAt: row.ends_at, status: row.status }, endsAt));
      const now = new Date();
      const previous = row.ends_at;
      const decidedAt = new Date(dto.decidedAt);
      // The burgemeester's reason is text about the household: sealed under the household's key (ADR 0020).
      const reason = await this.texts.seal(row.household_id, dto.reason, manager);
      await manager.query('update huisverbod set ends_at = $2 where huisverbod_id = $1', [huisverbodId, endsAt]);
      await manager.query(
        'insert into huisverbod_extension (huisverbod_id, previous_ends_at, ends_at, decided_at, reason, recorded_at, recorded_by) values ($1, $2, $3, $4, $5, $6, $7)',
        [huisverbodId, previous, endsAt, decidedAt, JSON.stringify(reason), now, actor],
      );
      const extended = { ...row, ends_at: endsAt };
      const data: EventDataByType[typeof HUISVERBOD_EXTENDED_V2] = {
        huisverbodId,
        householdId: row.household_id,
        previousEndsAt: previous.toISOString(),
        endsAt: endsAt.toISOString(),
        decidedAt: decidedAt.toISOString(),
        reason,
        recordedAt: now.toISOString(),
        actor,
      };
      await this.publish(manager, HUISVERBOD_EXTENDED_V2, extended, data, now);
      await cancelScheduled(manager, huisverbodId, ['huisverbod-end-approaching', 'huisverbod-ended']);
      await this.scheduleClock(manager, extended);
      return extended;
    });
    // Read after the commit: a household key made in that transaction is only then there to open the reason with.
    return this.view(extended, await this.extensions(this.dataSource.manager, [huisverbodId]));
  }

  /** The household's huisverboden, each with its extensions and their reasons opened for the reader. */
  async ofHousehold(householdId: string) {
    const rows = (await this.dataSource.query('select * from huisverbod where household_id = $1 order by imposed_at', [householdId])) as HuisverbodRow[];
    const extensions = await this.extensions(this.dataSource.manager, rows.map((row) => row.huisverbod_id));
    return Promise.all(rows.map((row) => this.view(row, extensions.filter((extension) => extension.huisverbod_id === row.huisverbod_id))));
  }

  private async extensions(manager: EntityManager, huisverbodIds: string[]): Promise<ExtensionRow[]> {
    if (huisverbodIds.length === 0) return [];
    return (await manager.query('select * from huisverbod_extension where huisverbod_id = any($1::uuid[]) order by recorded_at, extension_id', [huisverbodIds])) as ExtensionRow[];
  }

  private async view(row: HuisverbodRow, extensions: ExtensionRow[]) {
    return {
      huisverbodId: row.huisverbod_id,
      householdId: row.household_id,
      personId: row.person_id,
      burgemeesterOf: row.burgemeester_of,
      imposedAt: row.imposed_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      maxEndsAt: row.max_ends_at.toISOString(),
      status: row.status,
      extensions: await Promise.all(
        extensions.map(
          async (extension): Promise<ExtensionView> => ({
            previousEndsAt: extension.previous_ends_at.toISOString(),
            endsAt: extension.ends_at.toISOString(),
            decidedAt: extension.decided_at.toISOString(),
            ...(extension.reason ? { reason: await this.texts.open(extension.reason) } : {}),
            recordedAt: extension.recorded_at.toISOString(),
            recordedBy: extension.recorded_by,
          }),
        ),
      ),
    };
  }

  private async scheduleClock(manager: EntityManager, row: HuisverbodRow): Promise<void> {
    const endsAt = row.ends_at.toISOString();
    await schedule(manager, [
      { kind: 'huisverbod-end-approaching', householdId: row.household_id, subjectId: row.huisverbod_id, dueAt: new Date(Math.max(row.imposed_at.getTime(), row.ends_at.getTime() - this.leadMs)), payload: { endsAt } },
      { kind: 'huisverbod-ended', householdId: row.household_id, subjectId: row.huisverbod_id, dueAt: row.ends_at, payload: { endsAt } },
    ]);
  }

  /** A clock fact fires only for the end it was scheduled for; an extension cancels and reschedules. */
  private async clockFact(manager: EntityManager, fact: ScheduledFact, now: Date): Promise<void> {
    const row = await this.lock(manager, fact.subjectId);
    if (row.status === 'ended' || row.ends_at.toISOString() !== fact.payload['endsAt']) return;
    const data = { huisverbodId: row.huisverbod_id, householdId: row.household_id, endsAt: row.ends_at.toISOString(), at: now.toISOString(), actor: SYSTEM };
    if (fact.kind === 'huisverbod-ended') {
      await manager.query(`update huisverbod set status = 'ended' where huisverbod_id = $1`, [row.huisverbod_id]);
      await this.publish(manager, HUISVERBOD_ENDED, row, data, now);
    } else {
      await this.publish(manager, HUISVERBOD_END_APPROACHING, row, data, now);
    }
  }

  private async lock(manager: EntityManager, huisverbodId: string): Promise<HuisverbodRow> {
    const [row] = (await manager.query('select * from huisverbod where huisverbod_id = $1 for update', [huisverbodId])) as HuisverbodRow[];
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'huisverbod-not-found', message: `no huisverbod ${huisverbodId}` });
    return row;
  }

  private async publish<T extends typeof HUISVERBOD_IMPOSED | typeof HUISVERBOD_EXTENDED_V2 | typeof HUISVERBOD_END_APPROACHING | typeof HUISVERBOD_ENDED>(
    manager: EntityManager,
    type: T,
    row: HuisverbodRow,
    data: EventDataByType[T],
    now: Date,
  ): Promise<void> {
    await this.outbox.publish(manager, [{ topic: TOPICS.investigations, event: newEvent({ type, service: 'safety-investigation', householdId: row.household_id, subject: row.huisverbod_id, time: now, data }) }]);
  }
}

function reject(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new UnprocessableEntityException({ statusCode: 422, error: 'unprocessable', message: problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), fields: problems });
}
