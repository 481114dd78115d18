import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsDateString, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  SHELTER_CANCEL_REASONS,
  SHELTER_DECLINE_REASONS,
  SHELTER_DESTINATIONS,
  SHELTER_PROGRAMMES,
  SHELTER_URGENCIES,
  ShelterCancelReason,
  ShelterDeclineReason,
  ShelterDestination,
  ShelterProgramme,
  ShelterUrgency,
} from '@vt/contracts';
import { regionCodesInForce } from '@vt/reference-data';
import { MAX_PLACES, MAX_REPORTED_PLACES } from '@vt/shelter-domain';

const REGIONS = regionCodesInForce();
const TIME = { strict: true };

@ApiSchema({ description: 'Places are counted in persons: the adults and the children who come along.' })
export class PlacesDto {
  @IsInt({ message: 'places.adults must be a whole number' })
  @Min(1, { message: 'places.adults must be at least 1' })
  @Max(MAX_PLACES, { message: `places.adults must be at most ${MAX_PLACES}` })
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PLACES })
  adults!: number;

  @IsInt({ message: 'places.children must be a whole number' })
  @Min(0, { message: 'places.children must be at least 0' })
  @Max(MAX_PLACES, { message: `places.children must be at most ${MAX_PLACES}` })
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_PLACES })
  children!: number;
}

@ApiSchema({ description: 'Where the household must not be placed. The home region is left out by default (away from the perpetrator).' })
export class ConstraintsDto {
  @IsOptional()
  @IsBoolean({ message: 'constraints.notInHomeRegion must be true or false' })
  @ApiPropertyOptional({ type: Boolean, default: true, description: 'Never in the household\'s own VT region (the token\'s region). Default true.' })
  notInHomeRegion?: boolean;

  @IsOptional()
  @IsArray({ message: 'constraints.excludedRegions must be a list of VT region codes' })
  @ArrayMaxSize(REGIONS.length, { message: `constraints.excludedRegions names at most ${REGIONS.length} regions` })
  @ArrayUnique({ message: 'constraints.excludedRegions names a region twice' })
  @IsIn(REGIONS, { each: true, message: 'each of constraints.excludedRegions must be a VT region code in force, such as vt-groningen' })
  @ApiPropertyOptional({ type: 'string', isArray: true, enum: [...REGIONS], uniqueItems: true, maxItems: REGIONS.length, default: [], description: 'Further VT regions the household must not be placed in (e.g. where the perpetrator works).' })
  excludedRegions?: string[];
}

/** A request for a shelter place (Veilig Thuis staff; the token's region is the household's home region). */
@ApiSchema({ description: 'A request for a place in vrouwenopvang for a household: how urgent, how many persons, and where not. No names, no free text.' })
export class RequestPlacementDto {
  @IsUUID('all', { message: 'householdId must be the household\'s id (a UUID)' })
  @ApiProperty({ type: String, format: 'uuid', description: 'The household inside Veilig Thuis. Never shown to a shelter.' })
  householdId!: string;

  @IsIn(SHELTER_URGENCIES, { message: `urgency must be one of ${SHELTER_URGENCIES.join(', ')}` })
  @ApiProperty({ enum: [...SHELTER_URGENCIES], type: 'string', description: 'Sets the shelter\'s answer term (`SHELTER_ANSWER_TERMS`; default acuut 1 h, spoed 4 h, regulier 24 h [verify]).' })
  urgency!: ShelterUrgency;

  @IsDefined({ message: 'places is required: { adults, children }' })
  @IsObject({ message: 'places must be an object: { adults, children }' })
  @ValidateNested()
  @Type(() => PlacesDto)
  @ApiProperty({ type: () => PlacesDto })
  places!: PlacesDto;

  @IsOptional()
  @IsObject({ message: 'constraints must be an object: { notInHomeRegion, excludedRegions }' })
  @ValidateNested()
  @Type(() => ConstraintsDto)
  @ApiPropertyOptional({ type: () => ConstraintsDto })
  constraints?: ConstraintsDto;
}

export class CancelPlacementDto {
  @IsIn(SHELTER_CANCEL_REASONS, { message: `reason must be one of ${SHELTER_CANCEL_REASONS.join(', ')}` })
  @ApiProperty({ enum: [...SHELTER_CANCEL_REASONS], type: 'string', description: 'A code, never free text (docs/adr/0020).' })
  reason!: ShelterCancelReason;
}

export class ReportCapacityDto {
  @IsInt({ message: 'totalPlaces must be a whole number' })
  @Min(0, { message: 'totalPlaces must be at least 0' })
  @Max(MAX_REPORTED_PLACES, { message: `totalPlaces must be at most ${MAX_REPORTED_PLACES}` })
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_REPORTED_PLACES, description: 'Places (persons) the shelter has in all.' })
  totalPlaces!: number;

  @IsInt({ message: 'freePlaces must be a whole number' })
  @Min(0, { message: 'freePlaces must be at least 0' })
  @Max(MAX_REPORTED_PLACES, { message: `freePlaces must be at most ${MAX_REPORTED_PLACES}` })
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_REPORTED_PLACES, description: 'Places free now, counting every placement the shelter accepted (at most totalPlaces).' })
  freePlaces!: number;
}

export class AnswerOfferDto {
  @IsBoolean({ message: 'accepted must be true or false' })
  @ApiProperty({ type: Boolean })
  accepted!: boolean;

  @IsOptional()
  @IsIn(SHELTER_DECLINE_REASONS, { message: `reason must be one of ${SHELTER_DECLINE_REASONS.join(', ')}` })
  @ApiPropertyOptional({ enum: [...SHELTER_DECLINE_REASONS], type: 'string', description: 'Required when declining; a code, never free text.' })
  reason?: ShelterDeclineReason;
}

export class StartStayDto {
  @IsDateString(TIME, { message: 'startedAt must be an ISO 8601 time with a time zone, e.g. 2026-12-08T14:00:00+01:00' })
  @MaxLength(40)
  @ApiProperty({ type: String, format: 'date-time', maxLength: 40, description: 'When the household arrived (instroom); not before the acceptance, not in the future.' })
  startedAt!: string;
}

export class MoveStayDto {
  @IsString({ message: 'toShelterId must be a shelter (a vrouwenopvang partner id)' })
  @MaxLength(100)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'toShelterId must be a partner id such as vrouwenopvang-drenthe' })
  @ApiProperty({ type: String, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100, description: 'The shelter the stay continues at (the same one for another programme there).' })
  toShelterId!: string;

  @IsIn(SHELTER_PROGRAMMES, { message: `programme must be one of ${SHELTER_PROGRAMMES.join(', ')}` })
  @ApiProperty({ enum: [...SHELTER_PROGRAMMES], type: 'string' })
  programme!: ShelterProgramme;

  @IsDateString(TIME, { message: 'movedAt must be an ISO 8601 time with a time zone' })
  @MaxLength(40)
  @ApiProperty({ type: String, format: 'date-time', maxLength: 40, description: 'When the stay moved (doorstroom).' })
  movedAt!: string;
}

export class EndStayDto {
  @IsIn(SHELTER_DESTINATIONS, { message: `destination must be one of ${SHELTER_DESTINATIONS.join(', ')}` })
  @ApiProperty({ enum: [...SHELTER_DESTINATIONS], type: 'string', description: 'Where the household went (uitstroom).' })
  destination!: ShelterDestination;

  @IsDateString(TIME, { message: 'endedAt must be an ISO 8601 time with a time zone' })
  @MaxLength(40)
  @ApiProperty({ type: String, format: 'date-time', maxLength: 40, description: 'When the household left.' })
  endedAt!: string;
}
