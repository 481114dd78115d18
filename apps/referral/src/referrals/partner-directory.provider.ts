import { Injectable } from '@nestjs/common';
import { loadPartnerDirectory, PartnerDirectory } from '@vt/referral-domain';

/** The versioned partner directory from `config/partners/directory.json` (or `PARTNER_DIRECTORY_FILE`), checked at start. */
@Injectable()
export class PartnerDirectoryProvider {
  readonly directory: PartnerDirectory = loadPartnerDirectory();
}
