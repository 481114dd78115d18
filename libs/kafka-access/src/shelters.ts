import { partnerDirectoryFile } from './partner-ids';
import { readFileSync } from 'node:fs';

/**
 * The shelters of shelter placement (docs/adr/0040): the vrouwenopvang partners of the partner directory
 * (`partnerType: "vrouwenopvang"`), sorted. Each is a partner principal `partner-<id>` and gets its own offers topic
 * `vt.shelter.<id>.offers.v1`. Only the ids are read here; the service checks the rest of the file.
 */
export function loadShelterIds(file: string = partnerDirectoryFile()): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`partner directory: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return shelterIdsOf(raw, file);
}

export function shelterIdsOf(raw: unknown, source = 'partner directory'): string[] {
  const partners = (raw as { partners?: unknown })?.partners;
  if (!Array.isArray(partners)) throw new Error(`${source}: expected { "partners": [ { "partnerId", "partnerType" } ] }`);
  const ids = partners
    .filter((partner: unknown) => (partner as { partnerType?: unknown })?.partnerType === 'vrouwenopvang')
    .map((partner: unknown) => (partner as { partnerId?: unknown }).partnerId);
  const bad = ids.find((id) => typeof id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
  if (bad !== undefined) throw new Error(`${source}: vrouwenopvang partnerId ${JSON.stringify(bad)} must be lower-case letters, digits and single hyphens`);
  return [...new Set(ids as string[])].sort();
}
