// "Did you mean ...?" for unknown names: the nearest candidate by edit distance, when it
// is close enough to be a plausible typo.

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a third of the name's length (at least 1 edit), or null. */
export function nearest(name: string, candidates: Iterable<string>): string | null {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c);
    // Ties go to the candidate closest in length, then to the first in alphabetical order.
    const closer = best !== null && Math.abs(c.length - name.length) < Math.abs(best.length - name.length);
    const same = best !== null && Math.abs(c.length - name.length) === Math.abs(best.length - name.length);
    if (d < bestD || (d === bestD && (closer || (same && c < best!)))) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : null;
}

/** `; did you mean X?` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const n = nearest(name, candidates);
  return n ? `; did you mean ${n}?` : '';
}
