/// Markdown → standalone HTML with pandoc, offline: MathML equations, table of contents,
/// heading anchors (pandoc's automatic identifiers), figure captions (implicit figures), the
/// report's stylesheet in the header, and images embedded (`--embed-resources`, or
/// `--self-contained` before pandoc 2.19). Pandoc writes a temporary file that is renamed onto
/// `output` only when it succeeded, so a kill or a failure never leaves a truncated page.
import Foundation
import Pipeline
#if canImport(Glibc)
import Glibc
#endif

public enum Pandoc {
    /// Converts `markdown` to `output`. Relative image paths resolve from `resourceDirectory`
    /// (the only resource path pandoc is given; callers check targets with `ResourceGuard`).
    /// `promoteTitle`: the document's single level-1 heading becomes the page title, so the
    /// table of contents does not repeat it.
    public static func html(markdown: URL, output: URL, title: String, resourceDirectory: URL? = nil,
                            headerInclude: URL? = nil, promoteTitle: Bool = false, executable: String = "pandoc") throws {
        let embed = supportsEmbedResources(executable) ? "--embed-resources" : "--self-contained"
        let directory = resourceDirectory ?? markdown.deletingLastPathComponent()
        let partial = output.deletingLastPathComponent().appendingPathComponent("." + output.lastPathComponent + ".partial")
        try? FileManager.default.removeItem(at: partial)
        var args = [executable, "--from", "markdown", "--to", "html5", "--standalone", embed, "--toc", "--mathml",
                    "--section-divs", "--metadata", "pagetitle=\(title)", "--resource-path", directory.path]
        if let headerInclude { args += ["--include-in-header", headerInclude.path] }
        if promoteTitle { args += ["--shift-heading-level-by=-1"] }
        args += ["--output", partial.path, markdown.path]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.currentDirectoryURL = directory
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: partial)
            throw StoreError("pandoc failed (\(p.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? nil
        guard let size, size > 0 else {
            try? FileManager.default.removeItem(at: partial)
            throw StoreError("pandoc wrote no output for \(markdown.path); \(output.path) left unchanged")
        }
        try replace(output, with: partial)
    }

    /// Atomically moves `source` onto `target` (same directory, one rename(2)).
    static func replace(_ target: URL, with source: URL) throws {
        guard rename(source.path, target.path) == 0 else {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: source)
            throw StoreError("cannot rename \(source.path) to \(target.path): \(why)")
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
