import Foundation
import Pipeline
import Testing
@testable import Reproduction

/// The shipped manifest loads for every profile, and bad values are reported with file, line and
/// field, nothing run.
@Suite struct ManifestTests {
    static let manifest = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("report/manifest.toml")

    @Test(arguments: ["smoke", "default", "paper"])
    func shippedManifestLoads(profile: String) throws {
        let m = try Manifest.load(url: Self.manifest, profile: profile, registry: PaperStages.registry())
        let graph = TaskGraph(manifest: m, registry: PaperStages.registry())
        #expect(graph.tasks(ofStage: "figures").count == 1)
        #expect(graph.tasks(ofStage: "equilibrate").count == m.stages.first { $0.name == "equilibrate" }!.fanOut.count)
        #expect(!m.expectations.isEmpty)
    }

    @Test func paperProfileUsesThePapersStatePoint() throws {
        let m = try Manifest.load(url: Self.manifest, profile: "paper", registry: PaperStages.registry())
        let eq = m.stages.first { $0.name == "equilibrate" }!
        #expect(eq.parameters.double("temperature") == 0.30)
        #expect(eq.parameters.int("n") == 4000)
        #expect(m.stages.first { $0.name == "propensity" }!.parameters.int("runs") == 30)
        #expect(m.stages.first { $0.name == "propensity" }!.parameters.double("tau_alpha") == 4e6)
    }

    func errors(_ text: String) -> [ManifestError] {
        do {
            _ = try Manifest.parse(text: text, file: "bad.toml", profile: nil, registry: PaperStages.registry())
            return []
        } catch let e as ManifestErrors { return e.errors } catch { return [] }
    }

    @Test func negativeTemperatureNamesFileLineAndField() {
        let e = errors("""
        [base]
        temperature = -0.4
        [stage.equilibrate]
        replicas = 2
        """)
        #expect(e.contains { $0.file == "bad.toml" && $0.line == 2 && $0.field.contains("temperature") })
    }

    @Test func particleNumberMustSplitIntoTheSpeciesFractions() {
        let e = errors("""
        [stage.equilibrate]
        temperature = 0.5
        n = 4001
        """)
        #expect(e.contains { $0.field.contains("n") && "\($0)".contains("25") })
    }

    @Test func nonPositiveCoarseGrainingLengthIsRejected() {
        let e = errors("""
        [stage.equilibrate]
        temperature = 0.5
        [stage.descriptors]
        inputs = { configuration = "equilibrate" }
        ells = [0.5, 0.0]
        """)
        #expect(e.contains { $0.field.contains("ells") && $0.line == 5 })
    }

    @Test func missingInputStageIsReported() {
        let e = errors("""
        [stage.descriptors]
        inputs = { configuration = "equilibrate" }
        """)
        #expect(e.contains { "\($0)".contains("equilibrate") })
    }
}
