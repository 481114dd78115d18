import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { SIGNAL_PSEUDONYM_PATTERN } from '@vt/contracts';

/** An organisation's signal: whom (a keyed pseudonym), where (the region), and the least that checks the age limit. */
@ApiSchema({ description: 'A signal that the organisation (the token\'s `partner` claim) is involved with a young person. No BSN, no name, nothing about the involvement.' })
export class RegisterSignalDto {
  @IsString({ message: 'pseudonym must be a string' })
  @Matches(SIGNAL_PSEUDONYM_PATTERN, { message: 'pseudonym must be HMAC-SHA256 of the BSN under the organisations\' shared key, base64url without padding (43 characters)' })
  @ApiProperty({ type: String, pattern: SIGNAL_PSEUDONYM_PATTERN.source, description: 'HMAC-SHA256 of the nine-digit BSN under the key the participating organisations share, base64url without padding (`signalPseudonym` in libs/contracts; `vt signals pseudonym`). Never the BSN itself.' })
  pseudonym!: string;

  @IsString({ message: 'region must be a string' })
  @Matches(/^vt-[a-z0-9-]+$/, { message: 'region must be a VT region code such as vt-groningen' })
  @ApiProperty({ type: String, pattern: /^vt-[a-z0-9-]+$/.source, description: 'The VT region the organisation signals in; it must have opted in and admitted the organisation.' })
  region!: string;

  @IsString({ message: 'birthMonth must be a string' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'birthMonth must be the month of birth as YYYY-MM' })
  @ApiProperty({ type: String, pattern: /^\d{4}-(0[1-9]|1[0-2])$/.source, description: 'The month the young person was born in (YYYY-MM): enough to check the age limit, less than a date of birth.' })
  birthMonth!: string;
}
