import { defaultVtRegionIndex, Island, ISLANDS } from '@vt/reference-data';

/**
 * Regions as the audit tools name them: Veilig Thuis region codes (docs/adr/0017). Facts written before the
 * one region model name a veiligheidsregio (`crisisRegion: 'VR13'`) or no region at all (a MeldingReceived
 * without `region`); they are placed by their gemeente (or island) in the dated VT region table, and a
 * veiligheidsregio without gemeente only when one VT region serves it alone (not VR20).
 */
export function vtRegionOf(fact: { vtRegion?: string | null; region?: string | null; gemeenteCode?: string | null; island?: string | null }): string | undefined {
  const index = defaultVtRegionIndex();
  const named = fact.vtRegion ?? fact.region ?? undefined;
  if (named && index.region(named)) return named;
  if (fact.gemeenteCode) {
    const region = index.regionOfGemeente(fact.gemeenteCode);
    if (region) return region.code;
  }
  if (fact.island && (ISLANDS as readonly string[]).includes(fact.island)) return index.deskOfIsland(fact.island as Island)?.code;
  if (named && /^VR\d{2}$/.test(named)) {
    const serving = index.regionsOfVeiligheidsregio(named);
    if (serving.length === 1) return serving[0]?.code;
  }
  return undefined;
}
