import Foundation

/// Little-endian writer for checkpoint files: fixed-width words only, so the layout is exact.
public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func write(_ v: Int) { write(UInt64(bitPattern: Int64(v))) }
    public mutating func write(_ v: Double) { write(v.bitPattern) }
    public mutating func write(_ values: [Double]) { write(values.count); for v in values { write(v) } }
    public mutating func write(bytes b: [UInt8]) { write(b.count); bytes.append(contentsOf: b) }
}

/// Reader matching `BinaryWriter`; every read is bounds-checked and throws on truncation.
public struct BinaryReader {
    let bytes: [UInt8]
    public private(set) var offset = 0
    let path: String
    public init(_ bytes: [UInt8], path: String) { self.bytes = bytes; self.path = path }

    public mutating func readUInt64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw MonteCarloError.corruptCheckpoint(path: path, reason: "truncated at byte \(offset)") }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return v
    }
    public mutating func readInt() throws -> Int { Int(Int64(bitPattern: try readUInt64())) }
    public mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }
    public mutating func readCount(max: Int) throws -> Int {
        let n = try readInt()
        guard n >= 0, n <= max else { throw MonteCarloError.corruptCheckpoint(path: path, reason: "implausible length \(n) at byte \(offset - 8)") }
        return n
    }
    public mutating func readDoubles() throws -> [Double] {
        let n = try readCount(max: (bytes.count - offset) / 8)
        return try (0..<n).map { _ in try readDouble() }
    }
    public mutating func readBytes() throws -> [UInt8] {
        let n = try readCount(max: bytes.count - offset)
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }
}
