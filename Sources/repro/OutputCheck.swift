import ArgumentParser
import Foundation
import Pipeline
import Reproduction

/// Every subcommand that writes checks all its output paths here, in validate(), before any
/// compute: a run of hours must not fail at its last write.
enum OutputCheck {
    /// Throws a plain ValidationError naming `option` and the path unless each file can be
    /// written and each directory created or written in.
    static func require(_ option: String, files: [URL] = [], directories: [URL] = []) throws {
        do {
            for d in directories { try FileProblem.checkWritableDirectory(d) }
            for f in files { try FileProblem.checkWritableFile(f) }
        } catch let p as FileProblem {
            throw ValidationError("\(option): cannot write \(p)")
        }
    }
}

/// A failure once the options parsed (e.g. R_N too large for this file's box): its message, and
/// exit 2 like any error a command does not give a status of its own (Repro.main).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Checks an option that sets a stage field as the manifest checks that field: the same limits,
/// the same words (`FieldSpec.check`).
func checkField(_ option: String, _ spec: FieldSpec, _ value: ParameterValue) throws {
    do { _ = try spec.check(value) } catch let issue as FieldIssue { throw ValidationError("\(option): \(issue.message)") }
}

extension FieldSpec {
    /// The stage's default of an int or double field, for an option's default.
    var intDefault: Int { defaultValue!.intValue! }
    var doubleDefault: Double { defaultValue!.doubleValue! }
}
