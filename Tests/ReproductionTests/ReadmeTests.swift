import Foundation
@testable import Pipeline
@testable import Report
import Testing
@testable import Reproduction

/// Issue 25 §4: the README's tables of costs and findings and the bench lines are written by
/// `make readme` from committed files, and the committed text is what it writes.
@Suite struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theCommittedDocumentationIsWhatMakeReadmeWrites() throws {
        let changed = try ReadmeRegions(root: Self.root).update(write: false)
        #expect(changed.isEmpty, "run `make readme` and commit: \(changed) differ from what it writes")
    }

    /// A repository with the real manifest, a README with the three regions and, optionally, a
    /// published smoke baseline and a bench record.
    func fixture(baseline: Bool, bench: Bool) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("report"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("report/manifest.toml"),
                                         to: root.appendingPathComponent("report/manifest.toml"))
        let regions = ["costs", "findings", "bench"].map { "\(ReadmeRegions.begin($0))\nstale text\n\(ReadmeRegions.end($0))" }
        try ("# title\n\n" + regions.joined(separator: "\n\n") + "\n").write(to: root.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        if baseline {
            let build = try PublishedBaselineTests.build(profile: "smoke", in: root)
            var values = try ValueStore.load(build.appendingPathComponent("values.json"))
            values.set("temperature", 0.8); values.set("n", 400); values.set("configurations", 3); values.set("runs", 4)
            values.set("best_descriptor", "ρ̄"); values.set("theta.pearson_margin", -0.07612)
            values.set("theta_bar.optimal_ell", 1.0712); values.set("paper.theta_bar.optimal_ell", 1.8973)
            try values.write(to: build.appendingPathComponent("values.json"))
            try BaselineProvenance.publish(build: build, to: root.appendingPathComponent("report/published/smoke"), profile: "smoke",
                                           taskSeconds: ["equilibrate[0]": 100, "propensity[0]": 500], date: Date(timeIntervalSince1970: 0))
        }
        if bench {
            try "# 2026-12-07, commit abc1234, 2 cores, Some CPU\nnot a bench line\nBENCH mc.trials_per_s_per_core 6.1e+06 trials/s\n"
                .write(to: root.appendingPathComponent("docs/bench.txt"), atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func tablesComeFromThePublishedBaselinesAndTheBenchRecord() throws {
        let root = try fixture(baseline: true, bench: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let generator = ReadmeRegions(root: root)
        #expect(try generator.update(write: true) == ["README.md"])
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(!text.contains("stale text"))
        #expect(text.contains("| `smoke` | 0.8, 400, 3 × 4 | 1 pass | 10 min | "))            // costs: 600 s of tasks
        #expect(text.contains("| finding (value key) | `smoke` | paper |"))
        #expect(text.contains("| ρ̄; −0.0761 |") || text.contains("| ρ̄; -0.0761 |"))
        #expect(text.contains("| 1.07; 4 | 1.90; — |"))                                         // ours; the paper's
        #expect(text.contains("No published baseline yet for `ci`, `default`, `cold`, `paper`"))
        #expect(text.contains("(2026-12-07, commit abc1234, 2 cores, Some CPU)") && text.contains("BENCH mc.trials_per_s_per_core 6.1e+06 trials/s"))
        #expect(!text.contains("not a bench line"))
        #expect(try generator.update(write: false).isEmpty)                                       // a second run changes nothing
    }

    @Test func withoutBaselinesOrBenchRecordTheRegionsSaySoWithoutNumbers() throws {
        let root = try fixture(baseline: false, bench: false)
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try ReadmeRegions(root: root).update(write: true)
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(text.contains("No published baseline yet for `smoke`, `ci`, `default`, `cold`, `paper`"))
        #expect(text.contains("No bench record yet"))
        #expect(!text.contains("|---"))
    }

    @Test func unknownOrUnpairedMarkersAreRefusedAtTheirLine() throws {
        let regions = ["costs": "x"]
        #expect(throws: ReproductionError.self) { try ReadmeRegions.rewrite("a\n<!-- BEGIN generated:cost -->\n<!-- END generated:cost -->\n", file: "R.md", regions: regions) }
        do {
            _ = try ReadmeRegions.rewrite("a\n\n<!-- BEGIN generated:costs -->\nold\n", file: "R.md", regions: regions)
            Issue.record("expected an error")
        } catch { #expect("\(error)".contains("R.md:3") && "\(error)".contains("never closed")) }
        do {
            _ = try ReadmeRegions.rewrite("<!-- END generated:costs -->\n", file: "R.md", regions: regions)
            Issue.record("expected an error")
        } catch { #expect("\(error)".contains("R.md:1") && "\(error)".contains("without its BEGIN")) }
        #expect(try ReadmeRegions.rewrite("<!-- BEGIN generated:costs -->\nold\n<!-- END generated:costs -->", file: "R.md", regions: regions)
                == "<!-- BEGIN generated:costs -->\nx\n<!-- END generated:costs -->")
    }
}
