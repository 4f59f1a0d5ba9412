import Foundation
import Model
import MonteCarlo
import Randomness

/// The iso-configurational ensemble of paper Eq. (3) and Eq. (4): `runs` independent translational-move
/// trajectories from one configuration, with streams (seed, isoconfigurationalRun,
/// [configuration, run]). Records p_i(t) = ⟨|Δr_i^CR(t)|⟩_iso and q_i(t) = ⟨n_i(t)/n_i(0)⟩_iso at
/// every requested time in one pass, and F_s^CR(k, t) at log-spaced times (origin t = 0 of
/// every run). Trajectories run in parallel; the run average is summed in run order, so the
/// result is bit-identical for any thread count.
public struct IsoconfigurationalEnsemble: Sendable {
    public var temperature: Double
    public var runs: Int
    /// Times (sweeps) at which p and q are recorded, increasing.
    public var times: [Int]
    public var lagsPerDecade: Int
    public var waveNumber: Double
    public var maxDisplacement: Double

    public init(temperature: Double, runs: Int, times: [Int], lagsPerDecade: Int = RelaxationRun.defaultLagsPerDecade, waveNumber: Double = paperWaveNumber,
                maxDisplacement: Double = MonteCarloParameters.paperMaxDisplacement) throws {
        guard temperature.isFinite, temperature > 0 else {
            throw DynamicsError.invalidParameter(field: "temperature", value: "\(temperature)", allowed: "a finite number > 0")
        }
        try DynamicsError.check("runs", runs, in: 1, EngineLimits.maxRuns)
        guard !times.isEmpty, times.allSatisfy({ $0 >= 1 }), zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DynamicsError.invalidParameter(field: "times", value: "\(times)", allowed: "a non-empty, strictly increasing list of sweeps ≥ 1")
        }
        try DynamicsError.check("number of times", times.count, in: 1, EngineLimits.maxTimes)
        try DynamicsError.check("last time", times.last!, in: 1, EngineLimits.maxSweeps)
        try DynamicsError.check("lagsPerDecade", lagsPerDecade, in: 1, EngineLimits.maxLagsPerDecade)
        self.temperature = temperature; self.runs = runs; self.times = times
        self.lagsPerDecade = lagsPerDecade; self.waveNumber = waveNumber; self.maxDisplacement = maxDisplacement
    }

    public var finalSweep: Int { times.last! }
    public var curveTimes: [Int] { logSpacedTimes(maximum: finalSweep, perDecade: lagsPerDecade) }

    /// What one trajectory recorded.
    struct RunRecord {
        var absoluteDisplacement: [[Double]] // per requested time, N values (empty until recorded)
        var bondSurvival: [[Double]]
        var fs: [Double]                       // per curve time, NaN until recorded
    }

    /// Runs (or resumes) the ensemble. With `checkpointDirectory`, run m keeps its state in
    /// `iso-seed<seed>-configuration<index>-run<m>.ckpt` there, written every `checkpointInterval` sweeps, so an interrupted task
    /// resumes where it stopped. `threads` = nil uses every core. `progress(done, total)` counts
    /// sweeps over all runs and may be called from any thread; `resumed(sweeps)` says, once per
    /// run continued from a checkpoint, how many of them were loaded rather than computed.
    public func compute(from start: Configuration, seed: UInt64, configuration index: UInt64 = 0, mixture: Mixture = .paper,
                        checkpointDirectory: URL? = nil, checkpointInterval: Int = 1000, threads: Int? = nil,
                        cancellation: CancellationFlag? = nil,
                        progress: (@Sendable (Int, Int) -> Void)? = nil,
                        resumed: (@Sendable (Int) -> Void)? = nil) throws -> PropensityResult {
        let cage = Cage(start, mixture: mixture)
        let parameters = try MonteCarloParameters(temperature: temperature, maxDisplacement: maxDisplacement)
        let workers = max(1, min(runs, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        var records = [RunRecord?](repeating: nil, count: runs)
        var errors = [Error?](repeating: nil, count: runs)
        let counter = ProgressCounter(total: runs * finalSweep, report: progress)
        records.withUnsafeMutableBufferPointer { rec in
            errors.withUnsafeMutableBufferPointer { err in
                let rec = rec, err = err
                // Static partition: worker w runs m = w, w + workers, …; each slot written once.
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    for m in stride(from: w, to: runs, by: workers) {
                        do {
                            rec[m] = try runOne(m, start: start, cage: cage, mixture: mixture, parameters: parameters, seed: seed, index: index,
                                                checkpointDirectory: checkpointDirectory, checkpointInterval: checkpointInterval,
                                                cancellation: cancellation, counter: counter, resumed: resumed)
                        } catch { err[m] = error }
                    }
                }
            }
        }
        if let e = errors.compactMap({ $0 }).first(where: { !(($0 as? DynamicsError) == .cancelled) }) { throw e }
        if errors.contains(where: { $0 != nil }) { throw DynamicsError.cancelled }
        return PropensityResult(ensemble: self, records: records.map { $0! }, count: start.count)
    }

    func runOne(_ m: Int, start: Configuration, cage: Cage, mixture: Mixture, parameters: MonteCarloParameters, seed: UInt64, index: UInt64,
                checkpointDirectory: URL?, checkpointInterval: Int, cancellation: CancellationFlag?,
                counter: ProgressCounter, resumed: (@Sendable (Int) -> Void)?) throws -> RunRecord {
        // A run not yet started has nothing to save: skip its setup so a stop stays prompt.
        if cancellation?.isCancelled == true { throw DynamicsError.cancelled }
        let timeIndex = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
        let curve = curveTimes
        let curveIndex = Dictionary(uniqueKeysWithValues: curve.enumerated().map { ($1, $0) })
        var record = RunRecord(absoluteDisplacement: Array(repeating: [], count: times.count),
                               bondSurvival: Array(repeating: [], count: times.count),
                               fs: Array(repeating: .nan, count: curve.count))
        let url = checkpointDirectory?.appendingPathComponent("iso-seed\(seed)-configuration\(index)-run\(m).ckpt")
        var reported = 0
        func advance(to d: Int) { counter.add(d - reported); reported = d }
        let done = try runTrajectory(
            from: start, parameters: parameters, mixture: mixture,
            stream: RandomStream(seed: seed, purpose: .isoconfigurationalRun, indices: [index, UInt64(m)]),
            finalSweep: finalSweep, checkpointURL: url, checkpointInterval: checkpointInterval, cancellation: cancellation,
            progress: { advance(to: $0) },
            resumed: { d in resumed?(d); advance(to: d) },
            restore: { bytes in
                var r = BinaryReader(bytes, path: url?.path ?? "")
                record.absoluteDisplacement = try r.readMatrix()
                record.bondSurvival = try r.readMatrix()
                record.fs = try r.readDoubles()
                guard record.absoluteDisplacement.count == times.count, record.bondSurvival.count == times.count,
                      record.fs.count == curve.count else {
                    throw MonteCarloError.checkpointMismatch(path: url?.path ?? "", field: "times", stored: "another list", expected: "\(times)")
                }
            },
            record: { sim in
                let t = sim.sweep
                let ti = timeIndex[t], ci = curveIndex[t]
                guard ti != nil || ci != nil else { return }
                let x = sim.positionsX, y = sim.positionsY
                let d = cage.cageRelativeDisplacements(x: x, y: y)
                if let ci { record.fs[ci] = selfScattering(dx: d.dx, dy: d.dy, k: waveNumber) }
                if let ti {
                    record.absoluteDisplacement[ti] = zip(d.dx, d.dy).map { ($0 * $0 + $1 * $1).squareRoot() }
                    record.bondSurvival[ti] = cage.bondSurvival(x: x, y: y)
                }
            },
            payload: {
                var w = BinaryWriter()
                w.write(matrix: record.absoluteDisplacement)
                w.write(matrix: record.bondSurvival)
                w.write(record.fs)
                return w.bytes
            })
        guard done else { throw DynamicsError.cancelled }
        advance(to: finalSweep)
        return record
    }
}

/// Sums progress from all worker threads.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0, last = -1
    let total: Int
    let report: (@Sendable (Int, Int) -> Void)?
    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) { self.total = total; self.report = report }
    func add(_ k: Int) {
        guard let report, k > 0 else { return }
        lock.lock()
        done += k
        let now = done, percent = done * 100 / max(1, total)
        let emit = percent != last
        last = percent
        lock.unlock()
        if emit { report(now, total) }
    }
}
