import Foundation
import Formats
import Model
import Testing
@testable import Descriptors

/// Issue 14, item 10: coincident particles gave NaN descriptors; a NaN is never written silently.
@Suite struct NonFiniteTests {
    @Test func coincidentParticlesAreRefusedNamingBoth() throws {
        var c = jitteredMixture(n: 150)
        c.x[99] = c.x[12]; c.y[99] = c.y[12]
        let descriptors = try StructuralDescriptors(ells: [0.5, 1.0], coarseGrainingRadius: 4)
        #expect { try descriptors.compute(c) } throws: { e in
            "\(e)" == "invalid positions = particles 12 and 99 at the same place: expected no two particles closer than 1e-08"
        }
    }

    @Test func featureFilesRefuseNonFiniteValuesBeforeWritingAnything() throws {
        let c = jitteredMixture(n: 150)
        let good = try StructuralDescriptors(ells: [0.5], coarseGrainingRadius: 4).compute(c)
        var values = good.features
        values[7] = .nan
        let bad = DescriptorResult(species: good.species, local: good.local, ells: good.ells, features: values, featureNames: good.featureNames)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("desc-nan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("features.npy")
        #expect { try DescriptorFiles.write(bad, to: url) } throws: { e in "\(e)".hasPrefix(url.path + ": not written: 1 value(s) are not finite") }
        #expect(!FileManager.default.fileExists(atPath: dir.path))
        try DescriptorFiles.write(bad, to: url, allowNonFinite: true)
        #expect(try NpyArray.read(from: url).values[7].isNaN)
    }
}
