import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { shelterReport } from '@vt/audit';
import { EVENT_CATALOG, isKnownEventType } from '@vt/contracts';
import { SHELTER_HAND_COUNTS, SHELTER_Q1_HAND_COUNTS, shelterMonitorScenario } from './shelter-monitor-scenario';

// The national shelter monitor (docs/adr/0041) against the figures worked out by hand in shelter-monitor-scenario.ts.
describe('the shelter monitor scenario, counted by hand', () => {
  const scenario = shelterMonitorScenario();
  const events = scenario.records.map((record) => record.event);

  it('holds only events valid against their catalog schemas, as the service would have written them', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const event of events) {
      expect(isKnownEventType(event.type)).toBe(true);
      const validate = ajv.compile(EVENT_CATALOG[event.type as keyof typeof EVENT_CATALOG].schema);
      expect({ type: event.type, valid: validate(event.data), errors: validate.errors ?? null }).toEqual({ type: event.type, valid: true, errors: null });
    }
  });

  it('given the scenario, when the monitor reports 2025 by year, then every figure equals the hand count', () => {
    const report = shelterReport(events, { from: '2025-01-01', to: '2025-12-31', period: 'year' });
    expect(report).toMatchObject(SHELTER_HAND_COUNTS);
  });

  it('given the scenario, when the monitor reports the first quarter of 2025, then it matches the hand count and says "no baseline"', () => {
    const report = shelterReport(events, { from: '2025-01-01', to: '2025-03-31', period: 'quarter' });
    expect(report).toMatchObject(SHELTER_Q1_HAND_COUNTS);
  });

  it('given the scenario in another order of placements (partitions read in any order), then the report is the same', () => {
    const byPlacement = new Map<string, typeof events>();
    for (const record of scenario.records) byPlacement.set(record.key, [...(byPlacement.get(record.key) ?? []), record.event]);
    const shuffled = [...byPlacement.values()].reverse().flat();
    const options = { from: '2025-01-01', to: '2025-12-31', period: 'quarter' } as const;
    expect(shelterReport(shuffled, options)).toEqual(shelterReport(events, options));
  });
});
