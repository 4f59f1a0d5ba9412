import Foundation
import Model
import MonteCarlo
import Randomness

/// Runs one translational-move trajectory from `start` to `finalSweep`, resuming from
/// `checkpointURL` when a valid checkpoint is there (a damaged one is discarded with a warning); `payload`/`restore` carry the caller's
/// recorder state through checkpoints. Returns false when cancelled.
func runTrajectory(from start: Configuration, parameters: MonteCarloParameters, mixture: Mixture, stream: RandomStream, finalSweep: Int,
                   checkpointURL: URL?, checkpointInterval: Int, cancellation: CancellationFlag?,
                   progress: ((Int) -> Void)?,
                   resumed: ((Int) -> Void)? = nil,
                   restore: ([UInt8]) throws -> Void,
                   record: (MonteCarloSimulation) -> Void,
                   payload: () -> [UInt8]) throws -> Bool {
    let sim: MonteCarloSimulation
    if let url = checkpointURL, let contents = Checkpoint.readLatest(at: url) {
        guard contents.configuration.count == start.count, contents.configuration.species == start.species else {
            throw MonteCarloError.checkpointMismatch(path: url.path, field: "configuration", stored: "\(contents.configuration.count) particles",
                                                     expected: "the starting configuration's \(start.count) particles and species")
        }
        sim = try MonteCarloSimulation(checkpoint: contents, parameters: parameters, mixture: mixture, path: url.path)
        try restore(contents.payload)
        resumed?(sim.sweep)
    } else {
        sim = try MonteCarloSimulation(configuration: start, parameters: parameters, stream: stream, mixture: mixture)
        record(sim)
    }
    let policy = try checkpointURL.map { try CheckpointPolicy(url: $0, interval: checkpointInterval) }
    let outcome = try sim.run(until: finalSweep, checkpoint: policy, cancellation: cancellation,
                              progress: { done, _ in progress?(done) }, afterSweep: record, payload: payload)
    return outcome == .completed
}

extension BinaryWriter {
    mutating func write(matrix rows: [[Double]]) { write(rows.count); for r in rows { write(r) } }
}

extension BinaryReader {
    mutating func readMatrix() throws -> [[Double]] {
        let n = try readCount(max: 1 << 24)
        return try (0..<n).map { _ in try readDoubles() }
    }
}
