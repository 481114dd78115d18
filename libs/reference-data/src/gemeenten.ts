import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Gemeente {
  gemeentecode: string;
  gemeentenaam: string;
  vrCode: string;
  vrNaam: string;
}

export interface GemeenteTable {
  /** Name of the dated division, e.g. `gemeenten-2023`. */
  version: string;
  validFrom: string;
  gemeenten: Gemeente[];
}

/** RFC 4180 fields of one line (the table has quoted names with commas, no embedded newlines). */
function fields(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

export function parseGemeentenCsv(text: string): Gemeente[] {
  const [header, ...lines] = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (header?.trim() !== 'gemeentecode,gemeentenaam,vr_code,vr_naam') throw new Error(`unexpected gemeenten header: ${header ?? '(empty file)'}`);
  return lines.map((line, index) => {
    const [gemeentecode, gemeentenaam, vrCode, vrNaam] = fields(line);
    if (!gemeentecode || !/^GM\d{4}$/.test(gemeentecode) || !gemeentenaam || !vrCode || !vrNaam) {
      throw new Error(`gemeenten line ${index + 2} is malformed: ${line}`);
    }
    return { gemeentecode, gemeentenaam, vrCode, vrNaam };
  });
}

export const REFERENCE_DATA_DIR = process.env['REFERENCE_DATA_DIR'] ?? join(__dirname, '..', '..', '..', 'data', 'reference');

/** The division in force for the skeleton: 1 January 2023. */
export function loadGemeenteTable(dir = REFERENCE_DATA_DIR): GemeenteTable {
  return { version: 'gemeenten-2023', validFrom: '2023-01-01', gemeenten: parseGemeentenCsv(readFileSync(join(dir, 'gemeenten-2023.csv'), 'utf8')) };
}
