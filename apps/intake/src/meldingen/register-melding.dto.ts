import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ACUTE_SIGNALS, AcuteSignal, PERSON_ROLES, PersonRole } from '@vt/contracts';

export class HouseholdDto {
  @Matches(/^GM\d{4}$/, { message: 'household.gemeenteCode must be a CBS gemeentecode like GM0363' })
  gemeenteCode!: string;
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

/** The skeleton's minimal melding; the full registration model arrives with the intake issue. */
export class RegisterMeldingDto {
  @ValidateNested()
  @Type(() => HouseholdDto)
  household!: HouseholdDto;

  @ArrayMinSize(1, { message: 'persons must name at least one person' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  persons!: PersonDto[];

  @ValidateNested()
  @Type(() => AcuteIndicationDto)
  acuteIndication!: AcuteIndicationDto;
}
