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
        if let (field, stored, expected) = firstDifference(contents.configuration, start) {
            throw MonteCarloError.checkpointMismatch(path: url.path, field: field, stored: stored, expected: expected)
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

/// What differs between a checkpoint's configuration and this run's start, as (field, stored,
/// expected): the particle count, the composition, or the species of the first particle that differs.
func firstDifference(_ stored: Configuration, _ start: Configuration) -> (String, String, String)? {
    if stored.count != start.count { return ("particle count", "\(stored.count)", "\(start.count) (the starting configuration)") }
    func composition(_ c: Configuration) -> String {
        Species.allCases.map { s in "\(c.species.filter { $0 == s }.count) \(s)" }.joined(separator: ", ")
    }
    if composition(stored) != composition(start) { return ("composition", composition(stored), composition(start) + " (the starting configuration)") }
    guard let i = stored.species.indices.first(where: { stored.species[$0] != start.species[$0] }) else { return nil }
    return ("species of particle \(i)", "\(stored.species[i])", "\(start.species[i]) (the starting configuration: same composition, another order)")
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
