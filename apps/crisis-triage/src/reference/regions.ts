import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertRegion, coversRegion, Principal } from '@vt/auth';
import { MeldingReceivedData } from '@vt/contracts';
import { defaultVtRegionIndex, VtRegionIndex } from '@vt/reference-data';

/**
 * The crisis function and the assessment queues are organised per Veilig Thuis region (docs/adr/0017): the
 * region a melding was routed to (`MeldingReceived.region.vtRegion`, e.g. `vt-west-brabant`). A melding
 * from before intake recorded its route is placed by its gemeente (or island) in the dated VT region table;
 * never by its veiligheidsregio, which West- and Midden-Brabant share.
 */
@Injectable()
export class Regions {
  private readonly index: VtRegionIndex = defaultVtRegionIndex();

  regionOf(melding: Pick<MeldingReceivedData, 'region' | 'gemeenteCode' | 'island'>): string {
    const region = melding.region?.vtRegion ?? (melding.gemeenteCode ? this.index.regionOfGemeente(melding.gemeenteCode) : melding.island ? this.index.deskOfIsland(melding.island) : undefined)?.code;
    if (!region) throw new Error(`gemeente ${melding.gemeenteCode ?? '(none)'} is not in the VT region table and the melding names no region; intake should have refused it`);
    return region;
  }

  /** The VT regions crisis-triage knows a household in (from its meldingen); empty when it knows none. */
  async ofHousehold(manager: Pick<EntityManager, 'query'>, householdId: string): Promise<string[]> {
    const rows = (await manager.query('select distinct region from safety_assessment where household_id = $1 order by region', [householdId])) as { region: string }[];
    return rows.map((row) => row.region);
  }

  /**
   * 404 when crisis-triage knows no melding of the household; 403 naming its region unless the caller covers
   * one of the VT regions the household is known in (or all, `*`).
   */
  async assertHouseholdAccess(manager: Pick<EntityManager, 'query'>, user: Principal, householdId: string): Promise<void> {
    const regions = await this.ofHousehold(manager, householdId);
    if (regions.length === 0) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `crisis-triage knows no melding of household ${householdId}` });
    if (!regions.some((region) => coversRegion(user, region))) assertRegion(user, regions[0] as string);
  }
}
