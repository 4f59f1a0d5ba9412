import Foundation
import Formats

/// Reading and writing the files that stages pass to each other: JSON for small structured
/// results, `.npy` for per-particle arrays. Every write is atomic.
enum Artifact {
    static func writeJSON<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        try writeAtomically(data, to: url)
    }

    static func readJSON<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(type, from: Data(contentsOf: url)) } catch {
            throw ReproductionError.badArtifact(path: url.path, reason: "\(error)")
        }
    }

    /// Refuses NaN and ±inf (`NpyArray.write`): a per-particle array handed on (and exported to
    /// users) must not carry a failed computation silently.
    static func writeNpy(_ array: NpyArray, to url: URL) throws {
        try array.write(to: url)
    }
}

public enum ReproductionError: Error, CustomStringConvertible {
    case badArtifact(path: String, reason: String)
    case invalid(String)

    public var description: String {
        switch self {
        case let .badArtifact(path, reason): "\(path): unreadable stage output: \(reason)"
        case let .invalid(message): message
        }
    }
}
