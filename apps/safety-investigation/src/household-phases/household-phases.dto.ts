import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { HANDOVER_PARTY_PATTERN, HOUSEHOLD_PHASES, HouseholdPhase, MONITORING_FOLLOW_UPS, MonitoringFollowUp } from '@vt/contracts';

export class ConfirmImmediateSafetyDto {
  @IsString()
  @IsNotEmpty({ message: 'how must say how immediate safety was established' })
  @MaxLength(1000)
  how!: string;
}

export class PhaseTransitionDto {
  @IsIn(HOUSEHOLD_PHASES, { message: `to must be one of ${HOUSEHOLD_PHASES.join(', ')}` })
  to!: HouseholdPhase;

  @IsString()
  @IsNotEmpty({ message: 'reason must say why the household moves' })
  @MaxLength(2000)
  reason!: string;
}

export class SafetyConditionsDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'conditions must name at least one condition' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  conditions!: string[];

  @IsArray()
  @ArrayMaxSize(50)
  @Matches(new RegExp(HANDOVER_PARTY_PATTERN), { each: true, message: 'handedOverTo must name parties by id (a partner id such as lokaal-team-gm0363, or household), never by a person\'s name' })
  handedOverTo!: string[];
}

export class MonitoringResultDto {
  @IsBoolean()
  stable!: boolean;

  @IsString()
  @IsNotEmpty({ message: 'reason must say what the monitoring found' })
  @MaxLength(2000)
  reason!: string;

  /** For a result that is not stable: back to directe veiligheid, or a new veiligheidsbeoordeling. */
  @IsOptional()
  @IsIn(MONITORING_FOLLOW_UPS, { message: `followUp must be one of ${MONITORING_FOLLOW_UPS.join(', ')}` })
  followUp?: MonitoringFollowUp;
}
