import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
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
import { AARD_VAN_HET_GEWELD_CODES, CHANNEL_CODES, GEWELD_TAG_CODES, ISLANDS, MELDER_KIND_CODES, MELDER_ROLE_CODES, MELDER_SECTOR_CODES, SEAL_REASON_CODES } from '@vt/intake-domain';

/** Where the household lives: a gemeente (with optional postcode and house number), or one of the islands. */
@ApiSchema({ description: 'Where the household lives: a gemeente (`gemeenteCode`, optional postcode and house number) or, in Caribisch Nederland, an island (`island`, no postcode). Exactly one of the two; the household is routed to its Veilig Thuis region or island desk (`data/reference/vt-regions-2023.json`).' })
export class HouseholdDto {
  /** A CBS gemeentecode (GM0363) or the gemeente's name; the 422 for an unknown one suggests names. */
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'household.gemeenteCode must name the gemeente, as a code like GM0363 or by name' })
  @MaxLength(80)
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 80, description: 'A CBS gemeentecode (`GM0363`) or the gemeente\'s name. An unknown one is a 422 `unknown-gemeente` with the three closest names as `suggestions`.' })
  gemeenteCode?: string;

  /** Bonaire, Saba or Sint Eustatius (Caribisch Nederland): no gemeentecode and no postcode there. */
  @IsOptional()
  @IsIn(ISLANDS, { message: `household.island must be one of ${ISLANDS.join(', ')}` })
  @ApiPropertyOptional({ enum: [...ISLANDS], type: 'string', description: 'Bonaire, Saba or Sint Eustatius: routed to the island\'s desk, deadlines in the island\'s calendar and time zone. Not together with `gemeenteCode` or `postcode` (400 `island-with-gemeente`).' })
  island?: (typeof ISLANDS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(10)
  @ApiPropertyOptional({ type: String, maxLength: 10, description: 'Normalised (`1011ab` → `1011 AB`); a malformed one, a leading zero or the letters SA, SD and SS are a 400.' })
  postcode?: string;

  @IsOptional()
  @Matches(/^\d{1,5}\s*[A-Za-z]?(-?\s*[A-Za-z0-9]{1,4})?$/, { message: 'household.houseNumber must be a house number like 12, 12a or 12-3' })
  @ApiPropertyOptional({ type: String, pattern: /^\d{1,5}\s*[A-Za-z]?(-?\s*[A-Za-z0-9]{1,4})?$/.source, description: 'E.g. `12`, `12a` or `12-3`.' })
  houseNumber?: string;
}

@ApiSchema({ description: 'A person named in the melding. Names, dates of birth and BSNs stay in intake; events carry person ids and roles only.' })
export class PersonDto {
  @IsIn(PERSON_ROLES, { message: `role must be one of ${PERSON_ROLES.join(', ')}` })
  @ApiProperty({ enum: [...PERSON_ROLES], type: 'string', description: 'The person\'s role in the household.' })
  role!: PersonRole;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiProperty({ type: String, minLength: 1, maxLength: 200 })
  name!: string;

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

  /** Optional BSN, checked with the elfproef. */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @ApiPropertyOptional({ type: String, maxLength: 20, description: 'Optional; must pass the elfproef (400 `bsn-fails-elfproef`).' })
  bsn?: string;
}

@ApiSchema({ description: 'Whether the call handler judged acute danger.' })
export class AcuteIndicationDto {
  @IsBoolean()
  @ApiProperty({ type: Boolean })
  indicated!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiPropertyOptional({ type: String, maxLength: 500, description: 'Why; free text that stays in intake.' })
  ground?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACUTE_SIGNALS.length)
  @ArrayUnique()
  @IsIn(ACUTE_SIGNALS, { each: true, message: `each signal must be one of ${ACUTE_SIGNALS.join(', ')}` })
  @ApiPropertyOptional({ enum: [...ACUTE_SIGNALS], type: 'string', isArray: true, uniqueItems: true, maxItems: ACUTE_SIGNALS.length })
  signals?: AcuteSignal[];
}

@ApiSchema({ description: 'Who reports. Stays in intake; the event carries only kind, sector, role and whether the identity is sealed.' })
export class MelderDto {
  @IsIn(MELDER_KIND_CODES, { message: `melder.kind must be one of ${MELDER_KIND_CODES.join(', ')}` })
  @ApiProperty({ enum: [...MELDER_KIND_CODES], type: 'string', description: 'Code list `melder-kinds/1`.' })
  kind!: (typeof MELDER_KIND_CODES)[number];

  @IsOptional()
  @IsIn(MELDER_SECTOR_CODES, { message: `melder.sector must be one of ${MELDER_SECTOR_CODES.join(', ')}` })
  @ApiPropertyOptional({ enum: [...MELDER_SECTOR_CODES], type: 'string', description: 'Code list `melder-sectors/1`. Required for a `professional`, absent for a `niet-professional` (400 `melder-sector-missing` / `melder-sector-not-applicable`).' })
  sector?: (typeof MELDER_SECTOR_CODES)[number];

  @IsIn(MELDER_ROLE_CODES, { message: `melder.role must be one of ${MELDER_ROLE_CODES.join(', ')}` })
  @ApiProperty({ enum: [...MELDER_ROLE_CODES], type: 'string', description: 'Code list `melder-roles/1`: a `melder` hears back after the assessment; an `informant` only gives information.' })
  role!: (typeof MELDER_ROLE_CODES)[number];

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiProperty({ type: String, minLength: 1, maxLength: 200 })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional({ type: String, maxLength: 200 })
  organisation?: string;

  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{6,18}$/, { message: 'melder.phone must be a phone number like 0612345678 or +31 20 1234567' })
  @ApiPropertyOptional({ type: String, pattern: /^\+?[0-9][0-9 -]{6,18}$/.source, description: 'E.g. `0612345678` or `+31 20 1234567`.' })
  phone?: string;

  @IsOptional()
  @IsEmail({}, { message: 'melder.email must be an e-mail address' })
  @MaxLength(200)
  @ApiPropertyOptional({ type: String, maxLength: 200, format: 'email' })
  email?: string;

  /** "Anonymous": Veilig Thuis knows the melder, the household will not. */
  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional({ type: Boolean, default: false, description: '"Anonymous": Veilig Thuis knows the melder, the household will not.' })
  identitySealed?: boolean;

  @IsOptional()
  @IsIn(SEAL_REASON_CODES, { message: `melder.sealReason must be one of ${SEAL_REASON_CODES.join(', ')}` })
  @ApiPropertyOptional({ enum: [...SEAL_REASON_CODES], type: 'string', description: 'Code list `seal-reasons/1`. Required when `identitySealed`, refused otherwise; `overig` needs a `sealExplanation`.' })
  sealReason?: (typeof SEAL_REASON_CODES)[number];

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @ApiPropertyOptional({ type: String, maxLength: 1000 })
  sealExplanation?: string;
}

export class ConcernsDto {
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

  /** What the caller told, in the call handler's words. Stays in intake; never on the event log unencrypted. */
  @IsString()
  @IsNotEmpty({ message: 'concerns.account must say what the caller told' })
  @MaxLength(20000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 20000, description: 'What the caller told, in the call handler\'s words. Stays in intake.' })
  account!: string;
}

/**
 * The call handler's radar decision (docs/adr/0018): join this household, one radar proposed for the melding's
 * persons and allows (`POST /api/v1/radar/matches`). Without it the melding is kept apart: its own household,
 * the matches recorded as links for triage.
 */
@ApiSchema({ description: 'The call handler\'s radar decision (docs/adr/0018). Without it the melding is kept apart: its own household, the matches recorded as links for triage. A join is allowed only for a household radar proposed (`POST /api/v1/radar/matches`) with `mayJoin: true`: every matched person belongs to that one household, its case is open, and it is at the melding\'s postcode and house number. Otherwise 422 `semantic-conflict` at path `radar.join` with code `case-closed`, `different-households`, `moved`, `address-unknown` or `not-matched`.' })
export class RadarDecisionDto {
  @IsUUID('all', { message: 'radar.join must be the householdId of a household radar proposed (POST /api/v1/radar/matches)' })
  @ApiProperty({ type: String, format: 'uuid', description: 'The `householdId` of the household to join.' })
  join!: string;
}

/** Why a melding is registered more than `RECEIPT_REASON_AFTER` after it was received: a code, never free text. */
@ApiSchema({ description: 'Why the melding is registered more than `RECEIPT_REASON_AFTER` (default PT24H) after it was received, as a code. Required then (else 422 `late-registration-reason-missing` on `lateRegistration.reason`, with the codes in `allowed`); refused for a melding that is not late (422 `late-registration-not-late` on `lateRegistration`). Travels in `MeldingReceived.lateRegistration`.' })
export class LateRegistrationDto {
  @IsIn(LATE_REGISTRATION_REASONS, { message: `lateRegistration.reason must be one of ${LATE_REGISTRATION_REASONS.join(', ')}` })
  @ApiProperty({ enum: [...LATE_REGISTRATION_REASONS], type: 'string', description: '`batchverwerking` (e.g. police meldingen registered in a batch), `schriftelijk-ontvangen` (a letter or form), `storing` (systems were down), `doorgestuurd-door-andere-regio` (first received by another Veilig Thuis region), `anders`.' })
  reason!: LateRegistrationReason;
}

/** A melding: responsibility for safety passes to Veilig Thuis, so the melder must be reachable. */
@ApiSchema({ description: 'A melding: responsibility for safety passes to Veilig Thuis, so the melder must be reachable (phone or e-mail, else 400 `contact-missing` on `melder.phone`). It says when it reached Veilig Thuis (`receivedAt`); intake records when it was registered. The statutory clocks (the 5-working-day veiligheidsbeoordeling) run from the receipt.' })
export class RegisterMeldingDto {
  /**
   * When the call, letter, police report or portal submission reached Veilig Thuis: an ISO 8601 date-time with
   * its offset. The statutory clocks run from here; intake records the registration time itself. Its rules
   * (not in the future, not before 2015) are in `@vt/intake-domain` (`checkReceivedAt`).
   */
  @IsString({ message: 'receivedAt is required, as an ISO 8601 date-time with its time zone offset: when the melding reached Veilig Thuis, e.g. 2025-06-02T21:30:00+02:00' })
  @ApiProperty({ type: String, format: 'date-time', maxLength: 64, description: 'When the call, letter, police report or portal submission reached Veilig Thuis: an ISO 8601 date-time with its time zone offset (`Z` or `±hh:mm`), e.g. `2025-06-02T21:30:00+02:00`. Missing: 400 `isString`; malformed: 400 `received-at-format`; more than `RECEIPT_CLOCK_SKEW` (default PT2M) after intake\'s clock: 400 `received-at-in-future`; before 1 January 2015 (Wmo 2015, the start of Veilig Thuis): 400 `received-at-before-lower-bound`. Registered more than `RECEIPT_REASON_AFTER` (default PT24H) after it: `lateRegistration` is required. Converting an adviesvraag: not before the adviesvraag\'s `receivedAt` (422 `received-before-adviesvraag`).' })
  @MaxLength(64)
  receivedAt!: string;

  /** Only for a melding registered more than `RECEIPT_REASON_AFTER` after receipt: why, as a code. */
  @IsOptional()
  @IsObject({ message: 'lateRegistration must be an object: { reason }' })
  @ValidateNested()
  @Type(() => LateRegistrationDto)
  @ApiPropertyOptional({ type: () => LateRegistrationDto, description: 'Only for a melding registered more than `RECEIPT_REASON_AFTER` after receipt: why, as a code.' })
  lateRegistration?: LateRegistrationDto;

  @IsIn(CHANNEL_CODES, { message: `channel must be one of ${CHANNEL_CODES.join(', ')}` })
  @ApiProperty({ enum: [...CHANNEL_CODES], type: 'string', description: 'Code list `channels/1`. `chat` is for advice only: a melding through chat is a 422 `channel-advice-only`.' })
  channel!: (typeof CHANNEL_CODES)[number];

  @IsDefined({ message: 'melder is required: who reports (kind, role, name and how to reach them)' })
  @IsObject({ message: 'melder must be an object: { kind, role, name, … }' })
  @ValidateNested()
  @Type(() => MelderDto)
  @ApiProperty({ type: () => MelderDto })
  melder!: MelderDto;

  @IsDefined({ message: 'household is required: where the household lives (gemeenteCode or island)' })
  @IsObject({ message: 'household must be an object: { gemeenteCode, postcode, houseNumber } or { island }' })
  @ValidateNested()
  @Type(() => HouseholdDto)
  @ApiProperty({ type: () => HouseholdDto })
  household!: HouseholdDto;

  @IsArray({ message: 'persons must be a list of persons' })
  @ArrayMinSize(1, { message: 'persons must name at least one person' })
  @ArrayMaxSize(30)
  @IsObject({ each: true, message: 'each of persons must be an object: { role, name, … }' })
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  @ApiProperty({ type: () => PersonDto, isArray: true, minItems: 1, maxItems: 30 })
  persons!: PersonDto[];

  @IsDefined({ message: 'concerns is required: the aard van het geweld and what the caller told' })
  @IsObject({ message: 'concerns must be an object: { aard, tags, account }' })
  @ValidateNested()
  @Type(() => ConcernsDto)
  @ApiProperty({ type: () => ConcernsDto })
  concerns!: ConcernsDto;

  @IsDefined({ message: 'acuteIndication is required: { indicated: true | false }' })
  @IsObject({ message: 'acuteIndication must be an object: { indicated, ground, signals }' })
  @ValidateNested()
  @Type(() => AcuteIndicationDto)
  @ApiProperty({ type: () => AcuteIndicationDto })
  acuteIndication!: AcuteIndicationDto;

  @IsOptional()
  @IsObject({ message: 'radar must be an object: { join }' })
  @ValidateNested()
  @Type(() => RadarDecisionDto)
  @ApiPropertyOptional({ type: () => RadarDecisionDto })
  radar?: RadarDecisionDto;
}
