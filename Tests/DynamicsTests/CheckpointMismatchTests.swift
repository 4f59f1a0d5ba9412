import Foundation
import Model
import MonteCarlo
import Testing
@testable import Dynamics

/// Issue 24: a checkpoint of another starting configuration is refused with what differs. It
/// read "configuration = 400 particles, but this run has configuration = the starting
/// configuration's 400 particles".
@Suite struct CheckpointMismatchTests {
    /// A relaxation checkpoint of `c`, cut after 9 sweeps.
    func checkpoint(of c: Configuration, at url: URL, run r: RelaxationRun) throws {
        let flag = CancellationFlag()
        #expect(throws: DynamicsError.cancelled) {
            try r.compute(from: c, seed: 4, checkpointURL: url, checkpointInterval: 4, cancellation: flag,
                          progress: { done, _ in if done >= 9 { flag.cancel() } })
        }
    }

    @Test func theMessageSaysWhatDiffers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mismatch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = try smallLiquid(seed: 3)
        let r = try RelaxationRun(temperature: 1.0, maxLag: 20, origins: 3, originSpacing: 6)
        let url = dir.appendingPathComponent("relax.ckpt")
        try checkpoint(of: c, at: url, run: r)
        // Same composition, two particles of different species swapped.
        var swapped = c
        let i = c.species.firstIndex { $0 != c.species[0] }!
        swapped.species.swapAt(0, i)
        #expect { try r.compute(from: swapped, seed: 4, checkpointURL: url, checkpointInterval: 4) } throws: { e in
            "\(e)" == "\(url.path): checkpoint was written with species of particle 0 = \(c.species[0]), but this run has species of particle 0 = "
                + "\(c.species[i]) (the starting configuration: same composition, another order)"
        }
        // Another composition.
        var changed = c
        changed.species[0] = c.species[i]
        let count = { (x: Configuration, s: Species) in x.species.filter { $0 == s }.count }
        let text = { (x: Configuration) in Species.allCases.map { "\(count(x, $0)) \($0)" }.joined(separator: ", ") }
        #expect { try r.compute(from: changed, seed: 4, checkpointURL: url, checkpointInterval: 4) } throws: { e in
            "\(e)" == "\(url.path): checkpoint was written with composition = \(text(c)), but this run has composition = \(text(changed)) (the starting configuration)"
        }
        // Another particle count.
        let other = try smallLiquid(n: 125, seed: 3)
        #expect { try r.compute(from: other, seed: 4, checkpointURL: url, checkpointInterval: 4) } throws: { e in
            "\(e)" == "\(url.path): checkpoint was written with particle count = 100, but this run has particle count = 125 (the starting configuration)"
        }
    }
}
