/** Best (least disturbed) time of `run`, repeated until at least `minMs` passed, per call. */
function bestTime(run: () => unknown, tries = 7, minMs = 15): number {
  let best = Infinity;
  for (let t = 0; t < tries; t++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      run();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/**
 * How much slower `run(make(8n))` is than `run(make(n))`: about 8 for linear work, 64 for quadratic.
 * Times are the best of several tries, so a busy machine inflates both sides rather than one.
 */
export function growth(make: (n: number) => string, run: (input: string) => unknown, n: number): number {
  const small = make(n);
  const large = make(8 * n);
  run(small);
  run(large);
  // The least of three ratios: a disturbance (GC, another process) only ever inflates one of them.
  let least = Infinity;
  for (let k = 0; k < 3; k++) least = Math.min(least, bestTime(() => run(large)) / bestTime(() => run(small)));
  return least;
}
