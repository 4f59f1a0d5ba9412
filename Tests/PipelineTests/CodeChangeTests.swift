import Foundation
import Testing
@testable import Pipeline

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
}
