import { Injectable } from '@nestjs/common';
import { loadGemeenteTable } from '@vt/reference-data';

/**
 * The crisis function and the assessment queues are organised per region. Until the intake issue brings
 * the dated Veilig Thuis region table, a region is the gemeente's veiligheidsregio (VR01–VR25).
 */
@Injectable()
export class Regions {
  private readonly byGemeente = new Map(loadGemeenteTable().gemeenten.map((g) => [g.gemeentecode, g.vrCode]));

  regionOf(gemeenteCode: string | undefined): string {
    const region = gemeenteCode ? this.byGemeente.get(gemeenteCode) : undefined;
    if (!region) throw new Error(`gemeente ${gemeenteCode ?? '(none)'} is not in the gemeente table and the melding names no region; intake should have refused it`);
    return region;
  }
}
