import { TOPICS } from '@vt/contracts';
import { parseLogRecord } from '../log-reader/log-event';
import { AuditLogConnection, AuditLogReading, readAuditLog } from '../log-reader/log-reader';
import { ComplianceFolder, ComplianceReport } from './compliance-report';
import { ReportPeriod } from './period';
import { ShelterFolder, ShelterReport, ShelterReportOptions } from './shelter-report';

export interface ReportFromLogOptions extends AuditLogConnection {
  region: string;
  period: ReportPeriod;
  topics?: readonly string[];
  warn?(message: string): void;
}

/** Reads the domain topics to their current end and computes the compliance report from the events alone. */
export async function complianceReportFromLog(options: ReportFromLogOptions): Promise<{ report: ComplianceReport; log: AuditLogReading; unreadable: number }> {
  const folder = new ComplianceFolder();
  let unreadable = 0;
  const log = await readAuditLog({
    ...options,
    onRecord(record) {
      const parsed = parseLogRecord(record);
      if (parsed.ok) folder.add(parsed.value.event);
      else unreadable += 1;
    },
  });
  return { report: folder.report(options.region, options.period), log, unreadable };
}

export interface ShelterReportFromLogOptions extends AuditLogConnection, ShelterReportOptions {
  warn?(message: string): void;
}

/** Reads the shelter placement record (`vt.shelter.placements.v1`) to its current end and computes the national shelter monitor. */
export async function shelterReportFromLog(options: ShelterReportFromLogOptions): Promise<{ report: ShelterReport; log: AuditLogReading; unreadable: number }> {
  const folder = new ShelterFolder();
  let unreadable = 0;
  const log = await readAuditLog({
    ...options,
    topics: [TOPICS.shelterPlacements],
    onRecord(record) {
      const parsed = parseLogRecord(record);
      if (parsed.ok) folder.add(parsed.value.event);
      else unreadable += 1;
    },
  });
  return { report: folder.report(options), log, unreadable };
}
