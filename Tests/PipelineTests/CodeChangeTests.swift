import Foundation
import Testing
@testable import Pipeline
@testable import Report

/// A result computed by other code than the current build is flagged, never silently reused
/// unnoticed (the cache key holds the version, not the code).
@Suite struct CodeChangeTests {
    func metadata(_ fingerprint: String?) -> EntryMetadata {
        EntryMetadata(key: "k", kind: "toy", version: 1, taskID: "toy", inputs: [:], parameters: [:], seed: 0, seconds: 1, bytes: 0,
                      toolchain: "t", warnings: [], files: [], created: "", host: "h", threads: 1, codeFingerprint: fingerprint)
    }

    @Test func aMovedFingerprintIsACodeChangeAndUnknownOnesAreNot() {
        var kind = StageKind("toy", version: 1, run: { _ in })
        kind.codeFingerprint = "Model:aa"
        #expect(metadata("Model:ab").codeChanged(for: kind))
        #expect(!metadata("Model:aa").codeChanged(for: kind))
        #expect(!metadata(nil).codeChanged(for: kind))  // an entry older than fingerprints
        kind.codeFingerprint = nil
        #expect(!metadata("Model:ab").codeChanged(for: kind))
    }

    @Test func provenanceNamesTheTasksComputedByOtherCode() {
        var p = Provenance(gitCommit: nil, gitDirty: nil, toolchain: "t", profile: "smoke", globalSeed: 1, stageSeconds: [:],
                           machine: "m", cores: 2, date: "d")
        #expect(!p.markdown.contains("Code changed"))
        p.codeChanged = ["propensity[0]", "figures"]
        #expect(p.markdown.contains("**Code changed since these results**") && p.markdown.contains(#"propensity\[0\], figures"#))
    }

    /// Status and the run see a result computed by other code: still done (the key did not move),
    /// with a note naming the rerun that recomputes it.
    @Test func thePlanNotesResultsComputedByOtherCode() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        func registry(_ fingerprint: String) -> StageRegistry {
            var r = StageRegistry()
            for var k in toyRegistry(Counter()).kinds.values {
                k.codeFingerprint = fingerprint
                r.register(k)
            }
            return r
        }
        let before = try graph(chainManifest, registry: registry("Model:1"))
        #expect(LocalExecutor().run(graph: before, store: store, options: quietOptions()).succeeded)
        #expect(Plan.make(graph: before, store: store).statuses.allSatisfy { $0.state == .done && $0.reasons.isEmpty })
        let after = try graph(chainManifest, registry: registry("Model:2"))
        let plan = Plan.make(graph: after, store: store)
        #expect(plan.toRun.isEmpty)
        let single = try #require(plan[TaskID("single")!])
        #expect(single.reasons == ["code changed since this result; version unchanged (repro report --rerun single recomputes it)"])
        #expect(Status.render(plan.statuses).contains("done    single"))
    }
}
