import { parseArgs } from 'node:util';
import { complianceReportFromLog, parsePeriod, renderReportText } from '@vt/audit';
import { regionCodesInForce, unknownRegionProblem } from '@vt/reference-data';
import { auditFailure, LOG_CONNECTION_OPTIONS, logConnectionFrom, logConnectionHelp, UsageError } from './audit-connection';
import { runAuditReportShelters } from './audit-report-shelters';
import type { CliIo } from './cli';

export const AUDIT_REPORT_HELP = `Usage: npm run -s vt -- audit report --region <region> --period <2025H1|2025H2|2025> [--json]
                                   [--brokers <host:port,...>] [--topic-prefix <prefix>]

For the inspectorate and CBS: computed from the events on the log alone (every domain topic, from the
beginning to the end it has when the run starts), for one Veilig Thuis region and period (Europe/Amsterdam):
  - share of veiligheidsbeoordelingen within 5 working days (counted from receipt of the melding) and of
    onderzoeken within 10 weeks, over the deadlines due in the period (DeadlineMet by the due time vs
    DeadlineBreached), and the breaches still open at the end of the period;
  - informing involved persons within 4 weeks, per person: met by a recording that the person was informed
    (or of a legal ground for not informing) by the due time, or late; melding-level clocks of before
    informing per person are not measured and superseded ones count neither way;
  - the late veiligheidsbeoordelingen with their lateness from receipt, registration shown apart, and how
    long after receipt the period's meldingen were registered;
  - CBS counts: meldingen, adviezen, melders, aard van het geweld, radar classification (by receipt),
    taxatie and outcomes (by completion of the veiligheidsbeoordeling or onderzoek).

Options:
  --region <region>         a VT region code (e.g. vt-utrecht, vt-west-brabant, vt-bq-bonaire), or '*' for
                            the whole country (quote it in the shell). Not a veiligheidsregio: VR20 is
                            served by vt-west-brabant and vt-midden-brabant, each counted on its own
  --period <period>         a half-year (2025H1, 2025H2) or a year (2025)
  --json                    print the report as JSON instead of a text table
${logConnectionHelp(28)}
  -h, --help                this help

With --shelters: the national shelter monitor instead (length of stay, waiting time to placement, uitstroom,
Sneller Thuis); \`npm run vt -- audit report --shelters --help\` for its options.

Exit code 0: printed; 1: failure; 2: wrong usage.
`;

/** The report counts by VT region (docs/adr/0017); a veiligheidsregio code is refused naming the VT region(s) that serve it. */
function regionProblem(region: string): string | undefined {
  if (region === '*') return undefined;
  const problem = unknownRegionProblem(region);
  return problem ? `--region ${problem}; use one of ${regionCodesInForce().join(', ')}, or '*'` : undefined;
}

/** `vt audit report`: the compliance report of a region and period, from the log alone. */
export async function runAuditReport(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes('--shelters')) return runAuditReportShelters(args, io, env);
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        region: { type: 'string' },
        period: { type: 'string' },
        json: { type: 'boolean' },
        ...LOG_CONNECTION_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(AUDIT_REPORT_HELP);
      return 0;
    }
    const problems: string[] = [];
    if (!values.region) problems.push("--region is missing (a VT region such as vt-utrecht or vt-west-brabant, or '*')");
    else {
      const problem = regionProblem(values.region);
      if (problem) problems.push(problem);
    }
    let period;
    if (!values.period) problems.push('--period is missing (2025H1, 2025H2 or 2025)');
    else {
      try {
        period = parsePeriod(values.period);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    if (problems.length > 0 || !period || !values.region) throw new UsageError(problems.join('\n'));
    const connection = logConnectionFrom(values, env);
    const { report, unreadable } = await complianceReportFromLog({ ...connection, region: values.region, period, warn: (m) => io.stderr(`${m}\n`) });
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReportText(report));
    if (unreadable > 0) io.stderr(`${unreadable} records on the log were not CloudEvents and were not counted.\n`);
    return 0;
  } catch (error) {
    return auditFailure('report', error, io);
  }
}
