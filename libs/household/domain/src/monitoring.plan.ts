/**
 * Monitoring (Voorwaarden & Vervolg): check-ins at an interval over a period, configured per VT region.
 * The national framework fixes neither, so they are configuration (`config/monitoring.json`): defaults
 * and per-region overrides, as ISO 8601 durations in days, weeks, hours, minutes or seconds.
 */
export interface MonitoringSettings {
  interval: string;
  duration: string;
  /** How long after a check-in falls due a result may take before the check-in counts as overdue (default P7D). */
  answerWithin?: string;
}

/** Without a setting, a check-in nobody answered is overdue a week after it fell due [verify per region]. */
export const DEFAULT_ANSWER_WITHIN = 'P7D';

export interface MonitoringConfig {
  version: string;
  default: MonitoringSettings;
  regions: Record<string, Partial<MonitoringSettings>>;
}

export interface MonitoringPlan {
  monitoringId: string;
  region: string;
  configVersion: string;
  interval: string;
  duration: string;
  checkInsDueAt: string[];
  startedAt: string;
  endsAt: string;
}

const DURATION = /^P(?:(\d+)W|(\d+)D|T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)$/;

/** Milliseconds of a duration such as `P2W`, `P14D`, `PT1H30M`, `PT2S`; a day counts 24 hours. */
export function durationMs(value: string): number {
  const match = DURATION.exec(value);
  if (!match || value === 'P' || value === 'PT') throw new Error(`"${value}" is not a duration in weeks (P2W), days (P14D) or time (PT1H30M, PT2S)`);
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return ((((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60_000 + (seconds ?? 0) * 1000;
}

/** Checks a configuration and names what is wrong, so the service refuses to start with a message a person can act on. */
export function validateMonitoringConfig(config: unknown, source: string): MonitoringConfig {
  const fail = (what: string): never => {
    throw new Error(`monitoring configuration ${source}: ${what}`);
  };
  const value = config as Partial<MonitoringConfig> | null;
  if (!value || typeof value !== 'object') return fail('must be a JSON object');
  if (typeof value.version !== 'string' || value.version === '') fail('version must be a non-empty string');
  const check = (settings: Partial<MonitoringSettings>, where: string, required: boolean): void => {
    for (const key of ['interval', 'duration', 'answerWithin'] as const) {
      const setting = settings[key];
      if (setting === undefined && (!required || key === 'answerWithin')) continue;
      if (typeof setting !== 'string') fail(`${where}.${key} must be a duration such as P14D`);
      try {
        if (durationMs(setting as string) <= 0) fail(`${where}.${key} must be longer than zero`);
      } catch (error) {
        fail(`${where}.${key}: ${(error as Error).message}`);
      }
    }
  };
  check(value.default ?? {}, 'default', true);
  for (const [region, settings] of Object.entries(value.regions ?? {})) check(settings, `regions.${region}`, false);
  const settings = (region: string): MonitoringSettings => ({ ...(value.default as MonitoringSettings), ...(value.regions?.[region] ?? {}) });
  for (const region of ['default', ...Object.keys(value.regions ?? {})]) {
    const { interval, duration } = settings(region);
    if (durationMs(interval) > durationMs(duration)) fail(`${region}: the interval (${interval}) is longer than the duration (${duration})`);
  }
  return { version: value.version as string, default: value.default as MonitoringSettings, regions: value.regions ?? {} };
}

/** How long a check-in may go unanswered in a region (its own setting, else the default's, else P7D). */
export function answerWithinFor(config: MonitoringConfig, region: string | undefined): string {
  return (region ? config.regions[region]?.answerWithin : undefined) ?? config.default.answerWithin ?? DEFAULT_ANSWER_WITHIN;
}

/**
 * The check-ins of a period starting at `start`: one every interval, the last at the end of the period
 * (so a 12-week period with a 4-week interval has check-ins at weeks 4, 8 and 12).
 */
export function planMonitoring(config: MonitoringConfig, region: string | undefined, start: Date, monitoringId: string): MonitoringPlan {
  const override = region ? config.regions[region] : undefined;
  const interval = override?.interval ?? config.default.interval;
  const duration = override?.duration ?? config.default.duration;
  const step = durationMs(interval);
  const total = durationMs(duration);
  const checkInsDueAt: string[] = [];
  for (let at = step; at < total; at += step) checkInsDueAt.push(new Date(start.getTime() + at).toISOString());
  const endsAt = new Date(start.getTime() + total).toISOString();
  checkInsDueAt.push(endsAt);
  return { monitoringId, region: override ? (region as string) : 'default', configVersion: config.version, interval, duration, checkInsDueAt, startedAt: start.toISOString(), endsAt };
}
