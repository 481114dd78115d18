import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { BadRequestException, Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { coversRegion, CurrentActor, CurrentUser, NATIONAL_SCOPE, Principal, Roles } from '@vt/auth';
import { AccessLog, AccessPurpose, ApiDescribed, ApiIdempotencyKey, problem, ReadPurpose } from '@vt/runtime';
import type { PlacementStatus } from '@vt/shelter-domain';
import { PLACEMENT_OPERATIONS } from '../openapi/shelter-placement.api';
import { CancelPlacementDto, RequestPlacementDto } from './placement.dto';
import { OfferLapses } from './offer-lapses';
import { PlacementView, Placements } from './placements';

export const STATUSES: readonly PlacementStatus[] = ['offered', 'escalated', 'accepted', 'in-stay', 'ended', 'cancelled'];

export const placementIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'placementId', code: 'invalid-uuid', message: 'the placement id must be a UUID' }] }),
});

/** The household's home region is the region of the staff member's token: one VT region, not a national one. */
export function homeRegionOf(principal: Principal): string {
  const regions = principal.regions.filter((region) => region !== NATIONAL_SCOPE);
  if (regions.length !== 1 || principal.regions.includes(NATIONAL_SCOPE)) {
    throw problem(403, 'forbidden', { detail: `a request for a place is made by the household's own VT region: the token must cover exactly one VT region (it covers ${principal.regions.join(', ') || 'none'})` });
  }
  return regions[0] as string;
}

/** The fields a read of a placement shows, recorded with it. */
const READ_FIELDS = ['householdId', 'homeRegion', 'urgency', 'places', 'constraints', 'status', 'asks', 'currentShelter', 'stay'];

/** Veilig Thuis asks for shelter places, follows them and cancels them (docs/adr/0040); region-scoped like every case read. */
@Roles('triage', 'investigator', 'referral-coordinator')
@ApiTags('placements')
@Controller('api/v1/shelter-placements')
export class PlacementsController {
  constructor(
    private readonly placements: Placements,
    private readonly lapses: OfferLapses,
    private readonly access: AccessLog,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiDescribed('requestPlacement', PLACEMENT_OPERATIONS.requestPlacement, RequestPlacementDto)
  @ApiIdempotencyKey()
  async request(@Body() dto: RequestPlacementDto, @CurrentActor() actor: string, @CurrentUser() user: Principal, @Headers('idempotency-key') idempotencyKey?: string): Promise<PlacementView> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{8,200}$/.test(idempotencyKey)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'validation-failed',
        fields: [{ path: 'Idempotency-Key', code: 'invalid-idempotency-key', message: 'Idempotency-Key must be 8 to 200 visible ASCII characters, e.g. a UUID' }],
      });
    }
    const input = {
      householdId: dto.householdId,
      urgency: dto.urgency,
      places: { adults: dto.places.adults, children: dto.places.children },
      constraints: { notInHomeRegion: dto.constraints?.notInHomeRegion ?? true, excludedRegions: dto.constraints?.excludedRegions ?? [] },
    };
    const view = await this.placements.request(input, homeRegionOf(user), actor, idempotencyKey);
    this.lapses.wake();
    return view;
  }

  @Get()
  @ApiQuery({ name: 'status', required: false, enum: [...STATUSES], description: 'Only placements in this state, e.g. `escalated` (waiting for a person).' })
  @ApiDescribed('listPlacements', PLACEMENT_OPERATIONS.listPlacements)
  list(@Query('status') status: string | undefined, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<PlacementView[]> {
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'status', code: 'isIn', message: `status must be one of ${STATUSES.join(', ')}` }] });
    }
    const regions = user.regions.includes(NATIONAL_SCOPE) ? '*' : user.regions;
    return this.placements.list(regions, status as PlacementStatus | undefined, (manager, views) => this.recordReads(manager, views, purpose, actor));
  }

  @Get(':placementId')
  @ApiDescribed('showPlacement', PLACEMENT_OPERATIONS.showPlacement)
  show(@Param('placementId', placementIdPipe) placementId: string, @AccessPurpose() purpose: ReadPurpose, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<PlacementView> {
    return this.placements.show(placementId, (region) => coversRegion(user, region), (manager, views) => this.recordReads(manager, views, purpose, actor));
  }

  @Post(':placementId/cancellation')
  @HttpCode(HttpStatus.OK)
  @ApiDescribed('cancelPlacement', PLACEMENT_OPERATIONS.cancelPlacement, CancelPlacementDto)
  cancel(@Param('placementId', placementIdPipe) placementId: string, @Body() dto: CancelPlacementDto, @CurrentActor() actor: string, @CurrentUser() user: Principal): Promise<PlacementView> {
    return this.placements.cancel(placementId, dto.reason, (region) => coversRegion(user, region), actor);
  }

  private recordReads(manager: EntityManager, views: PlacementView[], purpose: ReadPurpose, actor: string): Promise<void> {
    return this.access.record(
      manager,
      views.map((view) => ({ householdId: view.householdId, subject: { kind: 'shelter-placement' as const, id: view.placementId }, purpose, fields: READ_FIELDS, actor })),
    );
  }
}
