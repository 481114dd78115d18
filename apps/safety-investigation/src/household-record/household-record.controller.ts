import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { AccessPurpose, ApiProblem, ReadPurpose } from '@vt/runtime';
import { SealedText } from '../free-text/sealed-text';
import { HouseholdAccess } from './household-access';
import { readHouseholdEvents, readHouseholdReferrals } from './household-record.repository';
import { HouseholdView, householdView } from './household-view';

const VIEW_FIELDS = ['householdId', 'phase', 'gemeenteCode', 'vtRegion', 'openedAt', 'persons', 'safetyConditions', 'monitoring', 'zichtOpVeiligheid', 'handoverFailures', 'referrals', 'meldingIds', 'history'];

/**
 * A household's phase, per-person status, sustainable-safety facts and full history, free text opened for the
 * reader: for the household's own VT region (or national scope) only, and every read recorded on
 * `vt.audit.access.v1` with its purpose.
 */
@Roles('investigator', 'triage', 'auditor')
@ApiTags('household')
@Controller('api/v1/households')
export class HouseholdRecordController {
  constructor(
    private readonly access: HouseholdAccess,
    private readonly texts: SealedText,
  ) {}

  @Get(':householdId')
  @ApiOperation({ summary: 'The household safety record: phase, persons and their immediate safety, conditions and monitoring, referrals and the partners\' answers; the read is recorded.' })
  @ApiProblem(404, 'No household record with this id (`household-not-found`).')
  async show(@Param('householdId', new ParseUUIDPipe()) householdId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<HouseholdView> {
    return this.access.read(
      async (manager) => {
        await this.access.assertHousehold(user, householdId, manager);
        return householdId;
      },
      { purpose, fields: VIEW_FIELDS, actor },
      async (manager) => {
        const view = await householdView(await readHouseholdEvents(manager, householdId), this.texts, await readHouseholdReferrals(manager, householdId));
        if (!view) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no household record ${householdId}` });
        return view;
      },
    );
  }
}
