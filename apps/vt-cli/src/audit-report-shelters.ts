import { parseArgs } from 'node:util';
import { parseLocalDate, renderShelterReportText, SHELTER_PERIOD_KINDS, ShelterPeriodKind, shelterReportFromLog, SNELLER_THUIS_AIM_DAYS } from '@vt/audit';
import { regionCodesInForce, unknownRegionProblem } from '@vt/reference-data';
import { auditFailure, LOG_CONNECTION_OPTIONS, logConnectionFrom, logConnectionHelp, UsageError } from './audit-connection';
import type { CliIo } from './cli';

export const AUDIT_REPORT_SHELTERS_HELP = `Usage: npm run -s vt -- audit report --shelters --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--period month|quarter|year]
                                   [--region <region>] [--baseline-from <YYYY-MM-DD> --baseline-to <YYYY-MM-DD>] [--json]
                                   [--brokers <host:port,...>] [--topic-prefix <prefix>]

The national shelter monitor (vrouwenopvang, docs/adr/0041), computed from the shelter placement record on the log
alone (vt.shelter.placements.v1, from the beginning to the end it has when the run starts), per VT region and period
(calendar months, quarters or years, Europe/Amsterdam):
  - length of stay: a stay runs from instroom (ShelterStayStarted) to uitstroom (ShelterStayEnded), doorstroom
    (ShelterStayMoved) continues it; it belongs to the region of the shelter where it started and to the period it
    ended in; whole calendar days; count, min, p25, median, p75, p90, max, mean (nearest-rank percentiles, the median
    the middle value) and buckets (< 2, 2–6, 6–13, 13–26, 26–52, ≥ 52 weeks); stays still running at the period's end
    with their length so far; the home regions of the households;
  - uitstroom by destination and doorstroom by programme;
  - waiting time to placement by home region and the period of the request: hours to the shelter's acceptance and to
    instroom (count, median, p90, max), and how many escalated, were cancelled, or were still waiting at the end;
  - Sneller Thuis: median and mean length of the stays ended from --from to --to against those ended in the baseline,
    nationally and per region: days shorter and progress towards the aim of ${SNELLER_THUIS_AIM_DAYS} days shorter [verify]; "no baseline"
    when the baseline has no ended stay.

Options:
  --from <date>             first day of the report (Europe/Amsterdam calendar date)
  --to <date>               last day of the report (included)
  --period <kind>           month, quarter or year (default year); the first and last period are cut to --from and --to
  --region <region>         only this VT region's rows (e.g. vt-utrecht); default every region and the country
  --baseline-from <date>    first day of the Sneller Thuis baseline (with --baseline-to; default --from one year earlier)
  --baseline-to <date>      last day of the baseline (default --to one year earlier)
  --json                    print the report as JSON instead of text tables
${logConnectionHelp(28)}
  -h, --help                this help

Exit code 0: printed; 1: failure; 2: wrong usage.
`;

function dateProblem(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return `--${option} is missing (a calendar date such as 2025-01-01)`;
  return parseLocalDate(value) ? undefined : `--${option} must be a calendar date YYYY-MM-DD (got "${value}")`;
}

/** `vt audit report --shelters`: the national shelter monitor, from the log alone. */
export async function runAuditReportShelters(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): Promise<number> {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        shelters: { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        period: { type: 'string' },
        region: { type: 'string' },
        'baseline-from': { type: 'string' },
        'baseline-to': { type: 'string' },
        json: { type: 'boolean' },
        ...LOG_CONNECTION_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(AUDIT_REPORT_SHELTERS_HELP);
      return 0;
    }
    const problems: string[] = [];
    for (const option of ['from', 'to'] as const) {
      const problem = dateProblem(option, values[option]);
      if (problem) problems.push(problem);
    }
    if (values.from && values.to && parseLocalDate(values.from) && parseLocalDate(values.to) && values.from > values.to) problems.push(`--from ${values.from} is after --to ${values.to}`);
    const period = (values.period ?? 'year') as ShelterPeriodKind;
    if (!(SHELTER_PERIOD_KINDS as readonly string[]).includes(period)) problems.push(`--period must be one of ${SHELTER_PERIOD_KINDS.join(', ')} (got "${values.period}")`);
    if (values.region !== undefined && values.region !== '*') {
      const problem = unknownRegionProblem(values.region);
      if (problem) problems.push(`--region ${problem}; use one of ${regionCodesInForce().join(', ')}`);
    }
    const baselineGiven = values['baseline-from'] !== undefined || values['baseline-to'] !== undefined;
    if (baselineGiven) {
      for (const option of ['baseline-from', 'baseline-to'] as const) {
        const problem = dateProblem(option, values[option]);
        if (problem) problems.push(problem);
      }
      const [bf, bt] = [values['baseline-from'], values['baseline-to']];
      if (bf && bt && parseLocalDate(bf) && parseLocalDate(bt) && bf > bt) problems.push(`--baseline-from ${bf} is after --baseline-to ${bt}`);
    }
    if (problems.length > 0 || !values.from || !values.to) throw new UsageError(problems.join('\n'));
    const connection = logConnectionFrom(values, env);
    const { report, unreadable } = await shelterReportFromLog({
      ...connection,
      from: values.from,
      to: values.to,
      period,
      ...(values.region !== undefined ? { region: values.region } : {}),
      ...(baselineGiven ? { baseline: { from: values['baseline-from'] as string, to: values['baseline-to'] as string } } : {}),
      asOf: now(),
      warn: (m) => io.stderr(`${m}\n`),
    });
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderShelterReportText(report));
    if (unreadable > 0) io.stderr(`${unreadable} records on the shelter placement record were not CloudEvents and were not counted.\n`);
    return 0;
  } catch (error) {
    return auditFailure('report', error, io);
  }
}
