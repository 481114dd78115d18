import { runAuditReport } from './audit-report';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe('vt audit report --shelters: usage', () => {
  it('explains every wrong option at once, with exit code 2 and nothing read', async () => {
    const run = capture();
    const code = await runAuditReport(['--shelters', '--from', '2025-02-30', '--period', 'week', '--region', 'VR20', '--baseline-from', '2024-01-01'], run.io, { KAFKA_BROKERS: '127.0.0.1:1' });
    expect(code).toBe(2);
    expect(run.out.stderr).toContain('--from must be a calendar date YYYY-MM-DD (got "2025-02-30")');
    expect(run.out.stderr).toContain('--to is missing');
    expect(run.out.stderr).toContain('--period must be one of month, quarter, year (got "week")');
    expect(run.out.stderr).toContain('--region "VR20" is a veiligheidsregio, not a Veilig Thuis region');
    expect(run.out.stderr).toContain('--baseline-to is missing');
    expect(run.out.stderr).toContain('npm run vt -- audit report --help');
  });

  it('refuses a report that ends before it starts, and an option it does not know', async () => {
    const reversed = capture();
    expect(await runAuditReport(['--shelters', '--from', '2025-12-31', '--to', '2025-01-01'], reversed.io, { KAFKA_BROKERS: '127.0.0.1:1' })).toBe(2);
    expect(reversed.out.stderr).toContain('--from 2025-12-31 is after --to 2025-01-01');
    const unknown = capture();
    expect(await runAuditReport(['--shelters', '--from', '2025-01-01', '--to', '2025-12-31', '--halfyear'], unknown.io, { KAFKA_BROKERS: '127.0.0.1:1' })).toBe(2);
    expect(unknown.out.stderr).toContain("Unknown option '--halfyear'");
  });

  it('needs brokers', async () => {
    const run = capture();
    expect(await runAuditReport(['--shelters', '--from', '2025-01-01', '--to', '2025-12-31'], run.io, {})).toBe(2);
    expect(run.out.stderr).toContain('--brokers is missing');
  });

  it('prints its help, and the compliance report\'s help points to it', async () => {
    const help = capture();
    expect(await runAuditReport(['--shelters', '--help'], help.io, {})).toBe(0);
    expect(help.out.stdout).toContain('--baseline-from <date>');
    expect(help.out.stdout).toContain('nearest-rank');
    const compliance = capture();
    expect(await runAuditReport(['--help'], compliance.io, {})).toBe(0);
    expect(compliance.out.stdout).toContain('audit report --shelters --help');
  });
});
