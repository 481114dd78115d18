import { MigrationInterface, QueryRunner } from 'typeorm';
import { defaultVtRegionIndex, loadGemeenteTable } from '@vt/reference-data';

/**
 * One region model (docs/adr/0017): each household record keeps its VT region, to which every read and
 * write of its data is scoped. Records opened before are given their gemeente's VT region from the dated
 * table; an island record from before has no gemeente and stays without (national scope only).
 */
export class HouseholdVtRegion1764300000385 implements MigrationInterface {
  name = 'HouseholdVtRegion1764300000385';

  async up(queryRunner: QueryRunner): Promise<void> {
    const index = defaultVtRegionIndex();
    const pairs = loadGemeenteTable().gemeenten.flatMap((g) => {
      const region = index.regionOfGemeente(g.gemeentecode);
      return region ? [[g.gemeentecode, region.code] as const] : [];
    });
    await queryRunner.query('alter table household add column vt_region text');
    await queryRunner.query(
      `update household h set vt_region = m.vt_region from unnest($1::text[], $2::text[]) as m(gemeente_code, vt_region) where h.gemeente_code = m.gemeente_code`,
      [pairs.map(([code]) => code), pairs.map(([, region]) => region)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('alter table household drop column vt_region');
  }
}
