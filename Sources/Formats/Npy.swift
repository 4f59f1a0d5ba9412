import Foundation

/// A NumPy `.npy` array (format versions 1.0 to 3.0), the ecosystem's format for arrays:
/// `numpy.load` opens every file we write (C order, little-endian), and we read what numpy
/// writes for the simple numeric dtypes, in either byte order and either memory order.
public struct NpyArray: Equatable, Sendable {
    public enum DType: String, Sendable, CaseIterable {
        case float64 = "<f8", float32 = "<f4", int8 = "|i1", int16 = "<i2", int32 = "<i4", int64 = "<i8",
             uint8 = "|u1", uint16 = "<u2", uint32 = "<u4", uint64 = "<u8", bool = "|b1"
        var size: Int { Int(rawValue.last!.wholeNumberValue!) }
    }
    public var shape: [Int]
    public var dtype: DType
    /// Values widened to Double, exactly: reading refuses a 64-bit int beyond 2^53.
    public var values: [Double]

    public init(shape: [Int], dtype: DType = .float64, values: [Double]) {
        precondition(shape.reduce(1, *) == values.count, "npy: shape \(shape) does not hold \(values.count) values")
        self.shape = shape; self.dtype = dtype; self.values = values
    }
    public init(_ values: [Double]) { self.init(shape: [values.count], values: values) }
    public init(int32 values: [Int32]) { self.init(shape: [values.count], dtype: .int32, values: values.map(Double.init)) }
    /// A row-major matrix from rows of equal length.
    public init(rows: [[Double]]) {
        let cols = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == cols }, "npy: ragged rows")
        self.init(shape: [rows.count, cols], values: rows.flatMap { $0 })
    }

    public var rowCount: Int { shape.first ?? 1 }
    public var columnCount: Int { shape.count >= 2 ? shape[1] : 1 }
    /// Column `c` of a 1-D or 2-D array.
    public func column(_ c: Int) -> [Double] {
        let n = rowCount, m = columnCount
        return (0..<n).map { values[$0 * m + c] }
    }
}

public enum NpyError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    /// A header field numpy accepts but we do not, or one numpy refuses too.
    case field(path: String, name: String, value: String, allowed: String)
    /// Refused to write: value `index` (row-major) is NaN or ±inf and the caller did not allow it.
    case nonFinite(path: String, index: Int, value: Double, count: Int)
    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read .npy file: \(reason)"
        case let .malformed(path, reason): "\(path): not a valid .npy file: \(reason)"
        case let .field(path, name, value, allowed): "\(path): header field '\(name)' is \(value); allowed: \(allowed)"
        case let .nonFinite(path, index, value, count):
            "\(path): not written: \(count) value(s) are not finite (the first is \(value) at flat index \(index)); "
                + "the computation that produced them failed"
        }
    }
}

extension NpyArray {
    public func encoded() -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        // Magic (6) + version (2) + header length (2) + header, padded with spaces to 64 bytes, ending in \n.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let len = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(len & 0xFF), UInt8(len >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.reserveCapacity(data.count + values.count * dtype.size)
        func append<T: FixedWidthInteger>(_ convert: (Double) -> T) {
            for v in values { withUnsafeBytes(of: convert(v).littleEndian) { data.append(contentsOf: $0) } }
        }
        switch dtype {
        case .float64: append(\.bitPattern)
        case .float32: append { Float($0).bitPattern }
        case .int8: append { Int8($0) }
        case .int16: append { Int16($0) }
        case .int32: append { Int32($0) }
        case .int64: append { Int64($0) }
        case .uint8: append { UInt8($0) }
        case .uint16: append { UInt16($0) }
        case .uint32: append { UInt32($0) }
        case .uint64: append { UInt64($0) }
        case .bool: append { UInt8($0 != 0 ? 1 : 0) }
        }
        return data
    }

    /// Writes atomically (temporary file, then rename), so a reader never sees half an array.
    /// Refuses NaN and ±inf unless `allowNonFinite`: a user-facing array must not carry a failed
    /// computation downstream unannounced.
    public func write(to url: URL, allowNonFinite: Bool = false) throws {
        if !allowNonFinite { try requireFinite(path: url.path) }
        try writeAtomically(encoded(), to: url)
    }

    /// Throws `NpyError.nonFinite` naming `path` when a value is NaN or ±inf.
    public func requireFinite(path: String) throws {
        guard let first = values.firstIndex(where: { !$0.isFinite }) else { return }
        throw NpyError.nonFinite(path: path, index: first, value: values[first], count: values.lazy.filter { !$0.isFinite }.count)
    }

    public static func read(from url: URL) throws -> NpyArray {
        if let problem = readProblem(url) { throw NpyError.unreadable(path: url.path, reason: problem) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw NpyError.unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: url.path)
    }

    public static func decode(_ data: Data, path: String = "<data>") throws -> NpyArray {
        let bytes = [UInt8](data)
        func bad(_ r: String) -> NpyError { .malformed(path: path, reason: r) }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else { throw bad("missing \\x93NUMPY magic") }
        let major = bytes[6]
        guard 1...3 ~= major, bytes[7] == 0 else { throw bad("unsupported format version \(major).\(bytes[7]); numpy writes 1.0, 2.0 and 3.0") }
        let headerStart = major == 1 ? 10 : 12, headerLen: Int
        guard bytes.count >= headerStart else { throw bad("truncated header") }
        headerLen = (0..<(headerStart - 8)).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        guard bytes.count - headerStart >= headerLen,
              let text = String(bytes: bytes[headerStart..<headerStart + headerLen], encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw bad("truncated header")
        }
        let header = try NpyHeader(parsing: text, path: path, python2: major < 3)
        let dims = header.shape, dtype = header.dtype
        // Checked arithmetic: a forged shape must not overflow into a small (or trapping) size.
        var count = 1
        for d in dims {
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw bad("shape \(dims) holds more values than can be addressed (\(Int.max))") }
            count = p
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        let body = headerStart + headerLen
        guard !overflow, bytes.count - body >= byteCount else {
            throw bad("truncated data: header promises \(count) values of \(dtype.size) bytes, file holds \(bytes.count - body) bytes")
        }
        var values = try bytes.withUnsafeBufferPointer { raw in
            try NpyArray.values(UnsafeRawPointer(raw.baseAddress! + body), count: count, dtype: dtype, bigEndian: header.bigEndian, path: path)
        }
        if header.fortranOrder { values = rowMajor(fromColumnMajor: values, shape: dims) }
        return NpyArray(shape: dims, dtype: dtype, values: values)
    }

    /// `count` values of `dtype` at `p`, widened to Double.
    private static func values(_ p: UnsafeRawPointer, count: Int, dtype: DType, bigEndian: Bool, path: String) throws -> [Double] {
        func load<T: FixedWidthInteger>(_: T.Type, _ i: Int) -> T {
            let raw = p.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
            return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
        }
        func exact<T: FixedWidthInteger>(_: T.Type) throws -> [Double] {
            try (0..<count).map { i in
                let v = load(T.self, i)
                guard v.magnitude <= 1 << 53 else {
                    throw NpyError.malformed(path: path, reason: "value \(v) at flat index \(i) is beyond 2^53, where a Double cannot hold every int")
                }
                return Double(v)
            }
        }
        switch dtype {
        case .float64: return (0..<count).map { Double(bitPattern: load(UInt64.self, $0)) }
        case .float32: return (0..<count).map { Double(Float(bitPattern: load(UInt32.self, $0))) }
        case .int8: return (0..<count).map { Double(load(Int8.self, $0)) }
        case .int16: return (0..<count).map { Double(load(Int16.self, $0)) }
        case .int32: return (0..<count).map { Double(load(Int32.self, $0)) }
        case .int64: return try exact(Int64.self)
        case .uint8: return (0..<count).map { Double(load(UInt8.self, $0)) }
        case .uint16: return (0..<count).map { Double(load(UInt16.self, $0)) }
        case .uint32: return (0..<count).map { Double(load(UInt32.self, $0)) }
        case .uint64: return try exact(UInt64.self)
        case .bool: return (0..<count).map { load(UInt8.self, $0) != 0 ? 1 : 0 } // as numpy's astype(float)
        }
    }

    /// The same array in C order: the first index varies fastest in `values`.
    static func rowMajor(fromColumnMajor values: [Double], shape: [Int]) -> [Double] {
        guard shape.count > 1, !values.isEmpty else { return values }
        var strides = [Int](repeating: 1, count: shape.count) // of the row-major layout
        for k in stride(from: shape.count - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] }
        var out = values, index = [Int](repeating: 0, count: shape.count), c = 0
        for v in values {
            out[c] = v
            for k in 0..<shape.count { // next multi-index, first axis fastest
                index[k] += 1; c += strides[k]
                if index[k] < shape[k] { break }
                c -= strides[k] * shape[k]; index[k] = 0
            }
        }
        return out
    }
}
