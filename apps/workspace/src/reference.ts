/** The shape of `virtual:vt-reference`: code lists (libs/intake/domain) and the gemeente table (data/reference), as data. */
export interface CodeEntry {
  code: string;
  label: string;
  description?: string;
}

export interface ReferenceData {
  version: string;
  gemeenten: { code: string; name: string; vtRegion: string }[];
  regions: { code: string; name: string }[];
  codeLists: {
    channels: CodeEntry[];
    melderKinds: CodeEntry[];
    melderSectors: CodeEntry[];
    melderRoles: CodeEntry[];
    sealReasons: (CodeEntry & { requiresExplanation?: true })[];
    aard: (CodeEntry & { exclusive?: true })[];
    tags: CodeEntry[];
    personRoles: CodeEntry[];
  };
}

/** A gemeente by CBS code (`GM0363`, `gm363`) or by name, case and accents aside; undefined when none fits exactly. */
export function findGemeente(gemeenten: ReferenceData['gemeenten'], input: string): ReferenceData['gemeenten'][number] | undefined {
  const text = fold(input);
  if (!text) return undefined;
  const code = /^gm0*(\d{1,4})$/.exec(text);
  if (code) return gemeenten.find((g) => g.code === `GM${code[1]?.padStart(4, '0')}`);
  return gemeenten.find((g) => fold(g.name) === text) ?? gemeenten.find((g) => fold(`${g.name} (${g.code})`) === text);
}

function fold(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/\s+/g, ' ');
}
