import Foundation
import Formats
import Model
import Testing
@testable import Descriptors

@Suite struct DescriptorFilesTests {
    @Test func writesFeaturesNamesAndSpecies() throws {
        let c = jitteredMixture(n: 150)
        let result = try StructuralDescriptors(ells: [0.5, 1.0], coarseGrainingRadius: 4).compute(c)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("desc-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let urls = try DescriptorFiles.write(result, to: dir.appendingPathComponent("features.npy"))
        #expect(urls.map(\.lastPathComponent) == ["features.npy", "features.names.json", "species.npy"])

        let features = try NpyArray.read(from: urls[0])
        #expect(features.shape == [150, 12] && features.dtype == .float64)
        #expect(features.values == result.features)
        let names = try JSONDecoder().decode([String].self, from: Data(contentsOf: urls[1]))
        #expect(names == result.names)
        let species = try NpyArray.read(from: urls[2])
        #expect(species.dtype == .int32 && species.shape == [150])
        #expect(species.values == c.species.map { Double($0.rawValue) })
    }
}
