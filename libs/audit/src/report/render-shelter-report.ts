import { SHELTER_DESTINATIONS, SHELTER_PROGRAMMES } from '@vt/contracts';
import { Distribution, HoursStats, NATIONAL, ShelterReport, SnellerThuisRow, STAY_BUCKETS } from './shelter-report';

const n = (value: number | null | undefined, width: number) => (value === null || value === undefined ? '–' : String(value)).padStart(width);
const regionName = (region: string) => (region === NATIONAL ? 'national' : region);
const signed = (value: number | null, unit: string) => (value === null ? 'n/a' : `${value > 0 ? '+' : ''}${value}${unit}`);

function distributionCells(d: Distribution): string {
  return [n(d.count, 5), n(d.min, 5), n(d.p25, 5), n(d.median, 7), n(d.p75, 5), n(d.p90, 5), n(d.max, 5), n(d.mean, 7)].join('');
}

function hoursCells(h: HoursStats): string {
  return [n(h.count, 4), n(h.median, 8), n(h.p90, 8), n(h.max, 8)].join('');
}

const SNELLER_COLUMNS = `${'baseline'.padStart(12)}${'actual'.padStart(12)}${'shorter'.padStart(10)}${'progress'.padStart(10)}`;

function snellerLine(row: SnellerThuisRow): string {
  const pair = (summary: SnellerThuisRow['baseline'], key: 'median' | 'mean') => (summary ? `${summary[key]} (${summary.count})` : 'none');
  const cells = (key: 'median' | 'mean') =>
    `${pair(row.baseline, key).padStart(12)}${pair(row.actual, key).padStart(12)}${signed(row.daysShorter[key], ' d').padStart(10)}${signed(row.progressPercent[key], '%').padStart(10)}`;
  return `  ${regionName(row.region).padEnd(28)}${cells('median')}   ${cells('mean')}${row.note ? `   ${row.note}` : ''}`;
}

/** The national shelter monitor as text tables (JSON with `--json`). */
export function renderShelterReportText(report: ShelterReport): string {
  const scope = report.region === NATIONAL ? 'every VT region and the country' : `region ${report.region}`;
  const head = (title: string) => ['', title];
  const periodRegion = (period: string, region: string) => `  ${period.padEnd(10)}${regionName(region).padEnd(28)}`;
  const bucketHeader = STAY_BUCKETS.map((bucket) => bucket.key.replace('-weeks', 'w').replace('-or-more', '+').replace('under-', '<').padStart(7)).join('');
  const st = report.snellerThuis;
  return [
    `National shelter monitor (vrouwenopvang), ${report.from} – ${report.to} by ${report.periodKind}, ${scope}, from the event log (Europe/Amsterdam)`,
    'A stay belongs to the VT region of the shelter where it started (instroom) and to the period it ended in (uitstroom);',
    'doorstroom continues it. Lengths in whole calendar days; percentiles nearest-rank, the median the middle value.',
    ...head('Length of stay in days, stays ended in the period (running: stays not ended at the period end, length so far)'),
    `  ${'period'.padEnd(10)}${'region (of the shelter)'.padEnd(28)}${'ended'.padStart(5)}${'min'.padStart(5)}${'p25'.padStart(5)}${'median'.padStart(7)}${'p75'.padStart(5)}${'p90'.padStart(5)}${'max'.padStart(5)}${'mean'.padStart(7)} ${bucketHeader}${'running'.padStart(9)}${'median'.padStart(7)}${'max'.padStart(5)}`,
    ...report.stays.map(
      (row) =>
        `${periodRegion(row.period, row.region)}${distributionCells(row.ended)} ${STAY_BUCKETS.map((bucket) => n(row.buckets[bucket.key], 7)).join('')}${n(row.running.count, 9)}${n(row.running.lengthSoFar.median, 7)}${n(row.running.lengthSoFar.max, 5)}`,
    ),
    ...head('Uitstroom by destination (stays ended in the period) and doorstroom by programme (moves in the period)'),
    `  ${'period'.padEnd(10)}${'region (of the shelter)'.padEnd(28)}${SHELTER_DESTINATIONS.map((d) => d.padStart(15)).join('')}  |${SHELTER_PROGRAMMES.map((p) => p.padStart(22)).join('')}`,
    ...report.stays.map((row) => `${periodRegion(row.period, row.region)}${SHELTER_DESTINATIONS.map((d) => n(row.destinations[d], 15)).join('')}  |${SHELTER_PROGRAMMES.map((p) => n(row.doorstroom[p], 22)).join('')}`),
    ...head('Waiting time to placement in hours, requests made in the period, by home region'),
    `  ${'period'.padEnd(10)}${'home region'.padEnd(28)}${'requests'.padStart(8)}   ${'accepted: n  median     p90     max'}   ${'instroom: n  median     p90     max'}${'escalated'.padStart(11)}${'cancelled'.padStart(11)}${'waiting at end'.padStart(16)}`,
    ...report.waiting.map(
      (row) =>
        `${periodRegion(row.period, row.homeRegion)}${n(row.requests, 8)}   ${' '.repeat(6)}${hoursCells(row.toAccepted)}   ${' '.repeat(6)}${hoursCells(row.toStayStarted)}${n(row.escalated, 11)}${n(row.cancelled, 11)}${n(row.waitingAtPeriodEnd, 16)}`,
    ),
    ...head(`Sneller Thuis: aim ${st.aimDays} days shorter stays [verify]; stays ended ${st.actual.from} – ${st.actual.to} against the baseline ${st.baseline.from} – ${st.baseline.to}`),
    `  ${''.padEnd(28)}${'median length in days (stays)'.padStart(44)}   ${'mean length in days (stays)'.padStart(44)}`,
    `  ${'region (of the shelter)'.padEnd(28)}${SNELLER_COLUMNS}   ${SNELLER_COLUMNS}`,
    ...st.rows.map(snellerLine),
    '',
    ...(report.unmatched.stayEndsWithoutStart + report.unmatched.movesWithoutStart > 0
      ? [`${report.unmatched.stayEndsWithoutStart} stay ends and ${report.unmatched.movesWithoutStart} moves without the start of their stay on the log: not counted.`, '']
      : []),
  ].join('\n');
}
