/** One sample of the Prometheus text exposition format: `name{label="value",…} value`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromFamily {
  name: string;
  type?: string;
  help?: string;
  samples: PromSample[];
}

function parseValue(text: string): number {
  // Case-insensitive like Prometheus's own parser (prom-client writes `Nan`).
  const lower = text.toLowerCase();
  if (lower === '+inf' || lower === 'inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`not a sample value: "${text}"`);
  return value;
}

/** Parses one sample line with a small scanner (label values may hold any escaped character). */
export function parseSampleLine(line: string): PromSample {
  let i = 0;
  while (i < line.length && line[i] !== '{' && line[i] !== ' ') i++;
  const name = line.slice(0, i);
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`not a metric name: "${name}" in "${line}"`);
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      if (i >= line.length) throw new Error(`unterminated labels in "${line}"`);
      const eq = line.indexOf('=', i);
      const label = line.slice(i, eq).trim();
      if (line[eq + 1] !== '"') throw new Error(`label ${label} has no quoted value in "${line}"`);
      let value = '';
      let j = eq + 2;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\') {
          j++;
          value += line[j] === 'n' ? '\n' : (line[j] ?? '');
        } else value += line[j];
      }
      labels[label] = value;
      i = j + 1;
      if (line[i] === ',') i++;
    }
    i++;
  }
  const [value] = line.slice(i).trim().split(' ');
  return { name, labels, value: parseValue(value ?? '') };
}

/** The families of a `/metrics` answer by name; a histogram's `_bucket`, `_sum` and `_count` samples belong to its family. */
export function parsePrometheusText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  const family = (name: string): PromFamily => {
    const known = families.get(name);
    if (known) return known;
    const created: PromFamily = { name, samples: [] };
    families.set(name, created);
    return created;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const [, keyword, name, ...rest] = line.split(' ');
      if (keyword === 'HELP' && name) family(name).help = rest.join(' ');
      else if (keyword === 'TYPE' && name) family(name).type = rest[0];
      continue;
    }
    const sample = parseSampleLine(line);
    const base = [...families.keys()].find((name) => families.get(name)?.type && ['_bucket', '_sum', '_count', ''].some((suffix) => `${name}${suffix}` === sample.name));
    family(base ?? sample.name).samples.push(sample);
  }
  return families;
}

/** The samples named `name` whose labels include `labels`. */
export function samplesOf(families: Map<string, PromFamily>, name: string, labels: Record<string, string> = {}): PromSample[] {
  return [...families.values()].flatMap((f) => f.samples).filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none). */
export function sampleSum(families: Map<string, PromFamily>, name: string, labels: Record<string, string> = {}): number {
  return samplesOf(families, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}
