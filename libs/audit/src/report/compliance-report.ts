import {
  ADVIESVRAAG_RECEIVED,
  CloudEvent,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED_V2,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DEADLINE_APPROACHING,
  DEADLINE_SUPERSEDED,
  INFORMING_WITHHELD,
  INVOLVED_PERSON_INFORMED,
  MELDING_RECEIVED,
  SAFETY_ASSESSMENT_COMPLETED_V2,
} from '@vt/contracts';
import { vtRegionOf } from '../vt-regions';
import { inPeriod, ReportPeriod } from './period';

const INVESTIGATION_CONCLUDED_TYPE = 'nl.veiligthuis.investigation.InvestigationConcluded.v2';
const DEADLINE_TYPES = new Set<string>([DEADLINE_STARTED, DEADLINE_APPROACHING, DEADLINE_MET, DEADLINE_BREACHED, DEADLINE_EXTENDED_V2, DEADLINE_SUPERSEDED]);
const INFORMING_CLOCK = 'informeren-betrokkenen';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The clocks the inspectorate measures (their ids as crisis-triage starts them). */
export const MEASURED_CLOCKS = ['veiligheidsbeoordeling', 'onderzoek'] as const;
export type MeasuredClock = (typeof MEASURED_CLOCKS)[number];

/** The VT region a melding or adviesvraag belongs to (docs/adr/0017); never its veiligheidsregio, which VR20's two VT regions share. */
interface RegionRef {
  vtRegion?: string;
}

interface TimerState {
  timerId: string;
  clock: string;
  householdId: string;
  subjectId: string;
  /** The person an informing clock runs for; absent on a melding-level clock of the first releases. */
  personId?: string;
  startedAt?: string;
  dueAt?: string;
  metAt?: string;
  breachedAt?: string;
  /** Replaced by other clocks: counted neither met nor breached. */
  supersededAt?: string;
}

/** What was recorded about informing the person a clock runs for (InvolvedPersonInformed / InformingWithheld). */
interface InformingRecord {
  kind: 'informed' | 'withheld';
  /** When the person was informed, or when it was decided not to. */
  at: string;
  recordedAt: string;
  inTime: boolean;
}

/** Timers due in the period: met within the term, breached, or neither yet (still running at the end of the log). */
export interface ClockMeasure {
  due: number;
  withinTerm: number;
  late: number;
  pending: number;
  /** withinTerm / (withinTerm + late); null when nothing was decided yet. */
  share: number | null;
}

/**
 * Informing involved persons, one clock per person (DOMAIN.md point 7; docs/adr/0021), over the clocks due in the
 * period: within term = met by a recording at or before the due time (informed, or a legal ground recorded); late =
 * breached, or recorded after the due time; not decided yet = neither. Superseded clocks count neither way.
 */
export interface InformingMeasure extends ClockMeasure {
  /** Of those within term or late: ended by a recorded legal ground for not informing. */
  withheld: number;
  /** Within term by the moment of informing, but recorded only after the due time. */
  recordedAfterDue: number;
  /** Melding-level clocks replaced by clocks per person (DeadlineSuperseded): not counted. */
  superseded: number;
  /** Melding-level clocks of the first releases that were never replaced: nothing could meet them, so they are not measured. */
  meldingLevel: number;
}

/** A veiligheidsbeoordeling that was late, with its lateness measured from receipt of the melding. */
export interface LateAssessment {
  subjectId: string;
  meldingId?: string;
  householdId: string;
  /** When Veilig Thuis received the melding: the clock's start. */
  receivedAt?: string;
  /** When it was registered, when the melding says so (a police batch the next morning). */
  registeredAt?: string;
  lateRegistrationReason?: string;
  clockStartedAt?: string;
  /** False when the clock did not start at receipt (e.g. at registration): its lateness is understated. */
  clockFromReceipt: boolean | null;
  dueAt?: string;
  /** When the assessment was done, if it was. */
  doneAt?: string;
  /** Days between the due time and the assessment (or the end of the period, when still not done then). */
  daysLate: number;
  /** Hours between receipt and registration. */
  registrationDelayHours?: number;
}

/** How long after receipt the meldingen received in the period were registered. */
export interface RegistrationDelay {
  /** Meldingen with a registration time of their own (`registeredAt`). */
  measured: number;
  /** Registered an hour or more after receipt. */
  anHourOrMore: number;
  medianMinutes: number | null;
  maxHours: number | null;
  /** Meldingen with a recorded reason for their late registration, by reason. */
  byReason: Counts;
}

export interface OpenBreach {
  timerId: string;
  clock: string;
  householdId: string;
  subjectId: string;
  dueAt?: string;
  breachedAt: string;
}

export type Counts = Record<string, number>;

export interface ComplianceReport {
  region: string;
  period: { label: string; from: string; to: string };
  inspectorate: {
    /** Lateness from receipt of the melding (the clock starts at `receivedAt`). */
    veiligheidsbeoordeling: ClockMeasure;
    onderzoek: ClockMeasure;
    /** Per person. */
    informeren: InformingMeasure;
    /** Breached before the end of the period and not done by then, any clock (superseded and melding-level informing clocks excepted). */
    openBreaches: { total: number; byClock: Counts; breaches: OpenBreach[] };
    /** The late veiligheidsbeoordelingen due in the period, lateness from receipt, registration shown apart. */
    lateAssessments: LateAssessment[];
    registrationDelay: RegistrationDelay;
  };
  cbs: {
    meldingen: number;
    adviezen: number;
    /** Meldingen by melder kind (professional / non-professional), and professionals by sector. */
    melderKinds: Counts;
    melderSectors: Counts;
    /** Meldingen by aard van het geweld; a melding with several counts once under each. */
    aard: Counts;
    /** Veiligheidsbeoordelingen completed in the period, by taxatie and by outcome. */
    taxatie: Counts;
    assessmentOutcomes: Counts;
    /** Investigations concluded in the period, by outcome. */
    investigationOutcomes: Counts;
    /** Meldingen by radar classification (first, hermelding, vervolgmelding). */
    radar: Counts;
  };
  /** Events that could not be attributed to a region (no melding of theirs on the log). */
  unattributed: number;
}

type Data = Record<string, unknown>;
const str = (data: Data, key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
const obj = (data: Data, key: string): Data => (data[key] && typeof data[key] === 'object' ? (data[key] as Data) : {});
/** `region.vtRegion`, or for a fact from before routing recorded it, the VT region of its gemeente or island. */
const regionRef = (data: Data): RegionRef => {
  const vtRegion = vtRegionOf({ vtRegion: str(obj(data, 'region'), 'vtRegion'), gemeenteCode: str(data, 'gemeenteCode'), island: str(data, 'island') });
  return vtRegion ? { vtRegion } : {};
};
const bump = (counts: Counts, key: string | undefined) => {
  const k = key ?? 'onbekend';
  counts[k] = (counts[k] ?? 0) + 1;
};

/**
 * Folds the log into what the compliance report needs, one event at a time (only ids, regions, dates and
 * codes are kept), then answers for any region and period. Computed from events alone.
 */
export class ComplianceFolder {
  private readonly meldingen = new Map<string, { householdId: string; region: RegionRef; receivedAt: string; registeredAt?: string; data: Data }>();
  /** The time of the latest event seen: how far the log reaches. */
  private lastFactAt = 0;
  /** Informing recordings by the clock they met. */
  private readonly informing = new Map<string, InformingRecord>();
  private readonly householdRegion = new Map<string, RegionRef>();
  private readonly adviesvragen: { receivedAt: string; region: RegionRef }[] = [];
  private readonly assessments = new Map<string, { meldingId: string; householdId: string; taxatie?: string; outcome?: string; completedAt: string }>();
  private readonly concluded: { meldingId?: string; assessmentId?: string; householdId: string; outcome?: string; concludedAt: string }[] = [];
  private readonly timers = new Map<string, TimerState>();
  /** When each melding's veiligheidsbeoordeling, and each assessment's investigation, was done (first time). */
  private readonly assessedAt = new Map<string, string>();
  private readonly concludedAt = new Map<string, string>();

  add(event: CloudEvent<string, unknown>): void {
    const data = (event.data ?? {}) as Data;
    this.lastFactAt = Math.max(this.lastFactAt, Date.parse(event.time) || 0);
    switch (event.type) {
      case MELDING_RECEIVED: {
        const meldingId = str(data, 'meldingId');
        if (!meldingId) return;
        const ref = regionRef(data);
        const householdId = str(data, 'householdId') ?? event.householdid;
        this.meldingen.set(meldingId, { householdId, region: ref, receivedAt: str(data, 'receivedAt') ?? event.time, ...(str(data, 'registeredAt') ? { registeredAt: str(data, 'registeredAt') } : {}), data });
        this.householdRegion.set(householdId, ref);
        return;
      }
      case ADVIESVRAAG_RECEIVED: {
        this.adviesvragen.push({ receivedAt: str(data, 'receivedAt') ?? event.time, region: regionRef(data) });
        return;
      }
      case SAFETY_ASSESSMENT_COMPLETED_V2: {
        const assessmentId = str(data, 'assessmentId');
        const meldingId = str(data, 'meldingId');
        if (!assessmentId || !meldingId) return;
        this.assessments.set(assessmentId, {
          meldingId,
          householdId: str(data, 'householdId') ?? event.householdid,
          ...(str(data, 'taxatie') ? { taxatie: str(data, 'taxatie') } : {}),
          ...(str(data, 'outcome') ? { outcome: str(data, 'outcome') } : {}),
          completedAt: str(data, 'completedAt') ?? event.time,
        });
        if (!this.assessedAt.has(meldingId)) this.assessedAt.set(meldingId, str(data, 'completedAt') ?? event.time);
        return;
      }
      case INVOLVED_PERSON_INFORMED:
      case INFORMING_WITHHELD: {
        const kind = event.type === INVOLVED_PERSON_INFORMED ? 'informed' : 'withheld';
        const at = str(data, kind === 'informed' ? 'informedAt' : 'decidedAt') ?? event.time;
        const recordedAt = str(data, 'recordedAt') ?? event.time;
        for (const met of Array.isArray(data['metClocks']) ? (data['metClocks'] as Data[]) : []) {
          const timerId = str(met, 'timerId');
          if (timerId && !this.informing.has(timerId)) this.informing.set(timerId, { kind, at, recordedAt, inTime: met['inTime'] === true });
        }
        return;
      }
      case INVESTIGATION_CONCLUDED_TYPE: {
        const basedOn = obj(data, 'basedOn');
        this.concluded.push({
          ...(str(basedOn, 'meldingId') ? { meldingId: str(basedOn, 'meldingId') } : {}),
          ...(str(basedOn, 'assessmentId') ? { assessmentId: str(basedOn, 'assessmentId') } : {}),
          householdId: str(data, 'householdId') ?? event.householdid,
          ...(str(data, 'outcome') ? { outcome: str(data, 'outcome') } : {}),
          concludedAt: str(data, 'concludedAt') ?? event.time,
        });
        const assessmentId = str(basedOn, 'assessmentId');
        if (assessmentId && !this.concludedAt.has(assessmentId)) this.concludedAt.set(assessmentId, str(data, 'concludedAt') ?? event.time);
        return;
      }
    }
    if (DEADLINE_TYPES.has(event.type)) {
      const timerId = str(data, 'timerId');
      if (!timerId) return;
      const timer = this.timers.get(timerId) ?? { timerId, clock: str(data, 'clock') ?? '?', householdId: str(data, 'householdId') ?? event.householdid, subjectId: str(data, 'subjectId') ?? '' };
      // Every deadline fact carries the deadline as it stands; an extension moves it.
      if (str(data, 'dueAt')) timer.dueAt = str(data, 'dueAt');
      if (str(data, 'startedAt') && (event.type === DEADLINE_STARTED || !timer.startedAt)) timer.startedAt = str(data, 'startedAt');
      if (str(data, 'personId')) timer.personId = str(data, 'personId');
      if (event.type === DEADLINE_SUPERSEDED) timer.supersededAt = str(data, 'supersededAt') ?? event.time;
      if (event.type === DEADLINE_MET) timer.metAt = str(data, 'metAt') ?? event.time;
      if (event.type === DEADLINE_BREACHED) timer.breachedAt = str(data, 'breachedAt') ?? event.time;
      this.timers.set(timerId, timer);
    }
  }

  private meldingRegion(meldingId: string | undefined): RegionRef | undefined {
    return meldingId ? this.meldingen.get(meldingId)?.region : undefined;
  }

  /** A timer's region: its melding's (veiligheidsbeoordeling), its assessment's melding's (onderzoek), else the household's. */
  private timerRegion(timer: TimerState): RegionRef | undefined {
    return this.meldingRegion(timer.subjectId) ?? this.meldingRegion(this.assessments.get(timer.subjectId)?.meldingId) ?? this.householdRegion.get(timer.householdId);
  }

  /** When the work a timer measures was done, per the log: met, or completed late (the assessment, the conclusion, the informing). */
  private doneAt(timer: TimerState): string | undefined {
    if (timer.metAt) return timer.metAt;
    if (timer.clock === INFORMING_CLOCK) return this.informing.get(timer.timerId)?.at;
    if (timer.clock === 'veiligheidsbeoordeling') return this.assessedAt.get(timer.subjectId);
    if (timer.clock === 'onderzoek') return this.concludedAt.get(timer.subjectId);
    return undefined;
  }

  /** Informing per person over the clocks due in the period (see `InformingMeasure`). */
  private informingMeasure(period: ReportPeriod, attributed: (ref: RegionRef | undefined) => boolean): InformingMeasure {
    const m: InformingMeasure = { due: 0, withinTerm: 0, late: 0, pending: 0, share: null, withheld: 0, recordedAfterDue: 0, superseded: 0, meldingLevel: 0 };
    for (const timer of this.timers.values()) {
      if (timer.clock !== INFORMING_CLOCK || !inPeriod(period, timer.dueAt) || !attributed(this.timerRegion(timer))) continue;
      if (timer.supersededAt) {
        m.superseded += 1;
        continue;
      }
      if (!timer.personId) {
        m.meldingLevel += 1;
        continue;
      }
      m.due += 1;
      const due = Date.parse(timer.dueAt as string);
      const recorded = this.informing.get(timer.timerId);
      const metInTime = (timer.metAt !== undefined && Date.parse(timer.metAt) <= due) || recorded?.inTime === true;
      if (metInTime) {
        m.withinTerm += 1;
        if (recorded && Date.parse(recorded.recordedAt) > due) m.recordedAfterDue += 1;
      } else if (timer.breachedAt || recorded) m.late += 1;
      else m.pending += 1;
      if (recorded?.kind === 'withheld') m.withheld += 1;
    }
    m.share = m.withinTerm + m.late > 0 ? m.withinTerm / (m.withinTerm + m.late) : null;
    return m;
  }

  /** The veiligheidsbeoordelingen due in the period that were late, measured from receipt of their melding. */
  private lateAssessments(period: ReportPeriod, matches: (ref: RegionRef | undefined) => boolean): LateAssessment[] {
    const late: LateAssessment[] = [];
    for (const timer of this.timers.values()) {
      if (timer.clock !== 'veiligheidsbeoordeling' || !inPeriod(period, timer.dueAt) || !matches(this.timerRegion(timer))) continue;
      const due = Date.parse(timer.dueAt as string);
      if (timer.metAt && Date.parse(timer.metAt) <= due) continue;
      const done = this.doneAt(timer);
      if (!timer.breachedAt && !(done && Date.parse(done) > due)) continue;
      // A monitoring request's clock (subject: the request) has no melding of its own.
      const melding = this.meldingen.get(timer.subjectId);
      // Still not done: late until the end of the period, or until the last fact on the log when that is earlier.
      const until = done ? Date.parse(done) : Math.max(due, Math.min(period.to.getTime(), this.lastFactAt));
      const registeredAt = melding?.registeredAt;
      const reason = str(obj(melding?.data ?? {}, 'lateRegistration'), 'reason');
      late.push({
        subjectId: timer.subjectId,
        ...(melding ? { meldingId: timer.subjectId } : {}),
        householdId: timer.householdId,
        ...(melding ? { receivedAt: melding.receivedAt } : {}),
        ...(registeredAt ? { registeredAt } : {}),
        ...(reason ? { lateRegistrationReason: reason } : {}),
        ...(timer.startedAt ? { clockStartedAt: timer.startedAt } : {}),
        clockFromReceipt: melding && timer.startedAt ? Date.parse(timer.startedAt) === Date.parse(melding.receivedAt) : null,
        dueAt: timer.dueAt as string,
        ...(done ? { doneAt: done } : {}),
        daysLate: Math.round(((until - due) / DAY) * 10) / 10,
        ...(melding && registeredAt ? { registrationDelayHours: Math.round(((Date.parse(registeredAt) - Date.parse(melding.receivedAt)) / HOUR) * 10) / 10 } : {}),
      });
    }
    return late.sort((a, b) => Date.parse(a.dueAt ?? '') - Date.parse(b.dueAt ?? ''));
  }

  /** Registration after receipt, for the meldingen received in the period. */
  private registrationDelay(period: ReportPeriod, matches: (ref: RegionRef | undefined) => boolean): RegistrationDelay {
    const delays: number[] = [];
    const byReason: Counts = {};
    for (const melding of this.meldingen.values()) {
      if (!inPeriod(period, melding.receivedAt) || !matches(melding.region)) continue;
      const reason = str(obj(melding.data, 'lateRegistration'), 'reason');
      if (reason) bump(byReason, reason);
      if (melding.registeredAt) delays.push(Math.max(0, Date.parse(melding.registeredAt) - Date.parse(melding.receivedAt)));
    }
    delays.sort((a, b) => a - b);
    const median = delays.length === 0 ? null : delays.length % 2 === 1 ? (delays[(delays.length - 1) / 2] as number) : ((delays[delays.length / 2 - 1] as number) + (delays[delays.length / 2] as number)) / 2;
    return {
      measured: delays.length,
      anHourOrMore: delays.filter((d) => d >= HOUR).length,
      medianMinutes: median === null ? null : Math.round(median / 60_000),
      maxHours: delays.length === 0 ? null : Math.round(((delays[delays.length - 1] as number) / HOUR) * 10) / 10,
      byReason,
    };
  }

  /** The report of one VT region (`vt-west-brabant`) or of the whole country (`*`). */
  report(region: string, period: ReportPeriod): ComplianceReport {
    const matches = (ref: RegionRef | undefined) => region === '*' || ref?.vtRegion === region;
    let unattributed = 0;
    const attributed = (ref: RegionRef | undefined) => {
      if (!ref?.vtRegion) unattributed += 1;
      return matches(ref);
    };

    const measure = (clock: MeasuredClock): ClockMeasure => {
      const m: ClockMeasure = { due: 0, withinTerm: 0, late: 0, pending: 0, share: null };
      for (const timer of this.timers.values()) {
        if (timer.clock !== clock || !inPeriod(period, timer.dueAt) || !attributed(this.timerRegion(timer))) continue;
        m.due += 1;
        if (timer.metAt && timer.dueAt && Date.parse(timer.metAt) <= Date.parse(timer.dueAt)) m.withinTerm += 1;
        else if (timer.breachedAt) m.late += 1;
        else m.pending += 1;
      }
      m.share = m.withinTerm + m.late > 0 ? m.withinTerm / (m.withinTerm + m.late) : null;
      return m;
    };
    const breaches: OpenBreach[] = [];
    for (const timer of this.timers.values()) {
      if (!timer.breachedAt || Date.parse(timer.breachedAt) >= period.to.getTime() || !matches(this.timerRegion(timer))) continue;
      // A superseded clock counts neither way; a melding-level informing clock could never be met (informeren.meldingLevel).
      if (timer.supersededAt || (timer.clock === INFORMING_CLOCK && !timer.personId)) continue;
      const done = this.doneAt(timer);
      if (done && Date.parse(done) < period.to.getTime()) continue;
      breaches.push({ timerId: timer.timerId, clock: timer.clock, householdId: timer.householdId, subjectId: timer.subjectId, ...(timer.dueAt ? { dueAt: timer.dueAt } : {}), breachedAt: timer.breachedAt });
    }
    // In a fixed order, whatever order the log's partitions were read in: by breach time, clocks by name.
    breaches.sort((x, y) => x.breachedAt.localeCompare(y.breachedAt) || x.timerId.localeCompare(y.timerId));
    const byClock: Counts = {};
    for (const clock of [...new Set(breaches.map((breach) => breach.clock))].sort()) for (const breach of breaches) if (breach.clock === clock) bump(byClock, clock);

    const cbs: ComplianceReport['cbs'] = { meldingen: 0, adviezen: 0, melderKinds: {}, melderSectors: {}, aard: {}, taxatie: {}, assessmentOutcomes: {}, investigationOutcomes: {}, radar: {} };
    for (const melding of this.meldingen.values()) {
      if (!inPeriod(period, melding.receivedAt) || !attributed(melding.region)) continue;
      cbs.meldingen += 1;
      const registration = obj(melding.data, 'registration');
      bump(cbs.melderKinds, str(registration, 'melderKind'));
      if (str(registration, 'melderKind') === 'professional') bump(cbs.melderSectors, str(registration, 'melderSector'));
      const aard = obj(melding.data, 'concerns')['aard'];
      for (const code of new Set(Array.isArray(aard) ? aard.map(String) : ['onbekend'])) bump(cbs.aard, code);
      bump(cbs.radar, str(obj(melding.data, 'radar'), 'classification'));
    }
    for (const adviesvraag of this.adviesvragen) if (inPeriod(period, adviesvraag.receivedAt) && attributed(adviesvraag.region)) cbs.adviezen += 1;
    for (const assessment of this.assessments.values()) {
      if (!inPeriod(period, assessment.completedAt) || !attributed(this.meldingRegion(assessment.meldingId) ?? this.householdRegion.get(assessment.householdId))) continue;
      bump(cbs.taxatie, assessment.taxatie);
      bump(cbs.assessmentOutcomes, assessment.outcome);
    }
    for (const conclusion of this.concluded) {
      if (!inPeriod(period, conclusion.concludedAt) || !attributed(this.meldingRegion(conclusion.meldingId) ?? this.householdRegion.get(conclusion.householdId))) continue;
      bump(cbs.investigationOutcomes, conclusion.outcome);
    }

    return {
      region,
      period: { label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
      inspectorate: {
        veiligheidsbeoordeling: measure('veiligheidsbeoordeling'),
        onderzoek: measure('onderzoek'),
        informeren: this.informingMeasure(period, attributed),
        openBreaches: { total: breaches.length, byClock, breaches },
        lateAssessments: this.lateAssessments(period, matches),
        registrationDelay: this.registrationDelay(period, matches),
      },
      cbs,
      unattributed,
    };
  }
}
