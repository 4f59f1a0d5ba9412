/// Markdown → standalone HTML with pandoc, offline: MathML equations, table of contents,
/// heading anchors (pandoc's automatic identifiers), figure captions (implicit figures), and
/// images embedded (`--embed-resources`, or `--self-contained` before pandoc 2.19).
import Foundation

public enum Pandoc {
    /// Converts `markdown` to `html`; relative image paths resolve from the markdown's directory.
    public static func html(markdown: URL, output: URL, title: String, executable: String = "pandoc") throws {
        let embed = supportsEmbedResources(executable) ? "--embed-resources" : "--self-contained"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [executable, "--from", "markdown", "--to", "html5", "--standalone", embed, "--toc", "--mathml",
                       "--section-divs", "--metadata", "pagetitle=\(title)",
                       "--resource-path", markdown.deletingLastPathComponent().path,
                       "--output", output.path, markdown.path]
        p.currentDirectoryURL = markdown.deletingLastPathComponent()
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw StoreError("pandoc failed (\(p.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
    }

    /// pandoc ≥ 2.19 has `--embed-resources`.
    static func supportsEmbedResources(_ executable: String) -> Bool {
        guard let v = Provenance.run([executable, "--version"])?.split(separator: "\n").first?.split(separator: " ").last else { return false }
        let parts = v.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2 else { return false }
        return parts[0] > 2 || (parts[0] == 2 && parts[1] >= 19)
    }
}
