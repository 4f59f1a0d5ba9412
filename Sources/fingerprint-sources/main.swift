// Build-time tool of the SourceFingerprints plugin: hashes the Swift sources of each module and
// writes them as a Swift file, so a cache entry can record which code computed it; with
// --commit, writes the commit the checkout is at, so the binary can name it (`repro --version`).
// Usage: fingerprint-sources OUTPUT MODULE=DIR [MODULE=DIR …]
//        fingerprint-sources --commit OUTPUT PACKAGE_ROOT
import Foundation
import GitHead

/// FNV-1a, 64 bit: a change detector, not a security measure (nothing here is adversarial).
func fnv1a64(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var h = seed
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    return h
}

/// Unchanged output keeps dependents built.
func writeIfChanged(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    if (try? String(contentsOf: url, encoding: .utf8)) != text { try text.write(to: url, atomically: true, encoding: .utf8) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--commit", arguments.count == 3 {
    let commit = GitHead.commit(root: URL(fileURLWithPath: arguments[2])) ?? "unknown"
    try writeIfChanged("""
    // Generated at build time by the SourceFingerprints plugin from the checkout's git files; do not edit.
    enum BuildCommit {
        /// The commit this binary was built from, or "unknown" outside a git checkout.
        static let hash = "\(commit)"
    }

    """, to: arguments[1])
    exit(0)
}
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: fingerprint-sources OUTPUT MODULE=DIR …\n".utf8))
    exit(2)
}
var lines: [String] = []
for spec in arguments.dropFirst() {
    let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { FileHandle.standardError.write(Data("bad argument \(spec)\n".utf8)); exit(2) }
    let dir = URL(fileURLWithPath: parts[1])
    let files = (FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? [])
        .filter { $0.hasSuffix(".swift") }.sorted()
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for f in files {  // path and content, so a rename counts as a change too
        h = fnv1a64(Array(f.utf8), seed: h)
        h = fnv1a64(try Data(contentsOf: dir.appendingPathComponent(f)), seed: h)
    }
    lines.append("        \"\(parts[0])\": \"\(String(h, radix: 16))\",")
}
try writeIfChanged("""
// Generated at build time by the SourceFingerprints plugin; do not edit.
public enum SourceFingerprints {
    /// Module name → hash of its Swift sources (paths and contents).
    public static let byModule: [String: String] = [
\(lines.joined(separator: "\n"))
    ]
}

""", to: output)
