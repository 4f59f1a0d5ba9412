import Foundation

/// A file that cannot be written where asked, in plain words.
public struct FileProblem: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): \(reason)" }
}

/// Writes `data` to `url` via a temporary file in the same directory and a rename, so readers
/// see either the old file or the complete new one, never a half-written file.
/// Errors are `FileProblem`s in plain words.
public func writeAtomically(_ data: Data, to url: URL) throws {
    try FileProblem.checkWritableFile(url)
    try FileProblem.translatingErrors {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}

public func writeAtomically(_ text: String, to url: URL) throws {
    try writeAtomically(Data(text.utf8), to: url)
}

/// Why `url` cannot be read as a file ("no such file", "is a directory, not a file", …), or nil
/// when it is a readable regular file. Foundation's own errors for these cases are vague.
public func readProblem(_ url: URL) -> String? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return "no such file" }
    if isDirectory.boolValue { return "is a directory, not a file" }
    guard FileManager.default.isReadableFile(atPath: url.path) else { return "permission denied" }
    return nil
}
