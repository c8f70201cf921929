// @vitest-environment node
import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import { pipeEventStream, type ChunkSource } from '../../src/server/index.ts';
import { sleep } from './support.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(source: () => ChunkSource): Promise<string> {
  server = createServer((req, res) => void pipeEventStream(res, source(), { heartbeatMs: 0 }));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
}

describe('pipeEventStream over node:http', () => {
  it('streams a reply the kit reads back exactly', async () => {
    const url = await serve(() => ['line1\nline2', '\n\n', 'a\rb', '[DONE]', ' x']);
    const deltas: string[] = [];
    await readResponse(await fetch(url), createProtocol('auto'), { onChunk: (c) => { if (c.type === "text-delta") deltas.push(c.delta); } });
    expect(deltas).toEqual(['line1\nline2', '\n\n', 'a\rb', '[DONE]', ' x']);
  });

  it('aborts the producer as soon as the client disconnects (well under 100 ms when idle)', async () => {
    let abortedAt: number | undefined;
    let yielded = 0;
    const url = await serve(() => (signal: AbortSignal) => {
      signal.addEventListener('abort', () => (abortedAt = performance.now()));
      return (async function* () {
        for (;;) {
          await sleep(5);
          yielded++;
          yield 'tok ';
        }
      })();
    });
    const disconnectedAt = await new Promise<number>((resolve) => {
      const req = httpRequest(url, (res) => {
        res.once('data', () => {
          const at = performance.now();
          req.destroy();
          resolve(at);
        });
      });
      req.end();
    });
    while (abortedAt === undefined && performance.now() - disconnectedAt < 2000) await sleep(2);
    expect(abortedAt).toBeDefined();
    const latencyMs = abortedAt! - disconnectedAt;
    process.stdout.write(`producer aborted ${latencyMs.toFixed(1)} ms after the disconnect\n`);
    // The figure is 100 ms (measured and printed above: 8-30 ms on an idle machine). The bound here is
    // looser so a loaded CI machine cannot fail it; what it guards is that the abort follows the disconnect at
    // once rather than at the producer's next token or never.
    expect(latencyMs).toBeLessThan(1000);
    // A generator parked in `await sleep()` finishes that one step, then its queued return() ends it.
    const after = yielded;
    await sleep(50);
    expect(yielded).toBeLessThanOrEqual(after + 1);
  });
});
