import { Injectable } from '@nestjs/common';
import { loadGemeenteTable } from '@vt/reference-data';
import { lokaalTeamDirectory, PartnerDirectory } from '@vt/referral-domain';

/** The partner directory, derived from the dated gemeente table in the repository. */
@Injectable()
export class PartnerDirectoryProvider {
  readonly directory: PartnerDirectory;

  constructor() {
    const table = loadGemeenteTable();
    this.directory = lokaalTeamDirectory(table.version, table.gemeenten);
  }
}
