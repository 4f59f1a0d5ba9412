/// The values a stage declares (`StageKind.providedValues`), read from its entry: a flat JSON
/// object of numbers, strings and bools with exactly the declared keys. The report sees them as
/// `<stage>.<key>`.
import Foundation

public enum CommandValues {
    /// One declared value; a bool is kept as the text "true" or "false".
    private struct Flat: Decodable {
        var value: ReportValue
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { value = .text(b ? "true" : "false") }
            else if let i = try? c.decode(Int.self) { value = .integer(i) }
            else if let x = try? c.decode(Double.self) { value = .number(x) }
            else if let s = try? c.decode(String.self) { value = .text(s) }
            else { throw CommandError("expected a number, string or bool") }
        }
    }

    /// The values of `url`, checked against the declared `keys` (each present, no other).
    static func read(_ url: URL, keys: [String]) throws -> [String: ReportValue] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CommandError("the command declared values (\(keys.joined(separator: ", "))) but wrote no \(url.lastPathComponent) into {output}")
        }
        let raw: [String: Flat]
        do { raw = try JSONDecoder().decode([String: Flat].self, from: data) } catch {
            throw CommandError("\(url.lastPathComponent): expected a flat JSON object of numbers, strings and bools {\"key\": value, …} (\(error))")
        }
        let missing = keys.filter { raw[$0] == nil }, extra = raw.keys.filter { !keys.contains($0) }.sorted()
        if !missing.isEmpty || !extra.isEmpty {
            throw CommandError("\(url.lastPathComponent): "
                               + [missing.isEmpty ? nil : "declared key(s) missing: \(missing.joined(separator: ", "))",
                                  extra.isEmpty ? nil : "undeclared key(s): \(extra.joined(separator: ", ")) (add them to values = [...])"]
                .compactMap { $0 }.joined(separator: "; "))
        }
        return raw.mapValues(\.value)
    }

    /// Every declared value of the graph's tasks in `store`, as `<stage>.<key>`; tasks without an
    /// intact entry are skipped (their keys are then missing from the report).
    public static func collect(graph: TaskGraph, store: Store) throws -> ValueStore {
        var values = ValueStore()
        for node in graph.tasks {
            let keys = node.kind.providedValues(node.parameters)
            guard let file = node.kind.valuesFile, !keys.isEmpty, store.metadata(node.key) != nil else { continue }
            for (k, v) in try read(store.filesDirectory(node.key).appendingPathComponent(file), keys: keys) {
                values[node.id.stage + "." + k] = v
            }
        }
        return values
    }
}
