import Foundation
import Testing
@testable import Model
import TestSupport

/// Issue 14, items 10 and 11: coincident particles, CRLF, trailing blank lines, directories.
@Suite struct ExtendedXYZHardeningTests {
    static let header = "Lattice=\"10 0 0 0 10 0 0 0 1\" Properties=species:S:1:pos:R:3"

    @Test func crlfLineEndingsAndTrailingBlankLinesAreAccepted() throws {
        let c = Fixtures.randomMixture(n: 25, seed: 3)
        let text = ExtendedXYZ.encode(c)
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try ExtendedXYZ.decode(crlf, path: "dos.xyz") == c)
        #expect(try ExtendedXYZ.decode(text + "\n\n  \n", path: "blank.xyz") == c)
        #expect(try ExtendedXYZ.decode(crlf + "\r\n\r\n", path: "both.xyz") == c)
    }

    @Test func coincidentParticlesAreRefusedNamingBoth() {
        let text = "4\n\(Self.header)\nS 1 1 0\nM 5 5 0\nL 3 3 0\nS 5 5 0\n"
        #expect { try ExtendedXYZ.decode(text, path: "same.xyz") } throws: { e in
            "\(e)".hasPrefix("same.xyz:6: particles 1 and 3 (0-based; lines 4 and 6) are at the same position")
        }
        // Periodic images coincide too: x = 0 and x = L are one place.
        let images = "2\n\(Self.header)\nS 0 2 0\nM 10 2 0\n"
        #expect { try ExtendedXYZ.decode(images, path: "img.xyz") } throws: { e in "\(e)".contains("particles 0 and 1") }
    }

    @Test func aDirectoryIsAPlainMessage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xyz-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try ExtendedXYZ.read(from: dir) } throws: { e in "\(e)" == "\(dir.path): cannot read file (is a directory, not a file)" }
        #expect { try ExtendedXYZ.write(Fixtures.randomMixture(n: 25), to: dir) } throws: { e in
            "\(e)" == "\(dir.path): is a directory; give a file name to write to"
        }
    }
}

/// Issue 14, item 6: seeded mutations of a valid file never crash the reader.
@Suite struct ExtendedXYZFuzzTests {
    @Test func mutatedFilesNeverCrashTheReader() {
        let valid = [UInt8](ExtendedXYZ.encode(Fixtures.randomMixture(n: 25, seed: 9)).utf8)
        var mutator = Mutator(seed: 11, insertions: [0x0A, 0x0D, 0x20, 0x2D, 0x22, 0x3D, 0x00, 0xFF],
                              numbers: ["0", "1e308", "9223372036854775807", "4611686018427387904", "-0", "nan", "inf", "1e-320", "25"],
                              decimals: true)
        var decoded = 0, rejected = 0
        for k in 0..<2500 {
            var b = valid
            mutator.mutate(&b)
            let path = "fuzz-\(k).xyz"
            do {
                let c = try ExtendedXYZ.decode(String(decoding: b, as: UTF8.self), path: path)
                #expect(c.count == c.x.count && c.x.allSatisfy(\.isFinite) && c.lx > 0 && c.ly > 0, "mutation \(k)")
                decoded += 1
            } catch {
                #expect("\(error)".hasPrefix(path + ":"), "mutation \(k): \(error)")
                rejected += 1
            }
        }
        #expect(decoded > 0 && rejected > 500)
    }
}
