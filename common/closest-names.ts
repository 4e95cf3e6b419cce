/** "Did you mean" for names a person typed: spec keys, data columns, commands. */

/**
 * Up to two existing names closest to `name` (case-insensitive edit distance), for "did you mean": only
 * those at the smallest distance found, so a clear match is not diluted by a farther one.
 */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const target = name.toLowerCase();
  const near = candidates
    .map((candidate) => ({ candidate, distance: editDistance(target, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(target.length / 3)))
    .sort((a, b) => a.distance - b.distance);
  return near
    .filter(({ distance }) => distance === near[0]?.distance)
    .slice(0, 2)
    .map(({ candidate }) => candidate);
}

/** Edits between `a` and `b`, where swapping two neighbouring letters (the commonest typo) is one edit. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        current[j] = Math.min(current[j]!, before[j - 2]! + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
