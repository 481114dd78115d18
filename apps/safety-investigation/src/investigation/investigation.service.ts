import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  EncryptedPersonData,
  EventDataByType,
  INVESTIGATION_CONCLUDED_V2,
  INVESTIGATION_FINDING_RECORDED,
  INVESTIGATION_STEP_COMPLETED,
  INVESTIGATION_STEP_PLANNED,
  newEvent,
  TOPICS,
} from '@vt/contracts';
import { conclusionProblems, conclusionRouteProblems, FieldProblem, householdMinors, HouseholdState, stepProblems } from '@vt/household-domain';
import { PersonDataCipher, PersonKeyDestroyedError } from '@vt/privacy';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { SealedText } from '../free-text/sealed-text';
import { loadHousehold } from '../household-record/household-record.repository';
import { recordHouseholdDecision } from '../household-record/record-household-decision';
import { unprocessable } from '../household-record/unprocessable';
import { MonitoringPlanner } from '../monitoring/monitoring-planner';
import { ConclusionDto, FindingDto, PlanStepDto } from './investigation.dto';

interface InvestigationRow {
  investigation_id: string;
  household_id: string;
  assessment_id: string;
  melding_id: string;
  status: 'open' | 'concluded';
  opened_at: Date;
  /** The InvestigationConcluded data as published (v2: the conditions sealed under the household's key). */
  conclusion: EventDataByType[typeof INVESTIGATION_CONCLUDED_V2] | null;
}

type InvestigationEventType = typeof INVESTIGATION_STEP_PLANNED | typeof INVESTIGATION_STEP_COMPLETED | typeof INVESTIGATION_FINDING_RECORDED | typeof INVESTIGATION_CONCLUDED_V2;

/**
 * The household's integral investigation: its plan, findings per person and conclusion. Each command
 * locks the investigation row, checks, stores and writes its event to the outbox in one transaction.
 */
@Injectable()
export class InvestigationService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cipher: PersonDataCipher,
    private readonly monitoring: MonitoringPlanner,
    private readonly texts: SealedText,
  ) {}

  async planStep(investigationId: string, dto: PlanStepDto, actor: string) {
    return this.dataSource.transaction(async (manager) => {
      const investigation = await this.openInvestigation(manager, investigationId);
      const household = await loadHousehold(manager, investigation.household_id);
      reject(stepProblems(dto, personsOf(household.state)));
      const stepId = randomUUID();
      const now = new Date();
      await manager.query(
        `insert into investigation_step (step_id, investigation_id, kind, person_id, third_party, legal_basis, planned_at, planned_by) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [stepId, investigationId, dto.kind, dto.personId ?? null, dto.thirdParty ?? null, dto.legalBasis ?? null, now, actor],
      );
      const data = {
        investigationId,
        householdId: investigation.household_id,
        stepId,
        kind: dto.kind,
        ...(dto.personId ? { personId: dto.personId } : {}),
        ...(dto.thirdParty ? { thirdParty: dto.thirdParty } : {}),
        ...(dto.legalBasis ? { legalBasis: dto.legalBasis } : {}),
        plannedAt: now.toISOString(),
        actor,
      };
      await this.publish(manager, INVESTIGATION_STEP_PLANNED, investigation, data, now);
      return { stepId };
    });
  }

  async completeStep(investigationId: string, stepId: string, actor: string) {
    return this.dataSource.transaction(async (manager) => {
      const investigation = await this.openInvestigation(manager, investigationId);
      const [step] = (await manager.query('select completed_at from investigation_step where step_id = $1 and investigation_id = $2 for update', [stepId, investigationId])) as { completed_at: Date | null }[];
      if (!step) throw new NotFoundException({ statusCode: 404, error: 'step-not-found', message: `investigation ${investigationId} has no step ${stepId}` });
      if (step.completed_at) throw new ConflictException({ statusCode: 409, error: 'step-already-completed', message: `step ${stepId} was completed at ${step.completed_at.toISOString()}` });
      const now = new Date();
      await manager.query('update investigation_step set completed_at = $2, completed_by = $3 where step_id = $1', [stepId, now, actor]);
      await this.publish(manager, INVESTIGATION_STEP_COMPLETED, investigation, { investigationId, householdId: investigation.household_id, stepId, completedAt: now.toISOString(), actor }, now);
      return { stepId };
    });
  }

  /** A finding is personal data about one person: its text is stored and published only encrypted under that person's key. */
  async recordFinding(investigationId: string, dto: FindingDto, actor: string) {
    return this.dataSource.transaction(async (manager) => {
      const investigation = await this.openInvestigation(manager, investigationId);
      const household = await loadHousehold(manager, investigation.household_id);
      if (!personsOf(household.state).includes(dto.personId)) reject([{ path: 'personId', code: 'unknown-person', message: `${dto.personId} is not a person of this household` }]);
      if (dto.stepId) {
        const steps = (await manager.query('select 1 from investigation_step where step_id = $1 and investigation_id = $2', [dto.stepId, investigationId])) as unknown[];
        if (steps.length === 0) reject([{ path: 'stepId', code: 'unknown-step', message: `${dto.stepId} is not a step of this investigation` }]);
      }
      const findingId = randomUUID();
      const now = new Date();
      const finding = await this.sealFinding(dto.personId, dto.text, manager);
      await manager.query(
        'insert into investigation_finding (finding_id, investigation_id, person_id, step_id, finding, recorded_at, recorded_by) values ($1, $2, $3, $4, $5, $6, $7)',
        [findingId, investigationId, dto.personId, dto.stepId ?? null, JSON.stringify(finding), now, actor],
      );
      const data = {
        investigationId,
        householdId: investigation.household_id,
        findingId,
        personId: dto.personId,
        ...(dto.stepId ? { stepId: dto.stepId } : {}),
        finding,
        recordedAt: now.toISOString(),
        actor,
      };
      await this.publish(manager, INVESTIGATION_FINDING_RECORDED, investigation, data, now);
      return { findingId };
    });
  }

  /**
   * Concludes the household's investigation once (a second time is a 409), and lets the household record
   * take what follows from it (conditions and monitoring, or closing) in the same transaction. The conditions are
   * text about the household: sealed under the household's key as one list, in the event, in `investigation.conclusion`
   * and in the household record alike (ADR 0020).
   */
  async conclude(investigationId: string, dto: ConclusionDto, actor: string) {
    return this.dataSource.transaction(async (manager) => {
      const investigation = await this.lockInvestigation(manager, investigationId);
      if (investigation.status === 'concluded') {
        throw new ConflictException({
          statusCode: 409,
          error: 'investigation-already-concluded',
          message: `investigation ${investigationId} was concluded already`,
          conclusion: investigation.conclusion && (await this.conclusionView(investigation.conclusion)),
        });
      }
      const input = { unsafety: dto.conclusion.unsafety, risks: dto.conclusion.risks, safetyConditions: dto.safetyConditions, outcome: dto.outcome, handOverTo: dto.handOverTo };
      // Routes for children (verzoek-rvdk, the RvdK, a gecertificeerde instelling) need a minor on the household record (docs/adr/0022).
      const record = await loadHousehold(manager, investigation.household_id);
      reject([...conclusionProblems(input), ...conclusionRouteProblems(input, householdMinors(record.state))]);
      const now = new Date();
      const [household] = (await manager.query('select gemeente_code from household where household_id = $1', [investigation.household_id])) as { gemeente_code: string | null }[];
      const safetyConditions = dto.safetyConditions.length > 0 ? await this.texts.sealList(investigation.household_id, dto.safetyConditions, manager) : undefined;
      const data: EventDataByType[typeof INVESTIGATION_CONCLUDED_V2] = {
        investigationId,
        householdId: investigation.household_id,
        ...(household?.gemeente_code ? { gemeenteCode: household.gemeente_code } : {}),
        basedOn: { assessmentId: investigation.assessment_id, meldingId: investigation.melding_id },
        conclusion: { unsafety: dto.conclusion.unsafety, risks: dto.conclusion.risks },
        ...(safetyConditions ? { safetyConditions } : {}),
        safetyConditionCount: dto.safetyConditions.length,
        outcome: dto.outcome,
        handOverTo: dto.handOverTo,
        concludedAt: now.toISOString(),
        actor,
      };
      const concluded = await this.publish(manager, INVESTIGATION_CONCLUDED_V2, investigation, data, now);
      await manager.query(`update investigation set status = 'concluded', conclusion = $2, concluded_at = $3, concluded_by = $4, concluded_event_id = $5 where investigation_id = $1`, [
        investigationId,
        JSON.stringify(data),
        now,
        actor,
        concluded.id,
      ]);
      const household_events = await recordHouseholdDecision({
        manager,
        publish: (messages) => this.outbox.publish(manager, messages),
        householdId: investigation.household_id,
        commandFor: (state) => {
          const monitoring = dto.outcome === 'voorwaarden-en-vervolg' ? this.monitoring.plan(state, now) : undefined;
          return {
            type: 'ApplyInvestigationConclusion',
            investigationId,
            outcome: dto.outcome,
            unsafety: dto.conclusion.unsafety,
            ...(safetyConditions ? { safetyConditions } : {}),
            safetyConditionCount: dto.safetyConditions.length,
            handOverTo: dto.handOverTo,
            ...(monitoring ? { monitoring } : {}),
            actor,
          };
        },
        now,
        causedBy: concluded,
      });
      return { investigationId, conclusion: { ...data, safetyConditions: dto.safetyConditions }, household: household_events.map((event) => event.type) };
    });
  }

  async ofHousehold(householdId: string) {
    const rows = (await this.dataSource.query('select investigation_id, status, assessment_id, melding_id, opened_at, concluded_at from investigation where household_id = $1 order by opened_at', [householdId])) as {
      investigation_id: string;
      status: string;
      assessment_id: string;
      melding_id: string;
      opened_at: Date;
      concluded_at: Date | null;
    }[];
    return rows.map((row) => ({
      investigationId: row.investigation_id,
      status: row.status,
      basedOn: { assessmentId: row.assessment_id, meldingId: row.melding_id },
      openedAt: row.opened_at.toISOString(),
      concludedAt: row.concluded_at?.toISOString() ?? null,
    }));
  }

  /** The investigation as the investigator reads it, findings decrypted (or shown as erased). */
  async read(investigationId: string) {
    const [row] = (await this.dataSource.query('select * from investigation where investigation_id = $1', [investigationId])) as (InvestigationRow & { concluded_at: Date | null })[];
    if (!row) throw notFound(investigationId);
    const steps = (await this.dataSource.query('select * from investigation_step where investigation_id = $1 order by planned_at, step_id', [investigationId])) as Record<string, unknown>[];
    const findings = (await this.dataSource.query('select * from investigation_finding where investigation_id = $1 order by recorded_at, finding_id', [investigationId])) as {
      finding_id: string;
      person_id: string;
      step_id: string | null;
      finding: EncryptedPersonData;
      recorded_at: Date;
      recorded_by: string;
    }[];
    return {
      investigationId: row.investigation_id,
      householdId: row.household_id,
      status: row.status,
      basedOn: { assessmentId: row.assessment_id, meldingId: row.melding_id },
      openedAt: row.opened_at.toISOString(),
      steps: steps.map((step) => ({
        stepId: step['step_id'],
        kind: step['kind'],
        personId: step['person_id'] ?? undefined,
        thirdParty: step['third_party'] ?? undefined,
        legalBasis: step['legal_basis'] ?? undefined,
        plannedAt: (step['planned_at'] as Date).toISOString(),
        plannedBy: step['planned_by'],
        completedAt: (step['completed_at'] as Date | null)?.toISOString() ?? null,
      })),
      findings: await Promise.all(
        findings.map(async (finding) => {
          const opened = await this.cipher.decryptFields(finding.finding);
          return {
            findingId: finding.finding_id,
            personId: finding.person_id,
            stepId: finding.step_id ?? undefined,
            ...(opened.erased ? { erased: true, erasedAt: opened.erasedAt.toISOString() } : { text: opened.fields['finding'] }),
            recordedAt: finding.recorded_at.toISOString(),
            recordedBy: finding.recorded_by,
          };
        }),
      ),
      conclusion: row.conclusion && (await this.conclusionView(row.conclusion)),
    };
  }

  /**
   * A conclusion as a read shows it: the conditions opened (a list, or `{ erased, erasedAt }` once the household's
   * key was destroyed; absent on a conclusion recorded before ADR 0020, whose clear text was removed).
   */
  private async conclusionView(conclusion: EventDataByType[typeof INVESTIGATION_CONCLUDED_V2]) {
    const { safetyConditions, ...rest } = conclusion;
    return { ...rest, ...(safetyConditions ? { safetyConditions: await this.texts.openList(safetyConditions) } : {}) };
  }

  /** A finding is about one person: sealed under that person's key (ADR 0010). An erased person takes no new finding: 409. */
  private async sealFinding(personId: string, text: string, manager: EntityManager): Promise<EncryptedPersonData> {
    try {
      return await this.cipher.encryptFields(personId, { finding: text }, manager);
    } catch (error) {
      if (!(error instanceof PersonKeyDestroyedError)) throw error;
      throw new ConflictException({ statusCode: 409, error: 'data-erased', message: `the data of ${personId} was erased on ${error.destroyedAt.toISOString()}; no new finding can be recorded about it`, subjectId: personId, erasedAt: error.destroyedAt.toISOString() });
    }
  }

  private async lockInvestigation(manager: EntityManager, investigationId: string): Promise<InvestigationRow> {
    const [row] = (await manager.query('select * from investigation where investigation_id = $1 for update', [investigationId])) as InvestigationRow[];
    if (!row) throw notFound(investigationId);
    return row;
  }

  private async openInvestigation(manager: EntityManager, investigationId: string): Promise<InvestigationRow> {
    const row = await this.lockInvestigation(manager, investigationId);
    if (row.status !== 'open') throw new ConflictException({ statusCode: 409, error: 'investigation-concluded', message: `investigation ${investigationId} is concluded; its plan and findings are closed` });
    return row;
  }

  private async publish<T extends InvestigationEventType>(manager: EntityManager, type: T, investigation: InvestigationRow, data: EventDataByType[T], now: Date) {
    const event = newEvent({ type, service: 'safety-investigation', householdId: investigation.household_id, subject: investigation.investigation_id, time: now, data });
    await this.outbox.publish(manager, [{ topic: TOPICS.investigations, event }]);
    return event;
  }
}

function personsOf(state: HouseholdState): string[] {
  return state.status === 'recorded' ? state.persons.map((person) => person.personId) : [];
}

function reject(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw unprocessable(problems);
}

function notFound(investigationId: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'investigation-not-found', message: `no investigation ${investigationId}` });
}
