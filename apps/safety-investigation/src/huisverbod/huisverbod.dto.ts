import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { HUISVERBOD_ISLANDS, HuisverbodIsland } from '@vt/contracts';

export class ImposeHuisverbodDto {
  @IsUUID('all', { message: 'personId must be the id of the person of the household the huisverbod concerns' })
  personId!: string;

  @IsDateString({ strict: true }, { message: 'imposedAt must be the date and time the burgemeester imposed it (ISO 8601)' })
  imposedAt!: string;

  /** Only for an island household: the island where it was imposed (a pilot must cover it). */
  @IsOptional()
  @IsIn(HUISVERBOD_ISLANDS, { message: `island must be one of ${HUISVERBOD_ISLANDS.join(', ')}` })
  island?: HuisverbodIsland;
}

export class ExtendHuisverbodDto {
  @IsDateString({ strict: true }, { message: 'endsAt must be the new end the burgemeester decided (ISO 8601)' })
  endsAt!: string;

  @IsDateString({ strict: true }, { message: 'decidedAt must be when the burgemeester decided the extension (ISO 8601)' })
  decidedAt!: string;

  @IsString()
  @IsNotEmpty({ message: 'reason must say why the burgemeester extended it' })
  @MaxLength(2000)
  reason!: string;
}
