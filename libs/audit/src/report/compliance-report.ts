import {
  ADVIESVRAAG_RECEIVED,
  CloudEvent,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED_V2,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DEADLINE_APPROACHING,
  MELDING_RECEIVED,
  SAFETY_ASSESSMENT_COMPLETED_V2,
} from '@vt/contracts';
import { vtRegionOf } from '../vt-regions';
import { inPeriod, ReportPeriod } from './period';

const INVESTIGATION_CONCLUDED_TYPE = 'nl.veiligthuis.investigation.InvestigationConcluded.v2';
const DEADLINE_TYPES = new Set<string>([DEADLINE_STARTED, DEADLINE_APPROACHING, DEADLINE_MET, DEADLINE_BREACHED, DEADLINE_EXTENDED_V2]);

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
  dueAt?: string;
  metAt?: string;
  breachedAt?: string;
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
    veiligheidsbeoordeling: ClockMeasure;
    onderzoek: ClockMeasure;
    /** Breached before the end of the period and not done by then, any clock. */
    openBreaches: { total: number; byClock: Counts; breaches: OpenBreach[] };
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
  private readonly meldingen = new Map<string, { householdId: string; region: RegionRef; receivedAt: string; data: Data }>();
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
    switch (event.type) {
      case MELDING_RECEIVED: {
        const meldingId = str(data, 'meldingId');
        if (!meldingId) return;
        const ref = regionRef(data);
        const householdId = str(data, 'householdId') ?? event.householdid;
        this.meldingen.set(meldingId, { householdId, region: ref, receivedAt: str(data, 'receivedAt') ?? event.time, data });
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

  /** When the work a timer measures was done, per the log: met, or completed late (the assessment, the conclusion). */
  private doneAt(timer: TimerState): string | undefined {
    if (timer.metAt) return timer.metAt;
    if (timer.clock === 'veiligheidsbeoordeling') return this.assessedAt.get(timer.subjectId);
    if (timer.clock === 'onderzoek') return this.concludedAt.get(timer.subjectId);
    return undefined;
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
      const done = this.doneAt(timer);
      if (done && Date.parse(done) < period.to.getTime()) continue;
      breaches.push({ timerId: timer.timerId, clock: timer.clock, householdId: timer.householdId, subjectId: timer.subjectId, ...(timer.dueAt ? { dueAt: timer.dueAt } : {}), breachedAt: timer.breachedAt });
    }
    const byClock: Counts = {};
    for (const breach of breaches) bump(byClock, breach.clock);

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
      inspectorate: { veiligheidsbeoordeling: measure('veiligheidsbeoordeling'), onderzoek: measure('onderzoek'), openBreaches: { total: breaches.length, byClock, breaches } },
      cbs,
      unattributed,
    };
  }
}
