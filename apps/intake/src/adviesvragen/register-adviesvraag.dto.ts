import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsDefined, IsEmail, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PERSON_ROLES, PersonRole } from '@vt/contracts';
import { AARD_VAN_HET_GEWELD_CODES, CHANNEL_CODES, GEWELD_TAG_CODES, MELDER_KIND_CODES, MELDER_ROLE_CODES, MELDER_SECTOR_CODES } from '@vt/intake-domain';
import { HouseholdDto } from '../meldingen/register-melding.dto';

/** Who asks advice. Name and contact details are optional: an adviesvraag may be anonymous. */
@ApiSchema({ description: 'Who asks advice. Kind, sector and role follow the melder\'s rules; name and contact details are optional (an adviesvraag may be anonymous); there is no sealed identity.' })
export class AdviesvragerDto {
  @IsIn(MELDER_KIND_CODES, { message: `adviesvrager.kind must be one of ${MELDER_KIND_CODES.join(', ')}` })
  @ApiProperty({ enum: [...MELDER_KIND_CODES], type: 'string', description: 'Code list `melder-kinds/1`.' })
  kind!: (typeof MELDER_KIND_CODES)[number];

  /** Required for a professional, absent for a non-professional. */
  @IsOptional()
  @IsIn(MELDER_SECTOR_CODES, { message: `adviesvrager.sector must be one of ${MELDER_SECTOR_CODES.join(', ')}` })
  @ApiPropertyOptional({ enum: [...MELDER_SECTOR_CODES], type: 'string', description: 'Code list `melder-sectors/1`. Required for a `professional`, absent for a `niet-professional` (400 `melder-sector-missing` / `melder-sector-not-applicable`).' })
  sector?: (typeof MELDER_SECTOR_CODES)[number];

  @IsIn(MELDER_ROLE_CODES, { message: `adviesvrager.role must be one of ${MELDER_ROLE_CODES.join(', ')}` })
  @ApiProperty({ enum: [...MELDER_ROLE_CODES], type: 'string', description: 'Code list `melder-roles/1`: a `melder` hears back after the assessment; an `informant` only gives information.' })
  role!: (typeof MELDER_ROLE_CODES)[number];

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 200 })
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional({ type: String, maxLength: 200 })
  organisation?: string;

  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{6,18}$/, { message: 'adviesvrager.phone must be a phone number like 0612345678 or +31 20 1234567' })
  @ApiPropertyOptional({ type: String, pattern: /^\+?[0-9][0-9 -]{6,18}$/.source, description: 'E.g. `0612345678` or `+31 20 1234567`.' })
  phone?: string;

  @IsOptional()
  @IsEmail({}, { message: 'adviesvrager.email must be an e-mail address' })
  @MaxLength(200)
  @ApiPropertyOptional({ type: String, maxLength: 200, format: 'email' })
  email?: string;
}

/** A person the adviesvraag is about; the caller need not name anyone. */
@ApiSchema({ description: 'A person the adviesvraag is about; no BSN.' })
export class AdviesvraagPersonDto {
  @IsIn(PERSON_ROLES, { message: `role must be one of ${PERSON_ROLES.join(', ')}` })
  @ApiProperty({ enum: [...PERSON_ROLES], type: 'string', description: 'The person\'s role in the household.' })
  role!: PersonRole;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 200 })
  name?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'birthDate must be a date like 2015-03-31' })
  @ApiPropertyOptional({ type: String, format: 'date', description: 'An ISO 8601 date such as `2015-03-31`; not in the future (400 `date-in-future`).' })
  birthDate?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 120, description: 'In years, when the date of birth is not known.' })
  estimatedAge?: number;
}

export class AdviesvraagConcernsDto {
  @IsArray({ message: 'concerns.aard must be a list of codes' })
  @ArrayMinSize(1, { message: 'concerns.aard must name at least one aard van het geweld (onbekend when unknown)' })
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @ApiProperty({ enum: [...AARD_VAN_HET_GEWELD_CODES], type: 'string', isArray: true, minItems: 1, maxItems: 8, description: 'Aard van het geweld, codes of `aard-van-het-geweld/1` (libs/intake/domain). At least one; `onbekend` and `geen-kindermishandeling-huiselijk-geweld` stand alone. An unknown, repeated or combined code is a 400 (`unknown-code`, `duplicate-code`, `exclusive-code-combined`).' })
  @MaxLength(100, { each: true })
  aard!: string[];

  @IsOptional()
  @IsArray({ message: 'concerns.tags must be a list of codes' })
  @ArrayMaxSize(11)
  @IsString({ each: true })
  @ApiPropertyOptional({ enum: [...GEWELD_TAG_CODES], type: 'string', isArray: true, maxItems: 11, description: 'Additional tags, codes of `geweld-tags/1` (libs/intake/domain). An unknown or repeated code is a 400.' })
  @MaxLength(100, { each: true })
  tags?: string[];

  /** What the caller asks, in the call handler's words. Stays in intake; never on the event log. */
  @IsString()
  @IsNotEmpty({ message: 'concerns.question must say what the caller asks advice about' })
  @MaxLength(20000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 20000, description: 'What the caller asks, in the call handler\'s words. Stays in intake.' })
  question!: string;
}

/** An adviesvraag: someone asks advice and stays responsible; Veilig Thuis does not take over. */
@ApiSchema({ description: 'An adviesvraag: someone asks advice and stays responsible; Veilig Thuis does not take over sight of safety.' })
export class RegisterAdviesvraagDto {
  /**
   * When the adviesvraag reached Veilig Thuis, when it was not registered at once (ISO 8601 with its offset; not
   * in the future, not before 2015). Default: the registration time. No statutory clock runs from an adviesvraag.
   */
  @IsOptional()
  @IsString({ message: 'receivedAt must be an ISO 8601 date-time with its time zone offset, e.g. 2025-06-02T21:30:00+02:00' })
  @ApiPropertyOptional({ type: String, format: 'date-time', maxLength: 64, description: 'Optional: when the adviesvraag reached Veilig Thuis, if it was not registered at once; ISO 8601 with its offset, not in the future, not before 1 January 2015 (as a melding\'s). Default: the registration time. No statutory clock runs from an adviesvraag, so no reason is asked for a late registration; a melding it becomes cannot have been received before it.' })
  @MaxLength(64)
  receivedAt?: string;

  /** Any channel, chat included (chat is for advice only). */
  @IsIn(CHANNEL_CODES, { message: `channel must be one of ${CHANNEL_CODES.join(', ')}` })
  @ApiProperty({ enum: [...CHANNEL_CODES], type: 'string', description: 'Code list `channels/1`. Any channel, `chat` included.' })
  channel!: (typeof CHANNEL_CODES)[number];

  @IsDefined({ message: 'adviesvrager is required: who asks advice (kind and role at least)' })
  @IsObject({ message: 'adviesvrager must be an object: { kind, role, … }' })
  @ValidateNested()
  @Type(() => AdviesvragerDto)
  @ApiProperty({ type: () => AdviesvragerDto })
  adviesvrager!: AdviesvragerDto;

  /** Optional: when the caller names the gemeente, the household is routed to its VT region. */
  @IsOptional()
  @IsObject({ message: 'household must be an object: { gemeenteCode, postcode, houseNumber } or { island }' })
  @ValidateNested()
  @Type(() => HouseholdDto)
  @ApiPropertyOptional({ type: () => HouseholdDto, description: 'Optional; when given it is routed as a melding\'s (unknown gemeente: 422 with `suggestions`).' })
  household?: HouseholdDto;

  @IsOptional()
  @IsArray({ message: 'persons must be a list of persons' })
  @ArrayMaxSize(30)
  @IsObject({ each: true, message: 'each of persons must be an object: { role, … }' })
  @ValidateNested({ each: true })
  @Type(() => AdviesvraagPersonDto)
  @ApiPropertyOptional({ type: () => AdviesvraagPersonDto, isArray: true, maxItems: 30 })
  persons?: AdviesvraagPersonDto[];

  @IsDefined({ message: 'concerns is required: the aard van het geweld and the question' })
  @IsObject({ message: 'concerns must be an object: { aard, tags, question }' })
  @ValidateNested()
  @Type(() => AdviesvraagConcernsDto)
  @ApiProperty({ type: () => AdviesvraagConcernsDto })
  concerns!: AdviesvraagConcernsDto;

  /** The advice given; may follow later. Stays in intake. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 20000, description: 'The advice given; may follow later. Stays in intake.' })
  advice?: string;
}
