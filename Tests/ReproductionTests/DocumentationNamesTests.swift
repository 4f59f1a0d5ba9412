import Foundation
@testable import Pipeline
@testable import PipelineSlurm
import Testing
@testable import Reproduction

/// Issue 25 §4: the documentation names only files, fields and keys that exist.
@Suite struct DocumentationNamesTests {
    static let root = ReadmeTests.root

    /// README.md, docs/*.md and the build tool's reference.
    static func pages() throws -> [(name: String, text: String)] {
        try (ReadmeRegions(root: root).files + ["Sources/Pipeline/README.md"]).map {
            ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Outputs of a run or a make target, absent from a fresh clone.
    static let written = ["report/build", "report/published", "docs/bench.txt"]

    /// Repository paths a page names, in backticks or as a link target (relative to the page).
    static func paths(in text: String, page: String) -> [String] {
        let roots = ["Sources/", "Tests/", "report/", "docs/", "scripts/", ".ci/", ".github/"]
        var found: [String] = []
        let spans = text.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        for span in spans {
            for word in span.split(separator: " ").map(String.init) where roots.contains(where: word.hasPrefix) { found.append(word) }
        }
        let links = try! NSRegularExpression(pattern: #"\]\(([^)#\s]+)"#)
        for m in links.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let target = String(text[Range(m.range(at: 1), in: text)!])
            guard !target.contains("://") else { continue }
            let base = URL(fileURLWithPath: page, relativeTo: URL(fileURLWithPath: "/repo/")).deletingLastPathComponent()
            found.append(String(URL(fileURLWithPath: target, relativeTo: base).standardizedFileURL.path.dropFirst("/repo/".count)))
        }
        // Placeholders (<profile>, NAME, …, *) name families of files, not one file.
        return found.map { p in String(p.reversed().drop { ".,;:)".contains($0) }.reversed()) }
            .filter { !$0.contains("<") && !$0.contains("*") && !$0.contains("…") && !$0.contains("NN") }
            .filter { p in !written.contains { p.hasPrefix($0) } }
    }

    @Test func everyRepositoryPathTheDocumentationNamesExists() throws {
        var checked = 0
        for page in try Self.pages() {
            for path in Self.paths(in: page.text, page: page.name) {
                checked += 1
                #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path), "\(page.name) names \(path), which does not exist")
            }
        }
        #expect(checked > 30)
    }

    @Test func theCheckSeesMissingPathsAndSkipsPlaceholders() {
        let text = "`Sources/Nowhere.swift`, [x](../report/manifest.toml), `results/<profile>/`, `report/build/smoke/`"
        #expect(Self.paths(in: text, page: "docs/a.md") == ["Sources/Nowhere.swift", "report/manifest.toml"])
    }

    /// The manifest example of Sources/Pipeline/README.md is a manifest the study's loader accepts:
    /// every field is one a registered stage kind declares, or a reserved key, and every value key exists.
    @Test func theBuildToolsManifestExampleLoads() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Sources/Pipeline/README.md"), encoding: .utf8)
        let start = try #require(text.range(of: "```toml\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let example = String(text[start.upperBound..<end.lowerBound])
        for profile in ["smoke", "full"] {
            #expect(throws: Never.self) { try Manifest.parse(text: example, file: "Sources/Pipeline/README.md", profile: profile, registry: PaperStages.registry()) }
        }
    }

    /// docs/cluster.md lists every key of the `[executor]` table, and no other.
    @Test func theClusterPageListsEveryExecutorKey() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/cluster.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## 7. Every `[executor]` key").last)
        let keys = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(Set(keys) == Set(["type"] + SlurmOptions.keys) && keys.count == SlurmOptions.keys.count + 1)
    }
}
