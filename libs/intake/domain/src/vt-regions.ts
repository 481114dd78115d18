/**
 * The VT region table moved to `@vt/reference-data` (shared reference data: routing, queues, token scopes,
 * region-keyed configuration and reports all use it; docs/adr/0017). Re-exported here so that intake's
 * imports keep working.
 */
export { ISLANDS, REGION_CALENDARS, loadVtRegionTable, parseVtRegionTable } from '@vt/reference-data';
export type { GemeenteMember, Island, RegionCalendar, VtRegion, VtRegionCovers, VtRegionTable } from '@vt/reference-data';
