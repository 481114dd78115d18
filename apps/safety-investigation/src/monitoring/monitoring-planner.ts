import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerWithinFor, HouseholdState, MonitoringConfig, MonitoringPlan, planMonitoring, validateMonitoringConfig } from '@vt/household-domain';
import { assertRegionKeys } from '@vt/reference-data';
import { householdVtRegion } from '../household-record/household-access';

const DEFAULT_CONFIG = join(__dirname, '..', '..', '..', '..', 'config', 'monitoring.json');

/**
 * The monitoring configuration: `config/monitoring.json`, another file by `MONITORING_CONFIG`, or inline
 * JSON by `MONITORING_CONFIG_JSON` (tests use short periods). Checked at start-up: the durations, and that
 * every key of `regions` is a VT region code in force (`vt-amsterdam-amstelland`, `vt-bq-saba`); an unknown
 * key or a veiligheidsregio code stops the service, naming the key (docs/adr/0017).
 */
export function loadMonitoringConfig(env: NodeJS.ProcessEnv = process.env): MonitoringConfig {
  const inline = env['MONITORING_CONFIG_JSON'];
  const source = inline ? 'MONITORING_CONFIG_JSON' : (env['MONITORING_CONFIG'] ?? DEFAULT_CONFIG);
  const config = validateMonitoringConfig(inline ? parse(inline, source) : parse(readFileSync(source, 'utf8'), source), source);
  assertRegionKeys(Object.keys(config.regions), `monitoring configuration ${source}: regions`);
  return config;
}

function parse(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`monitoring configuration ${source} is not JSON: ${(error as Error).message}`);
  }
}

/** Plans a monitoring period for a household by its VT region (the record's, or its gemeente's; islands by their desk). */
@Injectable()
export class MonitoringPlanner {
  private readonly config = loadMonitoringConfig();

  plan(state: HouseholdState, now: Date): MonitoringPlan | undefined {
    if (state.status !== 'recorded') return undefined;
    return planMonitoring(this.config, this.regionOf(state), now, randomUUID());
  }

  /** How long a check-in of this household may go unanswered before it is overdue. */
  answerWithin(state: HouseholdState): string {
    return answerWithinFor(this.config, state.status === 'recorded' ? this.regionOf(state) : undefined);
  }

  private regionOf(state: HouseholdState & { status: 'recorded' }): string | undefined {
    return householdVtRegion(state);
  }
}
