/** Timing helpers and the figures table of the bench. */

/** The q-quantile (0..1) of samples (nearest rank). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** Times `run` `count` times after `warmup` runs; milliseconds per run. */
export function sample(run: () => unknown, count: number, warmup = Math.min(5, count)): number[] {
  for (let i = 0; i < warmup; i++) run();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    run();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Times several functions in turns (a, b, a, b …), so machine load falls on each alike. */
export function interleave(runs: Record<string, () => unknown>, count: number, warmup = 5): Record<string, number[]> {
  const names = Object.keys(runs);
  for (let i = 0; i < warmup; i++) for (const name of names) runs[name]();
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (let i = 0; i < count; i++) {
    for (const name of names) {
      const t0 = performance.now();
      runs[name]();
      out[name].push(performance.now() - t0);
    }
  }
  return out;
}

/** One figure of the bench: what was measured, against what target. */
export interface Figure {
  /** Short name, e.g. `parse / floor`. */
  name: string;
  value: number;
  unit: string;
  /** The target, when the issue sets one; `met` compares with `<=`. */
  target?: number;
  /** A stretch target, reported beside the target. */
  stretch?: number;
  /** What the figure is compared with (the floor, the do-nothing server), for the reader. */
  detail?: string;
}

export function met(f: Figure): boolean | null {
  return f.target === undefined || !Number.isFinite(f.value) ? null : f.value <= f.target;
}

function fmt(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit === '×' ? '×' : ` ${unit}`}`;
}

/** The figures as a text table: value, target, ratio to the target, met or not. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ok = met(f);
    const ratio = f.target !== undefined && Number.isFinite(f.value) ? `${(f.value / f.target).toFixed(2)} of target` : '';
    const target = f.target === undefined ? '—' : `≤ ${fmt(f.target, f.unit)}${f.stretch !== undefined ? ` (stretch ${fmt(f.stretch, f.unit)})` : ''}`;
    return [f.name, fmt(f.value, f.unit), target, ratio, ok === null ? '' : ok ? 'met' : 'NOT MET', f.detail ?? ''];
  });
  const head = ['figure', 'value', 'target', 'ratio', '', 'measured as'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
