import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DATA_SOURCE, METRICS_REGISTRY } from '@vt/runtime';

/**
 * Shelter placement's own series, read from its tables at scrape time: placements by status and home region, the
 * escalated ones waiting for a person (with the oldest wait), and the offers open to shelters.
 */
@Injectable()
export class PlacementMetrics {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, @Inject(DATA_SOURCE) dataSource: DataSource) {
    const registers = [registry];
    new Gauge({
      name: 'vt_shelter_placements',
      help: 'Shelter placements by status and home region.',
      labelNames: ['status', 'region'],
      registers,
      async collect() {
        this.reset();
        const rows = (await dataSource.query('select status, home_region as region, count(*)::int as count from placement group by status, home_region')) as { status: string; region: string; count: number }[];
        for (const row of rows) this.set({ status: row.status, region: row.region }, row.count);
      },
    });
    new Gauge({
      name: 'vt_shelter_escalated_waiting',
      help: 'Escalated shelter placements waiting for a place, by urgency.',
      labelNames: ['urgency'],
      registers,
      async collect() {
        this.reset();
        for (const urgency of ['acuut', 'spoed', 'regulier']) this.set({ urgency }, 0);
        const rows = (await dataSource.query(`select urgency, count(*)::int as count from placement where status = 'escalated' group by urgency`)) as { urgency: string; count: number }[];
        for (const row of rows) this.set({ urgency: row.urgency }, row.count);
      },
    });
    new Gauge({
      name: 'vt_shelter_open_offers',
      help: 'Offers open to shelters (asked, not yet answered or lapsed).',
      registers,
      async collect() {
        const [row] = (await dataSource.query(`select count(*)::int as count from placement_ask where outcome = 'open'`)) as { count: number }[];
        this.set(row?.count ?? 0);
      },
    });
  }
}
