/**
 * The engine behind `assignCohort`: an exact maximum-weight b-matching (a transportation problem
 * with an optional "waitlist" for every mentee), solved as a min-cost flow by successive shortest
 * paths with node potentials — the Hungarian algorithm, generalised to mentors with capacity.
 *
 * The network: source → each mentee (capacity 1) → each mentor she may have (cost −score) →
 * sink (capacity = the mentor's places), plus mentee → sink directly (her waitlist, cost 0). Every
 * mentee sends one unit, so "leaving her out" is just the cheapest route when nothing better fits.
 *
 * Why this and not the textbook slot expansion: a mentor with three places is ONE node whose edge
 * to the sink carries three units, instead of three identical slot columns that the search would
 * scan three times over. Why not the auction algorithm: it needs ε-scaling and integer costs to be
 * exact, and asymmetric problems (places ≠ mentees, plus waitlists) need a reverse phase on top;
 * this is exact on the scores as given (double arithmetic, no scaling) and is fast enough.
 *
 * Mentees are added one at a time. Before mentee i arrives the current flow is optimal for mentees
 * 0..i−1 and the potentials prove it (every residual edge has a non-negative reduced cost).
 * A Dijkstra search from i over the residual graph finds the cheapest way to fit her in — straight
 * to a mentor with a free place, onto her waitlist, or by moving a chain of earlier mentees along
 * (one of whom may be moved to the waitlist). Augmenting along it keeps the flow optimal for
 * 0..i, and the potentials are updated so the next search may use Dijkstra again.
 *
 * Reduced costs, with c the edge cost, p the potentials (the sink's is always 0, see `update`):
 *   mentee r → mentor j (not her mentor):  −s(r,j) + pRow[r] − pMentor[j]
 *   mentor j → mentee r (her mentor):      s(r,j) + pMentor[j] − pRow[r]   (always 0: tight)
 *   mentee r → sink (not waitlisted):       pRow[r]
 *   mentor j → sink (j has a free place):   pMentor[j]
 * The graph is dense (every pair unless excluded), so the search is the O(V²) array form of
 * Dijkstra, not a heap: each settled mentee relaxes all mentors in one tight loop.
 */

/** Scores row-major (mentee × mentor); −Infinity marks an excluded pair. */
export interface FlowProblem {
  menteeCount: number;
  mentorCount: number;
  scores: Float64Array;
  capacities: Int32Array;
}

/** −1: on the waitlist. */
export type MentorOfMentee = Int32Array;

export function solveAssignmentFlow(problem: FlowProblem): MentorOfMentee {
  const solver = new FlowSolver(problem);
  for (let i = 0; i < problem.menteeCount; i++) solver.add(i);
  return solver.mentorOf;
}

class FlowSolver {
  private readonly m: number;
  private readonly s: Float64Array;
  private readonly cap: Int32Array;
  readonly mentorOf: Int32Array;
  /** Mentor j's mentees are members[start[j] .. start[j] + load[j]). */
  private readonly start: Int32Array;
  private readonly load: Int32Array;
  private readonly members: Int32Array;
  private readonly pRow: Float64Array;
  private readonly pMentor: Float64Array;
  // Per-search scratch, allocated once: 2,000 searches must not allocate 2,000 times.
  private readonly dist: Float64Array;
  private readonly prevRow: Int32Array;
  /** pMentor, or −Infinity while the mentor is settled in the current search. */
  private readonly pLive: Float64Array;
  private readonly settledDist: Float64Array;
  /** The mentee through whom each settled mentor was reached: the shortest path, read backwards. */
  private readonly pathPrev: Int32Array;
  private readonly dRow: Float64Array;
  private readonly settledRows: Int32Array;
  private readonly settledMentors: Int32Array;
  private rowCount = 0;
  private mentorCount = 0;
  private nearest = Infinity;
  private nearestMentor = -1;
  private distT = Infinity;
  /** How the sink was reached: mentor j with a free place (≥ 0), or mentee r's waitlist (−r − 1). */
  private viaT = 0;

  constructor(problem: FlowProblem) {
    const { menteeCount: n, mentorCount: m } = problem;
    this.m = m;
    this.s = problem.scores;
    this.cap = problem.capacities;
    this.mentorOf = new Int32Array(n).fill(-1);
    this.start = new Int32Array(m);
    let places = 0;
    for (let j = 0; j < m; j++) {
      this.start[j] = places;
      places += this.cap[j]!;
    }
    this.load = new Int32Array(m);
    this.members = new Int32Array(places);
    this.pRow = new Float64Array(n);
    this.pMentor = new Float64Array(m);
    this.dist = new Float64Array(m);
    this.prevRow = new Int32Array(m);
    this.pLive = new Float64Array(m);
    this.settledDist = new Float64Array(m);
    this.pathPrev = new Int32Array(m);
    this.dRow = new Float64Array(n);
    this.settledRows = new Int32Array(n);
    this.settledMentors = new Int32Array(m);
  }

  /** Fits mentee i in, keeping the assignment of 0..i optimal. */
  add(i: number): void {
    this.pRow[i] = this.entryPotential(i);
    this.search(i);
    this.update();
    this.augment(i);
  }

  /** The smallest potential that keeps all of i's edges non-negative (her waitlist included). */
  private entryPotential(i: number): number {
    const { s, pMentor, m } = this;
    let best = 0;
    const row = i * m;
    for (let j = 0; j < m; j++) {
      const v = s[row + j]! + pMentor[j]!;
      if (v > best) best = v;
    }
    return best;
  }

  /** Dijkstra from mentee i until the sink is the nearest unsettled node. */
  private search(i: number): void {
    this.dist.fill(Infinity);
    this.rowCount = 0;
    this.mentorCount = 0;
    this.distT = Infinity;
    this.dRow[i] = 0;
    this.settledRows[this.rowCount++] = i;
    this.relax(i, true);
    for (;;) {
      const best = this.nearest;
      const j = this.nearestMentor;
      // Ties go to the sink: a chain of moves that gains nothing is not worth making.
      if (j < 0 || this.distT <= best) return;
      this.settleMentor(j, best);
      if (this.load[j]! < this.cap[j]!) {
        // Her potential is 0 (a mentor with room is level with the sink), so the sink is as near.
        const viaFreePlace = best + this.pMentor[j]!;
        if (viaFreePlace < this.distT) {
          this.distT = viaFreePlace;
          this.viaT = j;
        }
        if (this.distT <= best) return;
      }
      // Her mentees' edges are tight, so each is exactly as far away as she is. The last one's
      // pass also finds the next nearest mentor, which saves a separate scan per step.
      const from = this.start[j]!;
      const to = from + this.load[j]! - 1;
      for (let k = from; k <= to; k++) {
        const r = this.members[k]!;
        this.dRow[r] = best;
        this.settledRows[this.rowCount++] = r;
        this.relax(r, k === to);
      }
    }
  }

  /**
   * Takes mentor j out of the running: her distance and path are recorded, her `dist` becomes
   * +Infinity (so the nearest-mentor scan skips her without a test) and her `pLive` −Infinity
   * (so every later candidate for her is +Infinity and never replaces the recorded path).
   */
  private settleMentor(j: number, d: number): void {
    this.settledMentors[this.mentorCount] = j;
    this.settledDist[this.mentorCount++] = d;
    this.pathPrev[j] = this.prevRow[j]!;
    this.dist[j] = Infinity;
    this.pLive[j] = -Infinity;
  }

  /** Relaxes every edge out of settled mentee r; with `findNearest`, also finds the nearest mentor. */
  private relax(r: number, findNearest: boolean): void {
    const { s, dist, prevRow, pLive, m } = this;
    const base = this.dRow[r]! + this.pRow[r]!;
    const row = r * m;
    // An excluded pair scores −Infinity, so its candidate is +Infinity and never taken.
    if (findNearest) {
      let best = Infinity;
      let bj = -1;
      for (let j = 0; j < m; j++) {
        const candidate = base - s[row + j]! - pLive[j]!;
        if (candidate < dist[j]!) {
          dist[j] = candidate;
          prevRow[j] = r;
        }
        if (dist[j]! < best) {
          best = dist[j]!;
          bj = j;
        }
      }
      this.nearest = best;
      this.nearestMentor = bj;
    } else {
      for (let j = 0; j < m; j++) {
        const candidate = base - s[row + j]! - pLive[j]!;
        if (candidate < dist[j]!) {
          dist[j] = candidate;
          prevRow[j] = r;
        }
      }
    }
    if (base < this.distT) {
      this.distT = base;
      this.viaT = -r - 1;
    }
  }

  /**
   * Johnson's re-weighting: settled nodes move by (their distance − the sink's), the rest stay.
   * That keeps every reduced cost ≥ 0 and the sink's potential at 0 for good.
   */
  private update(): void {
    const t = this.distT;
    for (let k = 0; k < this.mentorCount; k++) {
      const j = this.settledMentors[k]!;
      this.pMentor[j]! += this.settledDist[k]! - t;
      this.pLive[j] = this.pMentor[j]!;
    }
    for (let k = 0; k < this.rowCount; k++) {
      const r = this.settledRows[k]!;
      this.pRow[r]! += this.dRow[r]! - t;
    }
  }

  /** Walks the shortest path back from the sink, moving each mentee on it one step along. */
  private augment(i: number): void {
    let j: number;
    if (this.viaT < 0) {
      const r = -this.viaT - 1;
      if (r === i) return; // she is the one waitlisted; nobody moves
      j = this.mentorOf[r]!;
      this.remove(r, j);
      this.mentorOf[r] = -1;
    } else {
      j = this.viaT;
    }
    // Place j now has room: the mentee who reached j takes it, freeing her old place, and so on.
    for (;;) {
      const r = this.pathPrev[j]!;
      const old = this.mentorOf[r]!;
      this.members[this.start[j]! + this.load[j]!] = r;
      this.load[j]!++;
      this.mentorOf[r] = j;
      if (r === i) return;
      this.remove(r, old);
      j = old;
    }
  }

  private remove(r: number, j: number): void {
    const from = this.start[j]!;
    const last = from + this.load[j]! - 1;
    for (let k = from; k <= last; k++) {
      if (this.members[k] === r) {
        this.members[k] = this.members[last]!;
        this.load[j]!--;
        return;
      }
    }
    throw new Error(`assignment invariant broken: mentee ${r} not with mentor ${j}`);
  }
}
