import Foundation
import Pipeline
import Report
import Testing
@testable import Reproduction

/// Known-deviation reasons and cross-profile values are checked when the manifest loads, before
/// any task runs, like the report's own keys.
@Suite struct ReasonCheckTests {
    @Test(arguments: ["smoke", "ci", "default", "cold", "paper"])
    func theShippedReasonsAndReportLoadForEveryProfile(profile: String) throws {
        _ = try Study(root: PaperProfileReportTests.root, profile: profile).load()
    }

    /// A study directory holding the shipped `report/manifest.toml` and `report/report.md`, with
    /// `edit` applied to the file `name`; the edit must change it.
    static func shippedStudy(editing name: String, _ edit: (String) -> String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("report"), withIntermediateDirectories: true)
        for file in ["manifest.toml", "report.md"] {
            let text = try String(contentsOf: PaperProfileReportTests.root.appendingPathComponent("report/\(file)"), encoding: .utf8)
            let written = file == name ? edit(text) : text
            if file == name { #expect(written != text) }
            try written.write(to: dir.appendingPathComponent("report/\(file)"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func aTypoInAnotherProfilesReasonStopsEveryProfileBeforeCompute() throws {
        let dir = try Self.shippedStudy(editing: "manifest.toml") {
            $0.replacingOccurrences(of: "give Δ = {{value noise.delta_half format=%.2f}} (noise.delta_half); q predicts p better",
                                    with: "give Δ = {{value noise.delta_hlf format=%.2f}} (noise.delta_half); q predicts p better")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        // The reason is the ci profile's; the smoke profile, which never shows it, refuses it too.
        do {
            _ = try Study(root: dir, profile: "smoke").load()
            Issue.record("loaded")
        } catch let e as ManifestErrors {
            #expect(e.errors.count == 1 && e.errors[0].field.contains("known_deviation.ci {{value noise.delta_hlf}}"))
            #expect(e.errors[0].message.contains("did you mean 'noise.delta_half'"))
        }
    }

    @Test func aReasonMayQuoteOnlyDeclaredValues() {
        let e = Pipeline.Expectation(name: "e", quantity: "noise.delta_half", target: .range(nil, 1),
                                     knownDeviations: ["default": "Δ = {{value noise.delta_hlf}} ({{check x}})"], line: 12)
        let problems = Study.reasonProblems([e], file: "manifest.toml", keys: ReportSummary.keySet,
                                            published: PublishedBaselines(directory: nil), profiles: ["default"])
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.line == 12 && $0.field.hasPrefix("expectation 'e' known_deviation.default") })
        #expect(problems.contains { $0.message.contains("did you mean 'noise.delta_half'") })
        #expect(problems.contains { $0.message.contains("may quote only {{value") })
    }

    @Test func anotherProfilesValueNeedsItsPublishedBaseline() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "# R\nCold: {{value cold:theta.pearson_margin}}\n"
        let missing = Study.unknownReferences(in: text, file: "report.md", keys: ReportSummary.keySet, expectations: [],
                                              published: PublishedBaselines(directory: dir), profiles: ["cold", "default"])
        #expect(missing.count == 1 && missing[0].line == 2 && missing[0].message.contains("no published baseline"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cold"), withIntermediateDirectories: true)
        var cold = ValueStore()
        cold.set("theta.pearson_margin", -0.045)
        try cold.write(to: dir.appendingPathComponent("cold/values.json"))
        #expect(Study.unknownReferences(in: text, file: "report.md", keys: ReportSummary.keySet, expectations: [],
                                        published: PublishedBaselines(directory: dir), profiles: ["cold", "default"]).isEmpty)
    }
}

extension ReasonCheckTests {
    @Test func aTypoInTheShippedCaptionsStopsTheLoadBeforeCompute() throws {
        let dir = try Self.shippedStudy(editing: "report.md") {
            $0.replacingOccurrences(of: "[[value paper.temperature format=%.2f]]", with: "[[value paper.temprature format=%.2f]]")
                .replacingOccurrences(of: "[[value model.wave_number format=%.1f]]", with: "[[value model.wave_number format=%s]]")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try Study(root: dir, profile: "smoke").load()
            Issue.record("loaded")
        } catch let e as ManifestErrors {
            #expect(e.errors.contains { $0.field == "{{value paper.temprature}}" && $0.message.contains("did you mean 'paper.temperature'") })
            #expect(e.errors.contains { $0.message.contains("format \"%s\" not allowed") })
        }
    }

    @Test func aTypoInACaptionKeyIsRefusedWithASuggestion() {
        let text = "# R\n\n" + #"{{figure fig04 "Grey: the paper at T = [[value paper.temprature format=%.2f]]." label="Fig. 4"}}"#
        let problems = Study.unknownReferences(in: text, file: "report.md", keys: ReportSummary.keySet, expectations: [])
        #expect(problems.count == 1 && problems[0].line == 3 && problems[0].field == "{{value paper.temprature}}")
        #expect(problems.first?.message.contains("did you mean 'paper.temperature'") == true)
    }
}
