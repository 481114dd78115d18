import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value the probe yields', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? calls : undefined), { description: 'third call', intervalMs: 1 })).resolves.toBe(3);
  });

  it('fails with what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('broker not ready');
        },
        { description: 'the broker', timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow('Timed out after 20 ms waiting for the broker (last error: broker not ready)');
  });
});
