/// The four Slurm commands the executor uses, run as subprocesses, and the parsing of their
/// output. A command that fails (controller down, timeout) throws: the caller must never mistake
/// "squeue did not answer" for "the job has finished".
import Foundation
import Pipeline

/// Runs `sbatch`, `squeue`, `sacct` and `scancel`.
struct SlurmCommands: Sendable {
    /// Directory holding the commands; nil = PATH.
    var directory: String?

    /// Runs a tool with arguments; returns its exit status, stdout and stderr.
    func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        if let directory {
            p.executableURL = URL(fileURLWithPath: directory).appendingPathComponent(tool)
            p.arguments = arguments
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [tool] + arguments
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw SlurmError("cannot run \(tool): \(error)") }
        // Drain stderr on another thread so a chatty tool cannot block on a full pipe.
        let errBox = DataBox()
        let reader = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); errBox.done.signal() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errBox.done.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errBox.data, as: UTF8.self))
    }

    /// Submits a batch script; returns the job id (`sbatch --parsable` prints "id" or "id;cluster").
    func submit(script: String, arguments: [String]) throws -> String {
        let r = try run("sbatch", ["--parsable"] + arguments + [script])
        let id = r.out.split(separator: "\n").last.map { String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces) } ?? ""
        guard r.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SlurmError("sbatch failed (status \(r.status)): \(r.err.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return id
    }

    /// States of this user's queued array elements ("123_4" → "RUNNING").
    func queue() throws -> [String: String] {
        let r = try run("squeue", ["--noheader", "--array", "--me", "--format=%i|%T"])
        guard r.status == 0 else { throw SlurmError("squeue failed (status \(r.status)): \(r.err.trimmingCharacters(in: .whitespacesAndNewlines))") }
        return Self.parseStates(r.out).mapValues(\.state)
    }

    /// Final states from accounting ("123_4" → ("TIMEOUT", "0:15")); empty when accounting is off.
    func accounting(jobs: [String]) -> [String: (state: String, exit: String)] {
        guard !jobs.isEmpty, let r = try? run("sacct", ["--noheader", "--parsable2", "--allocations",
                                                       "--jobs=\(jobs.joined(separator: ","))", "--format=JobID,State,ExitCode"]),
              r.status == 0 else { return [:] }
        return Self.parseStates(r.out).mapValues { ($0.state, $0.exit) }
    }

    /// Cancels jobs or array elements.
    func cancel(_ ids: [String]) throws {
        guard !ids.isEmpty else { return }
        let r = try run("scancel", ids)
        guard r.status == 0 else { throw SlurmError("scancel failed (status \(r.status)): \(r.err.trimmingCharacters(in: .whitespacesAndNewlines))") }
    }

    /// Parses "id|STATE[|exit]" lines; "CANCELLED by 0" becomes "CANCELLED"; ranges of pending
    /// elements ("123_[4-6]") expand to one id each.
    static func parseStates(_ text: String) -> [String: (state: String, exit: String)] {
        var out: [String: (state: String, exit: String)] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count >= 2, !f[0].isEmpty else { continue }
            let state = String(f[1].split(separator: " ").first ?? "")
            let exit = f.count > 2 ? f[2] : ""
            for id in expand(f[0]) { out[id] = (state, exit) }
        }
        return out
    }

    /// "123_[0-2,5%4]" → 123_0, 123_1, 123_2, 123_5; anything else unchanged.
    static func expand(_ id: String) -> [String] {
        guard let open = id.firstIndex(of: "["), id.hasSuffix("]") else { return [id] }
        let base = id[..<open]
        let inner = id[id.index(after: open)..<id.index(before: id.endIndex)].split(separator: "%")[0]
        var out: [String] = []
        for part in inner.split(separator: ",") {
            let b = part.split(separator: "-").compactMap { Int($0) }
            if b.count == 2, b[0] <= b[1] { out += (b[0]...b[1]).map { "\(base)\($0)" } } else if b.count == 1 { out.append("\(base)\(b[0])") }
        }
        return out
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
