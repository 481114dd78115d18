import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '@vt/runtime';
import { parsePolicy, parseTerm, SignalMatchingPolicy } from '@vt/signal-matching-domain';

/** The regions' configuration (`config/signal-matching/regions.json` or `SIGNAL_MATCHING_CONFIG`). */
export const DEFAULT_SIGNAL_MATCHING_CONFIG = join(__dirname, '..', '..', '..', '..', 'config', 'signal-matching', 'regions.json');

/**
 * What signal matching runs by, read and checked at start (docs/adr/0038): which regions opted in, on which legal
 * basis, and which organisations each admitted (`SIGNAL_MATCHING_CONFIG`); how long a signal lasts (`SIGNAL_TERM`,
 * ISO duration, default P2Y [verify]); the age limit (`SIGNAL_AGE_LIMIT_YEARS`, default 23 [verify]).
 */
@Injectable()
export class SignalMatchingConfig {
  readonly policy: SignalMatchingPolicy;
  readonly version: string;

  constructor() {
    const file = process.env['SIGNAL_MATCHING_CONFIG'] || DEFAULT_SIGNAL_MATCHING_CONFIG;
    let raw: { version?: unknown; coverage?: unknown };
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as typeof raw;
      const ageText = process.env['SIGNAL_AGE_LIMIT_YEARS'];
      const ageLimitYears = ageText ? Number(ageText) : undefined;
      if (ageLimitYears !== undefined && !(Number.isInteger(ageLimitYears) && ageLimitYears > 0 && ageLimitYears <= 30)) throw new Error(`SIGNAL_AGE_LIMIT_YEARS must be a whole number of years from 1 to 30 (got "${ageText}")`);
      this.policy = parsePolicy(raw, { termMs: parseTerm(process.env['SIGNAL_TERM'] || undefined), ...(ageLimitYears ? { ageLimitYears } : {}) });
    } catch (error) {
      throw new ConfigurationError(`signal matching (${file}): ${error instanceof Error ? error.message : String(error)}`);
    }
    this.version = typeof raw.version === 'string' ? raw.version : 'unversioned';
    if (raw.coverage === 'demo') new Logger('SignalMatching').warn(`signal matching configuration ${this.version} is a demo: for tests and demos only`);
  }
}
