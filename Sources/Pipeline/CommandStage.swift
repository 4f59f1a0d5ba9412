/// The `command` stage kind: a program of the study's own (an argv, no shell unless the study
/// writes `sh -c`), with declared inputs (upstream tasks and repository files, the files hashed
/// into the cache key by content) and declared outputs, cached like any other task. It may write
/// a flat values JSON whose declared keys the report quotes as `<stage>.<key>`.
import Foundation

public enum CommandStage {
    public static let name = "command"
    /// Where `{values}` points, in the task's output directory.
    public static let valuesFile = "values.json"

    /// The kind, resolving `files` against `directory` (the study's, where its manifest is).
    public static func kind(directory: URL) -> StageKind {
        var k = StageKind(name, version: 1, fields: [
            FieldSpec("argv", .list(.string), help: "program and arguments, no shell; placeholders \(Placeholder.known)"),
            FieldSpec("outputs", .list(.string), default: .list([]), help: "files the command must write into {output}"),
            FieldSpec("values", .list(.string), default: .list([]), help: "keys of the flat JSON object the command writes to {values}"),
            FieldSpec("files", .table(.string), default: .table([:]), help: "repository files it reads, NAME = \"path\" relative to the manifest"),
            FieldSpec("stdout", .string, default: .string(""), help: "an output (or values.json) that receives the standard output"),
        ], checks: [{ check($0, directory: directory) }],
        exports: { c in
            let dir = c.taskID.index.map { "\(c.taskID.stage)/\($0)" } ?? c.taskID.stage
            let declared = Set(c.parameters.list("outputs").compactMap(\.stringValue) + (c.files.contains(valuesFile) ? [valuesFile] : []))
            return c.files.filter(declared.contains).map { ExportItem(file: $0, as: "\(dir)/\($0)") }
        },
        run: { try CommandRun(context: $0, directory: directory).run() })
        k.acceptsAnyInput = true
        k.valuesFile = valuesFile
        k.providedValues = { p in p.list("values").compactMap(\.stringValue) }
        k.fileDigests = { p in
            p["files"]?.tableValue?.mapValues { v in
                (try? Store.sha256(path: directory.appendingPathComponent(v.stringValue ?? "").path)) ?? "unreadable"
            } ?? [:]
        }
        return k
    }

    /// Registers the kind and its check of inputs against the argv.
    public static func register(in registry: inout StageRegistry, directory: URL) {
        registry.register(kind(directory: directory))
        registry.graphChecks.append(checkInputs)
    }

    /// A relative path of plain names (letters, digits, '.', '_', '-'), none of them "." or "..".
    static func isSafePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && parts.count <= 8 && parts.allSatisfy { p in
            p != "." && p != ".." && Manifest.isValidName(String(p).replacingOccurrences(of: ".", with: "_"))
        }
    }

    /// Why a name in `{input.NAME}` or `{file.NAME}` was refused.
    static func nameRule(_ what: String, placeholder: String) -> String {
        "\(what) name is [A-Za-z0-9_-]+ (letters, digits, '_' and '-'), as {\(placeholder).NAME} in argv names it"
    }

    static let pathRule = "a relative path of names made of letters, digits, '.', '_' and '-' (no '..')"

    /// Schema-level checks: argv, placeholders, outputs, values, files and stdout.
    static func check(_ p: Parameters, directory: URL) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let argv = p.list("argv").compactMap(\.stringValue), outputs = p.list("outputs").compactMap(\.stringValue)
        let values = p.list("values").compactMap(\.stringValue)
        let files = (p["files"]?.tableValue ?? [:]).compactMapValues(\.stringValue)
        if argv.first?.isEmpty ?? true { issues.append(FieldIssue(field: "argv", "expected a non-empty list whose first element names the program")) }
        for element in argv {
            switch CommandArguments.parse(element) {
            case .failure(let m): issues.append(FieldIssue(field: "argv", m.text))
            case .success(let pieces):
                for case .placeholder(let ph) in pieces {
                    if case .file(let n) = ph, files[n] == nil {
                        issues.append(FieldIssue(field: "argv", "\(ph) names no file; declared files: \(files.keys.sorted().joined(separator: ", "))"))
                    }
                    if ph == .values, values.isEmpty {
                        issues.append(FieldIssue(field: "argv", "{values} needs the keys the command writes there: values = [\"key\", …]"))
                    }
                }
            }
        }
        if let program = argv.first, !program.isEmpty, !program.contains("{"), !program.contains("/"), CommandRun.executable(program) == nil {
            issues.append(FieldIssue(field: "argv", "program '\(program)' not found on PATH"))
        }
        if outputs.isEmpty && values.isEmpty {
            issues.append(FieldIssue(field: "outputs", "declare what the command writes: outputs = [\"file\", …] (into {output}) and/or values = [\"key\", …] (into {values})"))
        }
        for o in outputs where !isSafePath(o) || o == valuesFile {
            issues.append(FieldIssue(field: "outputs", o == valuesFile ? "\(valuesFile) is the values file: declare its keys with values = [...]" : "'\(o)': expected \(pathRule)"))
        }
        if Set(outputs).count != outputs.count { issues.append(FieldIssue(field: "outputs", "an output is named twice")) }
        for v in values where v.isEmpty || v.hasPrefix(".") || v.hasSuffix(".") || !isSafePath(v) || v.contains("/") {
            issues.append(FieldIssue(field: "values", "'\(v)': a value key is letters, digits, '_', '-' and inner '.'"))
        }
        if Set(values).count != values.count { issues.append(FieldIssue(field: "values", "a key is named twice")) }
        for (name, path) in files.sorted(by: { $0.key < $1.key }) {
            if !Manifest.isValidName(name) { issues.append(FieldIssue(field: "files", "'\(name)': " + nameRule("a file", placeholder: "file"))); continue }
            guard isSafePath(path) else { issues.append(FieldIssue(field: "files", "\(name) = '\(path)': expected \(pathRule)")); continue }
            let url = directory.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            let inside = url.resolvingSymlinksInPath().path.hasPrefix(directory.resolvingSymlinksInPath().path + "/")
            if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) || isDirectory.boolValue || !inside {
                issues.append(FieldIssue(field: "files", "\(name) = '\(path)': no such file in \(directory.path)"))
            }
        }
        let stdout = p.string("stdout")
        if !stdout.isEmpty, !outputs.contains(stdout), !(stdout == valuesFile && !values.isEmpty) {
            issues.append(FieldIssue(field: "stdout", "'\(stdout)' is not a declared output; outputs: \(outputs.joined(separator: ", "))"))
        }
        return issues
    }

    /// Graph-level checks: every `{input.NAME}` is a declared input, an argv element fans out over
    /// at most one input, and values come from single-task stages (their keys name the stage).
    @Sendable static func checkInputs(_ stages: [StageDefinition]) -> [ManifestIssue] {
        let byName = Dictionary(uniqueKeysWithValues: stages.map { ($0.name, $0) })
        var issues: [ManifestIssue] = []
        for s in stages where s.kind == name {
            for element in s.parameters["argv"]?.listValue?.compactMap(\.stringValue) ?? [] {
                var fanned: Set<String> = []
                for case .input(let n) in CommandArguments.placeholders([element]) {
                    guard let ref = s.inputs[n] else {
                        issues.append(ManifestIssue(stage: s.name, field: "argv", "{input.\(n)} names no input; inputs: "
                                                    + "\(s.inputs.keys.sorted().joined(separator: ", ")) (declare inputs = { \(n) = \"stage\" })"))
                        continue
                    }
                    if let up = byName[ref.stage], TaskGraph.inputCount(ref, of: s, from: up) != 1 { fanned.insert(n) }
                }
                if fanned.count > 1 {
                    issues.append(ManifestIssue(stage: s.name, field: "argv", "\"\(element)\" names several inputs of many tasks "
                                                + "(\(fanned.sorted().joined(separator: ", "))); give each its own argument"))
                }
            }
            if s.fanOut.count != nil, !(s.parameters["values"]?.listValue ?? []).isEmpty {
                issues.append(ManifestIssue(stage: s.name, field: "values", "values need a stage of one task (the report quotes them as \(s.name).KEY); "
                                            + "gather the tasks' outputs in a downstream command stage"))
            }
        }
        return issues
    }
}
