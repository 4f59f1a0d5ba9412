import Foundation
import Model

/// Where and how often a run writes checkpoints.
public struct CheckpointPolicy: Sendable {
    public var url: URL
    /// Sweeps between checkpoints (> 0).
    public var interval: Int
    public init(url: URL, interval: Int) throws {
        guard interval > 0 else {
            throw MonteCarloError.invalidParameter(field: "checkpoint interval", value: "\(interval)", allowed: "a positive number of sweeps")
        }
        self.url = url; self.interval = interval
    }
}

/// How a run ended.
public enum RunOutcome: Sendable, Equatable {
    case completed
    /// Stopped by the cancellation flag; the state is in the checkpoint (if any) at `sweep`.
    case cancelled(sweep: Int)
}

extension MonteCarloSimulation {
    /// Most sweeps between two progress reports (about a second at N = 4000).
    public static let progressSweeps = 1000

    /// Advances the trajectory until `sweep == targetSweep`, calling `afterSweep` after every
    /// sweep (recorders sample there), writing a checkpoint every `checkpoint.interval` sweeps
    /// and at the end, and stopping early (with a checkpoint) when `cancellation` is set.
    /// `payload` serialises the recorders' state into each checkpoint. `progress(done, target)`
    /// is called about every 1% of the run and at least every `progressSweeps`: callers poll
    /// their pipeline's cancellation there, which must be seen well within a Slurm warning.
    @discardableResult
    public func run(until targetSweep: Int, checkpoint: CheckpointPolicy? = nil, cancellation: CancellationFlag? = nil,
                    progress: ((Int, Int) -> Void)? = nil,
                    afterSweep: (MonteCarloSimulation) throws -> Void = { _ in },
                    payload: () -> [UInt8] = { [] }) throws -> RunOutcome {
        try EngineLimits.check("target sweep", targetSweep, in: 0, EngineLimits.maxSweeps)
        let step = max(1, min(MonteCarloSimulation.progressSweeps, (targetSweep - sweep) / 100))
        while sweep < targetSweep {
            if cancellation?.isCancelled == true {
                if let c = checkpoint { try Checkpoint.write(self, payload: payload(), to: c.url) }
                return .cancelled(sweep: sweep)
            }
            performSweep()
            try afterSweep(self)
            if let c = checkpoint, sweep % c.interval == 0 || sweep == targetSweep {
                try Checkpoint.write(self, payload: payload(), to: c.url)
            }
            if sweep % step == 0 { progress?(sweep, targetSweep) }
        }
        return .completed
    }
}
