// The preparation checkpoints every phase (melt, swap windows, check run): interrupted anywhere
// and resumed, it gives bit for bit the result of an uninterrupted run; a checkpoint of another
// run is refused naming the file and the field, a damaged one is discarded naming the file.
import Foundation
import Model
@testable import MonteCarlo
import Testing

@Suite struct PreparationCheckpointTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mc-preparation-\(UUID().uuidString)")
    var url: URL { directory.appendingPathComponent("preparation_2.ckpt") }

    /// 100 particles, a 30-sweep melt, windows of 20 swap sweeps (3 to 5 of them), a 40-sweep check.
    func protocol_() throws -> PreparationProtocol {
        var p = try PreparationProtocol(n: 100, temperature: 0.8, windowSweeps: 20, maxSwapSweeps: 100, checkSweeps: 40)
        p.meltSweeps = 30; p.sampleInterval = 5
        return p
    }

    func prepare(_ p: PreparationProtocol, seed: UInt64 = 7, flag: CancellationFlag? = nil,
                 progress: ((String, Int, Int) -> Void)? = nil) throws -> PreparedConfiguration {
        try Preparation.prepare(p, seed: seed, index: 2, checkpoint: CheckpointPolicy(url: url, interval: 7),
                                cancellation: flag, progress: progress)
    }

    /// Runs until the progress callback reports `done` sweeps of `stage`, then cancels; the run
    /// must stop by throwing `cancelled` with a checkpoint in place.
    func interrupt(_ p: PreparationProtocol, at stage: String, _ done: Int) throws {
        let flag = CancellationFlag()
        #expect {
            try prepare(p, flag: flag) { s, d, _ in if s == stage && d >= done { flag.cancel() } }
        } throws: { error in
            guard case MonteCarloError.cancelled = error else { return false }
            return true
        }
        #expect(flag.isCancelled && FileManager.default.fileExists(atPath: url.path))
    }

    func expectIdentical(_ a: PreparedConfiguration, _ b: PreparedConfiguration) {
        #expect(a.configuration.x.map(\.bitPattern) == b.configuration.x.map(\.bitPattern))
        #expect(a.configuration.y.map(\.bitPattern) == b.configuration.y.map(\.bitPattern))
        #expect(a.configuration.species == b.configuration.species)
        #expect(a.equilibration == b.equilibration)
        #expect(a.check == b.check)
        #expect(a.samples.map(\.sweep) == b.samples.map(\.sweep))
        #expect(a.samples.map(\.energyPerParticle.bitPattern) == b.samples.map(\.energyPerParticle.bitPattern))
    }

    @Test func interruptedInEveryPhaseAndResumedIsBitIdentical() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let p = try protocol_()
        let straight = try Preparation.prepare(p, seed: 7, index: 2)
        #expect(straight.equilibration.windows.count >= AdaptiveEquilibration.minimumWindows)
        // Melt, the first swap window, the third, the check run: four interruptions, five legs.
        try interrupt(p, at: "melt", 11)
        try interrupt(p, at: "swap", 5)
        try interrupt(p, at: "swap", 47)
        try interrupt(p, at: "check", 13)
        let stored = try Checkpoint.read(from: url)
        let state = try PreparationState.decode(stored.payload, path: url.path, p, seed: 7, index: 2)
        #expect(state.phase == .check && !state.sampleSweeps.isEmpty)
        #expect(state.record.windows.count == straight.equilibration.windows.count)
        expectIdentical(try prepare(p), straight)
    }

    /// After a kill -9 only the periodic checkpoints exist: drop the one written on cancellation
    /// and resume from the one before, written inside a swap window.
    @Test func resumesFromAPeriodicCheckpointInsideASwapWindow() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let p = try protocol_()
        let straight = try Preparation.prepare(p, seed: 7, index: 2)
        try interrupt(p, at: "swap", 36)
        try FileManager.default.removeItem(at: url)
        let periodic = try Checkpoint.read(from: Checkpoint.previous(url))
        #expect(periodic.sweep % 7 == 0 && (periodic.sweep - p.meltSweeps) % p.windowSweeps != 0)
        let state = try PreparationState.decode(periodic.payload, path: url.path, p, seed: 7, index: 2)
        #expect(state.phase == .swap && !state.windowEnergies.isEmpty && state.record.windows.count == 1)
        expectIdentical(try prepare(p), straight)
    }

    @Test func aFinishedCheckpointGivesTheResultAgain() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let p = try protocol_()
        let first = try prepare(p)
        expectIdentical(try prepare(p, flag: { let f = CancellationFlag(); f.cancel(); return f }()), first)
    }

    @Test func withoutACheckpointACancelledPreparationThrows() throws {
        let flag = CancellationFlag()
        flag.cancel()
        #expect(throws: MonteCarloError.cancelled(sweep: 0)) { try Preparation.prepare(try protocol_(), seed: 7, cancellation: flag) }
    }

    @Test func aCheckpointOfAnotherRunIsRefusedNamingTheFileAndField() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let p = try protocol_()
        try interrupt(p, at: "swap", 25)
        #expect(throws: MonteCarloError.checkpointMismatch(path: url.path, field: "seed", stored: "7", expected: "8")) {
            try prepare(p, seed: 8)
        }
        var q = p
        q.windowSweeps = 25
        #expect {
            try prepare(q)
        } throws: { "\($0)".contains(url.path) && "\($0)".contains("windowSweeps = 20") && "\($0)".contains("windowSweeps = 25") }
        // The refused file is kept, and still resumes the run it belongs to.
        expectIdentical(try prepare(p), try Preparation.prepare(p, seed: 7, index: 2))
    }

    @Test func aPlainTrajectoryCheckpointIsNotAPreparation() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try Checkpoint.write(try meltedSimulation(), to: url)
        #expect {
            try prepare(try protocol_())
        } throws: { "\($0)".contains(url.path) && "\($0)".contains("kind") }
    }

    @Test func aDamagedCheckpointIsDiscardedNamingTheFileAndTheRunRestarts() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let p = try protocol_()
        try interrupt(p, at: "swap", 25)
        try? FileManager.default.removeItem(at: Checkpoint.previous(url))
        var data = try Data(contentsOf: url)
        data[data.count - 20] ^= 0x10 // inside the preparation state
        try data.write(to: url)
        var warnings: [String] = []
        let resumed = try PreparationRun(p, seed: 7, index: 2, mixture: .paper, checkpoint: CheckpointPolicy(url: url, interval: 7)) {
            warnings.append($0)
        }.compute()
        #expect(warnings.count == 1 && warnings[0].contains(url.path) && warnings[0].contains("checksum"))
        expectIdentical(resumed, try Preparation.prepare(p, seed: 7, index: 2))
    }
}
