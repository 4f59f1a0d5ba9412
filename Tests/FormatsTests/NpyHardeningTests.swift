import Foundation
import Testing
@testable import Formats

/// Issue 14, items 6, 10 and 11: forged headers, non-finite values and directories.
@Suite struct NpyHardeningTests {
    /// A version-1.0 file whose header says `shape` over `payload` bytes of data.
    static func file(shape: String, descr: String = "<f8", payload: Int = 0) -> Data {
        RawNpy.file(header: RawNpy.header(descr: descr, shape: shape), payload: [UInt8](repeating: 0, count: payload))
    }

    @Test func overflowingShapeIsAnErrorNamingTheFile() {
        // 2^62 × 4 values overflowed Int and trapped (SIGILL) before.
        for shape in ["(4611686018427387904, 4)", "(9223372036854775807, 9223372036854775807)", "(2305843009213693952,)",
                      "(1152921504606846976, 1)"] {
            #expect { try NpyArray.decode(Self.file(shape: shape, payload: 64), path: "forged.npy") } throws: { e in
                "\(e)".contains("forged.npy")
            }
        }
    }

    @Test func writerRefusesNonFiniteValuesUnlessAllowed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npy-nan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("a.npy")
        let a = NpyArray(shape: [2, 2], values: [1, .nan, 3, .infinity])
        #expect { try a.write(to: url) } throws: { e in
            "\(e)".contains("a.npy") && "\(e)".contains("2 value(s) are not finite") && "\(e)".contains("flat index 1")
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try a.write(to: url, allowNonFinite: true)
        #expect(try NpyArray.read(from: url).values[3] == .infinity)
    }

    @Test func directoryGivenForAFileIsAPlainMessage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npy-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try NpyArray.read(from: dir) } throws: { e in
            "\(e)" == "\(dir.path): cannot read .npy file: is a directory, not a file"
        }
        #expect { try NpyArray([1]).write(to: dir) } throws: { e in
            "\(e)" == "\(dir.path): is a directory; give a file name to write to"
        }
        #expect { try NpyArray.read(from: dir.appendingPathComponent("missing.npy")) } throws: { e in
            "\(e)".hasSuffix("missing.npy: cannot read .npy file: no such file")
        }
    }
}
