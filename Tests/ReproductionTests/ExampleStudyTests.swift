// The minimal example study (issue 26 §4): examples/minimal runs through `Study` as
// `repro report --manifest examples/minimal/manifest.toml` does, in a temporary copy with its own
// cache, and its report quotes the values its command stages declare with the expected verdicts.
import Foundation
import Pipeline
import Testing
@testable import Reproduction

@Suite struct ExampleStudyTests {
    static let example = PaperProfileReportTests.root.appendingPathComponent("examples/minimal")

    /// A copy of the repository's example under a fresh root, and its study.
    func study() throws -> (Study, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
        let copy = root.appendingPathComponent("examples/minimal")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.example, to: copy)
        for generated in ["results", "build"] { try? FileManager.default.removeItem(at: copy.appendingPathComponent(generated)) }
        return (Study(root: root, profile: "default", manifest: copy.appendingPathComponent("manifest.toml"),
                      cache: root.appendingPathComponent("cache")), root)
    }

    @Test func runsAndReportsItsExpectations() throws {
        let (study, root) = try study()
        defer { try? FileManager.default.removeItem(at: root) }
        let lines = Lines()
        #expect(try study.run(log: lines.add), "\(lines.text)")
        let build = root.appendingPathComponent("examples/minimal/build/default")
        let report = try String(contentsOf: build.appendingPathComponent("report.md"), encoding: .utf8)
        // The study labels the reference column; the reference values are the generator's.
        #expect(report.contains("| Check | Quantity | Ours | Expected | Truth | Verdict |"))
        #expect(report.contains("on the line y = 1.5 +\n0.8 x"), "\(report)")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: build.appendingPathComponent("expectations.json"))) as? [String: Any]
        let verdicts = (file?["expectations"] as? [[String: Any]] ?? []).map { "\($0["name"]!)=\($0["verdict"]!)" }.sorted()
        #expect(verdicts == ["every-point-used=pass", "intercept-recovered=pass", "line-explains-the-data=pass", "slope-recovered=pass"])
        let values = try ValueStore.load(build.appendingPathComponent("values.json"))
        let slope = try #require(values["fit.slope"]?.doubleValue)
        #expect(abs(slope - 0.8) < 0.05 && slope != 0.8)  // fitted from noisy points, not copied
        #expect(report.contains(String(format: "slope %.3f", slope)))
        #expect(values["generate.points"] == .integer(200) && values["fit.points"] == .integer(200))
        // Outputs are exported beside the study, not into the repository's results/.
        let results = root.appendingPathComponent("examples/minimal/results/default")
        #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("generate/points.csv").path))
        #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("fit/values.json").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("results").path))
        // A second run computes nothing and writes the same report.
        let again = Lines()
        #expect(try study.run(log: again.add))
        #expect(again.text.contains("0 run, 2 cached"), "\(again.text)")
        #expect(try String(contentsOf: build.appendingPathComponent("report.md"), encoding: .utf8).count == report.count)
    }

    @Test func aFailingExpectationFailsTheRun() throws {
        let (study, root) = try study()
        defer { try? FileManager.default.removeItem(at: root) }
        let manifest = study.manifestURL
        let text = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "min = 0.9", with: "min = 0.9999")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let lines = Lines()
        #expect(try !study.run(log: lines.add))
        #expect(lines.text.contains("FAIL") && lines.text.contains("line-explains-the-data"), "\(lines.text)")
    }

    @Test func theOldExpectationKeyNamesTheNewOne() throws {
        let text = try String(contentsOf: ManifestTests.manifest, encoding: .utf8)
            .replacingOccurrences(of: "reference = \"paper.pq.delta_q_to_p\"", with: "paper = \"paper.pq.delta_q_to_p\"")
        #expect {
            try Manifest.parse(text: text, file: "report/manifest.toml", profile: "default", registry: PaperStages.registry())
        } throws: { e in
            "\(e)".contains(".paper: renamed: write reference = \"paper.pq.delta_q_to_p\" (the key 'paper' is no longer read)")
        }
        #expect(try Manifest.load(url: ManifestTests.manifest, profile: "default", registry: PaperStages.registry()).reference.label == "Paper")
    }
}

/// Collects log lines from the run's threads.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}
