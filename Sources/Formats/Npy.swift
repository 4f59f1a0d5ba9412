import Foundation

/// A NumPy `.npy` array (format version 1.0, C order, little-endian), the ecosystem's format
/// for arrays: `numpy.load` opens every file we write.
public struct NpyArray: Equatable, Sendable {
    public enum DType: String, Sendable {
        case float64 = "<f8", int32 = "<i4", int64 = "<i8", uint8 = "|u1"
        var size: Int { switch self { case .float64, .int64: 8; case .int32: 4; case .uint8: 1 } }
    }
    public var shape: [Int]
    public var dtype: DType
    /// Values widened to Double (exact for every int32 and uint8, and int64 below 2^53).
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
    /// Refused to write: value `index` (row-major) is NaN or ±inf and the caller did not allow it.
    case nonFinite(path: String, index: Int, value: Double, count: Int)
    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read .npy file: \(reason)"
        case let .malformed(path, reason): "\(path): not a valid .npy file: \(reason)"
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
        switch dtype {
        case .float64: for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        case .int64: for v in values { withUnsafeBytes(of: Int64(v).littleEndian) { data.append(contentsOf: $0) } }
        case .int32: for v in values { withUnsafeBytes(of: Int32(v).littleEndian) { data.append(contentsOf: $0) } }
        case .uint8: for v in values { data.append(UInt8(v)) }
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
        let headerStart: Int, headerLen: Int
        switch major {
        case 1: headerLen = Int(bytes[8]) | Int(bytes[9]) << 8; headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw bad("truncated header") }
            headerLen = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }; headerStart = 12
        default: throw bad("unsupported format version \(major)")
        }
        guard bytes.count - headerStart >= headerLen, let header = String(bytes: bytes[headerStart..<headerStart + headerLen], encoding: .utf8) else {
            throw bad("truncated header")
        }
        guard let descr = field("descr", in: header), let dtype = DType(rawValue: descr.replacingOccurrences(of: "=", with: "<"))
                ?? (descr == "<u1" ? .uint8 : nil) else {
            throw bad("dtype must be one of <f8, <i4, <i8, |u1 (found \(field("descr", in: header) ?? "none"))")
        }
        if header.contains("'fortran_order': True") { throw bad("Fortran-ordered arrays are not supported; save with np.ascontiguousarray") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else { throw bad("no shape in header") }
        let shapeText = header[open.upperBound..<close]
        let dims = try shapeText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { s -> Int in
            guard let v = Int(s), v >= 0 else { throw bad("bad shape entry '\(s)'") }
            return v
        }
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
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { raw in
            let p = UnsafeRawPointer(raw.baseAddress! + body)
            for i in 0..<count {
                switch dtype {
                case .float64: values[i] = Double(bitPattern: UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                case .int64: values[i] = Double(Int64(littleEndian: p.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)))
                case .int32: values[i] = Double(Int32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                case .uint8: values[i] = Double(p.load(fromByteOffset: i, as: UInt8.self))
                }
            }
        }
        return NpyArray(shape: dims.isEmpty ? [] : dims, dtype: dtype, values: values)
    }

    private static func field(_ name: String, in header: String) -> String? {
        guard let r = header.range(of: "'\(name)': '") else { return nil }
        let rest = header[r.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }
}
