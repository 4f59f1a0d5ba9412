import Foundation
import Model
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The built `repro` (from `swift build`), for tests of signals and exit codes.
enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let path = root.appendingPathComponent(".build/debug/repro").path
    static var exists: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Starts `repro arguments`; output goes to files in `dir` (pipes could fill and block it).
    static func start(_ arguments: [String], in dir: URL) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.currentDirectoryURL = dir
        FileManager.default.createFile(atPath: dir.appendingPathComponent("stderr.txt").path, contents: nil)
        FileManager.default.createFile(atPath: dir.appendingPathComponent("stdout.txt").path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: dir.appendingPathComponent("stderr.txt"))
        p.standardOutput = try FileHandle(forWritingTo: dir.appendingPathComponent("stdout.txt"))
        try p.run()
        return p
    }

    /// Seconds until `p` exits (killing it after `limit`), or nil if it did not.
    static func wait(_ p: Process, limit: Double) -> Double? {
        let t0 = Date()
        while p.isRunning, Date().timeIntervalSince(t0) < limit { usleep(10_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit(); return nil }
        p.waitUntilExit()
        return Date().timeIntervalSince(t0)
    }

    static func stderr(_ dir: URL) -> String {
        (try? String(contentsOf: dir.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? ""
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repro-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Issue 14, items 7 and 11: a long run answers SIGINT/SIGTERM within a second, setup included,
/// with exit status 128 + signal.
@Suite(.serialized, .enabled(if: Binary.exists, "needs the debug build of repro (swift build)"))
struct SignalTests {
    func liquid(in dir: URL) throws -> String {
        let c = Fixtures.randomMixture(n: 400, seed: 3)
        let url = dir.appendingPathComponent("start.xyz")
        try ExtendedXYZ.write(c, to: url)
        return url.path
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aLongRunStopsPromptlyWithTheSignalsStatus(signal: Int32, status: Int32) throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try Binary.start(["dynamics", "--from", try liquid(in: dir), "--temperature", "0.5", "--sweeps", "100000000",
                                  "--checkpoint-interval", "20", "--out", "dyn"], in: dir)
        // Wait until the trajectory runs (its first checkpoint), then signal.
        let checkpoints = dir.appendingPathComponent("dyn/checkpoints")
        let t0 = Date()
        while p.isRunning, ((try? FileManager.default.contentsOfDirectory(atPath: checkpoints.path)) ?? []).isEmpty,
              Date().timeIntervalSince(t0) < 60 { usleep(20_000) }
        #expect(Date().timeIntervalSince(t0) < 60 && p.isRunning)
        kill(p.processIdentifier, signal)
        let seconds = Binary.wait(p, limit: 10)
        #expect(seconds != nil && seconds! < 1.0, "took \(seconds ?? .infinity) s")
        #expect(p.terminationStatus == status, "\(Binary.stderr(dir))")
        #expect(Binary.stderr(dir).contains("rerun the same command to resume"))
    }

    @Test func setupAnswersTooWithinASecond() throws {
        // Preparing 10^6 particles spends seconds before the first sweep (random start, cell order,
        // neighbour list), where no flag is polled.
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try Binary.start(["simulate", "--n", "1000000", "--temperature", "0.5", "--out", "x.xyz"], in: dir)
        usleep(500_000)
        #expect(p.isRunning) // still in setup
        kill(p.processIdentifier, SIGINT)
        let seconds = Binary.wait(p, limit: 10)
        #expect(seconds != nil && seconds! < 1.3, "took \(seconds ?? .infinity) s")
        #expect(p.terminationStatus == 130, "\(Binary.stderr(dir))")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.xyz").path))
    }

    @Test func hugeSweepsExitAtOnceWithTheRange() throws {
        // Looped for ever in the log-spaced time grid, deaf to SIGINT and SIGTERM.
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try Binary.start(["dynamics", "--from", try liquid(in: dir), "--temperature", "0.5", "--sweeps", "9223372036854775807",
                                  "--out", "dyn"], in: dir)
        #expect(Binary.wait(p, limit: 20) != nil)
        #expect(p.terminationStatus == 2) // a usage error, like all bad input (was ArgumentParser's 64)
        #expect(Binary.stderr(dir).contains("--sweeps must be a whole number in 1…100000000000 (10^11)"))
    }

    @Test func aDirectoryAsTheConfigurationIsAPlainMessage() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try Binary.start(["descriptors", dir.path, "--out", "f.npy"], in: dir)
        #expect(Binary.wait(p, limit: 20) != nil)
        #expect(p.terminationStatus == 2) // bad input (was 1, which now means a check failed)
        #expect(Binary.stderr(dir).contains("\(dir.path): cannot read file (is a directory, not a file)"))
    }
}

/// `repro report` interrupted exits 130 (it exited 1, like a failed task, before).
@Suite(.enabled(if: Binary.exists, "needs the debug build of repro (swift build)"))
struct ReportSignalTests {
    @Test func anInterruptedReportExits130() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A repository layout: the report source beside the manifest is checked when it loads, and
        // the study writes beside its manifest (here, not into the repository).
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("report"), withIntermediateDirectories: true)
        for file in ["report/report.md", "report/manifest.toml"] {
            try FileManager.default.copyItem(at: Binary.root.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let manifest = dir.appendingPathComponent("report/manifest.toml").path
        let p = try Binary.start(["report", "--profile", "smoke", "--manifest", manifest, "--cache", dir.appendingPathComponent("cache").path,
                                  "--jobs", "1"], in: dir)
        usleep(2_000_000)
        try #require(p.isRunning, "the smoke profile finished within 2 s; nothing to interrupt")
        kill(p.processIdentifier, SIGINT)
        #expect(Binary.wait(p, limit: 120) != nil)
        #expect(p.terminationStatus == 130, "\(Binary.stderr(dir))")
    }
}
