import Foundation
import Testing
@testable import Formats

/// Raw `.npy` files written byte by byte, independent of our encoder.
enum RawNpy {
    /// Magic, version, header length, `header` padded with spaces and a newline, then `payload`.
    static func file(header: String, payload: [UInt8] = [], version: UInt8 = 1) -> Data {
        let lengthBytes = version == 1 ? 2 : 4
        var h = header
        h += String(repeating: " ", count: (64 - (8 + lengthBytes + h.utf8.count + 1) % 64) % 64) + "\n"
        let n = h.utf8.count
        var d = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0])
        d.append(contentsOf: (0..<lengthBytes).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) })
        d.append(contentsOf: Array(h.utf8))
        d.append(contentsOf: payload)
        return d
    }

    /// A dict in numpy's own spelling.
    static func header(descr: String, fortran: Bool = false, shape: String) -> String {
        "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    }

    /// The bytes of `v` in the given byte order.
    static func bytes<T: FixedWidthInteger>(_ v: T, bigEndian: Bool) -> [UInt8] {
        withUnsafeBytes(of: bigEndian ? v.bigEndian : v.littleEndian, Array.init)
    }
}

/// Issue 24, item 15: the header is read as the Python literal numpy reads.
@Suite struct NpyHeaderTests {
    static let three = (0..<3).flatMap { RawNpy.bytes(Double($0 + 1).bitPattern, bigEndian: false) }

    func decode(_ header: String, payload: [UInt8] = three, version: UInt8 = 1) throws -> NpyArray {
        try NpyArray.decode(RawNpy.file(header: header, payload: payload, version: version), path: "x.npy")
    }

    func message(_ header: String, payload: [UInt8] = three, version: UInt8 = 1) -> String {
        do { _ = try decode(header, payload: payload, version: version); return "decoded" } catch { return "\(error)" }
    }

    @Test func headerWithoutSpacesIsRead() throws {
        let a = try decode("{'descr':'<f8','fortran_order':False,'shape':(3,)}")
        #expect(a.shape == [3] && a.values == [1, 2, 3])
    }

    @Test func anyPythonSpellingOfTheSameDictIsRead() throws {
        for header in ["{\"descr\": \"<f8\", \"shape\": (3,), \"fortran_order\": False}",
                       "{'shape':(3 ,),\n 'descr' : '<' 'f8', # a comment\n 'fortran_order':False ,}",
                       "  {'descr': '\\x3cf8', 'fortran_order': False, 'shape': (0x3,)}",
                       "{'descr': '<f8', 'fortran_order': False, 'shape': (+3,)}",
                       "{'descr': '<f8', 'fortran_order': False, 'shape': ((3),)}"] {
            let a = try decode(header)
            #expect(a.shape == [3] && a.values == [1, 2, 3], "\(header)")
        }
        #expect(try decode("{'descr': '<f8', 'fortran_order': False, 'shape': (1_0,)}", payload: Array(repeating: 0, count: 80)).shape == [10])
        #expect(try decode("{'descr': '<f8', 'fortran_order': False, 'shape': ()}", payload: Array(Self.three[0..<8])).values == [1])
        #expect(try decode("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3,)}").shape == [1, 3])
    }

    @Test func aRepeatedKeyTakesTheLastValueAsPythonDoes() throws {
        let a = try decode("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'shape': (3,)}")
        #expect(a.shape == [3] && a.values == [1, 2, 3])
        let b = try decode("{'descr': '<i4', 'descr': '<f8', 'fortran_order': True, 'shape': (3,), 'fortran_order': False}")
        #expect(b.dtype == .float64 && b.values == [1, 2, 3])
    }

    @Test func keysOtherThanNumpysThreeAreRefused() {
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1}")
                == "x.npy: not a valid .npy file: header keys are 'descr', 'extra', 'fortran_order', 'shape'; "
                   + "numpy requires exactly 'descr', 'fortran_order', 'shape'")
        #expect(message("{'descr': '<f8', 'shape': (3,)}").contains("header keys are 'descr', 'shape'; numpy requires exactly"))
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 3: 1}").contains("header keys are"))
    }

    @Test func badFieldValuesNameTheFieldAndTheAllowedValues() {
        #expect(message("{'descr': '<c16', 'fortran_order': False, 'shape': (3,)}")
                == "x.npy: header field 'descr' is '<c16'; allowed: \(NpyHeader.allowedDescr)")
        #expect(message("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,)}")
                .hasPrefix("x.npy: header field 'descr' is [('a', '<f8')]; allowed: '<f8'"))
        #expect(message("{'descr': '<f8', 'fortran_order': 0, 'shape': (3,)}") == "x.npy: header field 'fortran_order' is 0; allowed: True or False")
        // (3) is the int 3, not a tuple: numpy refuses it too.
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (3)}").hasPrefix("x.npy: header field 'shape' is 3; allowed: a tuple"))
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': [3]}").hasPrefix("x.npy: header field 'shape' is [3];"))
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (3, -1)}").hasPrefix("x.npy: header field 'shape' is (3, -1);"))
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (3.0,)}").hasPrefix("x.npy: header field 'shape' is (3.0,);"))
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}")
                .hasPrefix("x.npy: header field 'shape' is ((an int beyond 64 bits),);"))
    }

    @Test func syntaxErrorsSayWhereAndWhat() {
        #expect(message("{'descr': '<f8', 'fortran_order': false, 'shape': (3,)}")
                == "x.npy: not a valid .npy file: header is not a Python literal: expected a string, number, True, False, None, "
                   + "tuple or list (not the name 'false') at character 35, found 'f'")
        #expect(message("{'descr' '<f8', 'fortran_order': False, 'shape': (3,)}").contains("expected ':' after a dict key at character 15"))
        #expect(message("{'descr': '<f8, 'fortran_order': False, 'shape': (3,)}").contains("header is not a Python literal"))
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (03,)}").contains("expected an int without leading zeros"))
        #expect(message("('descr', '<f8')") == "x.npy: not a valid .npy file: header is not a dict: ('descr', '<f8')")
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} {}").contains("expected end of the literal"))
        // Deep nesting is refused, not a stack overflow.
        let deep = String(repeating: "(", count: 4000)
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': \(deep)}").contains("nested deeper than 32 levels"))
        #expect(message("{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}" + String(repeating: " ", count: 10_000))
                .contains("numpy reads at most 10000"))
    }

    @Test func python2LongIntsAreReadInVersionsOneAndTwoOnly() throws {
        let h = "{'descr': '<f8', 'fortran_order': False, 'shape': (3L,)}"
        #expect(try decode(h).shape == [3])
        #expect(try decode(h, version: 2).shape == [3])
        #expect(message(h, version: 3).contains("header is not a Python literal"))
    }

    @Test func versionsAndTheirHeaderLengthsAreRead() throws {
        for version: UInt8 in [1, 2, 3] {
            #expect(try decode("{'descr':'<f8','fortran_order':False,'shape':(3,)}", version: version).values == [1, 2, 3])
        }
        #expect(message("{'descr':'<f8','fortran_order':False,'shape':(3,)}", version: 4).contains("unsupported format version 4.0"))
    }
}
