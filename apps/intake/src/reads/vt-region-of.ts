import { NATIONAL_SCOPE } from '@vt/auth';
import { defaultVtRegionIndex } from '@vt/reference-data';

/**
 * The VT region a stored melding belongs to: the one it was routed to; for a melding stored before routing
 * recorded it, its gemeente's VT region. Never the veiligheidsregio (VR20 is served by two VT regions).
 * Without either (an adviesvraag whose caller named no gemeente), only a national token may read it.
 */
export function vtRegionOf(region: { vtRegion: string | null; gemeenteCode: string | null }): string {
  return region.vtRegion ?? (region.gemeenteCode ? defaultVtRegionIndex().regionOfGemeente(region.gemeenteCode)?.code : undefined) ?? NATIONAL_SCOPE;
}
