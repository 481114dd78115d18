import { run } from './cli';

// `npm run vt -- <command>`: see apps/vt-cli/README.md.
process.exitCode = run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
