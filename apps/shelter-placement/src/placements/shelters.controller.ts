import { ApiTags } from '@nestjs/swagger';
import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { CurrentUser, partnerActorOf, Principal, Roles } from '@vt/auth';
import { ApiDescribed, problem } from '@vt/runtime';
import { SHELTER_OPERATIONS } from '../openapi/shelter-placement.api';
import { AnswerOfferDto, EndStayDto, MoveStayDto, ReportCapacityDto, StartStayDto } from './placement.dto';
import { placementIdPipe } from './placements.controller';
import { OfferLapses } from './offer-lapses';
import { CapacityView, Placements, ShelterOfferView, ShelterPlacementAnswer } from './placements';
import { ShelterPlacementConfig } from './shelter-placement-config';

const shelterIdOk = (value: string): boolean => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) && value.length <= 100;

/**
 * Shelters (docs/adr/0040): a partner token whose `partner` claim is a vrouwenopvang partner of the directory reports
 * its capacity, reads the requests offered to it, answers them and reports in-, door- and uitstroom. It sees a
 * placement only when it was asked about it or the stay is (was) with it; anything else is 404. No household id, ever.
 */
@Roles('partner')
@ApiTags('shelters')
@Controller('api/v1')
export class SheltersController {
  constructor(
    private readonly placements: Placements,
    private readonly lapses: OfferLapses,
    private readonly config: ShelterPlacementConfig,
  ) {}

  @Put('shelters/:shelterId/capacity')
  @HttpCode(HttpStatus.OK)
  @ApiDescribed('reportCapacity', SHELTER_OPERATIONS.reportCapacity, ReportCapacityDto)
  async reportCapacity(@Param('shelterId') shelterId: string, @Body() dto: ReportCapacityDto, @CurrentUser() user: Principal): Promise<CapacityView> {
    const own = this.ownShelterId(user, shelterId);
    const view = await this.placements.reportCapacity(own, dto.totalPlaces, dto.freePlaces, partnerActorOf(user));
    if (view.offered > 0) this.lapses.wake();
    return view;
  }

  @Get('shelters/:shelterId/offers')
  @ApiDescribed('listOffers', SHELTER_OPERATIONS.listOffers)
  offers(@Param('shelterId') shelterId: string, @CurrentUser() user: Principal): Promise<ShelterOfferView[]> {
    return this.placements.openOffers(this.ownShelterId(user, shelterId));
  }

  @Post('shelter-placements/:placementId/answer')
  @HttpCode(HttpStatus.OK)
  @ApiDescribed('answerOffer', SHELTER_OPERATIONS.answerOffer, AnswerOfferDto)
  async answer(@Param('placementId', placementIdPipe) placementId: string, @Body() dto: AnswerOfferDto, @CurrentUser() user: Principal): Promise<ShelterPlacementAnswer> {
    const answer = await this.placements.answer(this.shelterOf(user), placementId, dto.accepted, dto.reason, partnerActorOf(user));
    if (!dto.accepted) this.lapses.wake();
    return answer;
  }

  @Post('shelter-placements/:placementId/stay-start')
  @HttpCode(HttpStatus.OK)
  @ApiDescribed('startStay', SHELTER_OPERATIONS.startStay, StartStayDto)
  startStay(@Param('placementId', placementIdPipe) placementId: string, @Body() dto: StartStayDto, @CurrentUser() user: Principal): Promise<ShelterPlacementAnswer> {
    return this.placements.startStay(this.shelterOf(user), placementId, new Date(dto.startedAt), partnerActorOf(user));
  }

  @Post('shelter-placements/:placementId/stay-move')
  @HttpCode(HttpStatus.OK)
  @ApiDescribed('moveStay', SHELTER_OPERATIONS.moveStay, MoveStayDto)
  moveStay(@Param('placementId', placementIdPipe) placementId: string, @Body() dto: MoveStayDto, @CurrentUser() user: Principal): Promise<ShelterPlacementAnswer> {
    return this.placements.moveStay(this.shelterOf(user), placementId, dto.toShelterId, dto.programme, new Date(dto.movedAt), partnerActorOf(user));
  }

  @Post('shelter-placements/:placementId/stay-end')
  @HttpCode(HttpStatus.OK)
  @ApiDescribed('endStay', SHELTER_OPERATIONS.endStay, EndStayDto)
  endStay(@Param('placementId', placementIdPipe) placementId: string, @Body() dto: EndStayDto, @CurrentUser() user: Principal): Promise<ShelterPlacementAnswer> {
    return this.placements.endStay(this.shelterOf(user), placementId, dto.destination, new Date(dto.endedAt), partnerActorOf(user));
  }

  /** The shelter a partner token speaks for: a vrouwenopvang partner of the directory, else 403 before anything is looked up. */
  private shelterOf(user: Principal): string {
    if (!user.partner || !this.config.shelter(user.partner)) {
      throw problem(403, 'not-a-shelter', { detail: 'only a shelter (a partner token whose partner is a vrouwenopvang of the directory) may do this', extensions: { rule: 'not-a-shelter' } });
    }
    return user.partner;
  }

  private ownShelterId(user: Principal, shelterId: string): string {
    if (!shelterIdOk(shelterId)) throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'shelterId', code: 'invalid-shelter-id', message: 'shelterId must be a partner id such as vrouwenopvang-drenthe' }] });
    const own = this.shelterOf(user);
    if (own !== shelterId) throw problem(403, 'not-own-shelter', { detail: `a shelter reports and reads for itself only (the token speaks for ${own})`, fields: [{ path: 'shelterId', code: 'not-own-shelter', message: 'not the shelter of the token' }], extensions: { rule: 'not-own-shelter' } });
    return own;
  }
}
