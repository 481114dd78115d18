import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, connect, createServer, Socket } from 'node:net';
import { describeOpenHandles } from './open-handles';

/** The diagnostic jest's global teardown prints when a run does not exit must name what keeps the process alive. */
describe('describeOpenHandles', () => {
  it('names an open socket by both ends and a running child process by its command, and neither once closed', async () => {
    const accepted: Socket[] = [];
    const server = createServer((socket) => accepted.push(socket.on('error', () => undefined)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    // Alive until killed: it waits for input on a pipe that is never written to.
    const child = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
    await once(child, 'spawn');
    try {
      const lines = describeOpenHandles();
      expect(lines).toContain(`socket 127.0.0.1:${socket.localPort} -> 127.0.0.1:${port}`);
      expect(lines).toContain(`child process ${child.pid}: ${process.execPath} -e process.stdin.resume()`);
    } finally {
      child.kill('SIGKILL');
      socket.destroy();
      // The server's end of the connection stays open until it is destroyed too; the server closes after it.
      for (const end of accepted) end.destroy();
      server.close();
    }
    await Promise.all([once(child, 'exit'), once(server, 'close')]);
    expect(describeOpenHandles().filter((line) => line.includes(`${port}`) || line.includes(`${child.pid}`))).toEqual([]);
  });
});
