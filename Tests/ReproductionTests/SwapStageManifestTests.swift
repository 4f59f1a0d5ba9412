import Foundation
import Pipeline
import Testing
@testable import Reproduction

/// The swap-stage fields of equilibrate and temperature_point are checked when the manifest loads.
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
        let text = "[stage.series]\nkind = \"temperature_point\"\nforeach = \"temperatures\"\ntemperatures = [1.0]\nequilibration_window = 5\n"
        let e = errors(text)
        #expect(e.map(\.field) == ["stage.series.equilibration_window"])
    }

    @Test func everyProfileOfTheShippedManifestLoads() {
        for profile in ["smoke", "ci", "default", "paper"] { #expect(errors(Self.shipped, profile: profile).isEmpty, "\(profile)") }
    }
}
