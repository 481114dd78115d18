import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACUTE_SIGNALS, AcuteSignal, PERSON_ROLES, PersonRole } from '@vt/contracts';
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
  @ArrayMinSize(1, { message: 'concerns.aard must name at least one aard van het geweld (onbekend when unknown)' })
  @ArrayMaxSize(8)
  @IsString({ each: true })
  aard!: string[];

  @IsOptional()
  @ArrayMaxSize(11)
  @IsString({ each: true })
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

/** A melding: responsibility for safety passes to Veilig Thuis, so the melder must be reachable. */
export class RegisterMeldingDto {
  @IsIn(CHANNEL_CODES, { message: `channel must be one of ${CHANNEL_CODES.join(', ')}` })
  channel!: (typeof CHANNEL_CODES)[number];

  @ValidateNested()
  @Type(() => MelderDto)
  melder!: MelderDto;

  @ValidateNested()
  @Type(() => HouseholdDto)
  household!: HouseholdDto;

  @ArrayMinSize(1, { message: 'persons must name at least one person' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  persons!: PersonDto[];

  @ValidateNested()
  @Type(() => ConcernsDto)
  concerns!: ConcernsDto;

  @ValidateNested()
  @Type(() => AcuteIndicationDto)
  acuteIndication!: AcuteIndicationDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => RadarDecisionDto)
  radar?: RadarDecisionDto;
}
