import { MigrationInterface, QueryRunner } from 'typeorm';
import { defaultVtRegionIndex, loadGemeenteTable } from '@vt/reference-data';

/**
 * One region model (docs/adr/0017): crisis interventions and assessments are keyed by the melding's VT
 * region (`vt-west-brabant`), no longer by its veiligheidsregio (`VR20`, which West- and Midden-Brabant
 * share). Rows written before are moved to the VT region of their gemeente in the dated VT region table;
 * a row without a gemeente, whose veiligheidsregio one VT region serves alone, to that region. Island rows
 * already carry their desk's code.
 */
export class VtRegionCodes1764300000285 implements MigrationInterface {
  name = 'VtRegionCodes1764300000285';

  async up(queryRunner: QueryRunner): Promise<void> {
    const index = defaultVtRegionIndex();
    const gemeenten = loadGemeenteTable().gemeenten;
    const byGemeente = gemeenten.flatMap((g) => {
      const region = index.regionOfGemeente(g.gemeentecode);
      return region ? [[g.gemeentecode, region.code] as const] : [];
    });
    const gemeenteCodes = byGemeente.map(([code]) => code);
    const regionsOfGemeenten = byGemeente.map(([, region]) => region);
    const vrs = [...new Set(gemeenten.map((g) => g.vrCode))].filter((vr) => index.regionsOfVeiligheidsregio(vr).length === 1);
    const regionsOfVrs = vrs.map((vr) => index.regionsOfVeiligheidsregio(vr)[0]?.code as string);

    await queryRunner.query(
      `update crisis_intervention i set crisis_region = m.vt_region
         from unnest($1::text[], $2::text[]) as m(gemeente_code, vt_region)
        where i.gemeente_code = m.gemeente_code and i.crisis_region ~ '^VR[0-9]{2}$'`,
      [gemeenteCodes, regionsOfGemeenten],
    );
    await queryRunner.query(
      `update safety_assessment s set region = m.vt_region
         from acute_check c, unnest($1::text[], $2::text[]) as m(gemeente_code, vt_region)
        where c.melding_id = s.melding_id and c.gemeente_code = m.gemeente_code and s.region ~ '^VR[0-9]{2}$'`,
      [gemeenteCodes, regionsOfGemeenten],
    );
    for (const [table, column] of [
      ['crisis_intervention', 'crisis_region'],
      ['safety_assessment', 'region'],
    ] as const) {
      await queryRunner.query(`update ${table} t set ${column} = m.vt_region from unnest($1::text[], $2::text[]) as m(vr, vt_region) where t.${column} = m.vr`, [vrs, regionsOfVrs]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const gemeenten = loadGemeenteTable().gemeenten;
    const codes = gemeenten.map((g) => g.gemeentecode);
    const vrs = gemeenten.map((g) => g.vrCode);
    await queryRunner.query(
      `update crisis_intervention i set crisis_region = m.vr from unnest($1::text[], $2::text[]) as m(gemeente_code, vr)
        where i.gemeente_code = m.gemeente_code and i.crisis_region not like 'vt-bq-%'`,
      [codes, vrs],
    );
    await queryRunner.query(
      `update safety_assessment s set region = m.vr from acute_check c, unnest($1::text[], $2::text[]) as m(gemeente_code, vr)
        where c.melding_id = s.melding_id and c.gemeente_code = m.gemeente_code and s.region not like 'vt-bq-%'`,
      [codes, vrs],
    );
  }
}
