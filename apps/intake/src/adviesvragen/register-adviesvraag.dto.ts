import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsDefined, IsEmail, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PERSON_ROLES, PersonRole } from '@vt/contracts';
import { CHANNEL_CODES, MELDER_KIND_CODES, MELDER_ROLE_CODES, MELDER_SECTOR_CODES } from '@vt/intake-domain';
import { HouseholdDto } from '../meldingen/register-melding.dto';

/** Who asks advice. Name and contact details are optional: an adviesvraag may be anonymous. */
export class AdviesvragerDto {
  @IsIn(MELDER_KIND_CODES, { message: `adviesvrager.kind must be one of ${MELDER_KIND_CODES.join(', ')}` })
  kind!: (typeof MELDER_KIND_CODES)[number];

  /** Required for a professional, absent for a non-professional. */
  @IsOptional()
  @IsIn(MELDER_SECTOR_CODES, { message: `adviesvrager.sector must be one of ${MELDER_SECTOR_CODES.join(', ')}` })
  sector?: (typeof MELDER_SECTOR_CODES)[number];

  @IsIn(MELDER_ROLE_CODES, { message: `adviesvrager.role must be one of ${MELDER_ROLE_CODES.join(', ')}` })
  role!: (typeof MELDER_ROLE_CODES)[number];

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{6,18}$/, { message: 'adviesvrager.phone must be a phone number like 0612345678 or +31 20 1234567' })
  phone?: string;

  @IsOptional()
  @IsEmail({}, { message: 'adviesvrager.email must be an e-mail address' })
  @MaxLength(200)
  email?: string;
}

/** A person the adviesvraag is about; the caller need not name anyone. */
export class AdviesvraagPersonDto {
  @IsIn(PERSON_ROLES, { message: `role must be one of ${PERSON_ROLES.join(', ')}` })
  role!: PersonRole;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'birthDate must be a date like 2015-03-31' })
  birthDate?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  estimatedAge?: number;
}

export class AdviesvraagConcernsDto {
  @IsArray({ message: 'concerns.aard must be a list of codes' })
  @ArrayMinSize(1, { message: 'concerns.aard must name at least one aard van het geweld (onbekend when unknown)' })
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  aard!: string[];

  @IsOptional()
  @IsArray({ message: 'concerns.tags must be a list of codes' })
  @ArrayMaxSize(11)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  /** What the caller asks, in the call handler's words. Stays in intake; never on the event log. */
  @IsString()
  @IsNotEmpty({ message: 'concerns.question must say what the caller asks advice about' })
  @MaxLength(20000)
  question!: string;
}

/** An adviesvraag: someone asks advice and stays responsible; Veilig Thuis does not take over. */
export class RegisterAdviesvraagDto {
  /**
   * When the adviesvraag reached Veilig Thuis, when it was not registered at once (ISO 8601 with its offset; not
   * in the future, not before 2015). Default: the registration time. No statutory clock runs from an adviesvraag.
   */
  @IsOptional()
  @IsString({ message: 'receivedAt must be an ISO 8601 date-time with its time zone offset, e.g. 2025-06-02T21:30:00+02:00' })
  @MaxLength(64)
  receivedAt?: string;

  /** Any channel, chat included (chat is for advice only). */
  @IsIn(CHANNEL_CODES, { message: `channel must be one of ${CHANNEL_CODES.join(', ')}` })
  channel!: (typeof CHANNEL_CODES)[number];

  @IsDefined({ message: 'adviesvrager is required: who asks advice (kind and role at least)' })
  @IsObject({ message: 'adviesvrager must be an object: { kind, role, … }' })
  @ValidateNested()
  @Type(() => AdviesvragerDto)
  adviesvrager!: AdviesvragerDto;

  /** Optional: when the caller names the gemeente, the household is routed to its VT region. */
  @IsOptional()
  @IsObject({ message: 'household must be an object: { gemeenteCode, postcode, houseNumber } or { island }' })
  @ValidateNested()
  @Type(() => HouseholdDto)
  household?: HouseholdDto;

  @IsOptional()
  @IsArray({ message: 'persons must be a list of persons' })
  @ArrayMaxSize(30)
  @IsObject({ each: true, message: 'each of persons must be an object: { role, … }' })
  @ValidateNested({ each: true })
  @Type(() => AdviesvraagPersonDto)
  persons?: AdviesvraagPersonDto[];

  @IsDefined({ message: 'concerns is required: the aard van het geweld and the question' })
  @IsObject({ message: 'concerns must be an object: { aard, tags, question }' })
  @ValidateNested()
  @Type(() => AdviesvraagConcernsDto)
  concerns!: AdviesvraagConcernsDto;

  /** The advice given; may follow later. Stays in intake. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  advice?: string;
}
