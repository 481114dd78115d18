import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { HANDOVER_PARTY_PATTERN, HOUSEHOLD_PHASES, HouseholdPhase, MONITORING_FOLLOW_UPS, MonitoringFollowUp } from '@vt/contracts';

export class ConfirmImmediateSafetyDto {
  @IsString()
  @IsNotEmpty({ message: 'how must say how immediate safety was established' })
  @MaxLength(1000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 1000 })
  how!: string;
}

export class PhaseTransitionDto {
  @IsIn(HOUSEHOLD_PHASES, { message: `to must be one of ${HOUSEHOLD_PHASES.join(', ')}` })
  @ApiProperty({ enum: [...HOUSEHOLD_PHASES], type: 'string' })
  to!: HouseholdPhase;

  @IsString()
  @IsNotEmpty({ message: 'reason must say why the household moves' })
  @MaxLength(2000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 2000 })
  reason!: string;
}

export class SafetyConditionsDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'conditions must name at least one condition' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  @ApiProperty({ type: 'array', items: { type: 'string', minLength: 1, maxLength: 1000 }, minItems: 1, maxItems: 50, description: 'The safety conditions agreed with the household, in the investigator\'s words.' })
  conditions!: string[];

  @IsArray()
  @ArrayMaxSize(50)
  @Matches(new RegExp(HANDOVER_PARTY_PATTERN), { each: true, message: 'handedOverTo must name parties by id (a partner id such as lokaal-team-gm0363, or household), never by a person\'s name' })
  @ApiProperty({ type: 'array', items: { type: 'string', pattern: HANDOVER_PARTY_PATTERN }, maxItems: 50, description: 'Who takes part, by id: a partner id such as `lokaal-team-gm0363`, or `household`; never a person\'s name.' })
  handedOverTo!: string[];
}

export class MonitoringResultDto {
  @IsBoolean()
  @ApiProperty({ type: Boolean })
  stable!: boolean;

  @IsString()
  @IsNotEmpty({ message: 'reason must say what the monitoring found' })
  @MaxLength(2000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 2000 })
  reason!: string;

  /** For a result that is not stable: back to directe veiligheid, or a new veiligheidsbeoordeling. */
  @IsOptional()
  @IsIn(MONITORING_FOLLOW_UPS, { message: `followUp must be one of ${MONITORING_FOLLOW_UPS.join(', ')}` })
  @ApiPropertyOptional({ enum: [...MONITORING_FOLLOW_UPS], type: 'string', description: 'For a result that is not stable: back to directe veiligheid, or a new veiligheidsbeoordeling.' })
  followUp?: MonitoringFollowUp;
}
