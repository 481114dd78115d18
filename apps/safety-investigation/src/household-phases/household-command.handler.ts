import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { describeRefusal, HouseholdEvent, HouseholdNotFound, HouseholdState, refusalIn, WorkflowCommand } from '@vt/household-domain';
import { SealedText } from '../free-text/sealed-text';
import { readHouseholdEvents, readHouseholdReferrals } from '../household-record/household-record.repository';
import { householdView, HouseholdView } from '../household-record/household-view';
import { recordHouseholdDecision } from '../household-record/record-household-decision';

export interface CommandOutcome {
  /** Whether the command added facts to the record (201) or found them there already (200). */
  recorded: boolean;
  household: HouseholdView;
}

/**
 * Builds the command from what the record holds, in the command's transaction: free text is sealed there (ADR 0020).
 */
export type CommandFor = (state: HouseholdState, manager: EntityManager) => WorkflowCommand | Promise<WorkflowCommand>;

/**
 * Runs one command of the phase workflow. A refusal is committed like any other fact — it is on the
 * record and the topic — and then answered with 409 saying the same as the event.
 */
@Injectable()
export class HouseholdCommandHandler {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly texts: SealedText,
  ) {}

  /** `command` may depend on the record (a monitoring plan for the household's region) and seal text in the transaction. */
  async execute(householdId: string, command: WorkflowCommand | CommandFor): Promise<CommandOutcome> {
    const decided = await this.decide(householdId, command);
    const refusal = refusalIn(decided);
    if (refusal) {
      const { command: refused, phase, reason, missing, allowed } = refusal;
      throw new ConflictException({ statusCode: 409, error: 'phase-change-refused', message: describeRefusal(refusal), command: refused, phase, reason, missing, allowed });
    }
    const household = await householdView(await readHouseholdEvents(this.dataSource, householdId), this.texts, await readHouseholdReferrals(this.dataSource, householdId));
    if (!household) throw this.notFound(householdId);
    return { recorded: decided.length > 0, household };
  }

  private async decide(householdId: string, command: WorkflowCommand | CommandFor): Promise<HouseholdEvent[]> {
    try {
      return await this.dataSource.transaction((manager) =>
        recordHouseholdDecision({ manager, publish: (messages) => this.outbox.publish(manager, messages), householdId, commandFor: typeof command === 'function' ? command : () => command, now: new Date() }),
      );
    } catch (error) {
      if (error instanceof HouseholdNotFound) throw this.notFound(householdId);
      throw error;
    }
  }

  private notFound(householdId: string): NotFoundException {
    return new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no household record ${householdId}` });
  }
}
