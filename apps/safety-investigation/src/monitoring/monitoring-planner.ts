import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerWithinFor, HouseholdState, MonitoringConfig, MonitoringPlan, planMonitoring, validateMonitoringConfig } from '@vt/household-domain';
import { loadGemeenteTable } from '@vt/reference-data';

const DEFAULT_CONFIG = join(__dirname, '..', '..', '..', '..', 'config', 'monitoring.json');

/**
 * The monitoring configuration: `config/monitoring.json`, another file by `MONITORING_CONFIG`, or inline
 * JSON by `MONITORING_CONFIG_JSON` (tests use short periods). Checked at start-up.
 */
export function loadMonitoringConfig(env: NodeJS.ProcessEnv = process.env): MonitoringConfig {
  const inline = env['MONITORING_CONFIG_JSON'];
  if (inline) return validateMonitoringConfig(parse(inline, 'MONITORING_CONFIG_JSON'), 'MONITORING_CONFIG_JSON');
  const file = env['MONITORING_CONFIG'] ?? DEFAULT_CONFIG;
  return validateMonitoringConfig(parse(readFileSync(file, 'utf8'), file), file);
}

function parse(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`monitoring configuration ${source} is not JSON: ${(error as Error).message}`);
  }
}

/** Plans a monitoring period for a household by its VT region (the gemeente's veiligheidsregio; islands by their desk). */
@Injectable()
export class MonitoringPlanner {
  private readonly config = loadMonitoringConfig();
  private readonly regionByGemeente = new Map(loadGemeenteTable().gemeenten.map((g) => [g.gemeentecode, g.vrCode]));

  plan(state: HouseholdState, now: Date): MonitoringPlan | undefined {
    if (state.status !== 'recorded') return undefined;
    return planMonitoring(this.config, this.regionOf(state), now, randomUUID());
  }

  /** How long a check-in of this household may go unanswered before it is overdue. */
  answerWithin(state: HouseholdState): string {
    return answerWithinFor(this.config, state.status === 'recorded' ? this.regionOf(state) : undefined);
  }

  private regionOf(state: HouseholdState & { status: 'recorded' }): string | undefined {
    return state.gemeenteCode ? this.regionByGemeente.get(state.gemeenteCode) : undefined;
  }
}
