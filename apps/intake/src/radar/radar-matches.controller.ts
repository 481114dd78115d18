import { ApiTags } from '@nestjs/swagger';
import { AccessPurpose, ApiDescribed, DATA_SOURCE, Outbox, ReadPurpose, recordAccess } from '@vt/runtime';
import { INTAKE_OPERATIONS } from '../openapi/intake.api';
import { BadRequestException, Body, Controller, HttpCode, HttpStatus, Inject, Post, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertRegion, CurrentActor, CurrentUser, Principal, Roles } from '@vt/auth';
import { checkBsn, RadarProposals } from '@vt/intake-domain';
import { FieldProblem, routeHouseholdOf } from '../meldingen/melding-rules';
import { lookupRadar } from './radar';
import { RadarMatchesDto } from './radar-matches.dto';

/** One household radar found: a reference and the join verdict, never its persons, names or history. */
interface RadarMatch {
  householdId: string;
  region: string;
  status: 'open' | 'closed';
  /** Which of the submitted persons (their index in `persons`) matched, and on what. */
  matches: { person: number; matchedOn: 'bsn' | 'name-dob-address' }[];
  mayJoin: boolean;
  reason?: string;
  message?: string;
}

export interface RadarMatchesAnswer {
  classification: RadarProposals['classification'];
  households: RadarMatch[];
  /** The submitted persons radar could not check (too little known: no valid BSN, nor name, date of birth and address). */
  unchecked: number[];
}

/** What the answer tells about each household found, as recorded on the audit topic. */
const MATCH_FIELDS = ['householdId', 'region', 'status', 'matches', 'mayJoin', 'reason'];

/**
 * Radar before saving (docs/adr/0018): the call handler sees which earlier households the persons of the
 * melding being typed are known in, and whether the melding may join one, and then decides in the melding
 * (`radar.join`). Nothing is stored but the audit record: each household found is a read of case data
 * (`CaseDataAccessed`, subject the household, with the purpose given), committed before the answer.
 */
@ApiTags('radar')
@Controller('api/v1/radar')
export class RadarMatchesController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  @Post('matches')
  @Roles('call-handler')
  @HttpCode(HttpStatus.OK)
  @ApiDescribed('radarMatches', INTAKE_OPERATIONS.radarMatches, RadarMatchesDto)
  async matches(@Body() dto: RadarMatchesDto, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<RadarMatchesAnswer> {
    const now = new Date();
    const invalid: FieldProblem[] = [];
    const conflicts: FieldProblem[] = [];
    const bsns = dto.persons.map((person, index) => {
      if (person.bsn === undefined) return undefined;
      const bsn = checkBsn(person.bsn);
      if (!bsn.ok) invalid.push({ path: `persons[${index}].bsn`, ...bsn.problem });
      return bsn.ok ? bsn.value : undefined;
    });
    dto.persons.forEach((person, index) => {
      if (person.birthDate && Date.parse(person.birthDate) > now.getTime()) invalid.push({ path: `persons[${index}].birthDate`, code: 'date-in-future', message: 'birthDate cannot be in the future' });
    });
    const route = routeHouseholdOf(dto.household, invalid, conflicts);
    if (invalid.length > 0) throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [...invalid, ...conflicts] });
    if (conflicts.length > 0 || !route) throw new UnprocessableEntityException({ statusCode: 422, error: 'semantic-conflict', fields: conflicts });
    // Scoped as registration is: a call handler looks up for the VT regions their token covers (docs/adr/0017).
    assertRegion(user, route.vtRegion.code);

    return this.dataSource.transaction(async (manager) => {
      const found = await lookupRadar(manager, {
        persons: dto.persons.map((person, index) => ({
          personRef: String(index),
          name: person.name,
          ...(bsns[index] ? { bsn: bsns[index] } : {}),
          ...(person.birthDate ? { dateOfBirth: person.birthDate } : {}),
          ...(route.postcode ? { postcode: route.postcode } : {}),
          ...(route.houseNumber ? { houseNumber: route.houseNumber } : {}),
        })),
        address: { postcode: route.postcode ?? null, houseNumber: route.houseNumber ?? null },
      });
      const households: RadarMatch[] = found.proposals.map((proposal) => ({
        householdId: proposal.caseId,
        region: proposal.region,
        status: proposal.status,
        matches: proposal.matches.map(({ personRef, matchedOn }) => ({ person: Number(personRef), matchedOn })),
        mayJoin: proposal.mayJoin,
        ...(proposal.reason ? { reason: proposal.reason, message: proposal.message } : {}),
      }));
      for (const household of households) {
        await recordAccess(manager, this.outbox, 'intake', { householdId: household.householdId, subject: { kind: 'household', id: household.householdId }, purpose, fields: MATCH_FIELDS, actor }, now);
      }
      return { classification: found.classification, households, unchecked: found.unchecked.map(Number) };
    });
  }
}
