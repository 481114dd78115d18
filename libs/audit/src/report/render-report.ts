import { ClockMeasure, ComplianceReport, Counts } from './compliance-report';

const percent = (share: number | null) => (share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`);

function measureLine(label: string, m: ClockMeasure): string {
  return `  ${label.padEnd(44)} ${percent(m.share).padStart(7)}   (${m.withinTerm} within term, ${m.late} late, ${m.pending} not decided yet; ${m.due} due in the period)`;
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
    `  ${'open breaches at the end of the period'.padEnd(44)} ${String(i.openBreaches.total).padStart(7)}   ${Object.entries(i.openBreaches.byClock).map(([clock, n]) => `${clock} ${n}`).join(', ')}`,
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
