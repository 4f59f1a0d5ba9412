import Model
import Randomness

/// The state of one Metropolis Monte Carlo trajectory (paper Sec. II A): unwrapped positions,
/// species, the random stream, the sweep counter and acceptance counters, plus the Verlet
/// neighbour list that makes a trial's energy change O(neighbours).
///
/// Storage is raw struct-of-arrays memory owned by this object, so the hot loops run on plain
/// pointers with no ARC or exclusivity traffic. One instance is used by one thread at a time.
public final class MonteCarloSimulation {
    public let count: Int
    public let boxLength: Double
    public let potential: PairPotential
    public private(set) var parameters: MonteCarloParameters

    /// Unwrapped positions, interleaved x₀ y₀ x₁ y₁ … so one cache line serves a neighbour
    /// (never folded into the box, so displacements are direct differences). Slot N past the
    /// end is a dummy particle at the origin of species 0 that pads neighbour rows; its entries
    /// have ε = 0, and the reference kernel never reads past a row's count.
    let xy: UnsafeMutablePointer<Double>
    /// Storage order: slot s holds particle `order[s]`; `slot` is the inverse. Particles are
    /// stored sorted by cells of about 2σ, so a particle's neighbours sit close in memory. The
    /// order is fixed at the start of a trajectory and saved in checkpoints (a trial picks a
    /// uniformly random slot, which is a uniformly random particle).
    let order: [Int]
    let slot: [Int]
    /// Species codes 0, 1, 2 (S, M, L).
    let species: UnsafeMutablePointer<Int32>
    var table: UnsafeMutablePointer<PairCoefficients>
    /// The same coefficients as 16-byte pairs for the SIMD kernel: for pair type t,
    /// [3t] = (σ², r_c²), [3t + 1] = (4ε, c0), [3t + 2] = (c2, c4).
    var pairs: UnsafeMutablePointer<SIMD2<Double>>
    /// The pair energy the quantized kernel samples.
    let energy: QuantizedPairEnergy
    var uniformListCutoff: Bool
    var list: VerletList
    /// The ΔE kernel of translational trials (`.reference` only for tests and benchmarks).
    public var kernel: TranslationKernel = .quantized

    /// The trajectory's random stream (state is part of every checkpoint).
    public internal(set) var stream: RandomStream
    /// Completed sweeps (N translational trials each).
    public internal(set) var sweep: Int = 0
    public internal(set) var trials: UInt64 = 0
    public internal(set) var acceptedMoves: UInt64 = 0
    public internal(set) var swapTrials: UInt64 = 0
    public internal(set) var acceptedSwaps: UInt64 = 0
    /// Number of Verlet-list rebuilds (diagnostic).
    public internal(set) var rebuilds: Int = 0

    /// Starts a trajectory from `configuration` (positions taken as given, unwrapped or not).
    public convenience init(configuration c: Configuration, parameters: MonteCarloParameters,
                            stream: RandomStream, mixture: Mixture = .paper) throws {
        try self.init(configuration: c, parameters: parameters, stream: stream, mixture: mixture, order: nil)
    }

    /// `order[s]` is the particle stored in slot s; nil sorts the particles spatially.
    init(configuration c: Configuration, parameters: MonteCarloParameters,
         stream: RandomStream, mixture: Mixture, order given: [Int]?) throws {
        guard c.count >= 2 else {
            throw MonteCarloError.invalidParameter(field: "configuration.count", value: "\(c.count)", allowed: "at least 2 particles")
        }
        guard c.isSquare else { // the engine's kernels fold positions with one side L
            throw MonteCarloError.invalidParameter(field: "configuration box", value: "\(c.lx) × \(c.ly)",
                                                   allowed: "a square box (Lx = Ly); rectangular boxes are for analysis only")
        }
        let potential = PairPotential(mixture: mixture)
        let reach = potential.maximumCutoff + parameters.skin
        guard c.boxLength > 2 * reach else {
            throw MonteCarloError.invalidParameter(
                field: "configuration.boxLength", value: "\(c.boxLength)",
                allowed: "more than twice the largest cutoff plus skin (\(2 * reach)); use more particles")
        }
        guard c.x.allSatisfy(\.isFinite), c.y.allSatisfy(\.isFinite) else {
            throw MonteCarloError.invalidParameter(field: "configuration positions", value: "non-finite", allowed: "finite coordinates")
        }
        try EngineLimits.check("configuration.count", c.count, in: 2, EngineLimits.maxParticles)
        if let (i, j) = c.coincidentPair() { // their pair energy would be NaN
            throw MonteCarloError.invalidParameter(field: "configuration positions", value: "particles \(i) and \(j) at the same place",
                                                   allowed: "no two particles closer than \(Configuration.coincidenceDistance)")
        }
        count = c.count; boxLength = c.boxLength
        self.potential = potential; self.parameters = parameters; self.stream = stream
        energy = QuantizedPairEnergy(potential)
        xy = .allocate(capacity: 2 * count + 2); species = .allocate(capacity: count + 1)
        xy[2 * count] = 0; xy[2 * count + 1] = 0; species[count] = 0
        let order = given ?? MonteCarloSimulation.spatialOrder(c)
        var slot = [Int](repeating: 0, count: count)
        for (s, i) in order.enumerated() {
            slot[i] = s
            xy[2 * s] = c.x[i]; xy[2 * s + 1] = c.y[i]; species[s] = Int32(c.species[i].rawValue)
        }
        self.order = order; self.slot = slot
        uniformListCutoff = parameters.swapFraction > 0
        table = .allocate(capacity: 9); pairs = .allocate(capacity: 27)
        list = VerletList(count: count)
        loadTable()
        rebuildList()
    }

    deinit {
        xy.deallocate(); species.deallocate(); table.deallocate(); pairs.deallocate()
        list.deallocate()
    }

    /// Changes temperature, displacement or swap rate between runs (e.g. a quench).
    public func setParameters(_ p: MonteCarloParameters) {
        parameters = p
        // Swaps change a particle's species, so the list must then reach the largest cutoff.
        uniformListCutoff = p.swapFraction > 0
        loadTable()
        rebuildList()
    }

    func loadTable() {
        let t = PairCoefficients.table(potential, skin: parameters.skin, uniform: uniformListCutoff)
        for k in 0..<9 {
            table[k] = t[k]
            pairs[3 * k] = SIMD2(t[k].sigma2, t[k].cutoff2)
            pairs[3 * k + 1] = SIMD2(t[k].fourEpsilon, t[k].c0)
            pairs[3 * k + 2] = SIMD2(t[k].c2, t[k].c4)
        }
        list.skin = parameters.skin
    }

    /// The current configuration with unwrapped positions.
    public var configuration: Configuration {
        Configuration(boxLength: boxLength, x: positionsX, y: positionsY,
                      species: (0..<count).map { Species(rawValue: UInt8(species[slot[$0]]))! })
    }

    /// Unwrapped positions, copied.
    public var positionsX: [Double] { (0..<count).map { xy[2 * slot[$0]] } }
    public var positionsY: [Double] { (0..<count).map { xy[2 * slot[$0] + 1] } }

    /// Particle indices sorted by row-major cells of side ≥ 2 (stable within a cell).
    static func spatialOrder(_ c: Configuration) -> [Int] {
        let m = max(1, Int((c.boxLength / 2).rounded(.down))), size = c.boxLength / Double(m)
        let key = (0..<c.count).map { i -> Int in
            let cx = min(m - 1, Int(wrap(c.x[i], c.boxLength) / size)), cy = min(m - 1, Int(wrap(c.y[i], c.boxLength) / size))
            return cy * m + (cy % 2 == 0 ? cx : m - 1 - cx) // serpentine rows keep row ends adjacent
        }
        return (0..<c.count).sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
    }

    /// Fraction of accepted translational trials so far.
    public var acceptanceRate: Double { trials == 0 ? 0 : Double(acceptedMoves) / Double(trials) }
    /// Fraction of accepted swap trials (trials between equal species count as rejected).
    public var swapAcceptanceRate: Double { swapTrials == 0 ? 0 : Double(acceptedSwaps) / Double(swapTrials) }

    /// Resets the acceptance counters (e.g. after preparation), keeping the state.
    public func resetCounters() { trials = 0; acceptedMoves = 0; swapTrials = 0; acceptedSwaps = 0 }
}

extension MonteCarloSimulation {
    /// Starts trajectory `index` of a seeded task with stream (seed, equilibration, [index]),
    /// for callers that do not manage streams themselves.
    public convenience init(configuration: Configuration, parameters: MonteCarloParameters, seed: UInt64, index: UInt64 = 0,
                            mixture: Mixture = .paper) throws {
        try self.init(configuration: configuration, parameters: parameters,
                      stream: RandomStream(seed: seed, purpose: .equilibration, indices: [index]), mixture: mixture)
    }
}
