import Descriptors
import InformationImbalance
import MonteCarlo
import Pipeline

/// Each stage kind's cost, from its manifest parameters: Monte Carlo trials (sweeps × N), the
/// cores it can keep busy, peak memory and disk, and how long it runs between checkpoints. The
/// run's time estimate ("task 14 of 23, about 18 min left") weighs tasks by `trials`; `repro
/// status` turns the whole record into core-hours, wall time, memory and disk (`CostEstimate`).
/// Estimates, not science: the analysis stages are small beside the simulations.
struct TaskCost: Sendable, Equatable {
    var trials: Double
    /// Cores the task can use at once (the propensity runs are independent trajectories).
    var parallelism: Double = 1
    var memoryBytes: Double
    /// Outputs plus the checkpoints kept in scratch while it runs.
    var diskBytes: Double
    /// Trials of one trajectory between checkpoints; nil when the task cannot checkpoint, so
    /// all of it must fit in one Slurm time limit.
    var checkpointTrials: Double?
}

enum TaskCosts {
    /// Bytes per particle of one running engine: positions and Verlet reference positions
    /// (4 doubles), species, periodic images, and a Verlet list of about 40 neighbours (4 bytes each).
    static let engineBytesPerParticle = 256.0
    /// Bytes per particle of a checkpoint or an extended-XYZ frame (2 doubles, species, images; text ≈ 60).
    static let frameBytesPerParticle = 64.0

    /// A kind's cost model: a task's parameters and, by input name, its upstream tasks'.
    typealias Model = @Sendable (Parameters, [String: [Parameters]]) -> TaskCost

    /// One engine; writes one frame. The expected cost counts the adaptive stage's minimum of
    /// three windows; the preparation checkpoints (`preparationStretch`) in scratch.
    static let equilibrate: Model = { p, _ in
        let n = n(p), rest = value(p, "melt_sweeps") + value(p, "check_sweeps"), swap = swapSweepCost(p)
        return TaskCost(trials: n * (rest + expectedSwapSweeps(p) * swap),
                        memoryBytes: n * engineBytesPerParticle, diskBytes: n * frameBytesPerParticle + preparationCheckpointBytes(p),
                        checkpointTrials: n * preparationStretch(p))
    }

    /// (origins − 1) × spacing + max_lag, with the default spacing max_lag / 2. It keeps one cage
    /// reference frame (2 doubles per particle) per origin, in memory and in its checkpoint. With
    /// until_decay the lag doubles past τα, for which the swap window of the configuration's
    /// preparation (at least τα, by the manifest's rule) stands in.
    static let relaxation: Model = { p, up in
        let n = n(up["configuration"]?.first), origins = value(p, "origins")
        let lags = untilDecay(p) ? doublingLags(initialMaxLag: value(p, "max_lag"), tauAlpha: value(up["configuration"]?.first, "equilibration_window"))
                                 : value(p, "max_lag")
        return TaskCost(trials: n * lags * (1 + (origins - 1) / 2),
                        memoryBytes: n * (engineBytesPerParticle + 16 * origins),
                        diskBytes: n * (frameBytesPerParticle + 16 * origins),
                        checkpointTrials: n * Double(SimulationStages.checkpointSweeps))
    }

    /// Runs to τα: given, or measured upstream, where the manifest sizes max_lag at about 3 τα (or,
    /// for a relaxation run until decay, the swap window at about τα). Every run keeps its
    /// displacements at t_β and τα (4 doubles per particle) until the ensemble ends; at most one
    /// engine per run is running; one checkpoint per run (a frame, its start and its recorded
    /// displacements) stays in scratch until the task finishes.
    static let propensity: Model = { p, up in
        let n = n(up["configuration"]?.first), runs = value(p, "runs")
        let relaxation = up["relaxation"]?.first
        let tau = value(p, "tau_alpha") > 0 ? value(p, "tau_alpha")
            : relaxation.map(untilDecay) == true ? value(up["configuration"]?.first, "equilibration_window") : value(relaxation, "max_lag") / 3
        return TaskCost(trials: n * runs * tau, parallelism: runs,
                        memoryBytes: n * runs * (engineBytesPerParticle + 32),
                        diskBytes: n * runs * (frameBytesPerParticle + 16 + 32) + n * 5 * 8,
                        checkpointTrials: n * Double(SimulationStages.checkpointSweeps))
    }

    /// The greedy selections hold N × N arrays (`GreedySelection.memoryBytes`).
    static let imbalance: Model = { p, up in
        let n = largestN(p, up), f = featureCount(p, up)
        return TaskCost(trials: 5 * f * n, memoryBytes: GreedySelection.memoryBytes(points: Int(n), features: Int(f), supervised: false),
                        diskBytes: 8 * f * n, checkpointTrials: nil)
    }

    /// Analysis: 6 descriptors per ℓ per particle (60 in the paper) and a few copies of them.
    static let analysis: Model = { p, up in
        let n = largestN(p, up), f = featureCount(p, up)
        return TaskCost(trials: 5 * f * n, memoryBytes: 4 * 8 * f * n, diskBytes: 8 * f * n, checkpointTrials: nil)
    }

    /// Feature columns a task computes or reads: 6 per ℓ of its own `ells` or of its descriptors input.
    static func featureCount(_ p: Parameters, _ up: [String: [Parameters]]) -> Double {
        let ells = p.values["ells"]?.listValue ?? up["descriptors"]?.first?.values["ells"]?.listValue
        return 6 * Double(ells?.count ?? StructuralDescriptors.paperElls.count)
    }

    /// The adaptive swap stage runs at least three windows (burn-in plus the two compared): the
    /// estimate counts that minimum, a lower bound.
    static func expectedSwapSweeps(_ p: Parameters?) -> Double {
        min(Double(AdaptiveEquilibration.minimumWindows) * value(p, "equilibration_window"), value(p, "max_swap_sweeps"))
    }

    /// A relaxation run until decay: the sum of its max lags, doubling from `initialMaxLag`
    /// until one exceeds τα.
    static func doublingLags(initialMaxLag: Double, tauAlpha: Double) -> Double {
        guard initialMaxLag > 0 else { return 0 }
        var lag = initialMaxLag, total = lag
        while lag <= tauAlpha { lag *= 2; total += lag }
        return total
    }

    static func untilDecay(_ p: Parameters) -> Bool { p.values["until_decay"]?.boolValue == true }

    /// Translation-sweep equivalents between two checkpoints of a preparation: `checkpointSweeps`
    /// of the costliest kind, swap sweeps, or the whole preparation when it is shorter.
    static func preparationStretch(_ p: Parameters?) -> Double {
        let swap = swapSweepCost(p), whole = value(p, "melt_sweeps") + value(p, "max_swap_sweeps") * swap + value(p, "check_sweeps")
        return min(Double(SimulationStages.checkpointSweeps) * swap, whole)
    }

    /// A preparation keeps two checkpoints (the latest and the one before): a frame each, and the
    /// energies sampled so far in the swap window in progress (8 bytes) and in the check run (16).
    static func preparationCheckpointBytes(_ p: Parameters?) -> Double {
        let window = value(p, "equilibration_window") / preparationSampleInterval * 8
        let check = value(p, "check_sweeps") / preparationSampleInterval * 16
        return 2 * (n(p) * frameBytesPerParticle + window + check)
    }

    /// Sweeps between the energies a preparation samples (`PreparationProtocol.sampleInterval`'s default).
    static let preparationSampleInterval = 10.0

    /// A sweep with swap trials, in translation-sweep equivalents (`EngineSpeed.swapTrialCost`).
    static func swapSweepCost(_ p: Parameters?) -> Double { 1 + value(p, "swap_fraction") * EngineSpeed.swapTrialCost }

    static func largestN(_ p: Parameters, _ up: [String: [Parameters]]) -> Double { max(n(p), up.values.joined().map(n).max() ?? 0) }
    static func n(_ p: Parameters?) -> Double { value(p, "n") }
    /// A numeric parameter, 0 when absent (a cost estimate never fails a run).
    static func value(_ p: Parameters?, _ key: String) -> Double { p?.values[key]?.doubleValue ?? 0 }
}
