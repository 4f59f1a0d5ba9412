import Foundation
import Model
import MonteCarlo
@testable import Dynamics
import Randomness
import TestSupport
import Testing

/// A small melted liquid to start trajectories from.
func smallLiquid(n: Int = 100, seed: UInt64 = 1) throws -> Configuration {
    var q = try PreparationProtocol(n: n, temperature: 1.0, windowSweeps: 10, maxSwapSweeps: 30, checkSweeps: 20)
    q.meltSweeps = 20; q.swapFraction = 0
    return try Preparation.prepare(q, seed: seed).configuration
}

@Suite struct EnsembleTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dyn-\(UUID().uuidString)")

    @Test func oneThreadEqualsManyThreads() throws {
        let c = try smallLiquid()
        let e = try IsoconfigurationalEnsemble(temperature: 1.0, runs: 5, times: [3, 12])
        let one = try e.compute(from: c, seed: 7, threads: 1)
        let many = try e.compute(from: c, seed: 7, threads: 4)
        #expect(one == many)
        #expect(one.p.count == 2 && one.p[0].count == c.count && one.q[1].count == c.count)
        // Propensities are non-trivial and bonds break more at the later time.
        #expect(one.p[1].reduce(0, +) > one.p[0].reduce(0, +) && one.p[0].allSatisfy { $0 >= 0 })
        #expect(one.q[1].reduce(0, +) <= one.q[0].reduce(0, +) && one.q[0].allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(one.fs.first! < 1 && one.fs.first! > one.fs.last!)
    }

    @Test func halfEnsemblesSplitTheRunsEvenly() throws {
        let c = try smallLiquid(seed: 5)
        let four = try IsoconfigurationalEnsemble(temperature: 1.0, runs: 4, times: [10]).compute(from: c, seed: 3)
        // With two runs the first half is run 0 alone, i.e. the one-run ensemble.
        let two = try IsoconfigurationalEnsemble(temperature: 1.0, runs: 2, times: [10]).compute(from: c, seed: 3)
        let one = try IsoconfigurationalEnsemble(temperature: 1.0, runs: 1, times: [10]).compute(from: c, seed: 3)
        #expect(four.pHalves.count == 2 && four.pHalves[0][0].count == c.count)
        for i in 0..<c.count {
            #expect(abs((four.pHalves[0][0][i] + four.pHalves[1][0][i]) / 2 - four.p[0][i]) < 1e-12)
        }
        #expect(four.pHalves[0][0] != four.pHalves[1][0])
        #expect(two.pHalves[0][0] == one.p[0])
        #expect(one.pHalves[1][0].isEmpty)
    }

    @Test func interruptedEnsembleResumesBitIdentical() throws {
        let c = try smallLiquid(seed: 2)
        let e = try IsoconfigurationalEnsemble(temperature: 1.0, runs: 3, times: [4, 30])
        let straight = try e.compute(from: c, seed: 9)
        let flag = CancellationFlag()
        #expect(throws: DynamicsError.cancelled) {
            try e.compute(from: c, seed: 9, checkpointDirectory: directory, checkpointInterval: 5, cancellation: flag,
                          progress: { done, total in if done > total / 3 { flag.cancel() } })
        }
        let loaded = Collected()
        let resumed = try e.compute(from: c, seed: 9, checkpointDirectory: directory, checkpointInterval: 5,
                                    resumed: { loaded.add($0) })
        #expect(resumed == straight)
        // Each run continued from its checkpoint says where: after the cut, at most the whole run.
        #expect(!loaded.values.isEmpty && loaded.values.allSatisfy { $0 > 0 && $0 <= 30 })
        #expect(loaded.values.reduce(0, +) > 30, "the cut came after a third of the 90 sweeps")
        let fresh = Collected()
        _ = try e.compute(from: c, seed: 9, resumed: { fresh.add($0) })
        #expect(fresh.values.isEmpty, "a run without checkpoints restores nothing")
    }

    @Test func relaxationRunResumesBitIdentical() throws {
        let c = try smallLiquid(seed: 3)
        let r = try RelaxationRun(temperature: 1.0, maxLag: 20, origins: 3, originSpacing: 6)
        let straight = try r.compute(from: c, seed: 4)
        #expect(straight.perOrigin.allSatisfy { $0.allSatisfy(\.isFinite) })
        #expect(straight.fs.first! < 1 && straight.fs.last! < straight.fs.first!)
        let url = directory.appendingPathComponent("relax.ckpt")
        let flag = CancellationFlag()
        #expect(throws: DynamicsError.cancelled) {
            try r.compute(from: c, seed: 4, checkpointURL: url, checkpointInterval: 4, cancellation: flag,
                          progress: { done, _ in if done >= 9 { flag.cancel() } })
        }
        let loaded = Collected()
        #expect(try r.compute(from: c, seed: 4, checkpointURL: url, checkpointInterval: 4, resumed: { loaded.add($0) }) == straight)
        #expect(loaded.values.count == 1 && loaded.values[0] >= 9 && loaded.values[0] < r.totalSweeps)
    }

    @Test func invalidParametersAreRejected() {
        #expect(throws: DynamicsError.self) { try IsoconfigurationalEnsemble(temperature: -0.5, runs: 2, times: [1]) }
        #expect(throws: DynamicsError.self) { try IsoconfigurationalEnsemble(temperature: 0.5, runs: 2, times: [5, 3]) }
        #expect(throws: DynamicsError.self) { try RelaxationRun(temperature: 0.5, maxLag: 0) }
    }
}

/// Values reported from any thread.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int] = []
    func add(_ v: Int) { lock.lock(); list.append(v); lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return list }
}
