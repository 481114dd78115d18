import { Injectable } from '@nestjs/common';
import { GemeenteTable, loadGemeenteTable } from '@vt/reference-data';

/** The dated gemeente table intake checks addresses against. */
@Injectable()
export class GemeenteRegistry {
  readonly table: GemeenteTable = loadGemeenteTable();
  private readonly codes = new Set(this.table.gemeenten.map((g) => g.gemeentecode));

  isKnown(gemeenteCode: string): boolean {
    return this.codes.has(gemeenteCode);
  }
}
