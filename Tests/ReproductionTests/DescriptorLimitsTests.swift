import Descriptors
import Foundation
import Formats
import Model
import Pipeline
import Report
import Testing
@testable import Reproduction

/// Issue 24, item 8 and "Also": the ℓ list is bounded at load, the cost estimate follows it, long
/// lists are printed shortened; a selection too large for memory is a load error; constant
/// feature columns are refused where the pipeline reads features.
@Suite struct DescriptorLimitsTests {
    func errors(_ text: String) -> [ManifestError] {
        do {
            _ = try Manifest.parse(text: text, file: "bad.toml", profile: nil, registry: PaperStages.registry())
            return []
        } catch let e as ManifestErrors { return e.errors } catch { return [] }
    }

    func manifest(ells: [Double], n: Int = 4000) -> String {
        """
        [stage.equilibrate]
        temperature = 0.5
        n = \(n)
        [stage.descriptors]
        inputs = { configuration = "equilibrate" }
        ells = [\(ells.map { "\($0)" }.joined(separator: ", "))]
        """
    }

    @Test func theEllListIsBoundedAtLoad() throws {
        let ells = (1...101).map { Double($0) * 0.01 }
        let e = errors(manifest(ells: ells))
        #expect(e.map(\.field) == ["stage.descriptors.ells"])
        #expect(e.first?.line == 6)
        #expect(e.first?.message == "101 lengths: at most 100 allowed (the paper uses 10); each ℓ adds 6 feature columns")
        #expect(errors(manifest(ells: Array(ells.prefix(100)))).isEmpty)
        // The descriptors code (and so `repro descriptors --ells`) has the same limit.
        #expect { try StructuralDescriptors(ells: ells) } throws: { e in
            "\(e)" == "invalid ells = a list of 101 lengths: expected at most 100 (the paper uses 10); each ℓ adds 6 feature columns"
        }
        // A list of 10⁶ is refused too, and its message stays short.
        let huge = errors(manifest(ells: (1...1_000_000).map { Double($0) * 1e-6 }))
        #expect(huge.map(\.field) == ["stage.descriptors.ells"] && huge.allSatisfy { $0.message.count < 200 })
    }

    @Test func longListsArePrintedShortened() {
        let list = ParameterValue.list((1...2000).map { .double(Double($0) / 4) })
        #expect(list.description == "[0.25, 0.5, 0.75, 1.0, 1.25, …, 499.75, 500.0] (2000 elements)")
        let paper = ParameterValue.list(StructuralDescriptors.paperElls.map { .double($0) })
        #expect(paper.description == "[0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]")
    }

    @Test func theCostEstimateFollowsTheEllList() throws {
        // It said 192 kB per task (60 columns at N = 400) whatever the list: 2000 ℓ made 37 MB.
        for count in [10, 20, 100] {
            let ells = ParameterValue.list((1...count).map { .double(Double($0) * 0.05) })
            let p = Parameters(["n": .int(400), "ells": ells])
            let c = DescriptorsStage.kind.cost(p, [:])
            #expect(c.diskBytes == 8 * 6 * Double(count) * 400)
            let imbalance = ImbalanceStage.kind.cost(Parameters(["n": .int(400)]), ["descriptors": [p]])
            #expect(imbalance.memoryBytes == 12 * 400 * 400 + 4 * 8 * 400 * 6 * Double(count))
        }
    }

    @Test func aSelectionTooLargeForThisMachineIsALoadError() throws {
        let shipped = try String(contentsOf: ManifestTests.manifest, encoding: .utf8)
        let text = shipped.replacingOccurrences(of: "\nn = 4000 ", with: "\nn = 10000000 ")
        var e: [ManifestError] = []
        do { _ = try Manifest.parse(text: text, file: "big.toml", profile: "default", registry: PaperStages.registry()) } catch let m as ManifestErrors { e = m.errors }
        let memory = e.filter { $0.message.contains("greedy selection") }
        #expect(memory.map(\.field) == ["base.n"])
        #expect(memory.first?.line == 12)
        #expect(memory.first?.message.hasPrefix("stage 'imbalance': points: a greedy selection over 10000000 points needs about 1200 TB") == true)
        #expect(memory.first?.message.hasSuffix("lower n (the limit is half of this machine's memory)") == true)
    }

    @Test func constantFeatureColumnsAreRefusedWhereThePipelineReadsFeatures() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = 30
        try NpyArray(shape: [n, 2], values: (0..<n).flatMap { [Double($0 % 7), 0.25] }).write(to: dir.appendingPathComponent("features.npy"))
        try Data(#"["rho_bar(l=0.5)", "z_bar(l=0.5)"]"#.utf8).write(to: dir.appendingPathComponent("features.names.json"))
        try NpyArray(int32: [Int32](repeating: 0, count: n)).write(to: dir.appendingPathComponent("species.npy"))
        #expect { try FeatureData.read(from: dir) } throws: { e in
            "\(e)" == "\(dir.path)/features.npy: columns: 1 (z_bar(l=0.5)) constant (zero variance): a constant feature carries no information, "
                + "and its imbalance would come from how ties are broken alone; leave it out; choose ells and n so that every feature varies"
        }
    }

    /// A species code that is no species (NaN, 2.5, 7) is refused by name, not trapped on in Int(_:).
    @Test(arguments: [Double.nan, 2.5, 7, -1])
    func aSpeciesCodeThatIsNoSpeciesIsRefused(code: Double) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("species-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = 4
        try NpyArray(shape: [n, 1], values: [0, 1, 2, 3]).write(to: dir.appendingPathComponent("features.npy"))
        try Data(#"["rho_bar(l=0.5)"]"#.utf8).write(to: dir.appendingPathComponent("features.names.json"))
        // The writer refuses NaN: write a stand-in and put the code's bytes in its place.
        let speciesURL = dir.appendingPathComponent("species.npy")
        try NpyArray(shape: [n], values: [0, 1, 99, 2]).write(to: speciesURL)
        var bytes = try Data(contentsOf: speciesURL)
        let stand = withUnsafeBytes(of: Double(99).bitPattern.littleEndian) { Data($0) }
        bytes.replaceSubrange(bytes.range(of: stand)!, with: withUnsafeBytes(of: code.bitPattern.littleEndian) { Data($0) })
        try bytes.write(to: speciesURL)
        #expect { try FeatureData.read(from: dir) } throws: { e in
            "\(e)".contains("species.npy") && "\(e)".contains("row 2 holds") && "\(e)".contains("allowed: 0 (S), 1 (M), 2 (L)")
        }
    }

    /// The ℓ scan computes its own features: it refuses constant ones too.
    @Test func theEllScanRefusesConstantFeatures() throws {
        // One species on a square lattice: every particle sees the same neighbourhood.
        let side = 20, n = side * side, l = Mixture.paper.boxLength(n: n), a = l / Double(side)
        let lattice = Configuration(boxLength: l, x: (0..<n).map { Double($0 % side) * a }, y: (0..<n).map { Double($0 / side) * a },
                                    species: [Species](repeating: .small, count: n))
        let p = (0..<n).map { Double(($0 * 37) % 101) }
        #expect { try EllScanStages.scan(configurations: [lattice], p: [p], halves: [], ells: [0.5, 1.0], radius: 5, temperature: 1,
                                         tauAlpha: 1, runs: 1, fsTimes: [], fs: []) } throws: { e in
            // Ψ̄6, Θ̄ and z̄ are exactly equal everywhere; ρ̄, φ̄ and ū differ in their last bits only.
            "\(e)".hasPrefix("configuration 0: columns: 0 (rho_bar(l=0.5)), 1 (rho_bar(l=1.0)), 2 (phi_bar(l=0.5))")
                && "\(e)".contains(", … (12 in all) constant (zero variance)")
                && "\(e)".hasSuffix("; choose ells and n so that every feature varies")
        }
    }
}
