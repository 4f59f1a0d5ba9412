import Foundation
import Model
import MonteCarlo
import Randomness

/// F_s^CR(k, t) of paper Eq. (1) from one long trajectory with several time origins.
///
/// Origin scheme: origins at sweeps 0, s, 2s, … ((origins − 1)·s) with s = `originSpacing`;
/// from each origin F_s^CR is recorded at log-spaced lags 1 … `maxLag`; the curve is the plain
/// mean over origins. The trajectory is (origins − 1)·s + maxLag sweeps long. Origins closer
/// than τα are correlated but still unbiased.
public struct RelaxationRun: Sendable {
    public var temperature: Double
    public var maxLag: Int
    public var origins: Int
    public var originSpacing: Int
    public var lagsPerDecade: Int
    public var waveNumber: Double
    public var maxDisplacement: Double

    /// Time origins averaged over, and log-spaced lags per decade, unless a caller says otherwise.
    public static let defaultOrigins = 4, defaultLagsPerDecade = 8

    public init(temperature: Double, maxLag: Int, origins: Int = defaultOrigins, originSpacing: Int? = nil, lagsPerDecade: Int = defaultLagsPerDecade,
                waveNumber: Double = paperWaveNumber, maxDisplacement: Double = MonteCarloParameters.paperMaxDisplacement) throws {
        guard temperature.isFinite, temperature > 0 else {
            throw DynamicsError.invalidParameter(field: "temperature", value: "\(temperature)", allowed: "a finite number > 0")
        }
        try DynamicsError.check("maxLag", maxLag, in: 1, EngineLimits.maxSweeps)
        try DynamicsError.check("origins", origins, in: 1, EngineLimits.maxOrigins)
        let spacing = originSpacing ?? max(1, maxLag / 2)
        try DynamicsError.check("originSpacing", spacing, in: 1, EngineLimits.maxSweeps)
        try DynamicsError.check("lagsPerDecade", lagsPerDecade, in: 1, EngineLimits.maxLagsPerDecade)
        // (origins − 1)·spacing + maxLag ≤ 10^4 · 10^11 + 10^11: no overflow; the run must fit the engine.
        let total = (origins - 1) * spacing + maxLag
        guard total <= EngineLimits.maxSweeps else {
            throw DynamicsError.invalidParameter(
                field: "trajectory length (origins − 1)·originSpacing + maxLag", value: "\(total) sweeps",
                allowed: "at most \(EngineLimits.maxSweeps) sweeps (fewer origins or a shorter maxLag)")
        }
        guard waveNumber.isFinite, waveNumber > 0 else { throw DynamicsError.invalidParameter(field: "waveNumber", value: "\(waveNumber)", allowed: "> 0") }
        self.temperature = temperature; self.maxLag = maxLag; self.origins = origins; self.originSpacing = spacing
        self.lagsPerDecade = lagsPerDecade; self.waveNumber = waveNumber; self.maxDisplacement = maxDisplacement
    }

    public var lags: [Int] { logSpacedTimes(maximum: maxLag, perDecade: lagsPerDecade) }
    public var totalSweeps: Int { (origins - 1) * originSpacing + maxLag }

    /// Runs the trajectory from `start` with stream (seed, relaxationRun, [index]). With a
    /// checkpoint URL the run resumes from it and writes one every `checkpointInterval` sweeps.
    /// Throws `DynamicsError.cancelled` when stopped by `cancellation`.
    public func compute(from start: Configuration, seed: UInt64, index: UInt64 = 0, mixture: Mixture = .paper,
                        checkpointURL: URL? = nil, checkpointInterval: Int = 1000, cancellation: CancellationFlag? = nil,
                        progress: ((Int, Int) -> Void)? = nil, resumed: ((Int) -> Void)? = nil) throws -> RelaxationResult {
        let lags = self.lags, total = totalSweeps
        let lagIndex = Dictionary(uniqueKeysWithValues: lags.enumerated().map { ($1, $0) })
        var values = [[Double]](repeating: [Double](repeating: .nan, count: lags.count), count: origins)
        var cages: [Cage] = []
        let parameters = try MonteCarloParameters(temperature: temperature, maxDisplacement: maxDisplacement)
        let completed = try runTrajectory(
            from: start, parameters: parameters, mixture: mixture, stream: RandomStream(seed: seed, purpose: .relaxationRun, indices: [index]),
            finalSweep: total, checkpointURL: checkpointURL, checkpointInterval: checkpointInterval, cancellation: cancellation,
            progress: { progress?($0, total) }, resumed: resumed,
            restore: { bytes in
                var r = BinaryReader(bytes, path: checkpointURL?.path ?? "")
                values = try r.readMatrix()
                let refs = try r.readMatrix()
                guard values.count == origins, values.allSatisfy({ $0.count == lags.count }) else {
                    throw MonteCarloError.checkpointMismatch(path: checkpointURL?.path ?? "", field: "lags/origins",
                                                             stored: "other values", expected: "maxLag \(maxLag), origins \(origins)")
                }
                cages = stride(from: 0, to: refs.count, by: 2).map {
                    Cage(Configuration(boxLength: start.boxLength, x: refs[$0], y: refs[$0 + 1], species: start.species), mixture: mixture)
                }
            },
            record: { sim in
                let t = sim.sweep
                var x: [Double]? = nil, y: [Double]? = nil
                if t % originSpacing == 0 && t / originSpacing < origins && t / originSpacing == cages.count {
                    cages.append(Cage(sim.configuration, mixture: mixture))
                }
                for (o, cage) in cages.enumerated() {
                    guard let l = lagIndex[t - o * originSpacing] else { continue }
                    if x == nil { x = sim.positionsX; y = sim.positionsY }
                    let d = cage.cageRelativeDisplacements(x: x!, y: y!)
                    values[o][l] = selfScattering(dx: d.dx, dy: d.dy, k: waveNumber)
                }
            },
            payload: {
                var w = BinaryWriter()
                w.write(matrix: values)
                w.write(matrix: cages.flatMap { [$0.x0, $0.y0] })
                return w.bytes
            })
        guard completed else { throw DynamicsError.cancelled }
        return RelaxationResult(times: lags, perOrigin: values, waveNumber: waveNumber)
    }
}

/// F_s^CR(k, t) averaged over time origins, with τα where it crosses 1/e.
public struct RelaxationResult: Sendable, Equatable {
    public let times: [Int]
    /// F_s^CR per origin (rows) and lag (columns).
    public let perOrigin: [[Double]]
    public let waveNumber: Double
    /// Mean over origins.
    public var fs: [Double] {
        (0..<times.count).map { l in perOrigin.map { $0[l] }.reduce(0, +) / Double(perOrigin.count) }
    }
    /// Equilibrium check of the issue: F_s^CR from the earlier and the later half of the origins
    /// (the middle origin of an odd count goes to the later half).
    public var halves: (early: [Double], late: [Double]) {
        let h = perOrigin.count / 2
        func mean(_ rows: ArraySlice<[Double]>) -> [Double] {
            (0..<times.count).map { l in rows.map { $0[l] }.reduce(0, +) / Double(max(1, rows.count)) }
        }
        return (mean(perOrigin[..<h]), mean(perOrigin[h...]))
    }
    /// Largest |F_early − F_late| over the lags (0 with a single origin).
    public var maxHalfDifference: Double {
        guard perOrigin.count >= 2 else { return 0 }
        let (a, b) = halves
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
    /// τα in sweeps (F_s^CR = 1/e, interpolated in log t); nil if F_s^CR stays above 1/e.
    public var tauAlpha: Double? { relaxationTime(times: times, values: fs) }

    public init(times: [Int], perOrigin: [[Double]], waveNumber: Double) {
        self.times = times; self.perOrigin = perOrigin; self.waveNumber = waveNumber
    }
}
