import Foundation
import Testing
@testable import Formats
import TestSupport

/// Issue 14, item 6: a few thousand seeded mutations of valid `.npy` files never crash the
/// reader; each one is either a consistent array or an error that names the file.
@Suite struct NpyFuzzTests {
    @Test func mutatedFilesNeverCrashTheReader() {
        let seeds: [Data] = [
            NpyArray(shape: [3, 4], values: (0..<12).map(Double.init)).encoded(),
            NpyArray(int32: [1, -2, 3]).encoded(),
            NpyArray(shape: [2, 2], dtype: .int64, values: [1, 2, 3, 4]).encoded(),
            NpyArray(shape: [5], dtype: .uint8, values: [0, 1, 2, 3, 255]).encoded(),
            NpyArray(shape: [], values: [7]).encoded(),
        ]
        var mutator = Mutator(seed: 14, numbers: ["0", "1", "9223372036854775807", "4611686018427387904", "18446744073709551616",
                                                  "99999999999", "-3"], digitWindow: 128)
        var decoded = 0, rejected = 0
        for k in 0..<4000 {
            var bytes = [UInt8](seeds[k % seeds.count])
            mutator.mutate(&bytes)
            let path = "fuzz-\(k).npy"
            do {
                let a = try NpyArray.decode(Data(bytes), path: path)
                #expect(a.values.count == a.shape.reduce(1, *), "mutation \(k)")
                decoded += 1
            } catch {
                #expect("\(error)".hasPrefix(path + ":"), "mutation \(k): \(error)")
                rejected += 1
            }
        }
        #expect(decoded > 0 && rejected > 1000) // both paths were exercised
    }
}
