import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertRegion, NATIONAL_SCOPE, Principal } from '@vt/auth';
import { defaultVtRegionIndex } from '@vt/reference-data';
import { AccessLog, CaseAccess, DATA_SOURCE } from '@vt/runtime';

type Queryable = Pick<EntityManager | DataSource, 'query'>;

/**
 * The VT region a household's record belongs to: the one it was opened in (`HouseholdRecordOpened.vtRegion`),
 * or for a record opened before events carried it, its gemeente's VT region in the dated table. An island
 * record from before has neither: only a national token (`*`) may act on it (docs/adr/0017).
 */
export function householdVtRegion(household: { vtRegion?: string | null; gemeenteCode?: string | null }): string | undefined {
  return household.vtRegion ?? (household.gemeenteCode ? defaultVtRegionIndex().regionOfGemeente(household.gemeenteCode)?.code : undefined);
}

/**
 * Every read and write of a household's data in safety-investigation is scoped to the household's VT region
 * (403 naming it), and every read is recorded as `CaseDataAccessed` on `vt.audit.access.v1` in the same
 * transaction as the read, before the answer is sent (docs/adr/0017).
 */
@Injectable()
export class HouseholdAccess {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  /** 404 when there is no record of the household; 403 naming its VT region unless the caller covers it. */
  async assertHousehold(user: Principal, householdId: string, queryable: Queryable = this.dataSource): Promise<void> {
    const [row] = (await queryable.query('select vt_region from household where household_id = $1', [householdId])) as { vt_region: string | null }[];
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'household-not-found', message: `no household record ${householdId}` });
    assertRegion(user, row.vt_region ?? NATIONAL_SCOPE);
  }

  /** The investigation's household, after checking the caller covers its VT region (404 when there is no such investigation). */
  async assertInvestigation(user: Principal, investigationId: string, queryable: Queryable = this.dataSource): Promise<string> {
    const [row] = (await queryable.query('select i.household_id, h.vt_region from investigation i left join household h on h.household_id = i.household_id where i.investigation_id = $1', [
      investigationId,
    ])) as { household_id: string; vt_region: string | null }[];
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'investigation-not-found', message: `no investigation ${investigationId}` });
    assertRegion(user, row.vt_region ?? NATIONAL_SCOPE);
    return row.household_id;
  }

  /** The huisverbod's household, after checking the caller covers its VT region (404 when there is no such huisverbod). */
  async assertHuisverbod(user: Principal, huisverbodId: string, queryable: Queryable = this.dataSource): Promise<string> {
    const [row] = (await queryable.query('select v.household_id, h.vt_region from huisverbod v left join household h on h.household_id = v.household_id where v.huisverbod_id = $1', [
      huisverbodId,
    ])) as { household_id: string; vt_region: string | null }[];
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'huisverbod-not-found', message: `no huisverbod ${huisverbodId}` });
    assertRegion(user, row.vt_region ?? NATIONAL_SCOPE);
    return row.household_id;
  }

  /**
   * A read of one household's data: checks the region (`scope` returns the household id, throwing 404/403),
   * reads, and records the read in one transaction before the answer is sent.
   */
  async read<T>(scope: (manager: EntityManager) => Promise<string>, access: Omit<CaseAccess, 'householdId' | 'subject'>, read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const householdId = await scope(manager);
      const answer = await read(manager);
      await this.accessLog.record(manager, { householdId, subject: { kind: 'household', id: householdId }, ...access });
      return answer;
    });
  }
}
