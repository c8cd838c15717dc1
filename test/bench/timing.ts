/** The middle value: what a run usually costs, whatever the odd slow one did. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Milliseconds one run takes, awaited. */
export async function timed(run: () => unknown): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

/** Median of `runs` warm runs (after one untimed run that fills caches and prepares statements). */
export async function warm(run: () => unknown, runs: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(run));
  return median(times);
}
