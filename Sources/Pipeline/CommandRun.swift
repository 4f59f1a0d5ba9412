/// Runs one `command` task: checks that its repository files still have the digests in its key,
/// expands the argv, runs the program in the output directory (stdout to a declared output or
/// the scratch directory, stderr to the scratch directory), stops it when the run is interrupted,
/// and checks that it exited 0 and wrote its declared outputs and values.
import Foundation

struct CommandRun {
    let context: TaskContext
    let directory: URL

    /// Lines and characters of stderr quoted in a failure.
    static let tailLines = 20, tailCharacters = 2000

    func run() throws {
        let p = context.parameters
        let files = (p["files"]?.tableValue ?? [:]).compactMapValues(\.stringValue)
        let digests = p[TaskGraph.fileDigestsField]?.tableValue ?? [:]
        var fileURLs: [String: URL] = [:]
        for (name, path) in files.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(path)
            let now = (try? Store.sha256(path: url.path)) ?? "unreadable"
            guard now == digests[name]?.stringValue else {
                throw CommandError("\(url.path) changed after the run was planned (its content is part of the cache key); run again")
            }
            fileURLs[name] = url
        }
        let output = context.outputDirectory
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let inputs = context.inputs.mapValues { $0.map(\.directory) }
        let argv = try p.list("argv").compactMap(\.stringValue).flatMap {
            try CommandArguments.expand($0, output: output, seed: context.seed, files: fileURLs, inputs: inputs)
        }
        let shown = argv.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        guard let program = argv[0].contains("/") ? URL(fileURLWithPath: argv[0]) : Self.executable(argv[0]) else {
            throw CommandError("program '\(argv[0])' not found on PATH")
        }
        let stdoutName = p.string("stdout")
        let stdoutURL = stdoutName.isEmpty ? context.scratchDirectory.appendingPathComponent("stdout.log") : output.appendingPathComponent(stdoutName)
        let stderrURL = context.scratchDirectory.appendingPathComponent("stderr.log")
        try FileManager.default.createDirectory(at: stdoutURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        for u in [stdoutURL, stderrURL] { FileManager.default.createFile(atPath: u.path, contents: nil) }
        let out = try FileHandle(forWritingTo: stdoutURL), err = try FileHandle(forWritingTo: stderrURL)
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = program
        process.arguments = Array(argv.dropFirst())
        process.currentDirectoryURL = output
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw CommandError("cannot start \(program.path): \(error.localizedDescription)") }
        while process.isRunning {
            if context.isCancelled {
                process.terminate()
                process.waitUntilExit()
                throw TaskCancelled()
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            throw CommandError("`\(shown)` \(how); its stderr ends:\n" + Self.tail(of: stderrURL))
        }
        let declared = p.list("outputs").compactMap(\.stringValue)
        let missing = declared.filter { !FileManager.default.fileExists(atPath: output.appendingPathComponent($0).path) }
        if !missing.isEmpty {
            throw CommandError("`\(shown)` exited 0 but did not write its declared output(s) \(missing.joined(separator: ", ")) into {output}")
        }
        let keys = p.list("values").compactMap(\.stringValue)
        if !keys.isEmpty { _ = try CommandValues.read(output.appendingPathComponent(CommandStage.valuesFile), keys: keys) }
    }

    /// The last lines of a log, or a note that it is empty.
    static func tail(of url: URL) -> String {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(tailLines + 1).joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if lines.isEmpty { return "(nothing on stderr)" }
        return lines.count > tailCharacters ? "…" + String(lines.suffix(tailCharacters)) : lines
    }

    /// `program` found in a directory of $PATH as an executable file.
    static func executable(_ program: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(program)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}
