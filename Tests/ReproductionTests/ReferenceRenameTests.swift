// The paper's study renamed an expectation key (issue 26 §4): the old one is refused, naming the
// new one. The example study itself runs on the binary (Tests/ReproTests/ExampleStudyTests.swift).
import Foundation
import Pipeline
import Testing
@testable import Reproduction

@Suite struct ReferenceRenameTests {
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
