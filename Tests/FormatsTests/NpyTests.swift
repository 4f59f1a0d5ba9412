import Foundation
import Testing
@testable import Formats

@Suite struct NpyTests {
    @Test func roundTripFloat64Matrix() throws {
        let a = NpyArray(shape: [2, 3], values: [1, -2.5, 3, .pi, 0, 1e-300])
        #expect(try NpyArray.decode(a.encoded()) == a)
    }

    @Test func headerIsPaddedTo64BytesAndEndsInNewline() {
        let data = NpyArray([1, 2, 3]).encoded()
        let headerLen = Int(data[8]) | Int(data[9]) << 8
        #expect((10 + headerLen) % 64 == 0)
        #expect(data[10 + headerLen - 1] == 0x0A)
        #expect(String(decoding: data[10..<(10 + headerLen)], as: UTF8.self).contains("'shape': (3,)"))
    }

    @Test func int32RoundTrip() throws {
        let a = NpyArray(int32: [0, 1, 2, -7])
        let b = try NpyArray.decode(a.encoded())
        #expect(b.dtype == .int32 && b.values == [0, 1, 2, -7])
    }

    @Test func truncatedDataIsAClearError() {
        let data = NpyArray([1, 2, 3]).encoded().dropLast(4)
        #expect(throws: NpyError.self) { try NpyArray.decode(Data(data), path: "x.npy") }
        do { _ = try NpyArray.decode(Data(data), path: "x.npy") } catch {
            #expect("\(error)".contains("x.npy") && "\(error)".contains("truncated"))
        }
    }

    @Test func notAnNpyFileIsRejected() {
        #expect(throws: NpyError.self) { try NpyArray.decode(Data("hello world, not numpy".utf8)) }
    }

    @Test func numpyCanReadWhatWeWrite() throws {
        // Cross-check against numpy itself when it is installed; the format test above stands alone.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try NpyArray(shape: [2, 2], values: [1, 2, 3, 4.5]).write(to: url)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import numpy,sys; a=numpy.load(sys.argv[1]); print(a.shape, a.sum())", url.path]
        let pipe = Pipe(); p.standardOutput = pipe; p.standardError = Pipe()
        guard (try? p.run()) != nil else { return }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return } // numpy absent
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "(2, 2) 10.5")
    }
}
