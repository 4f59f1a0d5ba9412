/// Manifest errors: each names the file, the line (found by scanning the source) and the field.
/// Loading collects every error before throwing, so a user sees them all at once.
import Foundation

/// One problem in a manifest, printed as `file:line: field: message`.
public struct ManifestError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    /// Dotted path of the offending field, e.g. `stage.equilibrate.temperature`.
    public var field: String
    public var message: String

    public init(file: String, line: Int?, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(file):\(line.map(String.init) ?? "?"): \(field): \(message)"
    }
}

/// All problems found in one manifest; thrown by `Manifest.load`.
public struct ManifestErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ManifestError]
    public init(errors: [ManifestError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Collects errors while walking a manifest, locating each by its dotted path.
struct ErrorCollector {
    let file: String
    let map: SourceMap
    var errors: [ManifestError] = []

    /// Adds an error once: a base value read by several stages is one mistake, not several.
    mutating func add(_ path: [String], _ message: String) {
        let e = ManifestError(file: file, line: map.line(of: path), field: path.joined(separator: "."), message: message)
        if !errors.contains(e) { errors.append(e) }
    }
}
