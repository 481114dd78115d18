import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { HUISVERBOD_ISLANDS, HuisverbodIsland } from '@vt/contracts';

export class ImposeHuisverbodDto {
  @IsUUID('all', { message: 'personId must be the id of the person of the household the huisverbod concerns' })
  @ApiProperty({ type: String, format: 'uuid' })
  personId!: string;

  @IsDateString({ strict: true }, { message: 'imposedAt must be the date and time the burgemeester imposed it (ISO 8601)' })
  @ApiProperty({ type: String, format: 'date-time' })
  imposedAt!: string;

  /** Only for an island household: the island where it was imposed (a pilot must cover it). */
  @IsOptional()
  @IsIn(HUISVERBOD_ISLANDS, { message: `island must be one of ${HUISVERBOD_ISLANDS.join(', ')}` })
  @ApiPropertyOptional({ enum: [...HUISVERBOD_ISLANDS], type: 'string', description: 'Only for an island household: the island where it was imposed (a pilot must cover it).' })
  island?: HuisverbodIsland;
}

export class ExtendHuisverbodDto {
  @IsDateString({ strict: true }, { message: 'endsAt must be the new end the burgemeester decided (ISO 8601)' })
  @ApiProperty({ type: String, format: 'date-time' })
  endsAt!: string;

  @IsDateString({ strict: true }, { message: 'decidedAt must be when the burgemeester decided the extension (ISO 8601)' })
  @ApiProperty({ type: String, format: 'date-time' })
  decidedAt!: string;

  @IsString()
  @IsNotEmpty({ message: 'reason must say why the burgemeester extended it' })
  @MaxLength(2000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 2000 })
  reason!: string;
}
