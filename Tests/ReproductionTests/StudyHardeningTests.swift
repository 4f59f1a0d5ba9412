// Issue 24 items 9 and 11 at the study level: the shipped report source is validated when the
// manifest loads (a forbidden link refused at its source line, before any task runs), and
// `status` on a cache path that does not exist writes nothing.
import Foundation
import Testing
@testable import Pipeline
@testable import Reproduction

@Suite struct StudyHardeningTests {
    /// A repository root holding the shipped manifest and `report` as report/report.md.
    static func root(report: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("report"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ManifestTests.manifest, to: root.appendingPathComponent("report/manifest.toml"))
        try report.write(to: root.appendingPathComponent("report/report.md"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func theShippedReportSourcePassesItsChecks() throws {
        let shipped = ManifestTests.manifest.deletingLastPathComponent().appendingPathComponent("report.md")
        let root = try Self.root(report: try String(contentsOf: shipped, encoding: .utf8))
        defer { try? FileManager.default.removeItem(at: root) }
        for profile in ["smoke", "default"] { #expect(try Study(root: root, profile: profile).load().1.tasks.count > 0) }
    }

    @Test func aForbiddenLinkInTheSourceIsALoadErrorAtItsLine() throws {
        let root = try Self.root(report: "# Report\n\n{{expectations}}\n\nSee ![x](/etc/passwd).\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect { try Study(root: root, profile: "smoke").load() } throws: { e in
            guard let e = e as? ManifestErrors, e.errors.count == 1, let first = e.errors.first else { return false }
            return first.file == root.appendingPathComponent("report/report.md").path && first.line == 5 && first.field == "/etc/passwd"
                && first.message.contains("outside the report's files")
        }
    }

    @Test func statusOnACachePathThatDoesNotExistCreatesNothing() throws {
        let root = try Self.root(report: "# Report\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("typo")
        let text = try Study(root: root, profile: "smoke", cache: cache).status()
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        #expect(text.hasPrefix("the cache \(cache.path) does not exist: nothing is computed yet\n"))
        let counts = try #require(text.components(separatedBy: "\n").last)
        #expect(counts.hasSuffix(" 0 done, 0 stale, \(try Study(root: root, profile: "smoke").load().1.tasks.count) missing"))
    }
}
