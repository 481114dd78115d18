import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsObject, ValidateNested } from 'class-validator';
import { HouseholdDto, PersonDto } from '../meldingen/register-melding.dto';

/**
 * The persons and address of the melding a call handler is typing, as they go into `POST /api/v1/meldingen`,
 * to see what radar would propose before saving.
 */
@ApiSchema({ description: 'The persons and address of the melding being typed, exactly as they go into `POST /api/v1/meldingen`.' })
export class RadarMatchesDto {
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
}
