import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ERASURE_REASONS, ErasureReason } from '@vt/contracts';

/** `POST /api/v1/privacy/erasures`: destroy a person's (or melder's) data. */
export class ErasePersonDto {
  @IsUUID('all', { message: 'personId must be the UUID of a person or melder in a melding' })
  @ApiProperty({ type: String, format: 'uuid', description: 'The person\'s (or melder\'s) id, as `MeldingReceived` names it.' })
  personId!: string;

  @IsIn(ERASURE_REASONS, { message: `reason must be one of ${ERASURE_REASONS.join(', ')}` })
  @ApiProperty({ enum: [...ERASURE_REASONS], type: 'string', description: 'Why: the person\'s request, the end of retention, unlawful processing or a court order. The recorded `legalBasis` is that of the person\'s jurisdiction (European Netherlands: Wmo 2015 art. 5.3.5, art. 5.3.4, AVG art. 17 lid 1 d; Caribisch Nederland: Wbp BES [verify]).' })
  reason!: ErasureReason;

  @IsOptional()
  @IsUUID('all', { message: 'requestId must be the UUID of a destruction request (POST /api/v1/privacy/erasure-requests)' })
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'The destruction request this erasure carries out; default the person\'s open request, if any.' })
  requestId?: string;
}

/** `POST /api/v1/privacy/erasure-requests`: a person asked for their data to be destroyed. */
export class RegisterErasureRequestDto {
  @IsUUID('all', { message: 'personId must be the UUID of a person or melder in a melding' })
  @ApiProperty({ type: String, format: 'uuid', description: 'The person\'s (or melder\'s) id, as `MeldingReceived` names it.' })
  personId!: string;

  /** When the request reached Veilig Thuis (the clock runs from then); default now. */
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'receivedAt must be an ISO 8601 date-time, e.g. 2026-01-15T10:00:00+01:00' })
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the request reached Veilig Thuis; the clock runs from then. Default now; not in the future.' })
  receivedAt?: string;
}

/** `POST /api/v1/privacy/household-erasures`: destroy the household's own key (free text about the household as a whole). */
export class EraseHouseholdDto {
  @IsUUID('all', { message: 'householdId must be the UUID of a household of a melding or adviesvraag' })
  @ApiProperty({ type: String, format: 'uuid', description: 'The household\'s id, as every event of its dossier names it (`householdid`).' })
  householdId!: string;

  @IsIn(ERASURE_REASONS, { message: `reason must be one of ${ERASURE_REASONS.join(', ')}` })
  @ApiProperty({ enum: [...ERASURE_REASONS], type: 'string', description: 'Why: the end of retention (Wmo 2015 art. 5.3.4), unlawful processing (AVG art. 17 lid 1 d) or a court order; a person\'s own request erases that person (`POST /api/v1/privacy/erasures`).' })
  reason!: ErasureReason;
}
