import Model
import Randomness
import Testing
import TestSupport
@testable import Descriptors

/// Issue 27 §1: the same configuration as a LAMMPS dump (numeric types, shuffled ids; scaled
/// coordinates in one case) and as extended XYZ gives the same 60 features per particle.
@Suite struct CrossFormatTests {
    @Test(arguments: [["id", "type", "x", "y", "z"], ["ys", "xs", "type", "id"]])
    func lammpsDumpAndExtendedXYZGiveTheSameFeatures(columns: [String]) throws {
        let c = jitteredMixture(n: 400, seed: 5)
        var order = [Int](0..<c.count), stream = RandomStream(seed: 9, purpose: .testData, indices: [27])
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(stream.next() % UInt64(i + 1))) } // shuffled ids
        let fromXYZ = try ExtendedXYZ.decode(ExtendedXYZ.encode(c))
        let fromDump = try LammpsDump.decode(Fixtures.lammpsFrame(c, order: order, columns: columns))
        let descriptors = try StructuralDescriptors(coarseGrainingRadius: 8)
        let a = try descriptors.compute(fromXYZ), b = try descriptors.compute(fromDump)
        #expect(a.species == b.species && a.features.count == b.features.count)
        let scaled = columns.contains("xs")
        for k in 0..<a.features.count {
            // Unscaled positions are read back exactly; scaled ones to within rounding.
            let same = scaled ? abs(a.features[k] - b.features[k]) <= 1e-12 * max(1, abs(a.features[k])) : a.features[k] == b.features[k]
            #expect(same, "\(a.names[k % 60]) of particle \(k / 60): \(a.features[k]) vs \(b.features[k])")
        }
    }
}
