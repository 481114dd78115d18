import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The same file the signal-matching service reads (`SIGNAL_MATCHING_CONFIG` overrides it, as there). */
export function signalMatchingConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return env['SIGNAL_MATCHING_CONFIG'] ?? join(__dirname, '..', '..', '..', 'config', 'signal-matching', 'regions.json');
}

/**
 * The organisations any region admitted to signal matching (docs/adr/0038), sorted: each is a partner of the
 * directory (its principal `partner-<id>`) and gets its own matches topic. Only the ids are read here; the service
 * checks the rest of the file.
 */
export function loadSignalOrganisationIds(file: string = signalMatchingConfigFile()): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`signal matching configuration: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const regions = (raw as { regions?: unknown })?.regions;
  if (!Array.isArray(regions)) throw new Error(`${file}: expected { "regions": [ { "region", "organisations": [ { "organisationId" } ] } ] }`);
  const ids = regions.flatMap((region: unknown) => ((region as { organisations?: unknown })?.organisations as { organisationId?: unknown }[] | undefined) ?? []).map((o) => o?.organisationId);
  const bad = ids.find((id) => typeof id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
  if (bad !== undefined) throw new Error(`${file}: organisationId ${JSON.stringify(bad)} must be a partner id (lower-case letters, digits and single hyphens)`);
  return [...new Set(ids as string[])].sort();
}
