// Issue 25 §5: the report's provenance names the software's version and the commit it was built from.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct ProvenanceVersionTests {
    func provenance() -> Provenance {
        Provenance(gitCommit: "abc123", gitDirty: false, toolchain: "Swift 6.1", profile: "smoke", globalSeed: 7,
                   stageSeconds: [:], machine: "Linux x86_64", cores: 2, date: "2026-12-07")
    }

    @Test func theVersionAndBuildCommitAreARow() throws {
        var p = provenance()
        p.software = "repro 0.9.0"
        p.buildCommit = String(repeating: "f", count: 40)
        let rows = p.markdown.split(separator: "\n")
        #expect(rows.contains { $0 == "| Software | repro 0.9.0, built from commit `\(String(repeating: "f", count: 40))` |" })
        // The row sits in the table, before the checkout's own commit.
        let software = try #require(rows.firstIndex { $0.hasPrefix("| Software |") })
        #expect(rows[software + 1].hasPrefix("| Commit | `abc123`"))
        // It survives the JSON round trip the report's provenance takes.
        let decoded = try JSONDecoder().decode(Provenance.self, from: JSONEncoder().encode(p))
        #expect(decoded.software == "repro 0.9.0" && decoded.buildCommit == p.buildCommit)
    }

    @Test func withoutAVersionThereIsNoRow() {
        #expect(!provenance().markdown.contains("| Software |"))
    }
}
