import Foundation
import Pipeline
import Testing
@testable import Reproduction

/// The swap-stage fields of equilibrate (the main data set's and the series') are checked when the manifest loads.
@Suite struct SwapStageManifestTests {
    static let shipped = ManifestHardeningTests.shipped

    func errors(_ text: String, profile: String? = nil) -> [ManifestError] {
        ManifestHardeningTests().errors(text, profile: profile)
    }

    @Test func anUnknownSwapPairsValueNamesTheFieldAndTheAllowedValues() {
        let text = Self.shipped.replacingOccurrences(of: "swap_pairs = \"adjacent\"", with: "swap_pairs = \"neighbours\"")
        let e = errors(text, profile: "smoke")
        #expect(e.map(\.field) == ["stage.equilibrate.swap_pairs"])
        #expect(e.first?.message.contains("neighbours") == true)
        #expect(e.first?.message.contains("adjacent") == true && e.first?.message.contains("all") == true)
    }

    @Test func aBudgetBelowThreeWindowsIsALoadError() {
        let text = Self.shipped.replacingOccurrences(of: "max_swap_sweeps = 10000", with: "max_swap_sweeps = 2500")
        let e = errors(text, profile: "smoke")
        #expect(e.count == 1)
        #expect(e.first?.field.hasSuffix("max_swap_sweeps") == true)
        #expect(e.first?.message.contains("3 windows") == true)
        #expect(e.first?.message.contains("3000") == true)
    }

    @Test func aWindowTooShortForTheDriftTestIsALoadError() {
        let text = "[stage.series_equilibrate]\nkind = \"equilibrate\"\nforeach = \"temperature\"\nreplicas = 2\ntemperature = [1.0]\nequilibration_window = 5\n"
        let e = errors(text)
        #expect(e.map(\.field) == ["stage.series_equilibrate.equilibration_window"])
    }

    @Test func everyProfileOfTheShippedManifestLoads() {
        for profile in ["smoke", "ci", "default", "paper"] { #expect(errors(Self.shipped, profile: profile).isEmpty, "\(profile)") }
    }
}

/// An equilibrate task whose budget runs out fails, and its message says what to change.
@Suite struct SwapStageFailureTests {
    @Test func anExhaustedBudgetFailsTheTaskNamingConfigurationDriftAndField() throws {
        // Melted at T = 2 and quenched to 0.3 with three windows of 10 sweeps: still falling.
        let text = """
        [base]
        seed = 5
        n = 100
        [stage.equilibrate]
        temperature = 0.3
        melt_sweeps = 20
        equilibration_window = 10
        max_swap_sweeps = 30
        check_sweeps = 20
        """
        let registry = PaperStages.registry()
        let graph = TaskGraph(manifest: try Manifest.parse(text: text, file: "fail.toml", profile: nil, registry: registry), registry: registry)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repro-swapfail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = ExecutionOptions()
        options.progress = .none
        options.log = { _ in }
        options.toolchain = "test"
        let summary = LocalExecutor().run(graph: graph, store: try Store(root: dir), options: options)
        let message = try #require(summary.failed.first?.message)
        for part in ["configuration 0", "not equilibrated", "30 swap sweeps", "3 windows of 10", "standard errors",
                     "raise max_swap_sweeps of stage equilibrate"] {
            #expect(message.contains(part), "\(part) missing from: \(message)")
        }
    }
}
