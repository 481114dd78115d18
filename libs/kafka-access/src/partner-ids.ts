import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The same file the referral service routes with (`PARTNER_DIRECTORY_FILE` overrides it, as there). */
export function partnerDirectoryFile(env: NodeJS.ProcessEnv = process.env): string {
  return env['PARTNER_DIRECTORY_FILE'] ?? join(__dirname, '..', '..', '..', 'config', 'partners', 'directory.json');
}

/**
 * The partner ids of the versioned partner directory, in file order: each one gets a broker principal
 * and its own two topics. Only the ids are read here; the referral service checks the rest of the file.
 */
export function loadPartnerIds(file: string = partnerDirectoryFile()): { version: string; partnerIds: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`partner directory: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return partnerIdsOf(raw, file);
}

export function partnerIdsOf(raw: unknown, source = 'partner directory'): { version: string; partnerIds: string[] } {
  const directory = raw as { version?: unknown; partners?: unknown };
  if (typeof directory?.version !== 'string' || !Array.isArray(directory.partners)) {
    throw new Error(`${source}: expected { "version": "...", "partners": [ { "partnerId": "..." } ] }`);
  }
  const partnerIds = directory.partners.map((partner: unknown, index) => {
    const id = (partner as { partnerId?: unknown })?.partnerId;
    if (typeof id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
      throw new Error(`${source}: partners[${index}].partnerId must be lower-case letters, digits and single hyphens (got ${JSON.stringify(id)})`);
    }
    return id;
  });
  const duplicate = partnerIds.find((id, index) => partnerIds.indexOf(id) !== index);
  if (duplicate) throw new Error(`${source}: partner id ${duplicate} appears twice`);
  return { version: directory.version, partnerIds };
}
