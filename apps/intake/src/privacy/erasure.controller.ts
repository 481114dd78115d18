import { ApiTags } from '@nestjs/swagger';
import { ApiDescribed } from '@vt/runtime';
import { INTAKE_OPERATIONS } from '../openapi/intake.api';
import { BadRequestException, Body, ConflictException, Controller, HttpCode, HttpStatus, NotFoundException, Post, UnprocessableEntityException } from '@nestjs/common';
import { assertRegion, CurrentActor, CurrentUser, NATIONAL_SCOPE, Principal, Roles } from '@vt/auth';
import { EraseHouseholdDto, ErasePersonDto, RegisterErasureRequestDto } from './erasure.dto';
import { ErasureDone, ErasureRequestRegistered, ErasureService } from './erasure.service';
import type { HouseholdDataErasedData } from '@vt/contracts';
import { ErasureClockRunner } from './erasure-clock.runner';

const personNotFound = (personId: string) =>
  new NotFoundException({ statusCode: 404, error: 'person-not-found', message: `no person or melder ${personId} in any melding or adviesvraag` });

const alreadyErased = (erasure: ErasureDone) =>
  new ConflictException({
    statusCode: 409,
    error: 'person-already-erased',
    message: `the data of person ${erasure.personId} was erased at ${erasure.erasedAt} (${erasure.reason}); nothing more to erase`,
    erasure,
  });

/** Destruction requests and erasure (crypto-shredding) for privacy officers; docs/adr/0007. */
@Roles('privacy-officer', 'admin')
@ApiTags('privacy')
@Controller('api/v1/privacy')
export class ErasureController {
  constructor(
    private readonly erasures: ErasureService,
    private readonly clock: ErasureClockRunner,
  ) {}

  @Post('erasure-requests')
  @HttpCode(HttpStatus.CREATED)
  @ApiDescribed('registerErasureRequest', INTAKE_OPERATIONS.registerErasureRequest, RegisterErasureRequestDto)
  async registerRequest(@Body() dto: RegisterErasureRequestDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<ErasureRequestRegistered> {
    const now = new Date();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime()) {
      throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'receivedAt', code: 'in-the-future', message: 'receivedAt may not be in the future' }] });
    }
    const outcome = await this.erasures.transaction(async (manager) => {
      const subject = await this.erasures.subject(manager, dto.personId);
      if (subject) assertRegion(user, subject.region ?? NATIONAL_SCOPE);
      return this.erasures.registerRequest(manager, { personId: dto.personId, receivedAt, actor });
    });
    switch (outcome.kind) {
      case 'person-not-found':
        throw personNotFound(dto.personId);
      case 'already-erased':
        throw alreadyErased(outcome.erasure);
      case 'request-open':
        throw new ConflictException({
          statusCode: 409,
          error: 'erasure-request-open',
          message: `person ${dto.personId} already has open destruction request ${outcome.requestId}`,
          requestId: outcome.requestId,
        });
      case 'registered':
        this.clock.wake();
        return outcome.request;
    }
  }

  @Post('erasures')
  @HttpCode(HttpStatus.CREATED)
  @ApiDescribed('erasePerson', INTAKE_OPERATIONS.erasePerson, ErasePersonDto)
  async erase(@Body() dto: ErasePersonDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<ErasureDone> {
    const outcome = await this.erasures.transaction(async (manager) => {
      const subject = await this.erasures.subject(manager, dto.personId);
      if (subject) assertRegion(user, subject.region ?? NATIONAL_SCOPE);
      return this.erasures.erase(manager, { personId: dto.personId, reason: dto.reason, ...(dto.requestId ? { requestId: dto.requestId } : {}), actor });
    });
    switch (outcome.kind) {
      case 'person-not-found':
        throw personNotFound(dto.personId);
      case 'request-not-found':
        throw new NotFoundException({ statusCode: 404, error: 'erasure-request-not-found', message: `no destruction request ${dto.requestId}` });
      case 'request-of-another-person':
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'semantic-conflict',
          fields: [{ path: 'requestId', code: 'request-of-another-person', message: `destruction request ${dto.requestId} is about another person, not ${dto.personId}` }],
        });
      case 'already-erased':
        throw alreadyErased(outcome.erasure);
      case 'erased':
        return outcome.erasure;
    }
  }

  /**
   * Destroys the household's own data key everywhere: the free text about the household as a whole (an
   * assessment's reasoning, safety conditions, monitoring reasons, crisis notes …) becomes unreadable in every
   * service, record, replay and rebuild (docs/adr/0020). The persons' own data is erased per person.
   */
  @Post('household-erasures')
  @HttpCode(HttpStatus.CREATED)
  @ApiDescribed('eraseHousehold', INTAKE_OPERATIONS.eraseHousehold, EraseHouseholdDto)
  async eraseHousehold(@Body() dto: EraseHouseholdDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<HouseholdDataErasedData> {
    const outcome = await this.erasures.transaction(async (manager) => {
      const household = await this.erasures.householdRegion(manager, dto.householdId);
      if (household) assertRegion(user, household.region ?? NATIONAL_SCOPE);
      return this.erasures.eraseHousehold(manager, { householdId: dto.householdId, reason: dto.reason, actor });
    });
    switch (outcome.kind) {
      case 'household-not-found':
        throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no melding or adviesvraag of household ${dto.householdId}` });
      case 'already-erased':
        throw new ConflictException({
          statusCode: 409,
          error: 'household-already-erased',
          message: `the household's own data was erased at ${outcome.erasure.erasedAt} (${outcome.erasure.reason}); nothing more to erase`,
          erasure: outcome.erasure,
        });
      case 'erased':
        return outcome.erasure;
    }
  }
}
