/** Timing helpers: repeated measurement with warm-up, percentiles. */
import { performance } from "node:perf_hooks";

export interface Timing {
  samples: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Percentile by linear interpolation between closest ranks (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function summarise(values: readonly number[]): Timing {
  return {
    samples: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    mean: round(values.reduce((s, v) => s + v, 0) / Math.max(1, values.length)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  };
}

/** Runs `fn` `warmup` times unmeasured, then `samples` times measured (milliseconds). */
export async function measure(fn: () => unknown, options: { warmup: number; samples: number }): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return summarise(times);
}
