import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '@vt/auth';
import { DATA_SOURCE } from '@vt/runtime';
import { SealedText } from '../free-text/sealed-text';
import { readHouseholdEvents } from './household-record.repository';
import { HouseholdView, householdView } from './household-view';

/** A household's phase, per-person status, sustainable-safety facts and full history, free text opened for the reader. */
@Roles('investigator', 'triage', 'auditor')
@Controller('api/v1/households')
export class HouseholdRecordController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly texts: SealedText,
  ) {}

  @Get(':householdId')
  async show(@Param('householdId', new ParseUUIDPipe()) householdId: string): Promise<HouseholdView> {
    const view = await householdView(await readHouseholdEvents(this.dataSource, householdId), this.texts);
    if (!view) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no household record ${householdId}` });
    return view;
  }
}
