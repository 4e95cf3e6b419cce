/**
 * Multi-objective differential evolution in the manner of nevergrad's `TwoPointsDE`, the optimiser Robyn
 * uses (method notes §4.4), on the unit cube [0, 1]^d:
 *
 * - a population of `populationSize` points (30, nevergrad's minimum), initialised uniformly;
 * - current-to-best mutation: donor = x + F1·(a − b) + F2·(best − x), F1 = F2 = 0.8, where `best` is the
 *   parent itself when it is on the Pareto archive and otherwise a random archive member, and a, b are
 *   two archive members when the archive has more than two points (else two other population members);
 * - two-point crossover between donor and parent (uniform crossover with CR = ½ when d < 4), at least
 *   one coordinate from the donor;
 * - out-of-bounds coordinates reflected once at the bound ("bouncing"), then clipped;
 * - selection: the child replaces its parent with probability Σ_k w_k·[child_k < parent_k] / Σ_k w_k,
 *   the objective weights biasing it (nevergrad `set_objective_weights`);
 * - the Pareto archive holds every non-dominated point told so far whose losses are all below the
 *   reference point (1, 1[, 1]) (nevergrad's `MultiobjectiveReference`).
 *
 * Unlike nevergrad under Robyn, the batch is always one whole generation, whatever the number of worker
 * threads, so the same seed gives the same search on any machine (Robyn's batch follows the core count).
 * Exact parity with nevergrad's random streams is not attainable and not attempted.
 */
import type { Rng } from "./rng.ts";

const F1 = 0.8;
const F2 = 0.8;

interface ArchiveEntry {
  x: Float64Array;
  losses: Float64Array;
}

export interface TwoPointsDEOptions {
  objectives: number;
  populationSize?: number;
  /** Per-objective weights of the selection; equal by default. */
  objectiveWeights?: readonly number[];
  /** Losses above this point are never in the archive; (1, 1[, 1]) as in Robyn. */
  reference?: readonly number[];
}

export class TwoPointsDE {
  readonly populationSize: number;
  private readonly k: number;
  private readonly weights: Float64Array;
  private readonly reference: Float64Array;
  private readonly population: Float64Array;
  private readonly populationLosses: Float64Array;
  /** The archive entry each population member is, while it is in the archive. */
  private readonly memberEntry: (ArchiveEntry | undefined)[];
  private archive: ArchiveEntry[] = [];
  private initialised = 0;
  private readonly donor: Float64Array;

  constructor(
    readonly dimension: number,
    private readonly rng: Rng,
    options: TwoPointsDEOptions,
  ) {
    this.populationSize = options.populationSize ?? 30;
    this.k = options.objectives;
    this.weights = Float64Array.from(options.objectiveWeights ?? new Array<number>(this.k).fill(1));
    this.reference = Float64Array.from(options.reference ?? new Array<number>(this.k).fill(1));
    this.population = new Float64Array(this.populationSize * dimension);
    this.populationLosses = new Float64Array(this.populationSize * this.k).fill(Number.POSITIVE_INFINITY);
    this.memberEntry = new Array<ArchiveEntry | undefined>(this.populationSize);
    this.donor = new Float64Array(dimension);
  }

  /**
   * Writes `count` (≤ population size) candidates into `out`, one per parent 0..count−1 of the next
   * generation; the first generation is drawn uniformly.
   */
  ask(count: number, out: Float64Array): void {
    const d = this.dimension;
    for (let i = 0; i < count; i++) {
      if (this.initialised < this.populationSize) {
        for (let j = 0; j < d; j++) out[i * d + j] = this.rng.next();
      } else {
        this.breed(i, out, i * d);
      }
    }
  }

  /** Reports the losses (count × objectives) of the candidates last asked for, in the same order. */
  tell(candidates: Float64Array, losses: Float64Array, count: number): void {
    const { dimension: d, k } = this;
    for (let i = 0; i < count; i++) {
      const x = candidates.subarray(i * d, (i + 1) * d);
      const loss = losses.subarray(i * k, (i + 1) * k);
      const entry = this.addToArchive(x, loss);
      if (this.initialised < this.populationSize) {
        this.population.set(x, this.initialised * d);
        this.populationLosses.set(loss, this.initialised * k);
        this.memberEntry[this.initialised] = entry;
        this.initialised++;
      } else if (this.replacementProbability(i, loss) > this.rng.next()) {
        this.population.set(x, i * d);
        this.populationLosses.set(loss, i * k);
        this.memberEntry[i] = entry;
      }
    }
  }

  /** Number of points on the current Pareto archive. */
  get archiveSize(): number {
    return this.archive.length;
  }

  private breed(i: number, out: Float64Array, offset: number): void {
    const { dimension: d, population, donor, rng } = this;
    const parent = population.subarray(i * d, (i + 1) * d);
    const onFront = this.memberEntry[i] !== undefined && this.archive.includes(this.memberEntry[i]!);
    const best =
      onFront || this.archive.length === 0 ? parent : this.archive[rng.int(this.archive.length)]!.x;
    let a: Float64Array;
    let b: Float64Array;
    if (this.archive.length > 2) {
      const ia = rng.int(this.archive.length);
      let ib = rng.int(this.archive.length - 1);
      if (ib >= ia) ib++;
      a = this.archive[ia]!.x;
      b = this.archive[ib]!.x;
    } else {
      a = this.otherMember(i, -1);
      b = this.otherMember(i, a === undefined ? -1 : population.indexOf(a[0]!));
    }
    for (let j = 0; j < d; j++) donor[j] = parent[j]! + F1 * (a[j]! - b[j]!) + F2 * (best[j]! - parent[j]!);

    if (d >= 4) {
      // Two cut points 0 ≤ lo < hi ≤ d: the donor's segment [lo, hi) goes into the parent.
      let lo = rng.int(d + 1);
      let hi = rng.int(d);
      if (hi >= lo) hi++;
      if (hi < lo) [lo, hi] = [hi, lo];
      for (let j = 0; j < d; j++) out[offset + j] = j >= lo && j < hi ? donor[j]! : parent[j]!;
    } else {
      const forced = rng.int(d);
      for (let j = 0; j < d; j++) out[offset + j] = j === forced || rng.next() < 0.5 ? donor[j]! : parent[j]!;
    }
    for (let j = 0; j < d; j++) out[offset + j] = bounce(out[offset + j]!);
  }

  /** A random population member other than `i` (and other than the member starting at index `not`). */
  private otherMember(i: number, not: number): Float64Array {
    const d = this.dimension;
    let m = this.rng.int(this.populationSize - 1);
    if (m >= i) m++;
    if (m * d === not && this.populationSize > 2)
      m = (m + 1) % this.populationSize === i ? (m + 2) % this.populationSize : (m + 1) % this.populationSize;
    return this.population.subarray(m * d, (m + 1) * d);
  }

  private replacementProbability(i: number, childLoss: Float64Array): number {
    const parentLoss = this.populationLosses.subarray(i * this.k, (i + 1) * this.k);
    let better = 0;
    let total = 0;
    for (let o = 0; o < this.k; o++) {
      if (childLoss[o]! < parentLoss[o]!) better += this.weights[o]!;
      total += this.weights[o]!;
    }
    return total === 0 ? 0 : better / total;
  }

  /** Adds the point to the archive when it is non-dominated and below the reference; returns its entry. */
  private addToArchive(x: Float64Array, losses: Float64Array): ArchiveEntry | undefined {
    for (let o = 0; o < this.k; o++) if (!(losses[o]! <= this.reference[o]!)) return undefined;
    for (const entry of this.archive) if (dominatesOrEquals(entry.losses, losses)) return undefined;
    this.archive = this.archive.filter((entry) => !dominatesOrEquals(losses, entry.losses));
    const entry = { x: Float64Array.from(x), losses: Float64Array.from(losses) };
    this.archive.push(entry);
    return entry;
  }
}

/** True when `a` is no worse than `b` in every objective (so `b` adds nothing to the archive). */
function dominatesOrEquals(a: Float64Array, b: Float64Array): boolean {
  for (let o = 0; o < a.length; o++) if (a[o]! > b[o]!) return false;
  return true;
}

/** Reflects a coordinate that left [0, 1] back inside once, then clips. */
function bounce(v: number): number {
  const reflected = v < 0 ? -v : v > 1 ? 2 - v : v;
  return Math.min(1, Math.max(0, reflected));
}
