// `npm run build`: compiles every service and the CLI to JavaScript in dist/, so they start with plain
// `node dist/apps/<service>/src/main.js`: no ts-node, no swc and no TypeScript sources at run time.
//
// swc transpiles each file (types are checked by `tsc --noEmit` in `npm run lint` and `npm test`) and rewrites
// the workspace's path aliases (@vt/...) to relative requires. dist/ keeps the repository's layout and carries
// the configuration and reference data the code reads beside it (config/, data/reference/), so the folder is
// self-contained: the Dockerfiles copy dist/ and the production dependencies, nothing else.
//
// Incremental: a file is compiled again only when its source is newer than its output, and outputs whose
// source is gone are removed, so the test run's global setup can call it every time (about a second when
// nothing changed). `--clean` starts from an empty dist/.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** What `npm run build` compiles: every app and library source that is not a test. */
const SOURCE_ROOTS = ['apps', 'libs'];
const IS_TEST = /(\.spec|\.int-spec|\.e2e-spec)\.ts$/;
/** Read at run time relative to the code (see each DEFAULT_*_FILE); copied so dist/ stands on its own. */
const RUNTIME_FILES = ['config', path.join('data', 'reference')];

function sources(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, found);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !IS_TEST.test(entry.name) && full.split(path.sep).includes('src')) found.push(full);
  }
  return found;
}

function outputs(dir, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) outputs(full, found);
    else if (entry.name.endsWith('.js')) found.push(full);
  }
  return found;
}

export function build({ outDir = path.join(ROOT, 'dist'), clean = false, quiet = false } = {}) {
  const started = process.hrtime.bigint();
  const swc = require('@swc/core');
  const { compilerOptions } = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8'));
  if (clean) rmSync(outDir, { recursive: true, force: true });
  const options = (filename) => ({
    filename,
    cwd: ROOT,
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    inlineSourcesContent: false,
    module: { type: 'commonjs', strict: false, noInterop: false },
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: ROOT,
      paths: compilerOptions.paths,
    },
  });

  const files = SOURCE_ROOTS.flatMap((root) => sources(path.join(ROOT, root)));
  const expected = new Set();
  let compiled = 0;
  for (const file of files) {
    const relative = path.relative(ROOT, file);
    const target = path.join(outDir, relative.replace(/\.ts$/, '.js'));
    expected.add(target);
    if (existsSync(target) && statSync(target).mtimeMs >= statSync(file).mtimeMs) continue;
    const { code, map } = swc.transformFileSync(file, options(file));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
    compiled += 1;
  }
  let removed = 0;
  for (const stale of outputs(path.join(outDir, 'apps')).concat(outputs(path.join(outDir, 'libs')))) {
    if (expected.has(stale)) continue;
    rmSync(stale, { force: true });
    rmSync(`${stale}.map`, { force: true });
    removed += 1;
  }
  for (const runtime of RUNTIME_FILES) {
    const target = path.join(outDir, runtime);
    rmSync(target, { recursive: true, force: true });
    cpSync(path.join(ROOT, runtime), target, { recursive: true });
  }
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  if (!quiet) process.stderr.write(`build: ${compiled} of ${files.length} files compiled, ${removed} stale removed, into ${path.relative(ROOT, outDir) || '.'}/ in ${ms} ms\n`);
  return { compiled, total: files.length, removed, ms, outDir };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    build({ clean: process.argv.includes('--clean') });
  } catch (error) {
    process.stderr.write(`build failed: ${error.message}\n`);
    process.exit(1);
  }
}
