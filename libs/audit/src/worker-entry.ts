import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where a worker thread's code is: `<name>.js` in `dir` when built (dist/), else the TypeScript source `<name>.ts`,
 * loaded through the workspace's `tools/register.cjs` (the benchmark, `npm run vt`, the tests). Undefined when
 * neither is there.
 */
export function workerEntry(dir: string, name: string): { file: string; execArgv: string[] } | undefined {
  const js = join(dir, `${name}.js`);
  if (existsSync(js)) return { file: js, execArgv: [] };
  const ts = join(dir, `${name}.ts`);
  if (!existsSync(ts)) return undefined;
  for (let at = dir; ; at = dirname(at)) {
    const register = join(at, 'tools', 'register.cjs');
    if (existsSync(register)) return { file: ts, execArgv: ['-r', register] };
    if (dirname(at) === at) return undefined;
  }
}
