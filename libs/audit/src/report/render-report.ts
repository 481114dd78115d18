import { ClockMeasure, ComplianceReport, Counts, InformingMeasure, LateAssessment, RegistrationDelay } from './compliance-report';
import { REPORT_TIME_ZONE } from './period';

const percent = (share: number | null) => (share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`);

function measureLine(label: string, m: ClockMeasure): string {
  return `  ${label.padEnd(44)} ${percent(m.share).padStart(7)}   (${m.withinTerm} within term, ${m.late} late, ${m.pending} not decided yet; ${m.due} due in the period)`;
}

/** An instant as local time in the report's zone: `2025-01-06 22:00`. */
function local(iso: string | undefined): string {
  if (!iso) return '?';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: REPORT_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '??';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function informingLines(m: InformingMeasure): string[] {
  const lines = [measureLine('informeren betrokkenen per person (4 weeks)', m)];
  const clocks = (n: number) => `${n} melding-level clock${n === 1 ? '' : 's'}`;
  const notes = [
    ...(m.withheld > 0 ? [`${m.withheld} ended by a recorded legal ground for not informing`] : []),
    ...(m.recordedAfterDue > 0 ? [`${m.recordedAfterDue} informed in time but recorded after the due date`] : []),
    ...(m.superseded > 0 ? [`${clocks(m.superseded)} superseded by clocks per person: not counted`] : []),
    ...(m.meldingLevel > 0 ? [`${clocks(m.meldingLevel)} from before informing per person, which nothing could meet: not measured`] : []),
  ];
  return [...lines, ...notes.map((note) => `  ${''.padEnd(44)}           ${note}`)];
}

function lateAssessmentLines(late: LateAssessment[]): string[] {
  if (late.length === 0) return ['  (none)'];
  return late.map((a) => {
    const what = a.meldingId ? `melding ${a.meldingId}` : `assessment ${a.subjectId}`;
    const received = a.receivedAt ? `received ${local(a.receivedAt)}` : `clock started ${local(a.clockStartedAt)}`;
    const registered = a.registeredAt ? `, registered ${local(a.registeredAt)}${a.lateRegistrationReason ? ` (${a.lateRegistrationReason})` : ''}` : '';
    const done = a.doneAt ? `assessed ${local(a.doneAt)}` : 'not assessed by the end of the period';
    const warning = a.clockFromReceipt === false ? '; the clock did not start at receipt: lateness understated' : '';
    return `  ${what}: ${received}${registered}; due ${local(a.dueAt)}; ${done}; ${a.daysLate.toFixed(1)} days late${warning}`;
  });
}

function registrationLine(r: RegistrationDelay): string {
  if (r.measured === 0 && Object.keys(r.byReason).length === 0) return '  no melding in the period records its registration apart from its receipt';
  const reasons = Object.entries(r.byReason).map(([reason, n]) => `${reason} ${n}`).join(', ');
  return `  ${r.measured} meldingen with a registration time: median ${r.medianMinutes ?? '?'} min after receipt, longest ${r.maxHours ?? '?'} h, ${r.anHourOrMore} an hour or more${reasons ? `; reasons recorded: ${reasons}` : ''}`;
}

function countLines(title: string, counts: Counts): string[] {
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return [`  ${title}:`, ...(entries.length === 0 ? ['    (none)'] : entries.map(([key, n]) => `    ${key.padEnd(40)} ${String(n).padStart(6)}`))];
}

/** The report as a text table. */
export function renderReportText(report: ComplianceReport): string {
  const { inspectorate: i, cbs } = report;
  return [
    `Compliance report, region ${report.region}, period ${report.period.label} (${report.period.from} – ${report.period.to}, Europe/Amsterdam), from the event log`,
    '',
    'Inspectorate measures',
    measureLine('veiligheidsbeoordeling within 5 working days', i.veiligheidsbeoordeling),
    measureLine('onderzoek concluded within 10 weeks', i.onderzoek),
    ...informingLines(i.informeren),
    `  ${'open breaches at the end of the period'.padEnd(44)} ${String(i.openBreaches.total).padStart(7)}   ${Object.entries(i.openBreaches.byClock).map(([clock, n]) => `${clock} ${n}`).join(', ')}`,
    '',
    'Late veiligheidsbeoordelingen (lateness from receipt of the melding, Europe/Amsterdam time)',
    ...lateAssessmentLines(i.lateAssessments),
    '',
    'Registration after receipt',
    registrationLine(i.registrationDelay),
    '',
    'CBS half-year counts',
    `  ${'meldingen'.padEnd(40)} ${String(cbs.meldingen).padStart(6)}`,
    `  ${'adviezen'.padEnd(40)} ${String(cbs.adviezen).padStart(6)}`,
    ...countLines('melders', cbs.melderKinds),
    ...countLines('professional melders by sector', cbs.melderSectors),
    ...countLines('aard van het geweld', cbs.aard),
    ...countLines('radar classification', cbs.radar),
    ...countLines('taxatie (veiligheidsbeoordelingen completed)', cbs.taxatie),
    ...countLines('outcome of the veiligheidsbeoordeling', cbs.assessmentOutcomes),
    ...countLines('outcome of onderzoek', cbs.investigationOutcomes),
    '',
    ...(report.unattributed > 0 ? [`${report.unattributed} facts in the period could not be attributed to a region (no region on their melding or adviesvraag).`] : []),
    '',
  ].join('\n');
}
