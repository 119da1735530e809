// Small arithmetic shared by the runs and the results: percentiles of sorted latencies, figures
// rounded for the JSON (null, not NaN, which JSON cannot hold), and even splits of connections.

/** The p-th percentile of an ascending array (nearest rank); NaN when it is empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round2 = (n) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);

/** `total` split over `parts` as evenly as integers allow. */
export function split(total, parts) {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}
