import Foundation
import Model
@testable import MonteCarlo
import Randomness
import Testing

@Suite struct CheckpointTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mc-ckpt-\(UUID().uuidString)")

    func start() throws -> MonteCarloSimulation { try meltedSimulation(seed: 11, temperature: 0.7) }
    let parameters = try! MonteCarloParameters(temperature: 0.7)

    @Test func resumeIsBitIdentical() throws {
        let straight = try start()
        try straight.run(until: straight.sweep + 25)
        let url = directory.appendingPathComponent("a.ckpt")
        let first = try start()
        let target = first.sweep + 25
        try first.run(until: first.sweep + 10, checkpoint: CheckpointPolicy(url: url, interval: 4))
        let resumed = try MonteCarloSimulation(checkpoint: Checkpoint.read(from: url), parameters: parameters)
        try resumed.run(until: target)
        #expect(resumed.configuration == straight.configuration)
        #expect(resumed.stream == straight.stream && resumed.sweep == straight.sweep)
        #expect(resumed.acceptedMoves == straight.acceptedMoves && resumed.trials == straight.trials)
    }

    @Test func cancelledRunResumesBitIdentical() throws {
        let straight = try start()
        let target = straight.sweep + 20
        try straight.run(until: target)
        let url = directory.appendingPathComponent("b.ckpt")
        let flag = CancellationFlag()
        let first = try start()
        let stopAt = first.sweep + 7
        let outcome = try first.run(until: target, checkpoint: CheckpointPolicy(url: url, interval: 100), cancellation: flag,
                                    afterSweep: { s in if s.sweep == stopAt { flag.cancel() } }, payload: { [1, 2, 3] })
        #expect(outcome == .cancelled(sweep: stopAt))
        let contents = try Checkpoint.read(from: url)
        #expect(contents.payload == [1, 2, 3] && contents.sweep == stopAt)
        let resumed = try MonteCarloSimulation(checkpoint: contents, parameters: parameters)
        try resumed.run(until: target)
        #expect(resumed.configuration == straight.configuration && resumed.stream == straight.stream)
    }

    @Test func corruptionIsDetected() throws {
        let s = try start()
        var bytes = Checkpoint.encode(s, payload: [9])
        #expect(throws: Never.self) { try Checkpoint.decode(bytes) }
        bytes[bytes.count / 2] ^= 0x10
        #expect(throws: MonteCarloError.self) { try Checkpoint.decode(bytes) }
        #expect(throws: MonteCarloError.self) { try Checkpoint.decode(Array(Checkpoint.encode(s).dropLast(100))) }
    }

    @Test func mismatchedTemperatureIsRefused() throws {
        let contents = try Checkpoint.decode(Checkpoint.encode(try start()))
        #expect(throws: MonteCarloError.self) {
            try MonteCarloSimulation(checkpoint: contents, parameters: MonteCarloParameters(temperature: 0.5))
        }
    }

    /// A trajectory of another model resumes with that model's potential, never the paper's.
    @Test func theMixtureIsRecordedAndChecked() throws {
        var soft = Mixture.paper
        soft.epsilonLS = 0.8; soft.cutoffRatio = 2.25
        let c = try meltedSimulation(seed: 11, temperature: 0.7).configuration
        let s = try MonteCarloSimulation(configuration: c, parameters: parameters, stream: RandomStream(seed: 3, purpose: .equilibration, indices: [0]),
                                         mixture: soft)
        try s.run(until: 5)
        let contents = try Checkpoint.decode(Checkpoint.encode(s))
        #expect(contents.mixture == soft)
        let resumed = try MonteCarloSimulation(checkpoint: contents, parameters: parameters, mixture: soft)
        #expect(resumed.potential.mixture == soft && resumed.potentialEnergy == s.potentialEnergy)
        #expect {
            try MonteCarloSimulation(checkpoint: contents, parameters: parameters)
        } throws: { e in
            guard case MonteCarloError.checkpointMismatch(_, let field, _, _) = e else { return false }
            return field == "mixture"
        }
    }

    /// Files of the previous engine (versions 1 and 2) are refused with a reason, not resumed.
    @Test func previousEngineCheckpointsAreRefused() throws {
        let s = try start()
        for version in [UInt64(1), 2] {
            var bytes = Checkpoint.encode(s)
            bytes.removeLast(8)
            withUnsafeBytes(of: version.littleEndian) { bytes.replaceSubrange(8..<16, with: $0) }
            withUnsafeBytes(of: fnv1a64(bytes).littleEndian) { bytes.append(contentsOf: $0) }
            #expect {
                try Checkpoint.decode(bytes)
            } throws: { e in
                guard case MonteCarloError.corruptCheckpoint(_, let reason) = e else { return false }
                return reason.contains("version \(version)") && reason.contains("previous Monte Carlo engine")
            }
        }
    }
}
