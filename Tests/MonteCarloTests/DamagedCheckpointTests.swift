// Issue 14, item 2: a damaged checkpoint is discarded with a warning and the trajectory resumes
// from the previous one (bit-identical) or from the start; it never fails the task for good.
import Foundation
@testable import MonteCarlo
import Testing

@Suite struct DamagedCheckpointTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mc-damaged-\(UUID().uuidString)")
    let parameters = try! MonteCarloParameters(temperature: 0.7)
    func start() throws -> MonteCarloSimulation { try meltedSimulation(seed: 5, temperature: 0.7) }

    /// The sweep of the checkpoint written before the final one at `final` (every `interval`).
    func before(_ final: Int, _ interval: Int = 4) -> Int { (final - 1) / interval * interval }

    func flipByte(_ url: URL) throws {
        var data = try Data(contentsOf: url)
        data[data.count / 2] ^= 0x40
        try data.write(to: url)
    }

    @Test func writeKeepsThePreviousCheckpoint() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("k.ckpt")
        let s = try start()
        let first = s.sweep
        try s.run(until: first + 8, checkpoint: CheckpointPolicy(url: url, interval: 4))
        #expect(try Checkpoint.read(from: url).sweep == first + 8)
        #expect(try Checkpoint.read(from: Checkpoint.previous(url)).sweep == before(first + 8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["k.ckpt", "k.ckpt.prev"])
    }

    @Test func aDamagedNewestCheckpointFallsBackToThePreviousOneBitIdentically() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let straight = try start()
        let target = straight.sweep + 20
        try straight.run(until: target)
        let url = directory.appendingPathComponent("a.ckpt")
        let first = try start()
        try first.run(until: first.sweep + 12, checkpoint: CheckpointPolicy(url: url, interval: 4))
        try flipByte(url)
        #expect(throws: MonteCarloError.self) { try Checkpoint.read(from: url) }
        var warnings: [String] = []
        let contents = try #require(Checkpoint.readLatest(at: url) { warnings.append($0) })
        #expect(contents.sweep == before(first.sweep))
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("warning: discarded damaged checkpoint \(url.path) (checksum mismatch") == true)
        #expect(warnings.first?.hasSuffix("resuming from the previous one, a.ckpt.prev") == true)
        #expect(!FileManager.default.fileExists(atPath: url.path))
        let resumed = try MonteCarloSimulation(checkpoint: contents, parameters: parameters)
        try resumed.run(until: target)
        #expect(resumed.configuration == straight.configuration && resumed.stream == straight.stream)
        #expect(resumed.trials == straight.trials && resumed.acceptedMoves == straight.acceptedMoves)
    }

    @Test func whenEveryCheckpointIsDamagedTheRunRestartsFromTheStart() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("b.ckpt")
        let s = try start()
        try s.run(until: s.sweep + 8, checkpoint: CheckpointPolicy(url: url, interval: 4))
        try flipByte(url)
        try Data([1, 2, 3]).write(to: Checkpoint.previous(url))  // truncated
        var warnings: [String] = []
        #expect(Checkpoint.readLatest(at: url) { warnings.append($0) } == nil)
        #expect(warnings.count == 2)
        #expect(warnings.last?.hasSuffix("restarting this trajectory from the start") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        #expect(Checkpoint.readLatest(at: url) { warnings.append($0) } == nil && warnings.count == 2)
    }

    @Test func onlyThePreviousCheckpointLeftAfterACrashBetweenTheRenamesIsUsed() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("c.ckpt")
        let s = try start()
        try s.run(until: s.sweep + 8, checkpoint: CheckpointPolicy(url: url, interval: 4))
        try FileManager.default.removeItem(at: url)
        var warnings: [String] = []
        #expect(Checkpoint.readLatest(at: url) { warnings.append($0) }?.sweep == before(s.sweep))
        #expect(warnings.isEmpty)
    }
}
