import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACUTE_SIGNALS, AcuteSignal, LATE_REGISTRATION_REASONS, LateRegistrationReason, PERSON_ROLES, PersonRole } from '@vt/contracts';
import { CHANNEL_CODES, ISLANDS, MELDER_KIND_CODES, MELDER_ROLE_CODES, MELDER_SECTOR_CODES, SEAL_REASON_CODES } from '@vt/intake-domain';

/** Where the household lives: a gemeente (with optional postcode and house number), or one of the islands. */
export class HouseholdDto {
  /** A CBS gemeentecode (GM0363) or the gemeente's name; the 422 for an unknown one suggests names. */
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'household.gemeenteCode must name the gemeente, as a code like GM0363 or by name' })
  @MaxLength(80)
  gemeenteCode?: string;

  /** Bonaire, Saba or Sint Eustatius (Caribisch Nederland): no gemeentecode and no postcode there. */
  @IsOptional()
  @IsIn(ISLANDS, { message: `household.island must be one of ${ISLANDS.join(', ')}` })
  island?: (typeof ISLANDS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(10)
  postcode?: string;

  @IsOptional()
  @Matches(/^\d{1,5}\s*[A-Za-z]?(-?\s*[A-Za-z0-9]{1,4})?$/, { message: 'household.houseNumber must be a house number like 12, 12a or 12-3' })
  houseNumber?: string;
}

export class PersonDto {
  @IsIn(PERSON_ROLES, { message: `role must be one of ${PERSON_ROLES.join(', ')}` })
  role!: PersonRole;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'birthDate must be a date like 2015-03-31' })
  birthDate?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  estimatedAge?: number;

  /** Optional BSN, checked with the elfproef. */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  bsn?: string;
}

export class AcuteIndicationDto {
  @IsBoolean()
  indicated!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  ground?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACUTE_SIGNALS.length)
  @ArrayUnique()
  @IsIn(ACUTE_SIGNALS, { each: true, message: `each signal must be one of ${ACUTE_SIGNALS.join(', ')}` })
  signals?: AcuteSignal[];
}

export class MelderDto {
  @IsIn(MELDER_KIND_CODES, { message: `melder.kind must be one of ${MELDER_KIND_CODES.join(', ')}` })
  kind!: (typeof MELDER_KIND_CODES)[number];

  @IsOptional()
  @IsIn(MELDER_SECTOR_CODES, { message: `melder.sector must be one of ${MELDER_SECTOR_CODES.join(', ')}` })
  sector?: (typeof MELDER_SECTOR_CODES)[number];

  @IsIn(MELDER_ROLE_CODES, { message: `melder.role must be one of ${MELDER_ROLE_CODES.join(', ')}` })
  role!: (typeof MELDER_ROLE_CODES)[number];

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{6,18}$/, { message: 'melder.phone must be a phone number like 0612345678 or +31 20 1234567' })
  phone?: string;

  @IsOptional()
  @IsEmail({}, { message: 'melder.email must be an e-mail address' })
  @MaxLength(200)
  email?: string;

  /** "Anonymous": Veilig Thuis knows the melder, the household will not. */
  @IsOptional()
  @IsBoolean()
  identitySealed?: boolean;

  @IsOptional()
  @IsIn(SEAL_REASON_CODES, { message: `melder.sealReason must be one of ${SEAL_REASON_CODES.join(', ')}` })
  sealReason?: (typeof SEAL_REASON_CODES)[number];

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  sealExplanation?: string;
}

export class ConcernsDto {
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

  /** What the caller told, in the call handler's words. Stays in intake; never on the event log unencrypted. */
  @IsString()
  @IsNotEmpty({ message: 'concerns.account must say what the caller told' })
  @MaxLength(20000)
  account!: string;
}

/**
 * The call handler's radar decision (docs/adr/0018): join this household, one radar proposed for the melding's
 * persons and allows (`POST /api/v1/radar/matches`). Without it the melding is kept apart: its own household,
 * the matches recorded as links for triage.
 */
export class RadarDecisionDto {
  @IsUUID('all', { message: 'radar.join must be the householdId of a household radar proposed (POST /api/v1/radar/matches)' })
  join!: string;
}

/** Why a melding is registered more than `RECEIPT_REASON_AFTER` after it was received: a code, never free text. */
export class LateRegistrationDto {
  @IsIn(LATE_REGISTRATION_REASONS, { message: `lateRegistration.reason must be one of ${LATE_REGISTRATION_REASONS.join(', ')}` })
  reason!: LateRegistrationReason;
}

/** A melding: responsibility for safety passes to Veilig Thuis, so the melder must be reachable. */
export class RegisterMeldingDto {
  /**
   * When the call, letter, police report or portal submission reached Veilig Thuis: an ISO 8601 date-time with
   * its offset. The statutory clocks run from here; intake records the registration time itself. Its rules
   * (not in the future, not before 2015) are in `@vt/intake-domain` (`checkReceivedAt`).
   */
  @IsString({ message: 'receivedAt is required, as an ISO 8601 date-time with its time zone offset: when the melding reached Veilig Thuis, e.g. 2025-06-02T21:30:00+02:00' })
  @MaxLength(64)
  receivedAt!: string;

  /** Only for a melding registered more than `RECEIPT_REASON_AFTER` after receipt: why, as a code. */
  @IsOptional()
  @IsObject({ message: 'lateRegistration must be an object: { reason }' })
  @ValidateNested()
  @Type(() => LateRegistrationDto)
  lateRegistration?: LateRegistrationDto;

  @IsIn(CHANNEL_CODES, { message: `channel must be one of ${CHANNEL_CODES.join(', ')}` })
  channel!: (typeof CHANNEL_CODES)[number];

  @IsDefined({ message: 'melder is required: who reports (kind, role, name and how to reach them)' })
  @IsObject({ message: 'melder must be an object: { kind, role, name, … }' })
  @ValidateNested()
  @Type(() => MelderDto)
  melder!: MelderDto;

  @IsDefined({ message: 'household is required: where the household lives (gemeenteCode or island)' })
  @IsObject({ message: 'household must be an object: { gemeenteCode, postcode, houseNumber } or { island }' })
  @ValidateNested()
  @Type(() => HouseholdDto)
  household!: HouseholdDto;

  @IsArray({ message: 'persons must be a list of persons' })
  @ArrayMinSize(1, { message: 'persons must name at least one person' })
  @ArrayMaxSize(30)
  @IsObject({ each: true, message: 'each of persons must be an object: { role, name, … }' })
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  persons!: PersonDto[];

  @IsDefined({ message: 'concerns is required: the aard van het geweld and what the caller told' })
  @IsObject({ message: 'concerns must be an object: { aard, tags, account }' })
  @ValidateNested()
  @Type(() => ConcernsDto)
  concerns!: ConcernsDto;

  @IsDefined({ message: 'acuteIndication is required: { indicated: true | false }' })
  @IsObject({ message: 'acuteIndication must be an object: { indicated, ground, signals }' })
  @ValidateNested()
  @Type(() => AcuteIndicationDto)
  acuteIndication!: AcuteIndicationDto;

  @IsOptional()
  @IsObject({ message: 'radar must be an object: { join }' })
  @ValidateNested()
  @Type(() => RadarDecisionDto)
  radar?: RadarDecisionDto;
}
