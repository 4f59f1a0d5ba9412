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
}
