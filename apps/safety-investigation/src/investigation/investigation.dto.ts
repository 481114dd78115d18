import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  HANDOVER_PARTNER_TYPES,
  HandoverPartnerType,
  INVESTIGATION_OUTCOMES,
  INVESTIGATION_RISKS,
  INVESTIGATION_STEP_KINDS,
  InvestigationOutcome,
  InvestigationRisk,
  InvestigationStepKind,
  THIRD_PARTY_PATTERN,
} from '@vt/contracts';

export class PlanStepDto {
  @IsIn(INVESTIGATION_STEP_KINDS, { message: `kind must be one of ${INVESTIGATION_STEP_KINDS.join(', ')}` })
  @ApiProperty({ enum: [...INVESTIGATION_STEP_KINDS], type: 'string' })
  kind!: InvestigationStepKind;

  @IsOptional()
  @IsUUID('all', { message: 'personId must be the id of a person of the household' })
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  personId?: string;

  @IsOptional()
  @Matches(new RegExp(THIRD_PARTY_PATTERN), { message: 'thirdParty names the party by kind or partner id (huisarts, school, politie), never a person' })
  @ApiPropertyOptional({ type: String, pattern: THIRD_PARTY_PATTERN, description: 'The party by kind or partner id (`huisarts`, `school`, `politie`), never a person.' })
  thirdParty?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'legalBasis must name the ground of the request (e.g. Wmo 2015 art. 5.2.6)' })
  @MaxLength(200)
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 200 })
  legalBasis?: string;
}

export class FindingDto {
  @IsUUID('all', { message: 'personId must be the id of the person of the household the finding is about' })
  @ApiProperty({ type: String, format: 'uuid' })
  personId!: string;

  @IsOptional()
  @IsUUID('all', { message: 'stepId must be the id of a step of this investigation' })
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  stepId?: string;

  @IsString()
  @IsNotEmpty({ message: 'text must say what was found' })
  @MaxLength(8000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 8000 })
  text!: string;
}

export class ConclusionFindingsDto {
  @IsBoolean({ message: 'conclusion.unsafety must say whether unsafety was found (true or false)' })
  @ApiProperty({ type: Boolean })
  unsafety!: boolean;

  @IsArray()
  @ArrayMaxSize(INVESTIGATION_RISKS.length)
  @IsIn(INVESTIGATION_RISKS, { each: true, message: `conclusion.risks must come from the code list: ${INVESTIGATION_RISKS.join(', ')}` })
  @ApiProperty({ enum: [...INVESTIGATION_RISKS], type: 'string', isArray: true, maxItems: INVESTIGATION_RISKS.length })
  risks!: InvestigationRisk[];
}

export class ConclusionDto {
  @IsDefined({ message: 'conclusion is required: { unsafety, risks }' })
  @IsObject({ message: 'conclusion must be an object: { unsafety, risks }' })
  @ValidateNested()
  @Type(() => ConclusionFindingsDto)
  @ApiProperty({ type: () => ConclusionFindingsDto })
  conclusion!: ConclusionFindingsDto;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  @ApiProperty({ type: 'array', items: { type: 'string', minLength: 1, maxLength: 1000 }, maxItems: 50 })
  safetyConditions!: string[];

  @IsIn(INVESTIGATION_OUTCOMES, { message: `outcome must be one of ${INVESTIGATION_OUTCOMES.join(', ')}` })
  @ApiProperty({ enum: [...INVESTIGATION_OUTCOMES], type: 'string' })
  outcome!: InvestigationOutcome;

  @IsArray()
  @ArrayMaxSize(HANDOVER_PARTNER_TYPES.length)
  @IsIn(HANDOVER_PARTNER_TYPES, { each: true, message: `handOverTo must name partner types: ${HANDOVER_PARTNER_TYPES.join(', ')}` })
  @ApiProperty({ enum: [...HANDOVER_PARTNER_TYPES], type: 'string', isArray: true, maxItems: HANDOVER_PARTNER_TYPES.length })
  handOverTo!: HandoverPartnerType[];
}
