import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@vt/runtime';

/** A household's phase, per-person status and phase history. */
@Controller('api/v1/households')
export class HouseholdRecordController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get(':householdId')
  async show(@Param('householdId', new ParseUUIDPipe()) householdId: string): Promise<Record<string, unknown>> {
    const [household] = (await this.dataSource.query(
      'select household_id as "householdId", phase, gemeente_code as "gemeenteCode", opened_at as "openedAt" from household where household_id = $1',
      [householdId],
    )) as Record<string, unknown>[];
    if (!household) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no household record ${householdId}` });
    const persons = await this.dataSource.query(
      'select person_id as "personId", role, immediate_safety as "immediateSafety" from household_person where household_id = $1 order by person_id',
      [householdId],
    );
    const history = await this.dataSource.query(
      'select event_id as "eventId", phase, reason, actor, recorded_at as "recordedAt" from household_phase_history where household_id = $1 order by recorded_at',
      [householdId],
    );
    return { ...household, persons, history };
  }
}
