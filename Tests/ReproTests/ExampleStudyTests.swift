// The minimal example study (issue 26 §4): `repro report --manifest examples/minimal/manifest.toml`
// on the built binary, in a scratch copy with its own cache (a separate process: signals that other
// tests send cannot interrupt it), and its report quotes the values its command stages declare.
import Foundation
import Testing

@Suite(.enabled(if: Binary.exists, "needs the debug build of repro (swift build)"))
struct ExampleStudyTests {
    /// A scratch repository holding a copy of the example; returns it and the example's path in it.
    func copy() throws -> (dir: URL, study: URL) {
        let dir = try Binary.scratch()
        let study = dir.appendingPathComponent("examples/minimal")
        try FileManager.default.createDirectory(at: study.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Binary.root.appendingPathComponent("examples/minimal"), to: study)
        for generated in ["results", "build"] { try? FileManager.default.removeItem(at: study.appendingPathComponent(generated)) }
        return (dir, study)
    }

    func report(in dir: URL) throws -> Int32 {
        let p = try Binary.start(["report", "--manifest", "examples/minimal/manifest.toml", "--cache", "cache", "--jobs", "1"], in: dir)
        #expect(Binary.wait(p, limit: 120) != nil)
        return p.terminationStatus
    }

    @Test func runsAndReportsItsExpectations() throws {
        let (dir, study) = try copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try report(in: dir) == 0, "\(Binary.stderr(dir))")
        let build = study.appendingPathComponent("build/default")
        let markdown = try String(contentsOf: build.appendingPathComponent("report.md"), encoding: .utf8)
        // The study labels the reference column; the reference values are the generator's.
        #expect(markdown.contains("| Check | Quantity | Ours | Expected | Truth | Verdict |"))
        #expect(markdown.contains("on the line y = 1.5 +\n0.8 x"), "\(markdown)")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: build.appendingPathComponent("expectations.json"))) as? [String: Any]
        let verdicts = (file?["expectations"] as? [[String: Any]] ?? []).map { "\($0["name"]!)=\($0["verdict"]!)" }.sorted()
        #expect(verdicts == ["every-point-used=pass", "intercept-recovered=pass", "line-explains-the-data=pass", "slope-recovered=pass"])
        let values = try JSONSerialization.jsonObject(with: Data(contentsOf: build.appendingPathComponent("values.json"))) as? [String: Any]
        let slope = try #require((values?["values"] as? [String: Any])?["fit.slope"] as? Double)
        #expect(abs(slope - 0.8) < 0.05 && slope != 0.8)  // fitted from noisy points, not copied
        #expect(markdown.contains(String(format: "slope %.3f", slope)))
        // Outputs are exported beside the study, not into the repository's results/.
        #expect(FileManager.default.fileExists(atPath: study.appendingPathComponent("results/default/generate/points.csv").path))
        #expect(FileManager.default.fileExists(atPath: study.appendingPathComponent("results/default/fit/values.json").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
        // A second run computes nothing and writes the same report.
        #expect(try report(in: dir) == 0)
        #expect(Binary.stderr(dir).contains("0 run, 2 cached"), "\(Binary.stderr(dir))")
        #expect(try String(contentsOf: build.appendingPathComponent("report.md"), encoding: .utf8).count == markdown.count)
    }

    /// Its command stages have no cost model: `status` says so instead of a table of zeros.
    @Test func statusEstimatesNoCostForCommandStages() throws {
        let (dir, _) = try copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try Binary.start(["status", "--manifest", "examples/minimal/manifest.toml", "--cache", "cache"], in: dir)
        #expect(Binary.wait(p, limit: 60) != nil)
        #expect(p.terminationStatus == 0, "\(Binary.stderr(dir))")
        let out = (try? String(contentsOf: dir.appendingPathComponent("stdout.txt"), encoding: .utf8)) ?? ""
        #expect(out.contains("none of this study's stage kinds (command) has a cost model"), "\(out)")
        #expect(!out.contains("MC trials"), "\(out)")
    }

    @Test func aFailingExpectationExits1() throws {
        let (dir, study) = try copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = study.appendingPathComponent("manifest.toml")
        try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "min = 0.9", with: "min = 0.9999")
            .write(to: manifest, atomically: true, encoding: .utf8)
        #expect(try report(in: dir) == 1)
        #expect(Binary.stderr(dir).contains("FAIL") && Binary.stderr(dir).contains("line-explains-the-data"), "\(Binary.stderr(dir))")
    }
}
