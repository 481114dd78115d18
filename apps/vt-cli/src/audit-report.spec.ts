import { runAuditReplay } from './audit-replay';
import { runAuditReport } from './audit-report';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe('vt audit report and replay: usage', () => {
  it('explains a wrong region and period at once, with exit code 2', async () => {
    const run = capture();
    expect(await runAuditReport(['--region', 'vt-atlantis', '--period', '2025Q3'], run.io, { KAFKA_BROKERS: '127.0.0.1:1' })).toBe(2);
    expect(run.out.stderr).toContain('--region "vt-atlantis" is not a Veilig Thuis region');
    expect(run.out.stderr).toContain('--period must be a half-year like 2025H1');
    expect(run.out.stderr).toContain('npm run vt -- audit report --help');
  });

  // Rule (plan "Regions", docs/adr/0017): the report is per VT region; a veiligheidsregio (VR20 = two VT regions) is refused.
  it('refuses a veiligheidsregio as region, naming the VT regions that serve it', async () => {
    const run = capture();
    expect(await runAuditReport(['--region', 'VR20', '--period', '2025H1'], run.io, { KAFKA_BROKERS: '127.0.0.1:1' })).toBe(2);
    expect(run.out.stderr).toContain('--region "VR20" is a veiligheidsregio, not a Veilig Thuis region; VR20 is served by vt-west-brabant and vt-midden-brabant');
  });

  it('needs brokers and a household id', async () => {
    const noBrokers = capture();
    expect(await runAuditReport(['--region', 'vt-utrecht', '--period', '2025H1'], noBrokers.io, {})).toBe(2);
    expect(noBrokers.out.stderr).toContain('--brokers is missing');
    const badId = capture();
    expect(await runAuditReplay(['--household', 'not-a-uuid'], badId.io, { KAFKA_BROKERS: '127.0.0.1:1' })).toBe(2);
    expect(badId.out.stderr).toContain('--household must be a UUID');
  });

  it('prints its help', async () => {
    const help = capture();
    expect(await runAuditReplay(['--help'], help.io, {})).toBe(0);
    expect(help.out.stdout).toContain('[erased <date>]');
  });
});
