import Foundation
@testable import Pipeline
@testable import Report
import Testing
@testable import Reproduction

/// Issue 25 §2: a report build becomes a profile's published baseline, with its provenance.
@Suite struct PublishedBaselineTests {
    /// A fabricated report build of `profile`: values.json and expectations.json as the report writes them.
    static func build(profile: String, in root: URL) throws -> URL {
        let dir = root.appendingPathComponent("report/build/\(profile)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var values = ValueStore()
        values.set("profile", profile); values.set("theta_bar.peak_ell", 4.0); values.set("cost.task_minutes", 3.5)
        values.setFigure("fig04_descriptors", root.appendingPathComponent("figures/\(profile)/fig04_descriptors.png"))
        try values.write(to: dir.appendingPathComponent("values.json"))
        let file = ExpectationsFile(profile: profile, failed: false, counts: ["pass": 1], expectations: [
            .init(name: "theta-peak", quantity: "theta_bar.peak_ell", description: nil, ours: "4", value: 4, standardError: nil,
                  expected: "[3, 5]", reference: "4", verdict: .pass, detail: "inside", knownDeviation: nil)])
        try JSONEncoder().encode(file).write(to: dir.appendingPathComponent("expectations.json"))
        return dir
    }

    @Test func publishCopiesTheBuildAndRecordsProvenance() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("repro-baseline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let build = try Self.build(profile: "smoke", in: root)
        let published = root.appendingPathComponent("report/published/smoke")
        try BaselineProvenance.publish(build: build, to: published, profile: "smoke",
                                       taskSeconds: ["equilibrate[0]": 2.5, "summary": 0.5], date: Date(timeIntervalSince1970: 0))
        #expect(try Data(contentsOf: published.appendingPathComponent("expectations.json"))
                == (try Data(contentsOf: build.appendingPathComponent("expectations.json"))))
        // The values, without the figures' absolute paths (they name the machine that built it).
        let kept = try ValueStore.load(published.appendingPathComponent("values.json"))
        #expect(kept.values == (try ValueStore.load(build.appendingPathComponent("values.json"))).values && kept.figures.isEmpty)
        #expect(!(try String(contentsOf: published.appendingPathComponent("values.json"), encoding: .utf8)).contains(root.path))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: published.appendingPathComponent("provenance.json"))) as! [String: Any]
        #expect(json["profile"] as? String == "smoke" && json["version"] as? String == ReproVersion.number)
        #expect(json["commit"] as? String == ReproVersion.commit && json["date"] as? String == "1970-01-01T00:00:00Z")
        #expect((json["task_seconds"] as? [String: Double])?["equilibrate[0]"] == 2.5 && json["total_seconds"] as? Double == 3)
        let machine = try #require(json["machine"] as? [String: Any])
        #expect((machine["cores"] as? Int ?? 0) >= 1 && !(machine["cpu_model"] as? String ?? "").isEmpty)
        // The published baseline is a build `repro diff` reads: the same build does not move.
        let diff = ReportDiff.compare(old: try ReportDiff.load(published), new: try ReportDiff.load(build))
        #expect(diff.values.isEmpty && diff.verdicts.isEmpty)
    }

    @Test func aBuildOfAnotherProfileOrNoBuildIsRefusedAndNothingWritten() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("repro-baseline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let build = try Self.build(profile: "ci", in: root)
        let published = root.appendingPathComponent("report/published/smoke")
        #expect { try BaselineProvenance.publish(build: build, to: published, profile: "smoke", taskSeconds: [:], date: Date()) }
            throws: { "\($0)".contains("values.json: built for ci, not profile 'smoke'") }
        #expect { try BaselineProvenance.publish(build: root.appendingPathComponent("report/build/none"), to: published, profile: "none",
                                                 taskSeconds: [:], date: Date()) }
            throws: { "\($0)".contains("no such report build directory") }
        #expect(!FileManager.default.fileExists(atPath: published.path))
    }
}
