import Foundation
import Testing
@testable import Formats

/// Issue 27 §1: the dtypes, byte orders and memory orders numpy writes read back to the values
/// of the float64 C-order file. Each file is written byte by byte from a known matrix.
@Suite struct NpyDTypeTests {
    /// 2 × 3, row-major; exact in every dtype below (the unsigned ones take |m|).
    static let matrix: [[Double]] = [[1, -2, 3], [0, 5, -6]]

    /// The matrix's elements in C (row-major) or Fortran (column-major) order.
    static func elements(fortran: Bool, _ transform: (Double) -> Double = { $0 }) -> [Double] {
        fortran ? (0..<3).flatMap { c in matrix.map { transform($0[c]) } } : matrix.flatMap { $0.map(transform) }
    }

    static func file(_ descr: String, fortran: Bool = false, _ bytes: (Double) -> [UInt8]) -> Data {
        RawNpy.file(header: RawNpy.header(descr: descr, fortran: fortran, shape: "(2, 3)"),
                    payload: elements(fortran: fortran).flatMap(bytes))
    }

    static let reference = file("<f8") { RawNpy.bytes($0.bitPattern, bigEndian: false) }

    @Test func referenceIsTheMatrix() throws {
        let a = try NpyArray.decode(Self.reference)
        #expect(a.shape == [2, 3] && a.dtype == .float64 && a.values == Self.matrix.flatMap { $0 })
    }

    @Test func floatsInEitherByteOrderAndEitherMemoryOrderReadAsTheReference() throws {
        let reference = try NpyArray.decode(Self.reference).values
        for fortran in [false, true] {
            for big in [false, true] {
                let order = big ? ">" : "<"
                let f8 = try NpyArray.decode(Self.file(order + "f8", fortran: fortran) { RawNpy.bytes($0.bitPattern, bigEndian: big) })
                let f4 = try NpyArray.decode(Self.file(order + "f4", fortran: fortran) { RawNpy.bytes(Float($0).bitPattern, bigEndian: big) })
                #expect(f8.shape == [2, 3] && f8.values == reference, "\(order)f8 fortran \(fortran)")
                #expect(f4.shape == [2, 3] && f4.dtype == .float32 && f4.values == reference, "\(order)f4 fortran \(fortran)")
            }
        }
    }

    @Test func float32WidensExactly() throws {
        let tenth = Float(0.1)
        let a = try NpyArray.decode(RawNpy.file(header: RawNpy.header(descr: "<f4", shape: "(1,)"),
                                                payload: RawNpy.bytes(tenth.bitPattern, bigEndian: false)))
        #expect(a.values == [0.100000001490116119384765625] && a.values[0] == Double(tenth))
    }

    @Test func integersInEveryWidthAndByteOrderReadAsTheReference() throws {
        let reference = try NpyArray.decode(Self.reference).values
        func check<T: FixedWidthInteger>(_ kind: String, _: T.Type, _ expected: [Double], transform: @escaping (Double) -> Double = { $0 }) throws {
            let size = MemoryLayout<T>.size
            for fortran in [false, true] {
                for order in size == 1 ? ["|", "<", ">"] : ["<", ">"] {
                    let data = RawNpy.file(header: RawNpy.header(descr: "\(order)\(kind)\(size)", fortran: fortran, shape: "(2, 3)"),
                                           payload: Self.elements(fortran: fortran, transform).flatMap { RawNpy.bytes(T($0), bigEndian: order == ">") })
                    let a = try NpyArray.decode(data)
                    #expect(a.shape == [2, 3] && a.values == expected, "\(order)\(kind)\(size) fortran \(fortran)")
                }
            }
        }
        try check("i", Int8.self, reference); try check("i", Int16.self, reference)
        try check("i", Int32.self, reference); try check("i", Int64.self, reference)
        let magnitudes = reference.map(abs)
        try check("u", UInt8.self, magnitudes, transform: abs); try check("u", UInt16.self, magnitudes, transform: abs)
        try check("u", UInt32.self, magnitudes, transform: abs); try check("u", UInt64.self, magnitudes, transform: abs)
        try check("b", UInt8.self, reference.map { $0 != 0 ? 1 : 0 }, transform: { $0 != 0 ? 1 : 0 })
    }

    @Test func boolBytesOtherThanOneAreTrueAsInNumpy() throws {
        let a = try NpyArray.decode(RawNpy.file(header: RawNpy.header(descr: "|b1", shape: "(3,)"), payload: [2, 0, 1]))
        #expect(a.values == [1, 0, 1] && a.dtype == .bool)
    }

    @Test func fortranOrderOfAThreeDimensionalArray() throws {
        // a[i][j][k] = 100 i + 10 j + k, shape (2, 3, 4); in Fortran order i varies fastest.
        var columnMajor: [Double] = []
        for k in 0..<4 { for j in 0..<3 { for i in 0..<2 { columnMajor.append(Double(100 * i + 10 * j + k)) } } }
        let a = try NpyArray.decode(RawNpy.file(header: RawNpy.header(descr: "<f8", fortran: true, shape: "(2, 3, 4)"),
                                                payload: columnMajor.flatMap { RawNpy.bytes($0.bitPattern, bigEndian: false) }))
        var rowMajor: [Double] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { rowMajor.append(Double(100 * i + 10 * j + k)) } } }
        #expect(a.shape == [2, 3, 4] && a.values == rowMajor)
    }

    @Test func sixtyFourBitIntsBeyondTwoToThe53AreRefused() throws {
        let ok = try NpyArray.decode(RawNpy.file(header: RawNpy.header(descr: "<i8", shape: "(2,)"),
                                                 payload: RawNpy.bytes(Int64(1) << 53, bigEndian: false) + RawNpy.bytes(-(Int64(1) << 53), bigEndian: false)))
        #expect(ok.values == [9007199254740992, -9007199254740992])
        let big = RawNpy.file(header: RawNpy.header(descr: ">u8", shape: "(2,)"),
                              payload: RawNpy.bytes(UInt64(1), bigEndian: true) + RawNpy.bytes((UInt64(1) << 53) + 1, bigEndian: true))
        #expect { try NpyArray.decode(big, path: "big.npy") } throws: { e in
            "\(e)" == "big.npy: not a valid .npy file: value 9007199254740993 at flat index 1 is beyond 2^53, where a Double cannot hold every int"
        }
    }

    @Test func everyDTypeRoundTripsThroughTheEncoder() throws {
        for dtype in NpyArray.DType.allCases {
            let values: [Double] = dtype == .bool ? [1, 0, 1, 1] : [1, 0, 3, 7]
            let a = NpyArray(shape: [2, 2], dtype: dtype, values: values)
            #expect(try NpyArray.decode(a.encoded()) == a, "\(dtype)")
        }
    }
}
