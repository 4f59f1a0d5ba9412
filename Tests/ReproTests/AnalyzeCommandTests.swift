import Formats
import Foundation
import Model
import Randomness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 27 §3 on the built binary: `repro analyze` refuses bad input with exit 2 and writes
/// nothing, and a run killed with SIGKILL resumes to the same results as an uninterrupted one.
@Suite(.serialized, .enabled(if: Binary.exists, "needs the debug build of repro (swift build)"))
struct AnalyzeCommandTests {
    /// A working directory with report/analyze.md, two configurations and their propensities.
    static func workspace() throws -> URL {
        let dir = try Binary.scratch()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("report"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Binary.root.appendingPathComponent("report/analyze.md"), to: dir.appendingPathComponent("report/analyze.md"))
        for k in 0..<2 {
            var stream = RandomStream(seed: 2027, purpose: .testData, indices: [UInt64(k)])
            let c = try Configuration.jitteredLattice(n: 125, stream: &stream)
            try ExtendedXYZ.write(c, to: dir.appendingPathComponent("c\(k).xyz"))
            // p: the particle's distance to its nearest neighbour, plus noise.
            let p = (0..<c.count).map { i in
                (0..<c.count).filter { $0 != i }.map { j in let d = c.separation(i, j); return (d.dx * d.dx + d.dy * d.dy).squareRoot() }.min()!
                    + 0.05 * stream.gaussian()
            }
            try NpyArray(p).write(to: dir.appendingPathComponent("p\(k).npy"))
        }
        return dir
    }

    static let arguments = ["analyze", "--configurations", "c0.xyz", "c1.xyz", "--propensity", "p0.npy", "p1.npy", "--name", "run", "--max-d", "6"]

    func run(_ arguments: [String], in dir: URL, limit: Double = 300) throws -> (status: Int32, err: String) {
        let p = try Binary.start(arguments, in: dir)
        try #require(Binary.wait(p, limit: limit) != nil)
        return (p.terminationStatus, Binary.stderr(dir))
    }

    @Test func badInputExits2NamingTheFileAndWritesNothing() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try NpyArray([1, 2, 3]).write(to: dir.appendingPathComponent("short.npy"))
        let r = try run(["analyze", "--configurations", "c0.xyz", "--propensity", "short.npy", "--cache", "cache"], in: dir)
        #expect(r.status == 2)
        #expect(r.err.contains("--propensity short.npy: 3 values, but configuration c0.xyz has N = 125 particles"), "\(r.err)")
        for name in ["cache", "results", "figures"] { #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path)) }
    }

    @Test func aRunKilledWithSIGKILLResumesToTheSameValues() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = try run(Self.arguments + ["--cache", "cache-ref"], in: dir)
        #expect([0, 1].contains(reference.status), "\(reference.err)")  // 1: a check of the report failed
        let values = dir.appendingPathComponent("results/run/values.json")
        let expected = try Data(contentsOf: values)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("results"))

        // Killed once some tasks are done (their entries stay), before the last.
        let p = try Binary.start(Self.arguments + ["--cache", "cache"], in: dir)
        let entries = dir.appendingPathComponent("cache/entries")
        let t0 = Date()
        while p.isRunning, ((try? FileManager.default.contentsOfDirectory(atPath: entries.path))?.count ?? 0) < 5,
              Date().timeIntervalSince(t0) < 120 { usleep(20_000) }
        let killed = p.isRunning
        kill(p.processIdentifier, SIGKILL); p.waitUntilExit()
        #expect(killed, "the run finished before it could be killed")
        #expect(!FileManager.default.fileExists(atPath: values.path))

        let resumed = try run(Self.arguments + ["--cache", "cache"], in: dir)
        #expect(resumed.status == reference.status, "\(resumed.err)")
        #expect(resumed.err.contains(" cached"), "\(resumed.err)")
        #expect(try Data(contentsOf: values) == expected)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report/build/run/report.html").path))
    }
}
