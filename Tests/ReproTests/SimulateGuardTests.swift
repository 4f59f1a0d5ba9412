import Foundation
import Testing

/// Issue 24, items 7 and 10, on the built binary: a bad --out fails at once, before the
/// preparation, without Foundation's raw error; a liquid not equilibrated within the budget is
/// an error (it printed "NOT equilibrated within the budget", exited 0 and wrote the file).
@Suite(.serialized, .enabled(if: Binary.exists, "needs the debug build of repro (swift build)"))
struct SimulateGuardTests {
    /// A budget of three 10-sweep windows after a quench to T = 0.3: the energy still drifts.
    static let tinyBudget = ["simulate", "--n", "100", "--temperature", "0.3", "--window-sweeps", "10", "--max-swap-sweeps", "30",
                             "--check-sweeps", "200", "--sweeps", "10", "--seed", "1", "--out", "c.xyz"]

    @Test func anOutputUnderAFileFailsBeforeAnyCompute() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("x".utf8).write(to: dir.appendingPathComponent("afile"))
        // N = 10⁶ would spend seconds preparing before the first write.
        let p = try Binary.start(["simulate", "--n", "1000000", "--temperature", "0.5", "--out", "afile/conf.xyz"], in: dir)
        let seconds = Binary.wait(p, limit: 20)
        #expect(seconds != nil && seconds! < 5, "took \(seconds ?? .infinity) s")
        #expect(p.terminationStatus != 0)
        let err = Binary.stderr(dir)
        #expect(err.contains("--out: cannot write \(dir.path)/afile: is a file, not a directory") || err.contains("afile: is a file, not a directory"), "\(err)")
        #expect(!err.contains("NSCocoaErrorDomain"))
    }

    @Test func anUnequilibratedLiquidFailsAndWritesNothing() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try Binary.start(Self.tinyBudget, in: dir)
        #expect(Binary.wait(p, limit: 60) != nil)
        #expect(p.terminationStatus == 1, "\(Binary.stderr(dir))")
        let err = Binary.stderr(dir)
        #expect(err.contains("the liquid at T = 0.3 is not equilibrated: after the budget of 30 swap sweeps (3 windows of 10)"), "\(err)")
        #expect(err.contains("nothing written to c.xyz. Raise --max-swap-sweeps (or --window-sweeps), or pass --allow-unequilibrated"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("c.xyz").path))
    }

    @Test func allowUnequilibratedWritesWithAWarning() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try Binary.start(Self.tinyBudget + ["--allow-unequilibrated"], in: dir)
        #expect(Binary.wait(p, limit: 60) != nil)
        #expect(p.terminationStatus == 0, "\(Binary.stderr(dir))")
        #expect(Binary.stderr(dir).contains("warning: the liquid at T = 0.3 is not equilibrated"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("c.xyz").path))
    }
}
