import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time from Linux's /proc, for "CPU-milliseconds per melding per service" (issue 14): unlike latency, the
 * CPU a process spends on a fixed amount of work hardly depends on what else the machine runs, so it
 * compares runs and changes on a busy 2-core machine.
 */
const TICKS_PER_SECOND = (() => {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(answer.stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
})();

/** User + system CPU of one process so far, in ms; undefined when it is gone or /proc is not there. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')': state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The whole machine's busy CPU (everything but idle and iowait) so far, in ms summed over cores. */
export function machineBusyCpuMs(): number | undefined {
  try {
    const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
    const ticks = (line ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
    return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export interface CpuSnapshot {
  at: number;
  machine: number | undefined;
  processes: Record<string, number | undefined>;
}

export function cpuSnapshot(pids: Record<string, number | undefined>): CpuSnapshot {
  return { at: performance.now(), machine: machineBusyCpuMs(), processes: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpuMs(pid)])) };
}

export interface CpuPerUnit {
  /** What the CPU is divided by (e.g. accepted meldingen). */
  units: number;
  wallMs: number;
  /** CPU-ms per unit for each named process (the services). */
  perProcessMs: Record<string, number | null>;
  /** Sum of the named processes per unit. */
  processesMs: number | null;
  /** The whole machine's busy CPU per unit: the services plus broker, Postgres and the load generator. */
  machineMs: number | null;
  /** Busy share of all cores over the window (1 = every core busy all the time). */
  machineUtilisation: number | null;
  cores: number;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number, cores: number): CpuPerUnit {
  const perProcessMs: Record<string, number | null> = {};
  let sum = 0;
  let complete = true;
  for (const [name, start] of Object.entries(before.processes)) {
    const end = after.processes[name];
    if (start === undefined || end === undefined || units === 0) {
      perProcessMs[name] = null;
      complete = false;
    } else {
      perProcessMs[name] = round1((end - start) / units);
      sum += end - start;
    }
  }
  const wallMs = after.at - before.at;
  const machine = before.machine !== undefined && after.machine !== undefined ? after.machine - before.machine : undefined;
  return {
    units,
    wallMs: Math.round(wallMs),
    perProcessMs,
    processesMs: complete && units > 0 ? round1(sum / units) : null,
    machineMs: machine !== undefined && units > 0 ? round1(machine / units) : null,
    machineUtilisation: machine !== undefined && wallMs > 0 ? Math.round((machine / (wallMs * cores)) * 100) / 100 : null,
    cores,
  };
}
