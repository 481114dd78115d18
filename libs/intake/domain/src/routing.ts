import { createVtRegionIndex, Gemeente, GemeenteTable, loadGemeenteTable } from '@vt/reference-data';
import { HouseNumberProblemCode, normaliseHouseNumber, normalisePostcode, PostcodeProblemCode } from './identifiers';
import { accept, Checked, Problem, refuse } from './problem';
import { editDistance, foldText } from './text';
import { Island, ISLANDS, loadVtRegionTable, RegionCalendar, VtRegion, VtRegionTable } from './vt-regions';

/**
 * Routes a household to its Veilig Thuis region: by gemeente on the mainland, to the island desk in
 * Caribisch Nederland. Pure once the router is built; the default router reads the dated tables from
 * `data/reference` once.
 */

export type HouseholdAddress =
  | {
      kind: 'gemeente';
      /** A CBS gemeentecode ("GM0363", also "gm0363" or "0363") or the gemeente's name ("Súdwest-Fryslân", "sudwest fryslan"). */
      gemeenteCode: string;
      /** Optional: a household without a fixed address is routed by gemeente only. Checked when given. */
      postcode?: string;
      houseNumber?: string | number;
    }
  | { kind: 'island'; island: Island };

export interface HouseholdRoute {
  vtRegion: { code: string; name: string };
  /** Mainland only: the veiligheidsregio of the gemeente (the islands have none). */
  veiligheidsregio?: { code: string; name: string };
  gemeente?: { code: string; name: string };
  island?: Island;
  /** Normalised, when given: "1234 AB" and "12-A". */
  postcode?: string;
  houseNumber?: string;
  timeZone: string;
  calendar: RegionCalendar;
  /** The tables the route was decided with, for replay: e.g. `vt-regions-2023` and `gemeenten-2023`. */
  tables: { vtRegions: string; gemeenten: string };
}

export interface UnknownGemeenteProblem extends Problem<'unknown-gemeente'> {
  /** The three closest gemeente names (case- and accent-insensitive edit distance). */
  suggestions: string[];
}

export type RoutingProblem = UnknownGemeenteProblem | Problem<'unknown-island' | PostcodeProblemCode | HouseNumberProblemCode>;

export type RouteResult = Checked<HouseholdRoute, RoutingProblem['code'], RoutingProblem>;

export interface RoutingTables {
  vtRegions: VtRegionTable;
  gemeenten: GemeenteTable;
}

/** Everyday names that differ from the official gemeentenaam. */
export const GEMEENTE_NAME_ALIASES: Readonly<Record<string, string>> = {
  'Den Haag': 'GM0518',
  'Den Bosch': 'GM0796',
};

const SUGGESTIONS = 3;

/** "Bergen (NH.)" → "Bergen": the qualifier that tells equal names apart. */
const baseName = (name: string): string => name.replace(/\s*\([^)]*\)\s*$/, '');

export interface HouseholdRouter {
  readonly tables: { vtRegions: string; gemeenten: string };
  /** The regions in force for this router. */
  readonly regions: readonly VtRegion[];
  /** The gemeente for a code or a name, or the unknown-gemeente problem with suggestions. */
  findGemeente(codeOrName: string): Checked<Gemeente, 'unknown-gemeente', UnknownGemeenteProblem>;
  /** The VT region of a known gemeentecode (undefined when the code is not in the table). */
  regionOfGemeente(gemeentecode: string): VtRegion | undefined;
  route(address: HouseholdAddress): RouteResult;
}

/**
 * Builds a router and checks that the VT region table fits the gemeente table: same division, every
 * gemeente in exactly one region (a gemeente listed by name overrides its veiligheidsregio's region),
 * every island in exactly one desk (`createVtRegionIndex` in `@vt/reference-data`). Throws, listing what
 * is wrong, when it does not. `asOf` (ISO date) picks the regions valid on that day; without it, the
 * entries without an end date.
 */
export function createHouseholdRouter(tables: RoutingTables, options: { asOf?: string } = {}): HouseholdRouter {
  const { vtRegions, gemeenten } = tables;
  const index = createVtRegionIndex(tables, options);
  const byCode = new Map(gemeenten.gemeenten.map((g) => [g.gemeentecode, g]));

  const versions = { vtRegions: vtRegions.version, gemeenten: gemeenten.version };

  // Name lookup: the full name, the name without its qualifier when that is unique, and the aliases.
  const byFoldedName = new Map<string, Gemeente>();
  const baseCount = new Map<string, number>();
  for (const g of gemeenten.gemeenten) baseCount.set(foldText(baseName(g.gemeentenaam)), (baseCount.get(foldText(baseName(g.gemeentenaam))) ?? 0) + 1);
  for (const g of gemeenten.gemeenten) {
    byFoldedName.set(foldText(g.gemeentenaam), g);
    const base = foldText(baseName(g.gemeentenaam));
    if (baseCount.get(base) === 1) byFoldedName.set(base, g);
  }
  const candidates: { folded: string; gemeente: Gemeente }[] = gemeenten.gemeenten.flatMap((g) => [
    { folded: foldText(g.gemeentenaam), gemeente: g },
    { folded: foldText(baseName(g.gemeentenaam)), gemeente: g },
  ]);
  for (const [alias, code] of Object.entries(GEMEENTE_NAME_ALIASES)) {
    const g = byCode.get(code);
    if (!g) continue;
    if (!byFoldedName.has(foldText(alias))) byFoldedName.set(foldText(alias), g);
    candidates.push({ folded: foldText(alias), gemeente: g });
  }

  const closest = (distance: (g: { folded: string; gemeente: Gemeente }) => number): string[] => {
    const best = new Map<string, { name: string; distance: number }>();
    for (const candidate of candidates) {
      const d = distance(candidate);
      const seen = best.get(candidate.gemeente.gemeentecode);
      if (!seen || d < seen.distance) best.set(candidate.gemeente.gemeentecode, { name: candidate.gemeente.gemeentenaam, distance: d });
    }
    return [...best.values()]
      .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name, 'nl'))
      .slice(0, SUGGESTIONS)
      .map((entry) => entry.name);
  };

  const findGemeente = (codeOrName: string): Checked<Gemeente, 'unknown-gemeente', UnknownGemeenteProblem> => {
    const query = codeOrName.trim();
    const unknown = (message: string, suggestions: string[]): { ok: false; problem: UnknownGemeenteProblem } => ({
      ok: false,
      problem: { code: 'unknown-gemeente', message: suggestions.length > 0 ? `${message} Did you mean ${suggestions.map((name) => `"${name}"`).join(', ')}?` : message, suggestions },
    });
    const codeMatch = /^(?:GM)?\s*(\d{1,4})$/i.exec(query);
    if (codeMatch) {
      const code = `GM${(codeMatch[1] ?? '').padStart(4, '0')}`;
      const gemeente = byCode.get(code);
      if (gemeente) return accept(gemeente);
      // A mistyped code: the names of the gemeenten whose codes are closest.
      const suggestions = closest((c) => editDistance(code, c.gemeente.gemeentecode) * 10000 + Math.abs(Number(code.slice(2)) - Number(c.gemeente.gemeentecode.slice(2))));
      return unknown(`${code} is not a gemeente in ${gemeenten.version}.`, suggestions);
    }
    const folded = foldText(query);
    if (folded === '') return unknown('Give the gemeente\'s code (like GM0363) or its name.', []);
    const gemeente = byFoldedName.get(folded);
    if (gemeente) return accept(gemeente);
    // A name typed only in part ("Nuenen") is close to the names it starts: one edit for the missing rest.
    const distance = (c: { folded: string }): number =>
      folded.length >= 3 && c.folded.length > folded.length ? Math.min(editDistance(folded, c.folded), editDistance(folded, c.folded.slice(0, folded.length)) + 1) : editDistance(folded, c.folded);
    return unknown(`"${query}" is not a gemeente in ${gemeenten.version}.`, closest(distance));
  };

  const route = (address: HouseholdAddress): RouteResult => {
    if (address.kind === 'island') {
      const desk = index.deskOfIsland(address.island);
      if (!desk) return refuse('unknown-island', `Caribisch Nederland has the islands ${ISLANDS.join(', ')}; "${String(address.island)}" is none of them.`);
      return accept({ vtRegion: { code: desk.code, name: desk.name }, island: address.island, timeZone: desk.timeZone, calendar: desk.calendar, tables: versions });
    }
    const found = findGemeente(address.gemeenteCode);
    if (!found.ok) return found;
    const gemeente = found.value;
    const region = index.regionOfGemeente(gemeente.gemeentecode);
    // Cannot happen: the constructor checked that every gemeente has a region.
    if (!region) throw new Error(`no VT region for ${gemeente.gemeentecode}`);
    const routed: HouseholdRoute = {
      vtRegion: { code: region.code, name: region.name },
      veiligheidsregio: { code: gemeente.vrCode, name: gemeente.vrNaam },
      gemeente: { code: gemeente.gemeentecode, name: gemeente.gemeentenaam },
      timeZone: region.timeZone,
      calendar: region.calendar,
      tables: versions,
    };
    if (address.postcode !== undefined) {
      const postcode = normalisePostcode(address.postcode);
      if (!postcode.ok) return postcode;
      routed.postcode = postcode.value;
    }
    if (address.houseNumber !== undefined) {
      const houseNumber = normaliseHouseNumber(address.houseNumber);
      if (!houseNumber.ok) return houseNumber;
      routed.houseNumber = houseNumber.value;
    }
    return accept(routed);
  };

  return { tables: versions, regions: index.regions, findGemeente, regionOfGemeente: (code) => index.regionOfGemeente(code), route };
}

let defaultRouter: HouseholdRouter | undefined;

/** The router over the tables in `data/reference` (read once). */
export function defaultHouseholdRouter(): HouseholdRouter {
  defaultRouter ??= createHouseholdRouter({ vtRegions: loadVtRegionTable(), gemeenten: loadGemeenteTable() });
  return defaultRouter;
}

/** The VT region, time zone and calendar for a household's address, or a problem the call handler can fix. */
export function routeHousehold(address: HouseholdAddress, router: HouseholdRouter = defaultHouseholdRouter()): RouteResult {
  return router.route(address);
}
