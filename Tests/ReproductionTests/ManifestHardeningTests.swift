import Foundation
import Pipeline
import Testing
@testable import Reproduction

/// Issue 14, items 8, 9 and 12, with the paper's stage kinds: what used to be caught only after
/// every task ran is a load-time error naming file, line and field.
@Suite struct ManifestHardeningTests {
    static let manifestURL = ManifestTests.manifest
    static let shipped = try! String(contentsOf: manifestURL, encoding: .utf8)

    func errors(_ text: String, profile: String? = nil) -> [ManifestError] {
        do {
            _ = try Manifest.parse(text: text, file: "bad.toml", profile: profile, registry: PaperStages.registry())
            return []
        } catch let e as ManifestErrors { return e.errors } catch { return [] }
    }

    /// Line (1-based) of the first line of `text` starting with `prefix`.
    func line(_ text: String, _ prefix: String) -> Int {
        text.components(separatedBy: "\n").firstIndex { $0.hasPrefix(prefix) }! + 1
    }

    @Test func aBillionConfigurationsAreRefusedBeforeTheGraphIsBuilt() {
        let text = Self.shipped.replacingOccurrences(of: "configurations = 3\n", with: "configurations = 1000000000\n")
        let e = errors(text, profile: "smoke")
        #expect(e.count == 1)
        #expect(e.first?.field == "profiles.smoke.configurations")
        #expect(e.first?.line == line(text, "configurations = 1000000000"))
        #expect(e.first?.message.contains("limit is \(TaskGraph.maxTasksPerStage) tasks per stage") == true)
    }

    @Test func replicaCountsInsideATaskAreLimitedToo() {
        // Each run's displacements are kept until the end: a billion runs is a billion records.
        let text = Self.shipped.replacingOccurrences(of: "[profiles.smoke.stage.propensity]\nruns = 4", with: "[profiles.smoke.stage.propensity]\nruns = 1000000000")
        let e = errors(text, profile: "smoke")
        #expect(e.map(\.field) == ["profiles.smoke.stage.propensity.runs"])
        #expect(e.first?.message.contains("out of range") == true)
        let series = errors("[stage.series_equilibrate]\nkind = \"equilibrate\"\nforeach = \"temperature\"\ntemperature = [1.0]\nreplicas = 100000\n"
                            + "[stage.series_propensity]\nkind = \"propensity\"\nforeach = \"temperature\"\ntemperature = [1.0]\nruns = 5000\n"
                            + "inputs = { configuration = \"series_equilibrate\" }\n")
        #expect(Set(series.map(\.field)) == ["stage.series_equilibrate.replicas", "stage.series_propensity.runs"])
    }

    @Test func infiniteTemperatureIsALoadError() {
        let text = Self.shipped.replacingOccurrences(of: "temperature = 0.40 ", with: "temperature = inf ")
        let e = errors(text, profile: "default")
        #expect(e.map(\.field) == ["base.temperature"])
        #expect(e.first?.line == line(text, "temperature = inf"))
        #expect(e.first?.message.contains("finite") == true)
    }

    @Test func aCoarseGrainingRadiusBeyondHalfTheBoxIsALoadError() {
        // Smoke: N = 400 at density 1.024 is a box of side 19.76; R_N = 10 reaches its own image.
        let text = Self.shipped.replacingOccurrences(of: "[profiles.smoke.stage.descriptors]\ncoarse_graining_radius = 9.0",
                                                     with: "[profiles.smoke.stage.descriptors]\ncoarse_graining_radius = 10.0")
        let e = errors(text, profile: "smoke")
        #expect(e.map(\.field) == ["profiles.smoke.stage.descriptors.coarse_graining_radius"])
        #expect(e.first?.line == line(text, "coarse_graining_radius = 10.0"))
        #expect(e.first?.message.contains("L/2 = 9.88") == true)
    }

    @Test func theDefaultRadiusIsCheckedAgainstASmallBoxToo() {
        let text = """
        [stage.equilibrate]
        temperature = 0.5
        n = 400
        [stage.descriptors]
        inputs = { configuration = "equilibrate" }
        [stage.series_equilibrate]
        kind = "equilibrate"
        foreach = "temperature"
        temperature = [1.0]
        n = 400
        [stage.series]
        kind = "pearson_ell_scan"
        foreach = "temperature"
        temperature = [1.0]
        inputs = { configuration = "series_equilibrate", propensity = "series_equilibrate" }
        coarse_graining_radius = 12
        """
        let e = errors(text)
        #expect(Set(e.map(\.field)) == ["stage.descriptors.coarse_graining_radius", "stage.series.coarse_graining_radius"])
        #expect(e.first { $0.field == "stage.descriptors.coarse_graining_radius" }?.line == 4)
        #expect(e.first { $0.field == "stage.series.coarse_graining_radius" }?.line == line(text, "coarse_graining_radius = 12"))
        #expect(e.allSatisfy { $0.message.contains("20") || $0.message.contains("12") })
    }

    @Test func repeatedCoarseGrainingLengthsAreALoadError() {
        let e = errors("""
        [stage.equilibrate]
        temperature = 0.5
        [stage.descriptors]
        inputs = { configuration = "equilibrate" }
        ells = [0.5, 1.0, 0.5]
        """)
        #expect(e.map(\.field) == ["stage.descriptors.ells"])
        #expect(e.first?.line == 5)
    }

    @Test func configurationIndicesAndFeatureCountsAreCheckedAtLoad() {
        let kept = Self.shipped.replacingOccurrences(of: "random_realisations = 50", with: "random_realisations = 50\nkept_configuration = 3")
        let e = errors(kept, profile: "smoke")
        #expect(e.map(\.field) == ["profiles.smoke.stage.regression.kept_configuration"])
        #expect(e.first?.line == line(kept, "kept_configuration = 3"))
        #expect(e.first?.message.contains("gives 3 configurations") == true)

        let one = Self.shipped.replacingOccurrences(of: "configurations = 3\n", with: "configurations = 1\n")
        #expect(errors(one, profile: "smoke").map(\.field) == ["stage.regression.inputs"])

        let few = Self.shipped.replacingOccurrences(of: "[profiles.smoke.stage.descriptors]\n", with: "[profiles.smoke.stage.descriptors]\nells = [0.5, 1.0]\n")
        let d = errors(few, profile: "smoke")
        #expect(d.map(\.field) == ["base.max_d"])
        #expect(d.first?.message.contains("12 features") == true)
    }

    @Test func simulationParametersTheEngineRefusesAreLoadErrors() {
        let e = errors("[stage.equilibrate]\ntemperature = 0.5\nn = 50\n")
        #expect(e.map(\.field) == ["stage.equilibrate.n"])
        #expect(e.first?.message.contains("box of side 6.99") == true)
        #expect(errors("[stage.equilibrate]\ntemperature = 0.5\nmax_displacement = 1.5\n").map(\.field) == ["stage.equilibrate.max_displacement"])
        #expect(errors("[stage.equilibrate]\ntemperature = 0.5\nn = 75\n").isEmpty)
    }

    @Test func aTypoInAnExpectationQuantityIsALoadError() {
        let text = Self.shipped.replacingOccurrences(of: "quantity = \"theta_bar.peak_ell\"\nrange = [1.5, 2.5]",
                                                     with: "quantity = \"theta_bar.peak_el\"\nrange = [1.5, 2.5]")
        // The expectation belongs to the paper profile: loading smoke catches it all the same.
        let e = errors(text, profile: "smoke")
        #expect(e.count == 1)
        #expect(e.first?.field.hasSuffix(".quantity") == true)
        #expect(e.first?.line == line(text, "quantity = \"theta_bar.peak_el\""))
        #expect(e.first?.message.contains("did you mean 'theta_bar.peak_ell'?") == true)
    }

    @Test func aSemToleranceOnAValueWithoutStandardErrorIsALoadError() {
        let e = errors("""
        [stage.equilibrate]
        temperature = 0.5
        [[expectation]]
        name = "peak"
        quantity = "theta_bar.peak_ell"
        expected = 2
        tolerance = 2
        tolerance_mode = "sem"
        [[expectation]]
        name = "level"
        quantity = "theta_bar.pearson_peak"
        expected = 0.5
        tolerance = 2
        tolerance_mode = "sem"
        """)
        #expect(e.map(\.field) == ["expectation[0].tolerance_mode"])
        #expect(e.first?.message.contains("theta_bar.peak_ell.sem") == true)
    }

    @Test func aMissingReportSourceIsALoadError() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("repro-noreport-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("report"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.manifestURL, to: root.appendingPathComponent("report/manifest.toml"))
        let study = Study(root: root, profile: "smoke")
        do {
            _ = try study.load()
            Issue.record("loaded without report/report.md")
        } catch let e as ManifestErrors {
            #expect(e.errors.count == 1)
            #expect(e.errors.first?.file == root.appendingPathComponent("report/report.md").path)
            #expect(e.errors.first?.message.contains("missing") == true)
        }
        try "# Report\n".write(to: root.appendingPathComponent("report/report.md"), atomically: true, encoding: .utf8)
        #expect(try study.load().1.tasks.count > 0)
    }

    @Test func aProfileNameThatIsAPathIsRefused() throws {
        let study = Study(root: Self.manifestURL.deletingLastPathComponent().deletingLastPathComponent(), profile: "../../x")
        #expect(throws: ManifestErrors.self) { try study.load() }
        do { _ = try study.load() } catch let e as ManifestErrors {
            #expect(e.errors.contains { $0.field == "profile" && $0.message.contains("[A-Za-z0-9_-]+") })
        }
    }

    @Test func everyShippedExpectationNamesADeclaredValue() throws {
        let keys = PaperStages.registry().valueKeys!
        let text = Self.shipped.components(separatedBy: "\n").filter { $0.hasPrefix("quantity = ") }
        #expect(text.count > 20)
        for q in text.map({ String($0.dropFirst(12).dropLast()) }) { #expect(keys.contains(q), "\(q)") }
    }
}
