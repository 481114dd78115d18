import { ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';

/** One line per handle that keeps the process alive: sockets with their ends, pipes, child processes (timers are not handles: Node's resource list counts them). */
export function describeOpenHandles(): string[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const lines: string[] = [];
  for (const handle of handles) {
    if (handle === process.stdout || handle === process.stderr || handle === process.stdin) continue;
    if (handle instanceof Socket) {
      if (handle.destroyed) continue;
      if (handle.remoteAddress === undefined) {
        lines.push(`pipe (fd ${(handle as unknown as { _handle?: { fd?: number } })._handle?.fd ?? '?'})`);
        continue;
      }
      lines.push(`socket ${handle.localAddress ?? '?'}:${handle.localPort ?? '?'} -> ${handle.remoteAddress ?? '?'}:${handle.remotePort ?? '?'}${handle.readable ? '' : ' (not readable)'}`);
    } else if (handle instanceof ChildProcess) {
      if (handle.exitCode !== null || handle.signalCode !== null) continue;
      lines.push(`child process ${handle.pid ?? '?'}: ${handle.spawnargs.slice(0, 3).join(' ').slice(0, 200)}`);
    } else {
      lines.push(`${(handle as object | undefined)?.constructor?.name ?? typeof handle}`);
    }
  }
  return lines;
}

/**
 * A diagnostic for a test run that does not end: if the process is still alive `afterMs` after the run finished, it
 * prints what keeps it alive (`describeOpenHandles`, and Node's own resource list) to stderr. The timer is unref'd:
 * it never keeps the process alive itself, and in a run that exits it never fires.
 */
export function reportOpenHandlesIfStillRunning(afterMs: number, what: string): void {
  setTimeout(() => {
    const handles = describeOpenHandles();
    const resources = process.getActiveResourcesInfo().filter((resource) => resource !== 'TTYWrap');
    process.stderr.write(`\n[vt-testing] ${what} has not exited ${Math.round(afterMs / 1000)} s after the run; still open (${resources.join(', ') || 'nothing Node names'}):\n${handles.map((line) => `  ${line}`).join('\n') || '  (no handle)'}\n`);
  }, afterMs).unref();
}
