import { IsDateString, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ERASURE_REASONS, ErasureReason } from '@vt/contracts';

/** `POST /api/v1/privacy/erasures`: destroy a person's (or melder's) data. */
export class ErasePersonDto {
  @IsUUID('all', { message: 'personId must be the UUID of a person or melder in a melding' })
  personId!: string;

  @IsIn(ERASURE_REASONS, { message: `reason must be one of ${ERASURE_REASONS.join(', ')}` })
  reason!: ErasureReason;

  @IsOptional()
  @IsUUID('all', { message: 'requestId must be the UUID of a destruction request (POST /api/v1/privacy/erasure-requests)' })
  requestId?: string;
}

/** `POST /api/v1/privacy/erasure-requests`: a person asked for their data to be destroyed. */
export class RegisterErasureRequestDto {
  @IsUUID('all', { message: 'personId must be the UUID of a person or melder in a melding' })
  personId!: string;

  /** When the request reached Veilig Thuis (the clock runs from then); default now. */
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'receivedAt must be an ISO 8601 date-time, e.g. 2026-01-15T10:00:00+01:00' })
  receivedAt?: string;
}

/** `POST /api/v1/privacy/household-erasures`: destroy the household's own key (free text about the household as a whole). */
export class EraseHouseholdDto {
  @IsUUID('all', { message: 'householdId must be the UUID of a household of a melding or adviesvraag' })
  householdId!: string;

  @IsIn(ERASURE_REASONS, { message: `reason must be one of ${ERASURE_REASONS.join(', ')}` })
  reason!: ErasureReason;
}
