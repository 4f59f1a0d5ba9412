/// The argv of a `command` stage: each element is text with placeholders, checked when the
/// manifest loads and expanded when the task runs. No shell sees it.
///   {output}        the task's output directory (the entry's files)
///   {values}        the values JSON the report quotes ({output}/values.json)
///   {seed}          the task's seed
///   {file.NAME}     the repository file `files.NAME` (hashed into the cache key)
///   {input.NAME}    the output directory of input NAME's upstream task; an element naming an
///                   input of several tasks becomes one argument per task
///   {{ and }}       a literal brace
import Foundation

enum Placeholder: Hashable, CustomStringConvertible {
    case output, values, seed
    case file(String)
    case input(String)

    var description: String {
        switch self {
        case .output: return "{output}"
        case .values: return "{values}"
        case .seed: return "{seed}"
        case .file(let n): return "{file.\(n)}"
        case .input(let n): return "{input.\(n)}"
        }
    }

    static let known = "{output}, {values}, {seed}, {file.NAME}, {input.NAME}, and {{ or }} for a brace"
}

enum ArgumentPiece: Hashable {
    case text(String)
    case placeholder(Placeholder)
}

enum CommandArguments {
    /// The pieces of one argv element, or a message naming the bad placeholder.
    static func parse(_ element: String) -> Result<[ArgumentPiece], FieldMessage> {
        var pieces: [ArgumentPiece] = []
        var text = ""
        var i = element.startIndex
        while i < element.endIndex {
            let c = element[i], next = element.index(after: i)
            if (c == "{" || c == "}"), next < element.endIndex, element[next] == c {
                text.append(c)
                i = element.index(after: next)
                continue
            }
            if c == "}" { return .failure(FieldMessage("a lone '}' in \"\(element)\"; write }} for a brace")) }
            guard c == "{" else { text.append(c); i = next; continue }
            guard let close = element[next...].firstIndex(of: "}") else {
                return .failure(FieldMessage("unclosed '{' in \"\(element)\"; placeholders: \(Placeholder.known)"))
            }
            let name = String(element[next..<close])
            guard let p = placeholder(name) else {
                return .failure(FieldMessage("unknown placeholder {\(name)} in \"\(element)\"; placeholders: \(Placeholder.known)"))
            }
            if !text.isEmpty { pieces.append(.text(text)); text = "" }
            pieces.append(.placeholder(p))
            i = element.index(after: close)
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        return .success(pieces)
    }

    static func placeholder(_ name: String) -> Placeholder? {
        switch name {
        case "output": return .output
        case "values": return .values
        case "seed": return .seed
        default:
            for (prefix, make) in [("file.", Placeholder.file), ("input.", Placeholder.input)] where name.hasPrefix(prefix) {
                let n = String(name.dropFirst(prefix.count))
                return Manifest.isValidName(n) ? make(n) : nil
            }
            return nil
        }
    }

    /// Every placeholder of an argv (elements that do not parse are skipped: the schema check reports them).
    static func placeholders(_ argv: [String]) -> [Placeholder] {
        argv.flatMap { e -> [Placeholder] in
            guard case .success(let pieces) = parse(e) else { return [] }
            return pieces.compactMap { if case .placeholder(let p) = $0 { p } else { nil } }
        }
    }

    /// Expands one element; `inputs` gives each input's upstream directories. An element naming
    /// an input of n tasks yields n arguments (the manifest check allows one such input per element).
    static func expand(_ element: String, output: URL, seed: UInt64, files: [String: URL], inputs: [String: [URL]]) throws -> [String] {
        guard case .success(let pieces) = parse(element) else { throw CommandError("argv element \"\(element)\" does not parse") }
        let fanned = pieces.compactMap { piece -> String? in
            if case .placeholder(.input(let n)) = piece, (inputs[n]?.count ?? 0) != 1 { return n }
            return nil
        }
        let count = fanned.first.map { inputs[$0]?.count ?? 0 } ?? 1
        return (0..<count).map { k in
            pieces.map { piece -> String in
                switch piece {
                case .text(let t): return t
                case .placeholder(.output): return output.path
                case .placeholder(.values): return output.appendingPathComponent(CommandStage.valuesFile).path
                case .placeholder(.seed): return String(seed)
                case .placeholder(.file(let n)): return files[n]!.path
                case .placeholder(.input(let n)):
                    let dirs = inputs[n]!
                    return dirs[dirs.count == 1 ? 0 : k].path
                }
            }.joined()
        }
    }
}

/// A command task that could not run or did not write what it declared.
public struct CommandError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
