/// The values a stage declares (`StageKind.providedValues`), read from its entry: a flat JSON
/// object of numbers, strings and bools with exactly the declared keys. The report sees them as
/// `<stage>.<key>` (`StageValues` in Report).
import Foundation

public enum CommandValues {
    /// One declared value.
    private struct Flat: Decodable {
        var value: ParameterValue
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { value = .bool(b) }
            else if let i = try? c.decode(Int.self) { value = .int(i) }
            else if let x = try? c.decode(Double.self) { value = .double(x) }
            else if let s = try? c.decode(String.self) { value = .string(s) }
            else { throw CommandError("expected a number, string or bool") }
        }
    }

    /// The values of `url`, checked against the declared `keys` (each present, no other).
    public static func read(_ url: URL, keys: [String]) throws -> [String: ParameterValue] {
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
}
