/** Binary search over ascending numbers, shared by line indexes, piece tables and code-point maps. */

/** The first index i of ascending `sorted` with sorted[i] >= value (sorted.length when none). */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last index i of ascending integer `sorted` with sorted[i] <= value (-1 when none). */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  return lowerBound(sorted, Math.floor(value) + 1) - 1;
}
